"""The whole batch as data: :func:`batch` runs it and returns a :class:`BatchReport`.

Takes originals and copies (any inputs :func:`~articlediff.syndication.readers.documents`
reads) and settings; returns the records sorted by copy id, the originals that could not be
used, and the settings' signature. Nothing is written unless asked (:meth:`BatchReport.to_csv`,
:meth:`BatchReport.to_jsonl` with a path).
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..options import Options
from .blocking import Blocking, index_originals
from .checking import check_copies
from .records import RECORD_FIELDS, Tally, record_line, write_csv

__all__ = ["BatchReport", "batch"]


class BatchReport:
    """The outcome of :func:`batch`: one record per copy, sorted by copy id, and the problems met.

    A record is a dict with the keys of :data:`~articlediff.syndication.records.RECORD_FIELDS`:
    ``copy_id``; ``title``, the copy's headline when it has one (a web page's title, or a short
    first line); ``source_id``, the best source (None when no original matches); ``verdict``,
    ``reuse``, ``coverage``, ``verbatim_share`` and sentence ``counts`` (``verbatim``,
    ``paraphrase``, ``added``, ``dropped``) of the copy against it; ``copy_words``,
    ``source_words``; ``uncredited`` (the source credits an agency, the copy none) and
    ``copy_credits``; ``flags``, the copy's change flags against its source by kind
    (``{"quote_changed": 2, ...}``; None unless the per-pair reports are made, which compare the
    source in full); ``candidates`` compared in full; ``sources``, every original the copy is
    derived from, best first; and ``error`` (None, or why the copy could not be checked: then the
    other values are None).
    """

    def __init__(
        self, records: Iterable[dict[str, Any]], problems: Iterable[dict[str, Any]] = (), signature: str = ""
    ) -> None:
        self._records = sorted(records, key=lambda r: r["copy_id"])
        self.problems = list(problems)  #: originals that could not be used
        self.signature = signature  #: the comparison settings and blocking settings that produced the report
        self._tally = Tally(self._records)

    def __len__(self) -> int:
        return len(self._records)

    def __repr__(self) -> str:
        c = self.counts
        return (
            f"<BatchReport {c['copies']} copies: {c['matched']} matched, {c['unmatched']} no match, "
            f"{c['errors']} errors; {c['sources']} sources>"
        )

    def records(self) -> Iterator[dict[str, Any]]:
        """One record per copy, by copy id (see the class docstring for the keys)."""
        return iter(self._records)

    @property
    def counts(self) -> dict[str, int]:
        """Copies, how many matched an original, had no match or an error; sources used; problems."""
        return {**self._tally.counts, "problems": len(self.problems)}

    @property
    def errors(self) -> list[dict[str, Any]]:
        """Every document that could not be used: ``{"id", "role" ("original"/"copy"), "error"}``."""
        copies = [{"id": r["copy_id"], "role": "copy", "error": r["error"]} for r in self._records if r["error"]]
        return self.problems + copies

    def clusters(self) -> dict[str, list[str]]:
        """Story clusters: each original that was copied, with the ids of the copies derived from it.

        Sources by id; copies by id. A copy derived from several originals is in each of their clusters.
        """
        return self._tally.clusters()

    def to_jsonl(self, path: str | os.PathLike[str] | None = None) -> str | None:
        """Write the records as JSON Lines to ``path``, or return them as a string."""
        text = "".join(record_line(r) for r in self._records)
        if path is None:
            return text
        Path(path).write_text(text, encoding="utf-8")
        return None

    def to_csv(self, path: str | os.PathLike[str] | None = None) -> str | None:
        """Write the records as CSV to ``path``, or return them (``sources`` is a JSON list; None is empty)."""
        buf = io.StringIO()
        write_csv(self._records, buf)
        if path is None:
            return buf.getvalue()
        Path(path).write_text(buf.getvalue(), encoding="utf-8")
        return None

    def to_pandas(self) -> Any:
        """Return the records as a ``pandas.DataFrame`` (one row per copy, columns as ``RECORD_FIELDS``).

        Raises:
            ImportError: if pandas is not installed.
        """
        try:
            import pandas as pd
        except ImportError:
            raise ImportError("BatchReport.to_pandas() needs pandas: pip install pandas") from None
        return pd.DataFrame(self._records, columns=list(RECORD_FIELDS))


def batch(
    originals: object,
    copies: object,
    options: Options | str | None = None,
    *,
    blocking: Blocking | None = None,
    jobs: int = 1,
    dask: object = None,
    chunk_size: int = 25,
    id_field: str = "id",
    text_field: str = "text",
    progress: bool = False,
    **overrides: object,
) -> BatchReport:
    """Find, for each copy, the original it is derived from (if any), and how much it took.

    >>> report = batch([("wire-1", "Putin met Trump in Alaska. Talks lasted three hours.")],
    ...                [("site-a", "Talks lasted three hours, officials said. Putin met Trump in Alaska.")])
    >>> [(r["copy_id"], r["source_id"], r["verdict"]) for r in report.records()]
    [('site-a', 'wire-1', 'wholly_derived')]

    Originals are prepared and indexed once (MinHash LSH over shingles, see :class:`Blocking`);
    each copy is compared in full only with its few candidates, in this process, in a local
    process pool (``jobs``) or on a Dask cluster (``dask``). The report is the same whichever ran it.

    Args:
        originals, copies: a directory, a ``.jsonl`` file, a text file, a mapping of id to text
            or an iterable of ``(id, text)`` pairs (see :func:`~articlediff.syndication.readers.documents`).
        options, overrides: comparison settings, as for :func:`articlediff.compare`.
        blocking: candidate generation settings (:class:`Blocking`).
        jobs: processes of the local pool (1: in this process).
        dask: a Dask scheduler address or a ``distributed.Client`` (needs ``articlediff[dask]``).
        chunk_size: copies per task.
        id_field, text_field: field names of JSONL input.
        progress: show progress bars (tqdm) on stderr.

    Raises:
        InputError: if numpy is missing (``pip install 'articlediff[batch]'``), an input path
            does not exist, or the Dask scheduler cannot be reached.
    """
    index = index_originals(
        originals, options, blocking=blocking, id_field=id_field, text_field=text_field, progress=progress, **overrides
    )
    results = check_copies(
        index,
        copies,
        jobs=jobs,
        dask=dask,
        chunk_size=chunk_size,
        id_field=id_field,
        text_field=text_field,
        progress=progress,
    )
    return BatchReport((r.record for r in results), index.problems, index.signature)
