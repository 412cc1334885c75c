"""HWP twins of the HWPX probes: every ``tests/data/probe_specs/*.hwpx.md`` written as an HWP 5 file
(:mod:`tests.hwp_writer`) reads as its HWPX original does, page for page and line for line, and parses into the
same passages. unhwp (the reference reader, MIT) vouches for the twins: it finds every text of the spec in them.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from indexer.ingest.hwp import read_hwp
from indexer.ingest.hwpx import read_hwpx
from indexer.ingest.parsing import parse_file
from tests.hwp_writer import write_hwp
from tests.probe_files import blocks, unstyled, write_hwpx

SPECS = sorted((Path(__file__).resolve().parents[2] / "data" / "probe_specs").glob("*.hwpx.md"))


@pytest.fixture(scope="module")
def twins(tmp_path_factory) -> Path:
    pytest.importorskip("hwpx", reason="python-hwpx (dev extra) writes the HWPX originals")
    out = tmp_path_factory.mktemp("twins")
    for spec in SPECS:
        text = spec.read_text(encoding="utf-8")
        write_hwpx(text, out / spec.name.removesuffix(".md"))
        write_hwp(text, out / f"{spec.name.removesuffix('.hwpx.md')}.hwp")
    return out


def _pair(twins: Path, spec: Path) -> tuple[Path, Path]:
    name = spec.name.removesuffix(".hwpx.md")
    return twins / f"{name}.hwp", twins / f"{name}.hwpx"


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.name.removesuffix(".hwpx.md"))
def test_twin_reads_as_its_hwpx(twins: Path, spec: Path) -> None:
    hwp, hwpx = _pair(twins, spec)
    assert read_hwp(hwp.name, hwp.read_bytes()) == read_hwpx(hwpx.name, hwpx.read_bytes())


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.name.removesuffix(".hwpx.md"))
def test_twin_parses_as_its_hwpx(twins: Path, spec: Path) -> None:
    hwp, hwpx = _pair(twins, spec)
    a, b = parse_file(hwp), parse_file(hwpx)
    assert [dataclasses.astuple(p) for p in a.passages] == [dataclasses.astuple(p) for p in b.passages]
    assert (a.title, a.doc_type, a.date, a.issuer, a.pages) == (b.title, b.doc_type, b.date, b.issuer, b.pages)


def _norm(s: str) -> str:
    return re.sub(r"\W+", "", s)


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.name.removesuffix(".hwpx.md"))
def test_unhwp_finds_every_spec_text_in_the_twin(twins: Path, spec: Path) -> None:
    unhwp = pytest.importorskip("unhwp", reason="unhwp (dev extra) is the reference reader")
    hwp, _ = _pair(twins, spec)
    text = _norm(unhwp.extract_text(str(hwp)))
    pieces = []
    for kind, value in blocks(spec.read_text(encoding="utf-8")):
        if kind == "p":
            pieces.append(unstyled(value))  # type: ignore[arg-type]
        else:
            pieces += [part for row in value for cell in row if cell != "<" for part in cell.split("<br>")]
    assert [p for p in pieces if _norm(p) not in text] == []
