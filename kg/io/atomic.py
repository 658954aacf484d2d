"""Atomic file writing: a temporary name in the same folder, then a rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, cast

from kg.errors import ExportError

__all__ = ["atomic_open", "atomic_write"]


@contextlib.contextmanager
def atomic_open(path: str | Path, *, binary: bool = False) -> Iterator[IO[str] | IO[bytes]]:
    """Open a temporary file beside ``path``; on success rename it over ``path``.

    If the block raises (or the process dies), ``path`` keeps its previous content
    and the temporary file is removed where possible.

    Raises:
        ExportError: The folder cannot be created or the file cannot be written.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        msg = f"cannot write {str(target)!r}: {exc.strerror or exc}"
        raise ExportError(msg) from exc
    try:
        if binary:
            handle: IO[str] | IO[bytes] = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            msg = f"cannot write {str(target)!r}: {exc.strerror or exc}"
            raise ExportError(msg) from exc
        raise


def atomic_write(path: str | Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_open`)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_open(path, binary=True) as fh:
        cast("IO[bytes]", fh).write(payload)
