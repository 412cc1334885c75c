"""HWP/HWPX readers: time per file, and the same output as another checkout's readers.

``python -m benchmarks.readers`` times ``read_hwp``/``read_hwpx`` (best of ``--repeats``, ms
and ms per MB of file) on the real documents (``../shared/corpus/real``) and the checked-in
samples. ``--against DIR`` loads the readers of another checkout too (e.g. ``git worktree
add /tmp/wt-reader HEAD``): every file, the python-hwpx fixture of the tests (when
python-hwpx is installed) and the damaged variants the tests use must give the same pages
(or the same one-line reason) both ways, then both are timed, alternating in this process
so a shared machine's noise hits both alike. Exit code 1 if any output differs.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import importlib.util
import io
import os
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from .common import ROOT

__all__ = ["run"]

REAL = ROOT.parent / "shared" / "corpus" / "real"
SAMPLES = ROOT / "tests" / "data" / "hwp"


def _readers(root: Path) -> tuple:
    """``read_hwp`` and ``read_hwpx`` of the checkout at ``root``, imported apart from this one's."""
    saved = {k: sys.modules.pop(k) for k in [k for k in sys.modules if k == "indexer" or k.startswith("indexer.")]}
    sys.path.insert(0, str(root))
    try:
        hwp, hwpx = importlib.import_module("indexer.ingest.hwp"), importlib.import_module("indexer.ingest.hwpx")
        assert Path(hwp.__file__).is_relative_to(root), hwp.__file__
    finally:
        sys.path.remove(str(root))
        for k in [k for k in sys.modules if k == "indexer" or k.startswith("indexer.")]:
            del sys.modules[k]
        sys.modules.update(saved)
    return hwp.read_hwp, hwpx.read_hwpx


def _documents() -> dict[str, bytes]:
    """The real documents and the samples (the gzipped HWP unpacked), by name."""
    docs = {f.name: f.read_bytes() for f in sorted(REAL.glob("*.hwp*")) if f.suffix in (".hwp", ".hwpx")}
    for f in sorted(SAMPLES.iterdir()):
        if f.suffix == ".gz":
            docs[f"samples/{f.stem}"] = gzip.decompress(f.read_bytes())
        elif f.suffix in (".hwp", ".hwpx"):
            docs[f"samples/{f.name}"] = f.read_bytes()
    return docs


def _variants(docs: dict[str, bytes]) -> dict[str, bytes]:
    """The test suite's python-hwpx fixture and damaged files: truncated, noise, flags set, not HWPX."""
    out: dict[str, bytes] = {}
    if importlib.util.find_spec("hwpx") is not None:
        spec = importlib.util.spec_from_file_location("_t", ROOT / "tests" / "indexer" / "ingest" / "test_hwpx.py")
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        with tempfile.TemporaryDirectory() as tmp:
            out["python-hwpx fixture.hwpx"] = mod._build(Path(tmp)).read_bytes()
    for name, data in docs.items():
        for cut in (3072, len(data) // 2, len(data) - 100):
            out[f"{name}[:{cut}]"] = data[:cut]
    hwp = docs.get("samples/sample_notes.hwp")
    if hwp:
        off = hwp.find(b"HWP Document File")
        for bit in (0x02, 0x04):
            patched = bytearray(hwp)
            patched[off + 36] |= bit
            out[f"sample_notes.hwp flag {bit:#x}"] = bytes(patched)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    out["not-hwpx.zip"] = buf.getvalue()
    out["noise"] = os.urandom(4096)
    out["ole noise"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(2000)
    out["hwp3"] = b"HWP Document File V3.00 \x1a\x01\x02\x03\x04\x05" + bytes(100)
    return out


def _outcome(read, name: str, data: bytes):
    try:
        return read(name, data)
    except Exception as e:  # noqa: BLE001 — a reason (or a crash) is an outcome to compare
        return type(e).__name__, getattr(e, "reason", str(e))


def _reader(readers: tuple, data: bytes):
    return readers[1] if data.startswith(b"PK") else readers[0]


def run(against: Path | None, repeats: int) -> int:
    docs = _documents()
    ours = _readers(ROOT)
    theirs = _readers(against.resolve()) if against else None
    if theirs:
        cases = docs | _variants(docs)
        differ = [n for n, d in cases.items() if _outcome(_reader(ours, d), n, d) != _outcome(_reader(theirs, d), n, d)]
        print(f"{len(cases)} inputs read both ways: {len(cases) - len(differ)} same, {len(differ)} differ {differ}")
        if differ:
            return 1
    sides = [("new", ours)] + ([("old", theirs)] if theirs else [])
    for name, data in docs.items():
        best = {side: float("inf") for side, _ in sides}
        for _ in range(repeats):
            for side, readers in sides:
                t = time.perf_counter()
                _reader(readers, data)(name, data)
                best[side] = min(best[side], time.perf_counter() - t)
        mb = len(data) / 1e6
        cols = "  ".join(f"{s} {best[s] * 1e3:6.1f} ms {best[s] * 1e3 / mb:6.1f} ms/MB" for s, _ in reversed(sides))
        print(f"{name:42} {mb:5.2f} MB  {cols}")
    return 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--against", type=Path, help="another checkout whose readers must give the same output")
    ap.add_argument("--repeats", type=int, default=9)
    args = ap.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}")
    sys.exit(run(args.against, args.repeats))


if __name__ == "__main__":
    main()
