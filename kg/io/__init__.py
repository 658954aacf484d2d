"""Input readers: files, directories and standard input to :class:`~kg.types.Article`.

Example:
    >>> import io
    >>> from kg.io import read_articles
    >>> [article.text for article in read_articles(["-"], stdin=io.StringIO("Some news."))]
    ['Some news.']
"""

from __future__ import annotations

from kg.io.readers import READERS, Reader, read_articles, reader_for

__all__ = ["READERS", "Reader", "read_articles", "reader_for"]
