from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.io.atomic import atomic_open, atomic_write, plain_mode, umask


@pytest.fixture(params=[0o022, 0o077], ids=["umask022", "umask077"])
def mask(request: pytest.FixtureRequest) -> Iterator[int]:
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_umask_is_read_without_changing_it(mask: int) -> None:
    assert umask() == mask
    assert umask() == mask


def test_a_new_file_gets_the_mode_a_plain_open_gives(mask: int, tmp_path: Path) -> None:
    with (tmp_path / "plain.txt").open("w") as fh:
        fh.write("x")
    atomic_write(tmp_path / "atomic.txt", "x")
    with atomic_open(tmp_path / "streamed.jsonl") as fh:
        fh.write("x")  # type: ignore[arg-type]
    expected = {0o022: 0o644, 0o077: 0o600}[mask]
    assert _mode(tmp_path / "plain.txt") == expected
    assert _mode(tmp_path / "atomic.txt") == expected
    assert _mode(tmp_path / "streamed.jsonl") == expected


@pytest.mark.parametrize("existing", [0o640, 0o664, 0o600, 0o444])
def test_a_replaced_file_keeps_its_mode(mask: int, existing: int, tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, existing)
    atomic_write(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert _mode(target) == existing


def test_a_folder_gets_the_mode_mkdir_gives(mask: int, tmp_path: Path) -> None:
    (tmp_path / "made").mkdir()
    assert plain_mode(tmp_path / "new", folder=True) == _mode(tmp_path / "made")
