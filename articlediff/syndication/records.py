"""Per-copy records: their fields, how they are counted and clustered, and how they are written.

A record is a plain dict with the keys of :data:`RECORD_FIELDS` (see
:class:`~articlediff.syndication.report.BatchReport` for what each means). :class:`Tally` reads
records one at a time (so a journal of millions is never held) and gives the counts and the story
clusters: the one place either is computed, for :class:`BatchReport`, the index page and the CLI.
:func:`write_csv` and :func:`record_line` give the two file formats.

>>> t = Tally()
>>> t.add({"copy_id": "c1", "source_id": "w1", "error": None, "sources": [{"id": "w1"}]})
>>> t.add({"copy_id": "c2", "source_id": None, "error": "c2: empty article", "sources": []})
>>> t.counts, t.clusters()
({'copies': 2, 'matched': 1, 'unmatched': 0, 'errors': 1, 'sources': 1}, {'w1': ['c1']})
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import IO, Any

__all__ = ["RECORD_FIELDS", "Tally", "error_record", "record_line", "title", "write_csv"]

#: Keys of every record, in order (the columns of ``summary.csv``).
RECORD_FIELDS = (
    "copy_id",
    "title",
    "source_id",
    "verdict",
    "reuse",
    "coverage",
    "verbatim_share",
    "verbatim",
    "paraphrase",
    "added",
    "dropped",
    "copy_words",
    "source_words",
    "uncredited",
    "copy_credits",
    "flags",
    "candidates",
    "sources",
    "error",
)


def error_record(copy_id: str, error: str) -> dict[str, Any]:
    """The record of a copy that could not be checked: its id, no sources, the ``error``; the rest None."""
    record: dict[str, Any] = dict.fromkeys(RECORD_FIELDS)
    record.update(copy_id=copy_id, sources=[], error=error)
    return record


class Tally:
    """Counts and story clusters of records, added one at a time.

    A copy with an ``error`` counts as an error, else as matched when it has a ``source_id``, else
    as unmatched. A copy derived from several originals is in each of their clusters.
    """

    def __init__(self, records: Iterable[dict[str, Any]] = ()) -> None:
        self.copies = self.matched = self.errors = 0
        self._clusters: dict[str, list[str]] = {}
        self._sources: set[str] = set()
        for r in records:
            self.add(r)

    def add(self, record: dict[str, Any]) -> None:
        """Count one record and add its copy to the clusters of the originals it derives from."""
        self.copies += 1
        if record.get("error"):
            self.errors += 1
        elif record.get("source_id") is not None:
            self.matched += 1
            self._sources.add(record["source_id"])
        for s in record.get("sources") or ():
            self._clusters.setdefault(s["id"], []).append(record["copy_id"])

    @property
    def counts(self) -> dict[str, int]:
        """``copies``, ``matched`` (to an original), ``unmatched``, ``errors`` and ``sources`` (originals used)."""
        return {
            "copies": self.copies,
            "matched": self.matched,
            "unmatched": self.copies - self.matched - self.errors,
            "errors": self.errors,
            "sources": len(self._sources),
        }

    def clusters(self) -> dict[str, list[str]]:
        """Each original that was copied, by id, with the ids of its copies in the order they were added."""
        return {k: self._clusters[k] for k in sorted(self._clusters)}


def record_line(record: dict[str, Any]) -> str:
    """One record as a line of JSON Lines (``summary.jsonl``, the CLI's journal)."""
    return json.dumps(record, ensure_ascii=False) + "\n"


def write_csv(records: Iterable[dict[str, Any]], f: IO[str]) -> None:
    """Write records as CSV (header: :data:`RECORD_FIELDS`) to an open text file.

    ``sources`` is a JSON list of ids, ``copy_credits`` and ``flags`` are joined with ``"; "``;
    None is an empty cell.
    """
    import csv

    writer = csv.writer(f, lineterminator="\n")
    writer.writerow(RECORD_FIELDS)
    for r in records:
        row = []
        for key in RECORD_FIELDS:
            value = r.get(key)
            if key == "sources":
                value = json.dumps([s["id"] for s in value or ()], ensure_ascii=False)
            elif key == "copy_credits" and value is not None:
                value = "; ".join(value)
            elif key == "flags" and value is not None:
                value = "; ".join(f"{kind} {n}" for kind, n in value.items())
            row.append("" if value is None else value)
        writer.writerow(row)


_TITLE_MAX_WORDS = 15
_TITLE_MAX_CHARS = 200
_FIRST_LINE = re.compile(r"[^\s][^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]*")


def title(text: str) -> str | None:
    """A copy's headline: the page title of a web page read by :func:`articlediff.load`, else the
    first line when it reads like a headline (short, no sentence end), else None."""
    headline = getattr(text, "headline", None)
    if isinstance(headline, str) and headline.strip():
        return " ".join(headline.split())[:_TITLE_MAX_CHARS]
    first = _FIRST_LINE.search(text, 0, 10 * _TITLE_MAX_CHARS)
    if first is None:
        return None
    line = " ".join(first.group().split())
    short = len(line.split()) <= _TITLE_MAX_WORDS and len(line) <= _TITLE_MAX_CHARS
    return line if short and line[-1] not in ".?!:;\"'\u201d\u2019)\u2026," else None
