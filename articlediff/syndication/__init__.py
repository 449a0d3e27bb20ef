"""Syndication: many copies against many originals, and which original (if any) each copy is derived from.

:func:`compare_many` compares one original with many copies, preparing the original once.
:func:`batch` takes many originals and many copies: it indexes the originals with MinHash LSH over
shingles of consecutive content words (:mod:`.minhash`), so each copy is compared in full with the
few originals it shares enough wording with, not with all of them; the best source by ``reuse``
wins, and a copy whose best verdict is ``not_derived`` has no source. Work runs in this process,
in a local process pool (``jobs=N``) or on a Dask cluster (``dask=`` a scheduler address or a
``distributed.Client``), in chunks of copies, with the same results whichever ran it.

>>> report = batch([("wire-1", "Putin met Trump in Alaska. Talks lasted three hours.")],
...                [("site-a", "Talks lasted three hours, officials said. Putin met Trump in Alaska.")])
>>> [(r["copy_id"], r["source_id"], r["verdict"]) for r in report.records()]
[('site-a', 'wire-1', 'wholly_derived')]

The modules, in the order a batch runs through them:

- :mod:`.readers`: inputs (a directory, ``.jsonl``, a text file, a mapping, ``(id, text)`` pairs) → :class:`Doc`;
- :mod:`.minhash`: MinHash signatures and LSH band tables (datasketch's scheme, restated);
- :mod:`.blocking`: :class:`Blocking` settings, shingles, the :class:`Index` of originals;
- :mod:`.executors`: :func:`map_chunks`, one chunk function over this process, a pool or Dask;
- :mod:`.checking`: :func:`check_copies`, one :class:`Result` (record and reports) per copy;
- :mod:`.records`: the record's fields, counts and clusters (:class:`Tally`), CSV and JSONL;
- :mod:`.report`: :func:`batch` and its :class:`BatchReport`.

A document that cannot be read or compared is recorded with its ``error``; the rest go on.
Streaming, as the command line does::

    from articlediff.syndication import check_copies, index_originals
    index = index_originals("wire/")
    for result in check_copies(index, "crawl.jsonl", jobs=2):
        handle(result.record)
"""

from __future__ import annotations

from .blocking import Blocking, Index, index_originals
from .checking import Result, check_chunk, check_copies, compare_many, report_name, write_reports
from .executors import map_chunks
from .readers import Doc, Documents, documents, read_dir, read_jsonl
from .records import RECORD_FIELDS, Tally, record_line, write_csv
from .report import BatchReport, batch

__all__ = [
    "RECORD_FIELDS",
    "BatchReport",
    "Blocking",
    "Doc",
    "Documents",
    "Index",
    "Result",
    "Tally",
    "batch",
    "check_chunk",
    "check_copies",
    "compare_many",
    "documents",
    "index_originals",
    "map_chunks",
    "read_dir",
    "read_jsonl",
    "record_line",
    "report_name",
    "write_csv",
    "write_reports",
]
