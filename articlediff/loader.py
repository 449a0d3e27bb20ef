"""Reading articles from files and bytes: decoding, and refusing what is not text.

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
from pathlib import Path

from .errors import InputError

__all__ = ["DEFAULT_MAX_BYTES", "decode", "load"]

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


def load(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read an article file and return its text (see :func:`decode` for how bytes become text).

    Raises:
        TypeError: if ``path`` is not a str or path-like.
        InputError: if the file is missing, unreadable, larger than ``max_bytes``, binary or not text.
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
    return decode(data, str(p))
