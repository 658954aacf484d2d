"""Atomic file writing: a temporary name in the same folder, then a rename.

The file that replaces ``path`` gets the permissions a plain ``open(path, "w")`` would
leave: those of the file it replaces, else ``0o666`` less the umask (a temporary file
alone would stay private, ``0o600``, whatever the umask).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO, cast

from kg.errors import ExportError

__all__ = ["atomic_open", "atomic_write", "check_writable_folder", "plain_mode", "umask"]

_UMASK_LOCK = threading.Lock()


def umask() -> int:
    """Return the process's umask without changing it (for long: Linux's /proc)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    with _UMASK_LOCK:  # elsewhere: set and restore, the only portable way to read it
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def plain_mode(path: str | Path, *, folder: bool = False) -> int:
    """Return the permissions a plain ``open()`` (or ``mkdir``) of ``path`` would give.

    Args:
        path: The file (or folder) about to be written or replaced.
        folder: ``path`` is a folder (``0o777`` less the umask when new).

    Example:
        >>> plain_mode("/no/such/file") == 0o666 & ~umask()
        True
    """
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return (0o777 if folder else 0o666) & ~umask()


def check_writable_folder(path: str | Path, *, what: str, parents: bool = True) -> None:
    """Check, before any work, that ``path`` is a folder kg can write or create.

    Args:
        path: The folder.
        what: What it is, for the message (``output folder``, ``--cache folder``).
        parents: Missing parents may be created too; else the parent must exist.

    Raises:
        ExportError: ``path`` is a file, is read-only, or cannot be created.
    """
    target = Path(path)
    if target.exists() and not target.is_dir():
        msg = f"the {what} {str(target)!r} is a file, not a folder; give a folder"
        raise ExportError(msg)
    existing = target
    while not existing.exists():
        if not parents and existing is not target:
            msg = (
                f"cannot create the {what} {str(target)!r}: its parent {str(existing)!r} "
                "does not exist; create it first or give another folder"
            )
            raise ExportError(msg)
        if existing.parent == existing:
            break
        existing = existing.parent
    if not existing.is_dir():
        msg = f"cannot create the {what} {str(target)!r}: {str(existing)!r} is not a folder"
        raise ExportError(msg)
    if not os.access(existing, os.W_OK | os.X_OK):
        verb = "write to" if existing == target else "create"
        msg = (
            f"cannot {verb} the {what} {str(target)!r}: {str(existing)!r} is read-only "
            "(permission denied); give a folder you can write to"
        )
        raise ExportError(msg)


@contextlib.contextmanager
def atomic_open(path: str | Path, *, binary: bool = False) -> Iterator[IO[str] | IO[bytes]]:
    """Open a temporary file beside ``path``; on success rename it over ``path``.

    If the block raises (or the process dies), ``path`` keeps its previous content
    and the temporary file is removed where possible. The new file gets the mode of the
    one it replaces, else the umask's (see :func:`plain_mode`).

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
            os.fchmod(handle.fileno(), plain_mode(target))
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
