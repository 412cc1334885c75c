"""Fixtures of the reader tests: the real documents (optional) and the checked-in HWP samples."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

#: Real government documents beside the repository (../shared/corpus/real); absent on most machines.
REAL = Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "real"
#: Small Apache-2.0 samples checked in with the tests (see tests/data/hwp/README.md).
HWP_DATA = Path(__file__).resolve().parents[2] / "data" / "hwp"


@pytest.fixture
def real() -> Path:
    if not REAL.is_dir():
        pytest.skip(f"real documents not available ({REAL} is absent)")
    return REAL


@pytest.fixture(scope="session")
def hwp_data(tmp_path_factory) -> Path:
    """The samples in a temporary folder, ``*.gz`` ones unpacked (the HWP is kept gzipped in git)."""
    out = tmp_path_factory.mktemp("hwp")
    for f in HWP_DATA.iterdir():
        if f.suffix == ".gz":
            (out / f.stem).write_bytes(gzip.decompress(f.read_bytes()))
        elif f.suffix in (".hwp", ".hwpx"):
            shutil.copy(f, out / f.name)
    return out
