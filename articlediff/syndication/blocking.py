"""Blocking: which originals a copy is compared with in full, and the index of originals that answers it.

Takes the originals (any input :func:`~articlediff.syndication.readers.documents` reads) and
:class:`Blocking` settings; returns an :class:`Index` holding every original prepared once
(:func:`articlediff.prepare`) and MinHash signatures of their shingles in LSH band tables
(:mod:`.minhash`, datasketch's scheme), so a copy is compared with the few originals that share
enough of its wording instead of all of them.
The index is what every worker needs: built once, shipped once.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from ..errors import InputError, OptionsError
from ..kernels import active
from ..lexicon import stopwords
from ..normalize import keys
from ..options import Options, resolve
from ..prepared import Prepared, prepare
from . import minhash as mh
from .minhash import require_numpy
from .progress import progress as with_progress
from .readers import Doc, documents

__all__ = ["Blocking", "Index", "index_originals", "minhash", "require_numpy", "shingles", "words"]


@dataclass(frozen=True)
class Blocking:
    """How candidate originals are found for each copy before the full comparison.

    Each text becomes the set of its *shingles*: runs of ``shingle`` consecutive content words
    (normalized word keys with stopwords removed). MinHash LSH proposes the originals whose shingle
    sets are likely to have a Jaccard similarity of ``threshold`` or more with the copy's; the
    ``max_candidates`` with the highest estimated similarity are compared in full.

    With the defaults the index has 256 bands of 2 rows (as datasketch's ``MinHashLSH`` would
    have): a pair whose shingle sets have a Jaccard similarity of 0.2 is proposed with probability
    0.99997, 0.1 with 0.92, 0.05 with 0.47, 0.02 with 0.10 and 0.005 (unrelated news) with 0.006.
    OneStopEnglish's rewrites share 0.12 to 0.8 (``benchmarks/bench_batch.py``); copies by other
    outlets that rewrite every sentence can share less (seeds 001 and 000: 0.106). A signature
    takes ``4 * num_perm`` bytes (2 KiB) per original; ``num_perm=256, threshold=0.08`` (128
    bands) halves that and proposes a pair at 0.1 with probability 0.72 instead.
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


def minhash(shingle_set: set[str], blocking: Blocking) -> Any:
    """The MinHash signature (a uint32 array of ``num_perm`` values) of a set of shingles under
    ``blocking``'s permutations: the reference, :func:`.minhash.signature`."""
    return mh.signature(shingle_set, mh.permutations(blocking.num_perm, blocking.seed))


def _hasher(native: Any, blocking: Blocking) -> Any:
    """The native kernel's MinHash of word key lists under ``blocking`` (made once per process)."""
    key = (blocking.num_perm, blocking.seed, blocking.shingle)
    got = _HASHERS.get(key)
    if got is None:
        a, b = (row.tolist() for row in mh.permutations(blocking.num_perm, blocking.seed))
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
    """The prepared originals and their MinHash signatures: what every worker needs, built once and shipped once.

    Build it with :func:`index_originals`. ``problems`` lists the originals that could not be used
    (``{"id", "role": "original", "error"}``). The LSH band tables are built from the signatures
    on the first lookup in each process (the native kernel's or :class:`.minhash.Bands`), never pickled.
    """

    def __init__(self, options: Options, blocking: Blocking) -> None:
        require_numpy()
        self.options = options
        self.blocking = blocking
        self.ids: list[str] = []
        self.prepared: list[Prepared] = []
        self.signatures: list[Any] = []  # uint32 arrays of blocking.num_perm values
        #: ``(bands, rows)`` of the LSH tables, as datasketch's MinHashLSH chooses them for the threshold.
        self.shape: tuple[int, int] = mh.band_shape(blocking.threshold, blocking.num_perm)
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
            sig = self.sign(words(doc.text))
            if sig is None:
                raise InputError(f"{doc.id}: no words: an empty article cannot be a source")
        except InputError as exc:
            self.problems.append({"id": doc.id, "role": "original", "error": str(exc)})
            return
        except Exception as exc:  # noqa: BLE001 - one bad original must not stop the batch
            self.problems.append({"id": doc.id, "role": "original", "error": f"{type(exc).__name__}: {exc}"})
            return
        self._seen.add(doc.id)
        self.__dict__.pop("_bands_of", None)  # rebuilt with this original on the next lookup
        self.ids.append(doc.id)
        self.prepared.append(prep)
        self.signatures.append(sig)
        entry = json.dumps([self._digest, doc.id, doc.text]).encode("utf-8", "surrogatepass")
        self._digest = hashlib.sha256(entry).hexdigest()

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_seen"] = set()  # only needed while adding originals
        state.pop("_bands_of", None)  # each process builds its own
        return state

    @property
    def fingerprint(self) -> str:
        """A digest of the originals (ids and texts), the options and the blocking settings."""
        return hashlib.sha256(f"{self._digest}|{self.options.signature}|{self.blocking.signature}".encode()).hexdigest()

    @property
    def signature(self) -> str:
        """The comparison settings and the blocking settings: ``<options signature>|blocking:<blocking signature>``."""
        return f"{self.options.signature}|blocking:{self.blocking.signature}"

    def sign(self, word_keys: list[str]) -> Any | None:
        """The MinHash signature of a text given as its word keys (:func:`words`), or None when it has
        no shingle (no words). The native backend hashes in the kernel; the reference is
        ``minhash(shingles(word_keys, size), blocking)``."""
        native = active()
        if native is not None:
            try:
                values = _hasher(native, self.blocking).signature(word_keys)
            except UnicodeEncodeError:  # a lone surrogate: the reference hashes its surrogatepass bytes
                pass
            else:
                return None if values is None else require_numpy().array(values, dtype="uint32")
        found = shingles(word_keys, self.blocking.shingle)
        return minhash(found, self.blocking) if found else None

    def candidates(self, sig: Any) -> list[int]:
        """Originals likely to share wording with a copy of signature ``sig`` (:meth:`sign`): those
        sharing an LSH band with it, highest estimated Jaccard first, ties by id, at most ``max_candidates``."""
        native, bands = self._bands()
        found = bands.query(sig.tolist() if native else sig)
        # (original, agreeing values): the estimated Jaccard is agreeing / num_perm
        ranked = sorted(found, key=lambda t: (-t[1], self.ids[t[0]]))
        return [n for n, _ in ranked[: self.blocking.max_candidates]]

    def lookup(self, word_keys: list[str]) -> list[int] | None:
        """:meth:`candidates` for a copy given as its word keys (:func:`words`), or None when it has no
        shingle (no words)."""
        sig = self.sign(word_keys)
        return None if sig is None else self.candidates(sig)

    def _bands(self) -> tuple[bool, Any]:
        """Whether the band tables are the native kernel's, and the tables (``articlediff_native.Bands``
        or :class:`.minhash.Bands`, for the backend in use), built on first use in each process."""
        native = active()
        built = self.__dict__.get("_bands_of")
        if built is None or built[0] is not native:
            bands = (native.Bands if native is not None else mh.Bands)(*self.shape)
            for sig in self.signatures:
                bands.insert(sig.tolist() if native is not None else sig)
            built = self._bands_of = (native, bands)
        return built[0] is not None, built[1]


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
        InputError: if numpy is missing (``pip install 'articlediff[batch]'``) or an input path does not exist.
    """
    index = Index(resolve(options, **overrides), blocking or Blocking())
    for doc in with_progress(documents(originals, id_field, text_field), progress, "originals"):
        index.add(doc)
    return index
