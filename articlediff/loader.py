"""Reading articles from files and bytes: decoding, web pages, and refusing what is not text.

:func:`load` reads a text file, or a saved web page (``.html``/``.htm``, or any file that starts
like HTML), whose article body, title, byline and date it extracts with trafilatura (the optional
extra ``articlediff[html]``). It returns an :class:`Article`: a ``str`` (the text offsets refer
to) that also carries ``title``, ``byline``, ``date`` and ``source``.

Decoding order: a byte-order mark (UTF-8, UTF-16, UTF-32) → strict UTF-8 → detection with
charset-normalizer, first limited to Western single-byte text (cp1252, which the unrestricted
detector often mistakes for cp1250) and then unrestricted. Data with NUL bytes and no UTF-16/32
mark, or that no decoder reads as text, is refused with an :class:`~articlediff.errors.InputError`
that names the input and says what to do.

>>> decode("Caf\\u00e9 \\u201cnews\\u201d".encode("utf-8"))
'Café “news”'
>>> decode("Caf\\u00e9 au lait, cr\\u00e8me br\\u00fbl\\u00e9e et na\\u00efvet\\u00e9.".encode("cp1252"))
'Café au lait, crème brûlée et naïveté.'
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from .errors import InputError

__all__ = ["DEFAULT_MAX_BYTES", "Article", "decode", "load", "parse_html"]

#: Files larger than this are refused by :func:`load` unless a larger ``max_bytes`` is given.
DEFAULT_MAX_BYTES = 10_000_000

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Control characters other than tab, newline, carriage return, form feed, vertical tab, escape.
_BINARY_BYTES = bytes(set(range(32)) - {9, 10, 11, 12, 13, 27})


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    # Text has few control characters; executables, images and archives have many.
    return bool(sample) and sum(sample.count(bytes([b])) for b in _BINARY_BYTES) > len(sample) // 100


def decode(data: bytes, name: str = "input") -> str:
    """Return ``data`` decoded as text; ``name`` is used in error messages.

    Raises:
        TypeError: if ``data`` is not bytes.
        InputError: if the data looks binary or cannot be decoded as text.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"decode() expects bytes, not {type(data).__name__}")
    data = bytes(data)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                raise InputError(
                    f"{name}: starts with a {codec.upper()} byte-order mark but is not valid {codec}"
                ) from None
    if _looks_binary(data):
        raise InputError(
            f"{name}: looks like a binary file (control or NUL bytes), not text; pass a text or HTML article"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    for isolation in (["utf_8", "cp1252"], None):
        best = from_bytes(data, cp_isolation=isolation).best()
        if best is not None:
            return str(best)
    raise InputError(
        f"{name}: is not UTF-8 and its encoding could not be recognised; re-save it as UTF-8 "
        f"(e.g. iconv -f <encoding> -t utf-8 {name} > fixed.txt)"
    )


class Article(str):
    """An article's text (a ``str``: pass it to :func:`articlediff.compare`) with what is known of it:
    ``headline`` (the page title; named so as not to hide ``str.title()``), ``byline``, ``date`` and
    ``source`` (the path it was read from).

    >>> a = Article("Putin met Trump.", headline="Summit", source="page.html")
    >>> a, a.headline, a.byline
    ('Putin met Trump.', 'Summit', None)
    """

    headline: str | None
    byline: str | None
    date: str | None
    source: str | None

    def __new__(
        cls,
        text: str,
        *,
        headline: str | None = None,
        byline: str | None = None,
        date: str | None = None,
        source: str | None = None,
    ) -> Article:
        self = super().__new__(cls, text)
        self.headline, self.byline, self.date, self.source = headline, byline, date, source
        return self

    def __reduce__(self) -> tuple[object, ...]:
        return _article, (str(self), self.headline, self.byline, self.date, self.source)


def _article(text: str, headline: str | None, byline: str | None, date: str | None, source: str | None) -> Article:
    return Article(text, headline=headline, byline=byline, date=date, source=source)


_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|article)\b", re.I | re.S)


def parse_html(page: str | bytes, source: str | None = None) -> Article:
    """Extract the article body, title, byline and date from a saved web page.

    Navigation, adverts, related links, newsletter boxes, comments and footers are left out. Nothing
    is fetched: links and scripts in the page are ignored.

    Raises:
        InputError: if trafilatura is not installed or finds no article text in the page.
    """
    name = source or "page"
    try:
        from trafilatura import bare_extraction
    except ImportError:
        raise InputError(
            f"{name}: is a web page; reading web pages needs trafilatura: pip install 'articlediff[html]'"
        ) from None
    if isinstance(page, bytes):
        page = decode(page, name)
    doc = bare_extraction(page, with_metadata=True, include_comments=False, include_tables=True)
    meta: dict[str, Any] = {} if doc is None else doc if isinstance(doc, dict) else doc.as_dict()
    text = meta.get("text") or ""
    if not text.strip():
        raise InputError(f"{name}: no article text found in this web page")
    return Article(text, headline=meta.get("title"), byline=meta.get("author"), date=meta.get("date"), source=source)


def load(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read an article file: plain text (see :func:`decode`) or a saved web page (see :func:`parse_html`).

    Raises:
        TypeError: if ``path`` is not a str or path-like.
        InputError: if the file is missing, unreadable, larger than ``max_bytes``, binary or not
            text, or a web page without article text.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"load() expects a file path, not {type(path).__name__}")
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"{p}: is {size:,} bytes, over the limit of {max_bytes:,}; "
                "pass a larger max_bytes (CLI: --max-bytes) if it really is one article"
            )
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{p}: no such file; check the path") from None
    except IsADirectoryError:
        raise InputError(f"{p}: is a directory, not an article file") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot be read ({exc.strerror or exc})") from None
    if p.suffix.lower() in (".html", ".htm", ".xhtml") or _HTML_START.match(data[:4096]):
        return parse_html(data, str(p))
    return Article(decode(data, str(p)), source=str(p))
