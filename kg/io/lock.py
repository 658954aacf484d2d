"""Build locks: one build at a time writes an output folder (or a store).

A lock is an advisory ``flock`` on a file: ``.kg-build.lock`` inside an output folder, and
``.NAME.kg-build.lock`` beside a store ``NAME`` (a store is replaced by renaming folders,
which would take a lock file inside it along). The kernel drops the lock when the process
holding it ends, however it ends, so a killed build never leaves a folder locked. The
holder writes its pid and start time into the file, so that a second build can say whom
it waits for.

Example:
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     with output_lock(Path(tmp) / "out"):
    ...         try:
    ...             with output_lock(Path(tmp) / "out", wait=False):
    ...                 pass
    ...         except BuildLockedError as exc:
    ...             print(str(exc).split(":")[0] == str(Path(tmp) / "out"))
    True
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kg.errors import BuildLockedError, ExportError

__all__ = ["LOCK_FILE", "BuildLock", "LockHolder", "lock_path", "output_lock", "read_holder"]

LOCK_FILE = ".kg-build.lock"
"""Name of the lock file inside an output folder."""

# How long to wait for a new holder to write who it is before saying "pid unknown".
_HOLDER_GRACE = 1.0


@dataclass(frozen=True, slots=True)
class LockHolder:
    """The build that holds a lock, as it wrote itself into the lock file.

    Attributes:
        pid: Its process id, if known.
        since: When it took the lock (local time), if known.
    """

    pid: int | None = None
    since: datetime | None = None

    def describe(self) -> str:
        """Return ``the build running since 14:02, pid 1234`` (the date too if not today).

        Example:
            >>> LockHolder(1234, datetime.now().replace(hour=14, minute=2)).describe()
            'the build running since 14:02, pid 1234'
        """
        if self.since is None:
            when = ""
        elif self.since.date() == datetime.now().date():
            when = f" since {self.since:%H:%M}"
        else:
            when = f" since {self.since:%Y-%m-%d %H:%M}"
        pid = f"pid {self.pid}" if self.pid is not None else "pid unknown"
        return f"the build running{when}, {pid}"


def lock_path(target: str | Path, *, store: bool = False) -> Path:
    """Return the lock file of an output folder, or of a store (beside it).

    Example:
        >>> lock_path("out").as_posix(), lock_path("out/store", store=True).as_posix()
        ('out/.kg-build.lock', 'out/.store.kg-build.lock')
    """
    p = Path(target)
    return p.parent / f".{p.name}{LOCK_FILE}" if store else p / LOCK_FILE


class BuildLock:
    """An exclusive advisory lock on one lock file, held until released or the process ends.

    Args:
        path: The lock file; it (and its folder) is created when missing and never removed
            (removing a lock file others may have opened would let two builds in at once).
        what: The folder or store the lock guards, named in messages.
    """

    def __init__(self, path: str | Path, *, what: str | Path) -> None:
        self.path = Path(path)
        self.what = str(what)
        self._fd: int | None = None

    def acquire(self, *, wait: bool = True, on_wait: Callable[[str], None] | None = None) -> None:
        """Take the lock; if another build holds it, wait for it (saying so) or raise.

        Args:
            wait: Wait until the holder is done; else raise at once.
            on_wait: Called once with ``waiting for the build running since 14:02, pid
                1234 …`` before waiting.

        Raises:
            BuildLockedError: Another build holds the lock and ``wait`` is false.
            ExportError: The lock file cannot be created.
        """
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        except OSError as exc:
            msg = f"cannot lock {self.what!r} for this build: {exc.strerror or exc}"
            raise ExportError(msg) from exc
        try:
            if not _try_lock(fd):
                holder = read_holder(self.path)
                if not wait:
                    msg = (
                        f"{self.what}: busy: {holder.describe()} writes it; "
                        "run again without --no-wait to wait for it"
                    )
                    raise BuildLockedError(msg)
                if on_wait is not None:
                    on_wait(f"waiting for {holder.describe()} (it writes {self.what})")
                fcntl.flock(fd, fcntl.LOCK_EX)
            stamp = {"pid": os.getpid(), "since": datetime.now().isoformat(timespec="seconds")}
            os.ftruncate(fd, 0)
            os.pwrite(fd, (json.dumps(stamp) + "\n").encode(), 0)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def release(self) -> None:
        """Let the lock go (closing the file releases it)."""
        if self._fd is not None:
            fd, self._fd = self._fd, None
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            os.close(fd)

    def __enter__(self) -> BuildLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            return False
        raise
    return True


def read_holder(path: str | Path) -> LockHolder:
    """Return who holds the lock file ``path``, as far as it says (waiting briefly for it)."""
    deadline = time.monotonic() + _HOLDER_GRACE
    while True:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            return LockHolder(int(data["pid"]), datetime.fromisoformat(data["since"]))
        except (OSError, ValueError, KeyError, TypeError):
            # A holder that has just taken the lock may not have written itself yet.
            if time.monotonic() >= deadline:
                return LockHolder()
            time.sleep(0.05)


@contextlib.contextmanager
def output_lock(
    out: str | Path | None = None,
    *,
    store: str | Path | None = None,
    wait: bool = True,
    on_wait: Callable[[str], None] | None = None,
) -> Iterator[None]:
    """Hold the locks of an output folder and a store for the duration of a build.

    Locks are taken in a fixed order (by lock file path), so two builds that want the
    same two never wait for each other crosswise.

    Args:
        out: The output folder (created if missing).
        store: A store folder (``kg build --store``).
        wait: Wait for another build holding either (see :meth:`BuildLock.acquire`).
        on_wait: Told once per lock that has to be waited for.

    Raises:
        BuildLockedError: Another build holds a lock and ``wait`` is false.
        ExportError: A lock file cannot be created.
    """
    wanted: dict[Path, str] = {}
    if out is not None:
        wanted[lock_path(out)] = str(out)
    if store is not None:
        wanted[lock_path(store, store=True)] = str(store)
    locks = [BuildLock(path, what=what) for path, what in sorted(wanted.items())]
    with contextlib.ExitStack() as held:
        for lock in locks:
            lock.acquire(wait=wait, on_wait=on_wait)
            held.callback(lock.release)
        yield
