"""No text lost: every text run unhwp extracts from the real documents is in our reading of them.

A run is one line or tab-separated piece of unhwp's text; it is found when it appears in ours
(letters and digits only), whole or in at most 3 pieces (a note unhwp inlines is on its own line in ours).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from indexer.ingest.reading import read_file
from indexer.ingest.textclean import clean_line

FILES = ["mois-digital-gov-innovation-plan-2019.hwp", "nikl-2022-work-plan.hwp", "sample_notes.hwp",
         "sample_notes.hwpx", "moef-press-odi-2024-annual.hwpx"]


def _norm(text: str) -> str:
    text = re.sub(r"\[\^e?\d+\]:?", "", text)  # our note markers
    return re.sub(r"\W", "", "".join(clean_line(x) for x in text.splitlines()))


def _pieces(run: str, ours: str) -> int:
    """How many pieces the run must be cut into so that each is in ours (0: some text is missing)."""
    pos, n = 0, 0
    while pos < len(run):
        lo, hi = 0, len(run) - pos  # longest prefix of run[pos:] found in ours (binary search)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            lo, hi = (mid, hi) if run[pos : pos + mid] in ours else (lo, mid - 1)
        if lo < min(3, len(run) - pos):
            return 0
        pos, n = pos + lo, n + 1
    return n


@pytest.mark.parametrize("name", FILES)
def test_unhwp_runs_all_present(real: Path, name: str) -> None:
    unhwp = pytest.importorskip("unhwp", reason="unhwp (dev extra) gives the reference text")
    path = real / name
    ours = _norm(read_file(path).text)
    runs = [r for r in (_norm(x) for x in re.split(r"[\t\n]", unhwp.extract_text(str(path)))) if len(r) >= 2]
    missing = [r for r in runs if not 0 < _pieces(r, ours) <= 3]
    assert runs and missing == []
