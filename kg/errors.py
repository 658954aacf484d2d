"""Errors raised by kg.

Every error raised on purpose by the library derives from :class:`KGError`, so a
caller (and the CLI) can catch exactly what kg means to raise::

    KGError
    ├── InputError (ValueError)   unreadable or malformed input: file, line, what is wrong
    ├── ModelError                spaCy pipeline missing or unsuitable: how to install it
    ├── OntologyError             unknown relation or category
    ├── ExportError               cannot write an output (or the build cache)
    │   └── BuildLockedError      another build holds the output folder (exit code 3)
    └── ExecutorError             unknown executor, cluster unreachable, a worker died

    CacheWarning (UserWarning)    an unreadable build cache was moved aside; the build goes on

Messages say what was expected, what was got (shown with ``!r``) and how to fix it.
"""

from __future__ import annotations

__all__ = [
    "BuildLockedError",
    "CacheWarning",
    "ExecutorError",
    "ExportError",
    "InputError",
    "KGError",
    "ModelError",
    "OntologyError",
]


class KGError(Exception):
    """Base class of every error kg raises on purpose.

    Attributes:
        exit_code: The exit code of the command line when this error stops it.
    """

    exit_code: int = 2


class InputError(KGError, ValueError):
    """Unreadable or malformed input.

    Args:
        message: What is wrong and how to fix it.
        path: The file the input came from, if any.
        line: The 1-based line (or record) number, if known.
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.reason = message
        where = path or ""
        if where and line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {message}" if where else message)


class ModelError(KGError):
    """The spaCy pipeline is missing or unsuitable."""


class OntologyError(KGError, KeyError):
    """An unknown relation or category was asked for."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class ExportError(KGError):
    """An output could not be written."""


class BuildLockedError(ExportError):
    """Another build holds the lock of an output folder or store, and waiting was refused."""

    exit_code = 3


class ExecutorError(KGError):
    """The executor cannot run: unknown name, unreachable cluster, a worker that died."""


class CacheWarning(UserWarning):
    """The build cache could not be read; it was moved aside and the build went on."""
