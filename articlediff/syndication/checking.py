"""Checking copies: each copy against its candidate originals, one record (and report) per copy.

:func:`check_copies` takes an :class:`~articlediff.syndication.blocking.Index` and the copies
(any input :func:`~articlediff.syndication.readers.documents` reads) and yields one
:class:`Result` per copy as it is done: the copy's record (see
:mod:`articlediff.syndication.records`) and, when asked, its rendered report on its best source.
Work is spread by :func:`~articlediff.syndication.executors.map_chunks`. :func:`compare_many` is
the simple case: one original, many copies, no index.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import InputError, OptionsError
from ..model import Comparison
from ..normalize import plain_spans
from ..options import Options, resolve
from ..pipeline import compare_prepared
from ..prepared import Prepared, build, check_length, prepare
from .blocking import Index, words
from .executors import chunked, map_chunks
from .progress import bar
from .readers import Doc, documents
from .records import RECORD_FIELDS, error_record, title

__all__ = ["Result", "check_chunk", "check_copies", "compare_many", "report_name", "write_reports"]


def compare_many(
    original: str | Prepared, copies: Iterable[str], options: Options | str | None = None, **overrides: object
) -> Iterator[Comparison]:
    """Compare one original with each copy in turn, preparing the original only once.

    >>> [c.summary["verdict"] for c in compare_many("Putin met Trump. Talks lasted three hours.",
    ...                                             ["Talks lasted three hours.", "Oil prices fell."])]
    ['wholly_derived', 'not_derived']

    Args:
        original: the original text, or the :class:`~articlediff.prepared.Prepared` one.
        copies: the copies' texts; read lazily, one :class:`~articlediff.model.Comparison` each.
        options, overrides: as for :func:`articlediff.compare`.

    Raises:
        TypeError: if the original or a copy is not a ``str``.
        InputError: if a text is longer than the ``max_chars`` option.
    """
    opts = resolve(options, **overrides)
    left = original if isinstance(original, Prepared) else prepare(original, opts)
    for n, text in enumerate(copies):
        if not isinstance(text, str):
            raise TypeError(f"compare_many() copy #{n} must be str (the article text), not {type(text).__name__}")
        check_length(f"copies[{n}]", text, opts, "compare_many")
        yield compare_prepared(left, build(text), opts)


class Result(NamedTuple):
    """What checking one copy gives: its record and, when asked for, its rendered per-pair reports.

    ``reports`` maps a format (``"json"``, ``"html"``) to the report on the copy and its best
    source. With ``report_dir`` (see :func:`check_copies`) the reports are written there by
    whoever checked the copy; ``reports`` is then empty and ``written`` names the files.
    """

    record: dict[str, Any]
    reports: dict[str, str]
    written: tuple[str, ...] = ()


def report_name(doc_id: str) -> str:
    """The file name (without suffix) of a copy's per-pair reports: the id's safe characters and a
    hash, so that no two ids share a name."""
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", doc_id).strip("._-")[:80] or "doc"
    return f"{base}.{hashlib.sha1(doc_id.encode('utf-8', 'surrogatepass')).hexdigest()[:10]}"


def write_reports(result: Result, report_dir: str | os.PathLike[str] | None) -> Result:
    """Write a result's reports to ``report_dir`` as ``<report_name(copy id)>.<format>`` and keep only their names.

    Each file is written to a temporary name and renamed, so a reader (or a crash) never sees
    half a report. Without ``report_dir`` or reports, the result is returned as it is.

    Raises:
        InputError: naming the file, if it cannot be written.
    """
    if report_dir is None or not result.reports:
        return result
    name = report_name(result.record["copy_id"])
    files = []
    for ext, text in result.reports.items():
        path = Path(report_dir) / f"{name}.{ext}"
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            tmp.write_text(text, encoding="utf-8", newline="")
            os.replace(tmp, path)
        except OSError as exc:
            raise InputError(f"{path}: cannot be written ({exc.strerror or exc})") from None
        finally:
            tmp.unlink(missing_ok=True)
        files.append(f"{name}.{ext}")
    return Result(result.record, {}, tuple(files))


def check_chunk(index: Index, docs: list[Doc], reports: bool = False, report_dir: str | None = None) -> list[Result]:
    """Check a chunk of copies: the unit of work a pool process or a Dask worker runs."""
    return [write_reports(_check_one(index, doc, reports), report_dir) for doc in docs]


def _check_one(index: Index, doc: Doc, reports: bool) -> Result:
    if doc.text is None:
        return Result(error_record(doc.id, doc.error or "unreadable"), {})
    try:
        return _compare_copy(index, doc.id, doc.text, reports)
    except InputError as exc:
        return Result(error_record(doc.id, str(exc)), {})
    except Exception as exc:  # noqa: BLE001 - one bad copy must not stop the batch
        return Result(error_record(doc.id, f"{type(exc).__name__}: {exc}"), {})


def _compare_copy(index: Index, copy_id: str, text: str, reports: bool) -> Result:
    opts = index.options
    if len(text) > opts.max_chars:
        raise InputError(
            f"{copy_id}: {len(text):,} characters, over the limit of {opts.max_chars:,}; "
            f"pass max_chars={len(text)} (CLI: --set max_chars={len(text)}) if it really is one article"
        )
    keys = words(text)
    found = index.lookup(keys)
    if found is None:
        return Result(error_record(copy_id, f"{copy_id}: no words: empty article"), {})
    if found:
        offsets = plain_spans(text)  # to read each sentence's keys off the whole text's
        copy = build(text, (keys, offsets) if offsets is not None else None)
    else:
        copy = None
    scored = []
    full: tuple[int, Comparison] | None = None
    for rank, n in enumerate(found):
        assert copy is not None
        # The most similar candidate is nearly always the source: compare it in full at once if a
        # report is wanted (its change flags then go in the record too); the others only as far as
        # their summary. Without reports every comparison stays lean: about twice the throughput.
        want_details = reports and rank == 0
        cmp = compare_prepared(index.prepared[n], copy, opts, details=want_details)
        if want_details:
            full = (n, cmp)
        s = cmp.summary
        scored.append(((-s["reuse"], -s["coverage"], -s["verbatim_share"], index.ids[n]), n, s))
    scored.sort(key=lambda t: t[0])
    derived = [(n, s) for _, n, s in scored if s["verdict"] != "not_derived"]
    record: dict[str, Any] = dict.fromkeys(RECORD_FIELDS)
    record.update(
        copy_id=copy_id,
        title=title(text),
        verdict="not_derived",
        reuse=0.0,
        coverage=0.0,
        verbatim_share=0.0,
        verbatim=0,
        paraphrase=0,
        added=0,
        dropped=0,
        copy_words=len(keys),
        source_words=0,
        candidates=len(found),
        sources=[
            {"id": index.ids[n], "reuse": s["reuse"], "coverage": s["coverage"], "verdict": s["verdict"]}
            for n, s in derived
        ],
    )
    out: dict[str, str] = {}
    if derived:
        best, s = derived[0]
        record.update(
            source_id=index.ids[best],
            verdict=s["verdict"],
            reuse=s["reuse"],
            coverage=s["coverage"],
            verbatim_share=s["verbatim_share"],
            source_words=s["words"]["left"],
            uncredited=s["credits"]["uncredited"],
            copy_credits=s["credits"]["right"],
            **s["counts"],
        )
        if reports:
            assert copy is not None
            cmp = full[1] if full and full[0] == best else compare_prepared(index.prepared[best], copy, opts)
            record["flags"] = cmp.summary["flags"]
            out = {
                "json": cmp.to_json() + "\n",  # compact: json's C encoder only serves indent=None
                "html": cmp.to_html(title_left=index.ids[best], title_right=copy_id),
            }
    return Result(record, out)


def check_copies(
    index: Index,
    copies: object,
    *,
    jobs: int = 1,
    dask: object = None,
    chunk_size: int = 25,
    reports: bool = False,
    report_dir: str | os.PathLike[str] | None = None,
    skip: Iterable[str] = (),
    id_field: str = "id",
    text_field: str = "text",
    progress: bool = False,
) -> Iterator[Result]:
    """Check each copy against the indexed originals; yields one :class:`Result` per copy as it is done.

    Results come in the order they finish (:func:`~articlediff.syndication.report.batch` sorts
    them); nothing is held once yielded, so memory stays flat however many copies there are. A
    repeated copy id is recorded as ``id#2`` (an error, not compared), so every record's id is unique.

    Args:
        index: from :func:`~articlediff.syndication.blocking.index_originals`.
        copies: see :func:`~articlediff.syndication.readers.documents`.
        jobs: processes of the local pool (1: in this process).
        dask: a Dask scheduler address (``"tcp://host:8786"``) or a ``distributed.Client``; overrides ``jobs``.
        chunk_size: copies per task (a task costs about one comparison to schedule).
        reports: also render each copy's report on its best source (:attr:`Result.reports`).
        report_dir: a directory to write those reports to (see :func:`write_reports`), by the
            process that checked the copy (this one or a pool worker), so the reports never
            travel back to this process; with ``dask`` they still do (workers may not see this
            machine's files) and are written here. Each file is complete before its
            :class:`Result` is yielded.
        skip: ids of copies not to check (done in an earlier run).
        id_field, text_field: field names of JSONL input.
        progress: show a progress bar (tqdm) on stderr.
    """
    if not isinstance(jobs, int) or jobs < 1:
        raise OptionsError(f"jobs must be a positive integer, got {jobs!r}")
    if not isinstance(chunk_size, int) or chunk_size < 1:
        raise OptionsError(f"chunk_size must be a positive integer, got {chunk_size!r}")
    docs = documents(copies, id_field, text_field)
    done = set(skip)
    seen: dict[str, int] = {}

    def todo() -> Iterator[Doc]:
        for doc in docs:
            n = seen[doc.id] = seen.get(doc.id, 0) + 1
            if n > 1:  # keep every record's id unique, so a later duplicate cannot overwrite the first
                dup = f"{doc.id}#{n}"
                if dup not in done:
                    yield Doc(dup, None, f"duplicate copy id {doc.id!r}: not compared; give every copy its own id")
            elif doc.id not in done:
                yield doc

    where = None if report_dir is None else os.fspath(report_dir)
    # Dask workers may not see this machine's files: their reports come back and are written here.
    work = functools.partial(check_chunk, reports=reports, report_dir=None if dask is not None else where)
    # Keep the collector from rescanning the index for every copy (about 20% of the time); forked
    # pool workers inherit the frozen state. Left alone if the caller froze objects already.
    frozen = gc.get_freeze_count() == 0
    if frozen:
        gc.freeze()
    runs: Iterator[list[Result]] = iter(())
    progress_bar: Any = None
    try:
        runs = map_chunks(work, index, chunked(todo(), chunk_size), jobs=jobs, dask=dask)
        total = docs.total
        progress_bar = bar(progress, total, len(done) if total is not None else 0)
        for results in runs:
            progress_bar.update(len(results))
            if dask is not None and where is not None:
                results = [write_reports(r, where) for r in results]
            yield from results
    finally:
        if frozen:
            gc.unfreeze()
        if progress_bar is not None:
            progress_bar.close()
        close = getattr(runs, "close", None)
        if close:
            close()
