"""Inputs of a batch: any supported source of articles turned into a stream of :class:`Doc`.

Takes a directory of ``.txt``/``.html``/``.htm`` files (the id is the path below the directory,
without the suffix), a JSONL file (``.jsonl``, ``.jsonl.gz``, ``.ndjson``) with an id and a text
field, one text file, a mapping of id to text, or an iterable of ``(id, text)`` pairs; returns
:class:`Documents`, an iterable of :class:`Doc` that knows its length when that is known without
reading. Files are read by :func:`articlediff.load`. A document that cannot be read becomes a
``Doc`` with its ``error`` instead of raising, so one bad file never stops a batch.

>>> [tuple(d) for d in documents({"a": "Talks lasted three hours.", "": "x"})]
[('a', 'Talks lasted three hours.', None), ("''", None, "an id must be a non-empty string or a number, not ''")]
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, NamedTuple

from ..errors import InputError
from ..loader import DEFAULT_MAX_BYTES, decode, load

__all__ = ["ARTICLE_SUFFIXES", "Doc", "Documents", "documents", "read_dir", "read_jsonl"]

#: File endings read from a directory: text files and the web pages :func:`articlediff.load` extracts.
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")


class Doc(NamedTuple):
    """One input document: its ``id`` and ``text``, or the ``error`` that kept it from being read."""

    id: str
    text: str | None
    error: str | None = None


class Documents:
    """Documents from one input, read lazily on each iteration, with their number (``total``) when
    it is known without reading them all (a progress bar shows it)."""

    def __init__(self, items: Callable[[], Iterator[Doc]], total: int | None, name: str) -> None:
        self._items, self.total, self.name = items, total, name

    def __iter__(self) -> Iterator[Doc]:
        return self._items()

    def __repr__(self) -> str:
        return f"<documents {self.name}: {self.total if self.total is not None else 'unknown number'}>"


def read_dir(
    path: str | os.PathLike[str], suffixes: Sequence[str] | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Documents:
    """The articles below a directory (recursively, in sorted order) as documents.

    ``suffixes`` are the file endings read (default :data:`ARTICLE_SUFFIXES`). A document's id is
    its path below ``path`` without the suffix (``politics/story-1``); the files are listed now and
    read while the documents are iterated; files that cannot be read become documents with an
    ``error`` (see :func:`articlediff.load`).

    Raises:
        InputError: if ``path`` is not a directory.
    """
    root = Path(path)
    if not root.is_dir():
        raise InputError(f"{root}: is not a directory")
    wanted = tuple(s.lower() for s in (suffixes or ARTICLE_SUFFIXES))
    try:
        files = sorted(p for p in root.rglob("*") if p.name.lower().endswith(wanted) and not p.is_dir())
    except OSError as exc:
        raise InputError(f"{root}: cannot be listed ({exc.strerror or exc})") from None

    def items() -> Iterator[Doc]:
        for p in files:
            rel = p.relative_to(root).as_posix()
            doc_id = next((rel[: -len(s)] for s in wanted if rel.lower().endswith(s)), rel)
            try:
                yield Doc(doc_id, load(p, max_bytes=max_bytes))
            except InputError as exc:
                yield Doc(doc_id, None, str(exc))

    return Documents(items, len(files), str(root))


def read_jsonl(path: str | os.PathLike[str], id_field: str = "id", text_field: str = "text") -> Documents:
    """The documents of a JSON Lines file (``.jsonl``, or gzip-compressed ``.jsonl.gz``), one object a line.

    Each object needs an ``id_field`` (a string or a number) and a ``text_field`` (a string). A line
    that is not such an object becomes a document with an ``error`` (its id is ``FILE:LINE`` when
    the line has none); blank lines are skipped.

    Raises:
        InputError: if the file does not exist.
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: no such file; check the path" if not p.exists() else f"{p}: is not a file")

    def items() -> Iterator[Doc]:
        opener: Callable[..., IO[bytes]] = gzip.open if p.name.lower().endswith(".gz") else open  # type: ignore[assignment]
        try:
            with opener(p, "rb") as f:
                for lineno, line in enumerate(f, 1):
                    if line.strip():
                        yield _jsonl_doc(line, f"{p}:{lineno}", id_field, text_field)
        except (OSError, EOFError) as exc:  # a truncated gzip stream, a read error
            yield Doc(f"{p}:read", None, f"{p}: cannot be read past this point ({exc})")

    return Documents(items, None, str(p))


def _jsonl_doc(line: bytes, where: str, id_field: str, text_field: str) -> Doc:
    try:
        obj = json.loads(line)
    except ValueError as exc:
        return Doc(where, None, f"{where}: not a JSON object ({exc})")
    if not isinstance(obj, dict):
        return Doc(where, None, f"{where}: not a JSON object but {type(obj).__name__}")
    doc_id = obj.get(id_field)
    if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)) or doc_id == "":
        return Doc(where, None, f"{where}: no {id_field!r} field (a string or number); pass the id field's name")
    text = obj.get(text_field)
    if not isinstance(text, str):
        got = "no such field" if text is None else type(text).__name__
        return Doc(str(doc_id), None, f"{where}: {text_field!r} must be a string ({got}); pass the text field's name")
    return Doc(str(doc_id), text)


def documents(source: object, id_field: str = "id", text_field: str = "text") -> Documents:
    """Turn any supported input into documents (see the module docstring for what is supported).

    A path to a directory is read with :func:`read_dir`, a ``.jsonl``/``.jsonl.gz`` file with
    :func:`read_jsonl`, any other file as one document. Iterables give ``(id, text)`` pairs whose
    text may be ``str`` or ``bytes`` (decoded as :func:`articlediff.decode` does); a
    :class:`Documents` is passed through.

    Raises:
        InputError: if a path does not exist.
        TypeError: if ``source`` is none of these.
    """
    if isinstance(source, Documents):
        return source
    if isinstance(source, (str, os.PathLike)):
        p = Path(source)
        if p.is_dir():
            return read_dir(p)
        if p.name.lower().endswith((".jsonl", ".jsonl.gz", ".ndjson")):
            return read_jsonl(p, id_field, text_field)
        if p.is_file():
            return Documents(lambda: iter([_file_doc(p)]), 1, str(p))
        raise InputError(f"{p}: no such file or directory; check the path")
    if isinstance(source, Mapping):
        return Documents(lambda: (_pair_doc(k, v) for k, v in source.items()), len(source), "mapping")
    if isinstance(source, Iterable) and not isinstance(source, (bytes, bytearray)):
        total = len(source) if isinstance(source, Sequence) else None
        return Documents(lambda: (_item_doc(item) for item in source), total, type(source).__name__)
    raise TypeError(
        f"expected a directory, a .jsonl file, a text file, a mapping of id to text or (id, text) pairs, "
        f"not {type(source).__name__}"
    )


def _file_doc(p: Path) -> Doc:
    try:
        return Doc(p.stem, load(p))
    except InputError as exc:
        return Doc(p.stem, None, str(exc))


def _item_doc(item: object) -> Doc:
    if isinstance(item, Doc):
        return item
    if not isinstance(item, (tuple, list)) or len(item) != 2:
        return Doc(repr(item)[:60], None, f"expected an (id, text) pair, not {type(item).__name__}")
    return _pair_doc(*item)


def _pair_doc(doc_id: object, text: object) -> Doc:
    if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)) or doc_id == "":
        return Doc(repr(doc_id)[:60], None, f"an id must be a non-empty string or a number, not {doc_id!r:.60}")
    doc_id = str(doc_id)
    if isinstance(text, (bytes, bytearray)):
        try:
            return Doc(doc_id, decode(bytes(text), doc_id))
        except InputError as exc:
            return Doc(doc_id, None, str(exc))
    if not isinstance(text, str):
        return Doc(doc_id, None, f"{doc_id}: the text must be str or bytes, not {type(text).__name__}")
    return Doc(doc_id, text)
