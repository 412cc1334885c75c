"""Generations a server holds survive ``prune``; the build lock can wait for another build."""

from __future__ import annotations

import os
import threading
import time

import pytest

from indexer.errors import PlansearchError
from indexer.generation import build_lock, lease_generation, prune


def _gens(index_dir, n):
    names = []
    for i in range(n):
        g = index_dir / f"gen-2024010{i}T000000-00000{i}"
        g.mkdir(parents=True)
        (g / "manifest.json").write_text("{}")
        os.utime(g, (1_700_000_000 + i, 1_700_000_000 + i))
        names.append(g.name)
    (index_dir / "CURRENT").write_text(names[-1] + "\n")
    return names


def test_prune_skips_a_leased_generation_until_it_is_released(tmp_path):
    old, mid, live = _gens(tmp_path, 3)
    lease = lease_generation(tmp_path / old)
    assert lease is not None
    prune(tmp_path, keep=1)
    assert (tmp_path / old).is_dir() and (tmp_path / live).is_dir() and not (tmp_path / mid).exists()
    assert os.stat(tmp_path / old).st_mtime == 1_700_000_000  # a lease does not make a generation look newer
    lease.close()
    prune(tmp_path, keep=1)
    assert not (tmp_path / old).exists() and (tmp_path / live).is_dir()
    assert not list((tmp_path / ".leases").iterdir())  # its lease file went with it


def test_a_lease_on_a_pruned_generation_keeps_nothing_alive_and_is_cleaned_up(tmp_path):
    (old, live) = _gens(tmp_path, 2)
    prune(tmp_path, keep=1)
    lease = lease_generation(tmp_path / old)  # gone: a lease file may be made, but the directory is not there
    assert not (tmp_path / old).is_dir()
    if lease is not None:
        lease.close()
    prune(tmp_path, keep=1)  # and the stray lease file is cleaned up
    assert not list((tmp_path / ".leases").glob("gen-*"))


def test_build_lock_fails_at_once_or_waits(tmp_path):
    held = threading.Event()
    release = threading.Event()

    def other_build():
        with build_lock(tmp_path):
            held.set()
            release.wait(10)

    t = threading.Thread(target=other_build)
    t.start()
    assert held.wait(10)
    with pytest.raises(PlansearchError, match="another build is running"):
        with build_lock(tmp_path):
            pass
    with pytest.raises(PlansearchError, match="another build is running"):
        with build_lock(tmp_path, wait=0.3):
            pass
    threading.Timer(0.3, release.set).start()
    t0 = time.monotonic()
    with build_lock(tmp_path, wait=float("inf")):
        assert time.monotonic() - t0 >= 0.2
    t.join()
