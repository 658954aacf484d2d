"""Errors raised by kg.

Every error raised on purpose by the library derives from :class:`KGError`, so a
caller (and the CLI) can catch exactly what kg means to raise::

    KGError
    ├── InputError (ValueError)   unreadable or malformed input: file, line, what is wrong
    ├── ModelError                spaCy pipeline missing or unsuitable: how to install it
    ├── OntologyError             unknown relation or category
    ├── ExportError               cannot write an output (or the build cache)
    └── ExecutorError             unknown executor, cluster unreachable, a worker died

Messages say what was expected, what was got (shown with ``!r``) and how to fix it.
"""

from __future__ import annotations

__all__ = [
    "ExecutorError",
    "ExportError",
    "InputError",
    "KGError",
    "ModelError",
    "OntologyError",
]


class KGError(Exception):
    """Base class of every error kg raises on purpose."""


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


class ExecutorError(KGError):
    """The executor cannot run: unknown name, unreachable cluster, a worker that died."""
