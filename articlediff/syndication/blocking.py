"""Blocking: which originals a copy is compared with in full, and the index of originals that answers it.

Takes the originals (any input :func:`~articlediff.syndication.readers.documents` reads) and
:class:`Blocking` settings; returns an :class:`Index` holding every original prepared once
(:func:`articlediff.prepare`) and a MinHash LSH index (``datasketch``) over their shingles, so a
copy is compared with the few originals that share enough of its wording instead of all of them.
The index is what every worker needs: built once, shipped once.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import InputError, OptionsError
from ..kernels import active
from ..lexicon import stopwords
from ..normalize import keys
from ..options import Options, resolve
from ..prepared import Prepared, prepare
from .progress import progress as with_progress
from .readers import Doc, documents

if TYPE_CHECKING:
    from datasketch import LeanMinHash, MinHashLSH

__all__ = ["Blocking", "Index", "index_originals", "minhash", "require_datasketch", "shingles", "words"]


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
        """Every setting, e.g. ``threshold:0.06|num_perm:512|shingle:2|max_candidates:5|seed:1``."""
        return "|".join(f"{f.name}:{getattr(self, f.name)}" for f in dataclasses.fields(self))


def require_datasketch() -> Any:
    """The datasketch module, or InputError saying how to install it (it is an optional dependency)."""
    try:
        import datasketch
    except ImportError:
        raise InputError("batch checking needs the datasketch package: pip install 'articlediff[batch]'") from None
    return datasketch


_PERMUTATIONS: dict[tuple[int, int], Any] = {}


def _permutations(blocking: Blocking) -> Any:
    """datasketch's affine permutations for ``blocking`` (generating them costs more than hashing an
    article: once per process)."""
    from datasketch import MinHash

    key = (blocking.num_perm, blocking.seed)
    perms = _PERMUTATIONS.get(key)
    if perms is None:
        perms = _PERMUTATIONS[key] = MinHash(blocking.num_perm, seed=blocking.seed, scheme="affine32").permutations
    return perms


def minhash(shingle_set: set[str], blocking: Blocking) -> LeanMinHash:
    """The MinHash of a set of shingles under ``blocking``'s permutations (made once per process)."""
    from datasketch import LeanMinHash, MinHash

    perms = _permutations(blocking)
    # CRC-32 hashes a shingle 8× faster than the default SHA-1; the affine32 scheme passes every hash
    # through murmur3's finalizer before permuting, so a fast checksum is enough here.
    m = MinHash(blocking.num_perm, seed=blocking.seed, permutations=perms, scheme="affine32", hashfunc=zlib.crc32)
    m.update_batch([s.encode("utf-8", "surrogatepass") for s in shingle_set])
    return LeanMinHash(m)


def _hasher(native: Any, blocking: Blocking) -> Any:
    """The native kernel's MinHash of word key lists under ``blocking`` (made once per process)."""
    key = (blocking.num_perm, blocking.seed, blocking.shingle)
    got = _HASHERS.get(key)
    if got is None:
        a, b = (row.tolist() for row in _permutations(blocking))
        got = _HASHERS[key] = native.Hasher(sorted(stopwords()), blocking.shingle, a, b)
    return got


_HASHERS: dict[tuple[int, int, int], Any] = {}


def words(text: str) -> list[str]:
    """The normalized word keys of ``text``: all that blocking needs, so a copy without candidates
    is never segmented."""
    return keys(text, [(0, len(text))])[0] if text else []


def shingles(word_keys: list[str], size: int) -> set[str]:
    """Runs of ``size`` consecutive content words (word keys without stopwords); runs of all words
    when there are too few content words."""
    stop = stopwords()
    content = [w for w in word_keys if w not in stop]
    if len(content) < size:
        content = word_keys
    if len(content) <= size:
        return {" ".join(content)} if content else set()
    return {" ".join(content[i : i + size]) for i in range(len(content) - size + 1)}


class Index:
    """The prepared originals and their LSH index: what every worker needs, built once and shipped once.

    Build it with :func:`index_originals`. ``problems`` lists the originals that could not be used
    (``{"id", "role": "original", "error"}``).
    """

    def __init__(self, options: Options, blocking: Blocking) -> None:
        datasketch = require_datasketch()
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
        """Prepare and index one original, or record in ``problems`` why it cannot be used."""
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
            found = shingles(words(doc.text), self.blocking.shingle)
            if not found:
                raise InputError(f"{doc.id}: no words: an empty article cannot be a source")
        except InputError as exc:
            self.problems.append({"id": doc.id, "role": "original", "error": str(exc)})
            return
        except Exception as exc:  # noqa: BLE001 - one bad original must not stop the batch
            self.problems.append({"id": doc.id, "role": "original", "error": f"{type(exc).__name__}: {exc}"})
            return
        self._seen.add(doc.id)
        self.__dict__.pop("_native_bands", None)  # rebuilt with this original on the next lookup
        n = len(self.ids)
        self.ids.append(doc.id)
        self.prepared.append(prep)
        mh = minhash(found, self.blocking)
        self.minhashes.append(mh)
        self.lsh.insert(n, mh, check_duplication=False)
        entry = json.dumps([self._digest, doc.id, doc.text]).encode("utf-8", "surrogatepass")
        self._digest = hashlib.sha256(entry).hexdigest()

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_seen"] = set()  # only needed while adding originals
        state.pop("_native_bands", None)  # a native object: each process builds its own
        return state

    @property
    def fingerprint(self) -> str:
        """A digest of the originals (ids and texts), the options and the blocking settings."""
        return hashlib.sha256(f"{self._digest}|{self.options.signature}|{self.blocking.signature}".encode()).hexdigest()

    @property
    def signature(self) -> str:
        """The comparison settings and the blocking settings: ``<options signature>|blocking:<blocking signature>``."""
        return f"{self.options.signature}|blocking:{self.blocking.signature}"

    def candidates(self, mh: LeanMinHash) -> list[int]:
        """Originals likely to share wording with a copy: highest estimated Jaccard first, ties by id."""
        bands = self._bands()
        if bands is not None:
            return self._ranked(bands.query(mh.hashvalues.tolist()))
        found = self.lsh.query(mh)
        ranked = sorted(found, key=lambda n: (-self.minhashes[n].jaccard(mh), self.ids[n]))
        return ranked[: self.blocking.max_candidates]

    def lookup(self, word_keys: list[str]) -> list[int] | None:
        """:meth:`candidates` for a copy given as its word keys (:func:`words`), or None when it has no
        shingle (no words). The native backend hashes and looks up in the kernel; the reference is
        ``candidates(minhash(shingles(word_keys, size), blocking))``."""
        bands = self._bands()
        if bands is not None:
            try:
                values = _hasher(active(), self.blocking).signature(word_keys)
            except UnicodeEncodeError:  # a lone surrogate: the reference hashes its surrogatepass bytes
                pass
            else:
                return None if values is None else self._ranked(bands.query(values))
        found = shingles(word_keys, self.blocking.shingle)
        return self.candidates(minhash(found, self.blocking)) if found else None

    def _ranked(self, found: list[tuple[int, int]]) -> list[int]:
        # (original, agreeing values): the estimated Jaccard is agreeing / num_perm, ranked as above
        ranked = sorted(found, key=lambda t: (-t[1], self.ids[t[0]]))
        return [n for n, _ in ranked[: self.blocking.max_candidates]]

    def _bands(self) -> Any | None:
        """The native kernel's band tables of the originals (``articlediff_native.Bands``, built on
        first use in each process), or None under the pure-Python backend."""
        native = active()
        if native is None:
            return None
        got = self.__dict__.get("_native_bands")
        if got is None:
            got = native.Bands(self.lsh.b, self.lsh.r)
            for mh in self.minhashes:
                got.insert(mh.hashvalues.tolist())
            self._native_bands = got
        return got


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
    """Read, prepare and index the originals (see :func:`~articlediff.syndication.readers.documents`).

    Raises:
        InputError: if datasketch is missing (``pip install 'articlediff[batch]'``) or an input path does not exist.
    """
    index = Index(resolve(options, **overrides), blocking or Blocking())
    for doc in with_progress(documents(originals, id_field, text_field), progress, "originals"):
        index.add(doc)
    return index
