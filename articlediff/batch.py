"""Many copies against many originals: which original (if any) each copy is derived from.

:func:`compare_many` compares one original with many copies, preparing the original once.
:func:`batch` takes many originals and many copies: it indexes the originals with MinHash LSH over
shingles of consecutive content words (``datasketch``), so each copy is compared in full with the
few originals it shares enough wording with, not with all of them; the best source by ``reuse``
wins, and a copy whose best verdict is ``not_derived`` has no source. Work runs in this process,
in a local process pool (``jobs=N``) or on a Dask cluster (``dask=`` a scheduler address or a
``distributed.Client``), in chunks of copies, with the same results whichever ran it.

>>> report = batch([("wire-1", "Putin met Trump in Alaska. Talks lasted three hours.")],
...                [("site-a", "Talks lasted three hours, officials said. Putin met Trump in Alaska.")])
>>> [(r["copy_id"], r["source_id"], r["verdict"]) for r in report.records()]
[('site-a', 'wire-1', 'wholly_derived')]

Inputs (``originals`` and ``copies``) are a directory of ``.txt`` files (and web pages, once
:func:`articlediff.load` reads them; the id is the path below the directory, without the suffix),
a JSONL file (``.jsonl``, ``.jsonl.gz``) with ``id`` and ``text`` fields, one text file, a mapping
of id to text, or an iterable of ``(id, text)`` pairs. A document that cannot be read or compared
is recorded with its ``error``; the rest go on.

``articlediff.batch`` is the function: import this module's other names with
``from articlediff.batch import check_copies, index_originals``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import gzip
import hashlib
import json
import os
import re
import signal
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple

from .errors import InputError, OptionsError
from .loader import DEFAULT_MAX_BYTES, decode, load
from .model import Comparison
from .normalize import keys
from .options import Options, resolve
from .pipeline import compare_prepared
from .prepared import Prepared, build, check_length, prepare

if TYPE_CHECKING:
    from datasketch import LeanMinHash, MinHashLSH

__all__ = [
    "RECORD_FIELDS",
    "BatchReport",
    "Blocking",
    "Doc",
    "Index",
    "Result",
    "atomic_file",
    "batch",
    "check_copies",
    "compare_many",
    "documents",
    "index_chunks",
    "index_originals",
    "read_dir",
    "read_jsonl",
    "render_index",
    "report_name",
    "write_atomic",
    "write_csv",
]

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


# -- inputs -------------------------------------------------------------------------------------


class Doc(NamedTuple):
    """One input document: its ``id`` and ``text``, or the ``error`` that kept it from being read."""

    id: str
    text: str | None
    error: str | None = None


class _Docs:
    """Documents from one input, with their number when it is known without reading them all."""

    def __init__(self, items: Callable[[], Iterator[Doc]], total: int | None, name: str) -> None:
        self._items, self.total, self.name = items, total, name

    def __iter__(self) -> Iterator[Doc]:
        return self._items()

    def __repr__(self) -> str:
        return f"<documents {self.name}: {self.total if self.total is not None else 'unknown number'}>"


def _article_suffixes() -> tuple[str, ...]:
    """``.txt``, and ``.html``/``.htm`` when :func:`articlediff.load` reads web pages."""
    from . import loader

    return (".txt", ".html", ".htm") if hasattr(loader, "parse_html") else (".txt",)


def read_dir(
    path: str | os.PathLike[str], suffixes: Sequence[str] | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> _Docs:
    """The articles below a directory (recursively, in sorted order) as documents.

    ``suffixes`` are the file endings read: by default ``.txt``, and ``.html``/``.htm`` when
    :func:`articlediff.load` can extract articles from web pages. A document's id is its path below
    ``path`` without the suffix (``politics/story-1``); files that cannot be read become documents
    with an ``error`` (see :func:`articlediff.load`).

    Raises:
        InputError: if ``path`` is not a directory.
    """
    root = Path(path)
    if not root.is_dir():
        raise InputError(f"{root}: is not a directory")
    wanted = tuple(s.lower() for s in (suffixes or _article_suffixes()))
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

    return _Docs(items, len(files), str(root))


def read_jsonl(path: str | os.PathLike[str], id_field: str = "id", text_field: str = "text") -> _Docs:
    """The documents of a JSON Lines file (``.jsonl``, or gzip-compressed ``.jsonl.gz``), one object a line.

    Each object needs an ``id_field`` (a string or a number) and a ``text_field`` (a string). A line
    that is not such an object becomes a document with an ``error`` (its id is ``FILE:LINE`` when
    the line has none); blank lines are skipped.

    Raises:
        InputError: if the file cannot be opened.
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

    return _Docs(items, None, str(p))


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


def documents(source: object, id_field: str = "id", text_field: str = "text") -> Iterable[Doc]:
    """Turn any supported input into documents (see the module docstring for what is supported).

    A path to a directory is read with :func:`read_dir`, a ``.jsonl``/``.jsonl.gz`` file with
    :func:`read_jsonl`, any other file as one document. Iterables give ``(id, text)`` pairs whose
    text may be ``str`` or ``bytes`` (decoded as :func:`articlediff.decode` does).

    Raises:
        InputError: if a path does not exist.
        TypeError: if ``source`` is none of these.
    """
    if isinstance(source, (str, os.PathLike)):
        p = Path(source)
        if p.is_dir():
            return read_dir(p)
        if p.name.lower().endswith((".jsonl", ".jsonl.gz", ".ndjson")):
            return read_jsonl(p, id_field, text_field)
        if p.is_file():
            return _Docs(lambda: iter([_file_doc(p)]), 1, str(p))
        raise InputError(f"{p}: no such file or directory; check the path")
    if isinstance(source, Mapping):
        return _Docs(lambda: (_pair_doc(k, v) for k, v in source.items()), len(source), "mapping")
    if isinstance(source, Iterable) and not isinstance(source, (bytes, bytearray)):
        total = len(source) if isinstance(source, Sequence) else None
        return _Docs(lambda: (_item_doc(item) for item in source), total, type(source).__name__)
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


# -- blocking -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Blocking:
    """How candidate originals are found for each copy before the full comparison.

    Each text becomes the set of its *shingles*: runs of ``shingle`` consecutive content words
    (normalized word keys with stopwords removed). MinHash LSH proposes the originals whose shingle
    sets are likely to have a Jaccard similarity of ``threshold`` or more with the copy's; the
    ``max_candidates`` with the highest estimated similarity are compared in full.

    With the defaults datasketch builds 256 bands of 2 rows: a pair whose shingle sets have a
    Jaccard similarity of 0.2 is proposed with probability 0.99997, 0.1 with 0.92, 0.05 with 0.47,
    0.02 with 0.10 and 0.005 (unrelated news) with 0.006. OneStopEnglish's rewrites share 0.12 to
    0.8 (``benchmarks/bench_batch.py``); copies by other outlets that rewrite every sentence can
    share less (seeds 001 and 000: 0.106). The index takes about 66 KiB per original;
    ``num_perm=256, threshold=0.08`` (128 bands) halves that and proposes a pair at 0.1 with
    probability 0.72 instead.
    """

    #: Jaccard similarity of shingle sets the LSH index is tuned for (lower: more recall, more candidates).
    threshold: float = 0.06
    #: Permutations per MinHash (more: a sharper cut at the threshold, more memory per original).
    num_perm: int = 512
    #: Consecutive content words per shingle.
    shingle: int = 2
    #: Most candidates compared in full per copy, highest estimated similarity first.
    max_candidates: int = 5
    #: Seed of the MinHash permutations.
    seed: int = 1

    def __post_init__(self) -> None:
        if not isinstance(self.threshold, (int, float)) or not 0.0 < self.threshold < 1.0:
            raise OptionsError(
                f"blocking 'threshold' must be a number between 0 and 1 (exclusive), got {self.threshold!r}"
            )
        for name in ("num_perm", "shingle", "max_candidates"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise OptionsError(f"blocking {name!r} must be a positive integer, got {value!r}")
        if self.num_perm < 2:
            raise OptionsError(f"blocking 'num_perm' must be at least 2, got {self.num_perm}")

    @property
    def signature(self) -> str:
        return "|".join(f"{f.name}:{getattr(self, f.name)}" for f in dataclasses.fields(self))


def _require_datasketch() -> Any:
    try:
        import datasketch
    except ImportError:
        raise InputError("batch checking needs the datasketch package: pip install 'articlediff[batch]'") from None
    return datasketch


_PERMUTATIONS: dict[tuple[int, int], Any] = {}


def _minhash(shingles: set[str], blocking: Blocking) -> LeanMinHash:
    import zlib

    from datasketch import LeanMinHash, MinHash

    key = (blocking.num_perm, blocking.seed)
    perms = _PERMUTATIONS.get(key)
    if perms is None:  # generating the permutations costs more than hashing an article: once per process
        perms = _PERMUTATIONS[key] = MinHash(blocking.num_perm, seed=blocking.seed, scheme="affine32").permutations
    # CRC-32 hashes a shingle 8× faster than the default SHA-1; the affine32 scheme passes every hash
    # through murmur3's finalizer before permuting, so a fast checksum is enough here.
    m = MinHash(blocking.num_perm, seed=blocking.seed, permutations=perms, scheme="affine32", hashfunc=zlib.crc32)
    m.update_batch([s.encode("utf-8", "surrogatepass") for s in shingles])
    return LeanMinHash(m)


def _words(text: str) -> list[str]:
    """The normalized word keys of ``text``: all that blocking needs, so a copy without candidates
    is never segmented."""
    return keys(text, [(0, len(text))])[0] if text else []


def _shingles(words: list[str], size: int) -> set[str]:
    """Runs of ``size`` consecutive content words (word keys without stopwords); runs of all words
    when there are too few content words."""
    from .lexicon import stopwords

    stop = stopwords()
    content = [w for w in words if w not in stop]
    if len(content) < size:
        content = words
    if len(content) <= size:
        return {" ".join(content)} if content else set()
    return {" ".join(content[i : i + size]) for i in range(len(content) - size + 1)}


class Index:
    """The prepared originals and their LSH index: what every worker needs, built once and shipped once.

    Build it with :func:`index_originals`. ``problems`` lists the originals that could not be used.
    """

    def __init__(self, options: Options, blocking: Blocking) -> None:
        datasketch = _require_datasketch()
        self.options = options
        self.blocking = blocking
        self.ids: list[str] = []
        self.prepared: list[Prepared] = []
        self.minhashes: list[LeanMinHash] = []
        self.lsh: MinHashLSH = datasketch.MinHashLSH(threshold=blocking.threshold, num_perm=blocking.num_perm)
        self.problems: list[dict[str, Any]] = []
        self._digest = ""  # chained hash of the originals' ids and texts
        self._seen: set[str] = set()

    def __len__(self) -> int:
        return len(self.ids)

    def __repr__(self) -> str:
        return f"<Index of {len(self.ids)} originals, {len(self.problems)} problems>"

    def add(self, doc: Doc) -> None:
        if doc.text is None:
            self.problems.append({"id": doc.id, "role": "original", "error": doc.error})
            return
        if doc.id in self._seen:
            self.problems.append(
                {"id": doc.id, "role": "original", "error": f"duplicate original id {doc.id!r}: the first one is used"}
            )
            return
        try:
            prep = prepare(doc.text, self.options)
            shingles = _shingles(_words(doc.text), self.blocking.shingle)
            if not shingles:
                raise InputError(f"{doc.id}: no words: an empty article cannot be a source")
        except InputError as exc:
            self.problems.append({"id": doc.id, "role": "original", "error": str(exc)})
            return
        except Exception as exc:  # noqa: BLE001 - one bad original must not stop the batch
            self.problems.append({"id": doc.id, "role": "original", "error": f"{type(exc).__name__}: {exc}"})
            return
        self._seen.add(doc.id)
        n = len(self.ids)
        self.ids.append(doc.id)
        self.prepared.append(prep)
        mh = _minhash(shingles, self.blocking)
        self.minhashes.append(mh)
        self.lsh.insert(n, mh, check_duplication=False)
        entry = json.dumps([self._digest, doc.id, doc.text]).encode("utf-8", "surrogatepass")
        self._digest = hashlib.sha256(entry).hexdigest()

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_seen"] = set()  # only needed while adding originals
        return state

    @property
    def fingerprint(self) -> str:
        """A digest of the originals (ids and texts), the options and the blocking settings."""
        return hashlib.sha256(f"{self._digest}|{self.options.signature}|{self.blocking.signature}".encode()).hexdigest()

    def candidates(self, mh: LeanMinHash) -> list[int]:
        """Originals likely to share wording with a copy: highest estimated Jaccard first, ties by id."""
        found = self.lsh.query(mh)
        ranked = sorted(found, key=lambda n: (-self.minhashes[n].jaccard(mh), self.ids[n]))
        return ranked[: self.blocking.max_candidates]


def index_originals(
    originals: object,
    options: Options | str | None = None,
    *,
    blocking: Blocking | None = None,
    id_field: str = "id",
    text_field: str = "text",
    progress: bool = False,
    **overrides: object,
) -> Index:
    """Read, prepare and index the originals (see :func:`documents` for the inputs accepted).

    Raises:
        InputError: if datasketch is missing (``pip install 'articlediff[batch]'``) or an input path does not exist.
    """
    index = Index(resolve(options, **overrides), blocking or Blocking())
    docs = documents(originals, id_field, text_field)
    for doc in _progress(docs, progress, "originals"):
        index.add(doc)
    return index


# -- checking copies ----------------------------------------------------------------------------


class Result(NamedTuple):
    """What checking one copy gives: its record and, when asked for, its rendered per-pair reports.

    ``reports`` maps a format (``"json"``, and ``"html"`` when :class:`Comparison` can render it)
    to the report on the copy and its best source. With ``report_dir`` (see :func:`check_copies`)
    the reports are written there by whoever checked the copy; ``reports`` is then empty and
    ``written`` names the files.
    """

    record: dict[str, Any]
    reports: dict[str, str]
    written: tuple[str, ...] = ()


def report_name(doc_id: str) -> str:
    """The file name (without suffix) of a copy's per-pair reports: the id's safe characters and a
    hash, so that no two ids share a name."""
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", doc_id).strip("._-")[:80] or "doc"
    return f"{base}.{hashlib.sha1(doc_id.encode('utf-8', 'surrogatepass')).hexdigest()[:10]}"


@contextlib.contextmanager
def atomic_file(path: Path, sync: bool = False) -> Iterator[IO[str]]:
    """A file to write that readers see whole or not at all: a temporary file renamed over ``path``
    (flushed to disk first with ``sync``). Raises InputError naming the file if it cannot be written."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            yield f
            if sync:
                f.flush()
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        raise InputError(f"{path}: cannot be written ({exc.strerror or exc})") from None
    finally:
        tmp.unlink(missing_ok=True)


def write_atomic(path: Path, text: str, sync: bool = False) -> None:
    """Write ``text`` to ``path`` through :func:`atomic_file`."""
    with atomic_file(path, sync) as f:
        f.write(text)


def _written(result: Result, report_dir: str | None) -> Result:
    """Write a result's reports to ``report_dir`` (where it was checked) and keep only their names."""
    if report_dir is None or not result.reports:
        return result
    name = report_name(result.record["copy_id"])
    files = []
    for ext, text in result.reports.items():
        write_atomic(Path(report_dir) / f"{name}.{ext}", text)
        files.append(f"{name}.{ext}")
    return Result(result.record, {}, tuple(files))


def _error_record(copy_id: str, error: str) -> dict[str, Any]:
    record: dict[str, Any] = dict.fromkeys(RECORD_FIELDS)
    record.update(copy_id=copy_id, sources=[], error=error)
    return record


def _check_one(index: Index, doc: Doc, reports: bool) -> Result:
    if doc.text is None:
        return Result(_error_record(doc.id, doc.error or "unreadable"), {})
    try:
        return _compare_copy(index, doc.id, doc.text, reports)
    except InputError as exc:
        return Result(_error_record(doc.id, str(exc)), {})
    except Exception as exc:  # noqa: BLE001 - one bad copy must not stop the batch
        return Result(_error_record(doc.id, f"{type(exc).__name__}: {exc}"), {})


def _compare_copy(index: Index, copy_id: str, text: str, reports: bool) -> Result:
    opts = index.options
    if len(text) > opts.max_chars:
        raise InputError(
            f"{copy_id}: {len(text):,} characters, over the limit of {opts.max_chars:,}; "
            f"pass max_chars={len(text)} (CLI: --set max_chars={len(text)}) if it really is one article"
        )
    words = _words(text)
    shingles = _shingles(words, index.blocking.shingle)
    if not shingles:
        return Result(_error_record(copy_id, f"{copy_id}: no words: empty article"), {})
    found = index.candidates(_minhash(shingles, index.blocking))
    copy = build(text) if found else None
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
        title=_title(text),
        verdict="not_derived",
        reuse=0.0,
        coverage=0.0,
        verbatim_share=0.0,
        verbatim=0,
        paraphrase=0,
        added=0,
        dropped=0,
        copy_words=len(words),
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
            out = _render_pair(cmp, index.ids[best], copy_id)
    return Result(record, out)


_TITLE_MAX_WORDS = 15
_TITLE_MAX_CHARS = 200
_FIRST_LINE = re.compile(r"[^\s][^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]*")


def _title(text: str) -> str | None:
    """The copy's headline: the page title of a web page read by :func:`articlediff.load`, else the
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


def _render_pair(cmp: Comparison, source_id: str, copy_id: str) -> dict[str, str]:
    out = {"json": cmp.to_json() + "\n"}  # compact: json's C encoder only serves indent=None
    to_html = getattr(cmp, "to_html", None)  # Comparison.to_html() comes with the HTML report
    if callable(to_html):
        try:
            out["html"] = to_html(title_left=source_id, title_right=copy_id)
        except TypeError:
            out["html"] = to_html()
    return out


def _run_chunk(index: Index, docs: list[Doc], reports: bool, report_dir: str | None = None) -> list[Result]:
    """Check a chunk of copies: the unit of work shipped to a pool process or a Dask worker."""
    return [_written(_check_one(index, doc, reports), report_dir) for doc in docs]


_WORKER_INDEX: Index | None = None


def _init_worker(index: Index) -> None:
    global _WORKER_INDEX
    _WORKER_INDEX = index
    # Ctrl-C goes to the whole process group: let the parent stop the pool and keep finished work.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The index lives as long as the process: keep the collector from rescanning it (~20% of the time).
    gc.freeze()


def _worker_chunk(docs: list[Doc], reports: bool, report_dir: str | None) -> list[Result]:
    assert _WORKER_INDEX is not None, "worker not initialised"
    return _run_chunk(_WORKER_INDEX, docs, reports, report_dir)


def _chunks(docs: Iterable[Doc], size: int) -> Iterator[list[Doc]]:
    chunk: list[Doc] = []
    for doc in docs:
        chunk.append(doc)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _local(index: Index, chunks: Iterator[list[Doc]], reports: bool, report_dir: str | None) -> Iterator[list[Result]]:
    for chunk in chunks:
        yield _run_chunk(index, chunk, reports, report_dir)


def _ready() -> bool:
    return True


def _start_pool(index: Index, jobs: int) -> Any:
    """A process pool whose workers hold the index, started before any thread of ours (a progress bar's)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork shares the index with the workers for free; elsewhere it is pickled once per worker.
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    pool = ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker, initargs=(index,))
    try:
        pool.submit(_ready).result()  # with fork, the first task starts every worker
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    return pool


def _pool(
    pool: Any, chunks: Iterator[list[Doc]], reports: bool, jobs: int, report_dir: str | None
) -> Iterator[list[Result]]:
    from concurrent.futures import FIRST_COMPLETED, Future, wait

    pending: set[Future[list[Result]]] = set()
    try:
        for chunk in chunks:
            pending.add(pool.submit(_worker_chunk, chunk, reports, report_dir))
            if len(pending) >= 2 * jobs:  # bounded: copies are read as fast as they are checked
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for f in done:
                    yield f.result()
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for f in done:
                yield f.result()
    finally:
        for f in pending:
            f.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def _dask(index: Index, chunks: Iterator[list[Doc]], reports: bool, dask: object) -> Iterator[list[Result]]:
    try:
        from distributed import Client, wait
    except ImportError:
        raise InputError("the Dask backend needs dask.distributed: pip install 'articlediff[dask]'") from None
    own = isinstance(dask, str)
    if own:
        try:
            client = Client(dask, set_as_default=False)
        except OSError as exc:
            raise InputError(f"{dask}: cannot reach the Dask scheduler ({exc})") from None
    elif isinstance(dask, Client):
        client = dask
    else:
        raise TypeError(f"dask must be a scheduler address or a distributed.Client, not {type(dask).__name__}")
    pending: set[Any] = set()
    try:
        # Ship the prepared originals once to every worker, not with every task.
        shipped = client.scatter(index, broadcast=True, hash=False)
        limit = 2 * max(1, sum(client.nthreads().values()))
        for chunk in chunks:
            pending.add(client.submit(_run_chunk, shipped, chunk, reports, pure=False))
            if len(pending) >= limit:
                done, not_done = wait(list(pending), return_when="FIRST_COMPLETED")
                pending = set(not_done)
                for f in done:
                    yield f.result()
        while pending:
            done, not_done = wait(list(pending), return_when="FIRST_COMPLETED")
            pending = set(not_done)
            for f in done:
                yield f.result()
    finally:
        for f in pending:
            f.cancel()
        if own:
            client.close()


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

    Results come in the order they finish (use :func:`batch` for a sorted report); nothing is held
    once yielded, so memory stays flat however many copies there are.

    Args:
        index: from :func:`index_originals`.
        copies: see :func:`documents`.
        jobs: processes of the local pool (1: in this process).
        dask: a Dask scheduler address (``"tcp://host:8786"``) or a ``distributed.Client``; overrides ``jobs``.
        chunk_size: copies per task (a task costs about one comparison to schedule).
        reports: also render each copy's report on its best source (:attr:`Result.reports`).
        report_dir: a directory to write those reports to, as ``<report_name(copy id)>.json`` and
            ``.html``, by the process that checked the copy (this one or a pool worker), so the
            reports never travel back to this process; with ``dask`` they still do (workers may
            not see this machine's files) and are written here. Each file is complete before its
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

    chunks = _chunks(todo(), chunk_size)
    # Keep the collector from rescanning the index for every copy (about 20% of the time); forked
    # pool workers inherit the frozen state. Left alone if the caller froze objects already.
    frozen = gc.get_freeze_count() == 0
    if frozen:
        gc.freeze()
    runs: Iterator[list[Result]] = iter(())
    bar: Any = _NoBar()
    pool = None
    try:
        where = None if report_dir is None else os.fspath(report_dir)
        if dask is not None:
            runs = _dask(index, chunks, reports, dask)
        elif jobs > 1:
            pool = _start_pool(index, jobs)
            runs = _pool(pool, chunks, reports, jobs, where)
        else:
            runs = _local(index, chunks, reports, where)
        total = getattr(docs, "total", None)
        bar = _bar(progress, total, len(done) if total is not None else 0)
        for results in runs:
            bar.update(len(results))
            if dask is not None and where is not None:
                results = [_written(r, where) for r in results]
            yield from results
    finally:
        if frozen:
            gc.unfreeze()
        bar.close()
        close = getattr(runs, "close", None)
        if close:
            close()
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _bar(enabled: bool, total: int | None, initial: int) -> Any:
    if not enabled:
        return _NoBar()
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return _NoBar()
    return tqdm(total=total, initial=min(initial, total or 0), unit="copy", desc="copies", dynamic_ncols=True)


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(docs: Iterable[Doc], enabled: bool, desc: str) -> Iterable[Doc]:
    if not enabled:
        return docs
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return docs
    return tqdm(docs, total=getattr(docs, "total", None), unit="doc", desc=desc, dynamic_ncols=True)


# -- the report ---------------------------------------------------------------------------------


class BatchReport:
    """The outcome of :func:`batch`: one record per copy, sorted by copy id, and the problems met.

    A record is a dict with the keys of :data:`RECORD_FIELDS`: ``copy_id``; ``title``, the copy's
    headline when it has one (a web page's title, or a short first line); ``source_id``, the best
    source (None when no original matches); ``verdict``, ``reuse``, ``coverage``, ``verbatim_share``
    and sentence ``counts`` (``verbatim``, ``paraphrase``, ``added``, ``dropped``) of the copy against
    it; ``copy_words``, ``source_words``; ``uncredited`` (the source credits an agency, the copy
    none) and ``copy_credits``; ``flags``, the copy's change flags against its source by kind
    (``{"quote_changed": 2, ...}``; None unless the per-pair reports are made, which compare the
    source in full); ``candidates``
    compared in full; ``sources``, every original the copy is derived from, best first; and
    ``error`` (None, or why the copy could not be checked: then the other values are None).
    """

    def __init__(
        self, records: Iterable[dict[str, Any]], problems: Iterable[dict[str, Any]] = (), signature: str = ""
    ) -> None:
        self._records = sorted(records, key=lambda r: r["copy_id"])
        self.problems = list(problems)  #: originals that could not be used
        self.signature = signature  #: the comparison settings and blocking settings that produced the report

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
        matched = sum(1 for r in self._records if r["source_id"] is not None)
        errors = sum(1 for r in self._records if r["error"] is not None)
        return {
            "copies": len(self._records),
            "matched": matched,
            "unmatched": len(self._records) - matched - errors,
            "errors": errors,
            "sources": len({r["source_id"] for r in self._records if r["source_id"] is not None}),
            "problems": len(self.problems),
        }

    @property
    def errors(self) -> list[dict[str, Any]]:
        """Every document that could not be used: ``{"id", "role" ("original"/"copy"), "error"}``."""
        copies = [{"id": r["copy_id"], "role": "copy", "error": r["error"]} for r in self._records if r["error"]]
        return self.problems + copies

    def clusters(self) -> dict[str, list[str]]:
        """Story clusters: each original that was copied, with the ids of the copies derived from it.

        Sources by id; copies by id. A copy derived from several originals is in each of their clusters.
        """
        out: dict[str, list[str]] = {}
        for r in self._records:
            for s in r["sources"] or ():
                out.setdefault(s["id"], []).append(r["copy_id"])
        return {k: out[k] for k in sorted(out)}

    def to_jsonl(self, path: str | os.PathLike[str] | None = None) -> str | None:
        """Write the records as JSON Lines to ``path``, or return them as a string."""
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in self._records)
        if path is None:
            return text
        Path(path).write_text(text, encoding="utf-8")
        return None

    def to_csv(self, path: str | os.PathLike[str] | None = None) -> str | None:
        """Write the records as CSV to ``path``, or return them (``sources`` is a JSON list; None is empty)."""
        import io

        buf = io.StringIO()
        write_csv(self._records, buf)
        if path is None:
            return buf.getvalue()
        Path(path).write_text(buf.getvalue(), encoding="utf-8")
        return None

    def to_pandas(self) -> Any:
        """Return the records as a ``pandas.DataFrame`` (one row per copy, columns as :data:`RECORD_FIELDS`).

        Raises:
            ImportError: if pandas is not installed.
        """
        try:
            import pandas as pd
        except ImportError:
            raise ImportError("BatchReport.to_pandas() needs pandas: pip install pandas") from None
        return pd.DataFrame(self._records, columns=list(RECORD_FIELDS))


def write_csv(records: Iterable[dict[str, Any]], f: IO[str]) -> None:
    """Write records as CSV (header: :data:`RECORD_FIELDS`) to an open text file."""
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

    Originals are prepared and indexed once (MinHash LSH over shingles, see :class:`Blocking`);
    each copy is compared in full only with its few candidates, in this process, in a local
    process pool (``jobs``) or on a Dask cluster (``dask``). The report is the same whichever ran it.

    Args:
        originals, copies: a directory, a ``.jsonl`` file, a text file, a mapping of id to text
            or an iterable of ``(id, text)`` pairs (see :func:`documents`).
        options, overrides: comparison settings, as for :func:`articlediff.compare`.
        blocking: candidate generation settings (:class:`Blocking`).
        jobs: processes of the local pool (1: in this process).
        dask: a Dask scheduler address or a ``distributed.Client`` (needs ``articlediff[dask]``).
        chunk_size: copies per task.
        id_field, text_field: field names of JSONL input.
        progress: show progress bars (tqdm) on stderr.

    Raises:
        InputError: if datasketch is missing (``pip install 'articlediff[batch]'``), an input path
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
    signature = f"{index.options.signature}|blocking:{index.blocking.signature}"
    return BatchReport((r.record for r in results), index.problems, signature)


# -- the index page -----------------------------------------------------------------------------


def render_index(
    records: Iterable[dict[str, Any]],
    links: Callable[[dict[str, Any]], str | None] | None = None,
    *,
    title: str = "articlediff batch",
    problems: Sequence[dict[str, Any]] = (),
    limit: int = 50_000,
) -> str:
    """Render a self-contained HTML page: a sortable table of the copies by source, reuse and verdict.

    ``links(record)`` gives the (relative) address of a copy's report, or None. The page loads
    nothing (a Content-Security-Policy forbids it) and escapes every id, title and message. At most
    ``limit`` copies are listed (browsers slow down beyond); the counts cover them all.
    """
    records = list(records)
    return "".join(index_chunks(records, _index_counts(records), links, title=title, problems=problems, limit=limit))


def _index_counts(records: Iterable[dict[str, Any]]) -> dict[str, int]:
    counts = {"copies": 0, "matched": 0, "unmatched": 0, "errors": 0}
    for r in records:
        counts["copies"] += 1
        counts["errors" if r.get("error") else "matched" if r.get("source_id") is not None else "unmatched"] += 1
    return counts


def index_chunks(
    records: Iterable[dict[str, Any]],
    counts: dict[str, int],
    links: Callable[[dict[str, Any]], str | None] | None = None,
    *,
    title: str = "articlediff batch",
    problems: Sequence[dict[str, Any]] = (),
    limit: int = 50_000,
) -> Iterator[str]:
    """:func:`render_index` piece by piece, reading ``records`` once, for a page too big to hold:
    ``counts`` (``copies``, ``matched``, ``unmatched``, ``errors``) are given, since the page
    starts with them."""
    import base64
    import itertools

    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("articlediff", "templates"), autoescape=select_autoescape())
    template = env.get_template("batch_index.html")
    rows = ({**r, "href": links(r) if links else None} for r in itertools.islice(records, limit))
    script = _SORT_SCRIPT
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return template.generate(
        title=title,
        rows=rows,
        shown=min(limit, counts["copies"]),
        counts=counts,
        problems=list(problems),
        script=script,
        script_hash=f"sha256-{digest}",
    )


# Sorting by a column: numbers by value, text by code point; blank cells last. Kept here (not in the
# template) so the page's Content-Security-Policy can allow exactly this script by its hash.
_SORT_SCRIPT = """
document.querySelectorAll("th[data-col]").forEach(function (th) {
  th.addEventListener("click", function () {
    var table = th.closest("table"), body = table.tBodies[0], col = Number(th.dataset.col);
    var numeric = th.dataset.type === "number", asc = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[col].dataset.v, y = b.cells[col].dataset.v;
      if (x === "" || y === "") { return (x === "") - (y === ""); }
      var c = numeric ? Number(x) - Number(y) : (x < y ? -1 : x > y ? 1 : 0);
      return asc ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  });
});
"""
