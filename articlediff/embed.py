"""Sentence embeddings, the evidence of the ``semantic`` preset: the protocol, the shipped model, vectors.

An *embedder* is any object with ``encode(list[str]) -> array of shape (n, d)``: one vector per
sentence, similar sentences close together. A ``sentence_transformers.SentenceTransformer`` is one
as it is. The default, named ``"wordllama"``, is WordLlama's ``l2_supercat`` model (256-d static
token embeddings averaged over the sentence; numpy only, no torch), which its wheel ships with its
tokenizer: ``pip install 'articlediff[semantic]'``. :func:`wordllama` loads those shipped files
explicitly, once a process, and never touches the network (``WordLlama.load()`` looks for the shipped
tokenizer in the wrong folder and then tries a download).

Vectors are L2-normalised here (:func:`vectors`), so the cosine of two sentences is their dot product;
a sentence without any token gets the zero vector (cosine 0 with everything).

>>> names = [embedder_name("wordllama"), embedder_name(None)]
>>> names
['wordllama:l2_supercat:256', 'none']
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Sequence
from importlib import resources
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from .errors import OptionsError
from .kernels import active

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "WORDLLAMA",
    "Embedder",
    "WordLlamaEmbedder",
    "combined",
    "cosine",
    "embedder_name",
    "paraphrase_threshold",
    "resolve_embedder",
    "vectors",
    "wordllama",
]

#: The name that selects the shipped WordLlama model (``Options(embedder="wordllama")``).
WORDLLAMA = "wordllama"
_WORDLLAMA_CONFIG = "l2_supercat"
_WORDLLAMA_DIM = 256
_INSTALL = "pip install 'articlediff[semantic]'"


@runtime_checkable
class Embedder(Protocol):
    """What the ``semantic`` preset asks of a sentence-embedding model."""

    def encode(self, sentences: list[str]) -> Any:  # pragma: no cover - a protocol
        """One vector per sentence: an array-like of shape ``(len(sentences), d)``."""
        ...


# A piece of a normalized sentence: a run of "▁" (a space) and the characters up to the next one.
_PIECE = re.compile("\u2581*[^\u2581]+|\u2581+").findall
_PIECES_MAX = 200_000


def _piecewise(config: dict[str, Any]) -> bool:
    """Whether a tokenizer (its JSON ``config``) can be run piece by piece (see
    :meth:`WordLlamaEmbedder.token_ids`): BPE without pre-tokenizer after exactly "prepend ▁, spaces to
    ▁", and no token with ``▁`` after its start."""
    normalizers = (config.get("normalizer") or {}).get("normalizers") or []
    shape = [
        (n.get("type"), n.get("prepend"), (n.get("pattern") or {}).get("String"), n.get("content")) for n in normalizers
    ]
    model = config.get("model") or {}
    return (
        config.get("pre_tokenizer") is None
        and shape == [("Prepend", "\u2581", None, None), ("Replace", None, " ", "\u2581")]
        and model.get("type") == "BPE"
        and model.get("dropout") is None
        and not any("\u2581" in token.lstrip("\u2581") for token in model.get("vocab", {}))
    )


def _tokenize(model: Any, pieces: list[str]) -> list[list[int]]:
    """The token ids of each of ``pieces`` by the tokenizer's BPE ``model``: the kernel's callback."""
    return [[t.id for t in model.tokenize(piece)] for piece in pieces]


class WordLlamaEmbedder:
    """WordLlama's shipped ``l2_supercat`` model (256-d), loaded from the installed package's own files."""

    name = f"{WORDLLAMA}:{_WORDLLAMA_CONFIG}:{_WORDLLAMA_DIM}"

    def __init__(self) -> None:
        try:
            from safetensors import safe_open
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise OptionsError(
                f"the 'semantic' preset needs WordLlama, which is not installed ({exc}); {_INSTALL}"
            ) from None
        package = resources.files("wordllama")
        weights = package / "weights" / f"{_WORDLLAMA_CONFIG}_{_WORDLLAMA_DIM}.safetensors"
        tokenizer = package / "tokenizers" / f"{_WORDLLAMA_CONFIG}_tokenizer_config.json"
        for path in (weights, tokenizer):
            if not path.is_file():
                raise OptionsError(f"WordLlama is installed without its shipped file {path}; reinstall it: {_INSTALL}")
        with resources.as_file(weights) as wpath, safe_open(str(wpath), framework="np", device="cpu") as fh:
            matrix = fh.get_tensor("embedding.weight")
        with resources.as_file(tokenizer) as tpath:
            self._tokenizer = Tokenizer.from_file(str(tpath))
        self._tokenizer.no_padding()
        self._tokenizer.no_truncation()
        self._pieces: dict[str, list[int]] | None = {} if _piecewise(json.loads(tokenizer.read_text("utf-8"))) else None
        self._specials = tuple(t.content for t in self._tokenizer.get_added_tokens_decoder().values())
        import numpy as np

        self._matrix = np.ascontiguousarray(matrix, dtype=np.float32)
        self._kernel: Any = None  # the native StaticEmbedder, made on the first native encode

    def encode(self, sentences: list[str]) -> np.ndarray:
        """The sentences' mean token embeddings, shape ``(len(sentences), 256)``.

        The same vectors as ``WordLlamaInference.embed(sentences)``: tokens found piece by piece
        (:meth:`token_ids`) and summed per sentence, about five times as fast on articles. Under the
        native backend the kernel ``StaticEmbedder`` (``native/src/embed.rs``) cuts, looks up and sums,
        and asks Python only for the tokens of pieces it has not seen; the floats are those of
        :meth:`python_encode`, the reference, to the bit.
        """
        native = active()
        if native is None or self._pieces is None or not sentences:
            return self.python_encode(sentences)
        import numpy as np

        sentences = list(sentences)
        kernel = self._kernel
        if kernel is None:
            model = self._tokenizer.model
            rows, dim = self._matrix.shape
            kernel = self._kernel = native.StaticEmbedder(
                self._matrix.tobytes(), rows, dim, list(self._specials), functools.partial(_tokenize, model)
            )
        try:
            raw, special = kernel.encode(sentences)
        except UnicodeEncodeError:  # a lone surrogate ("\udce9") has no UTF-8 form for the kernel
            return self.python_encode(sentences)
        out = np.frombuffer(raw, dtype=np.float32).reshape(len(sentences), self._matrix.shape[1])
        if special:  # holding an added token ("<s>"): the tokenizer's own call decides its tokens
            out[special] = self.python_encode([sentences[n] for n in special])
        return out

    def python_encode(self, sentences: list[str]) -> np.ndarray:
        """The reference of :meth:`encode`: ids by :meth:`token_ids`, rows gathered by numpy and
        summed one sentence at a time (``rows.sum(0) / length``, in float32)."""
        import numpy as np

        out = np.zeros((len(sentences), self._matrix.shape[1]), dtype=np.float32)
        if not sentences:
            return out
        encoded = self.token_ids(sentences)
        lengths = np.fromiter((len(e) for e in encoded), dtype=np.int64, count=len(encoded))
        filled = lengths > 0
        if not filled.any():
            return out
        ids = np.fromiter((i for e in encoded for i in e), dtype=np.int64, count=int(lengths.sum()))
        np.clip(ids, 0, self._matrix.shape[0] - 1, out=ids)
        rows, end = self._matrix[ids], 0
        # one sum a sentence: three times faster than np.add.reduceat over rows of 256
        for n, length in enumerate(lengths.tolist()):
            if length:
                out[n] = rows[end : end + length].sum(0) / length
                end += length
        return out

    def token_ids(self, sentences: Sequence[str]) -> list[list[int]]:
        """Each sentence's token ids, as ``Tokenizer.encode(s, add_special_tokens=False).ids`` gives them.

        The shipped tokenizer is a SentencePiece-style BPE over the whole sentence (spaces become
        ``▁``, one ``▁`` prepended) whose tokens hold ``▁`` only at their start, so no merge ever
        crosses from a character to a following ``▁``: the sentence's tokens are the tokens of its
        pieces (a run of ``▁`` and the characters up to the next ``▁``), each piece tokenized once
        and kept (bounded). That is about five times faster on news sentences than the tokenizer's
        own call, which runs BPE over the whole sentence. A sentence holding one of the tokenizer's
        added tokens (``<s>``), or a tokenizer of another shape, goes through the tokenizer itself.
        """
        pieces, model = self._pieces, self._tokenizer.model
        if pieces is None:
            return [e.ids for e in self._tokenizer.encode_batch_fast(list(sentences), add_special_tokens=False)]
        out: list[list[int]] = []
        for sentence in sentences:
            if "<" in sentence and any(t in sentence for t in self._specials):
                out.append(self._tokenizer.encode(sentence, add_special_tokens=False).ids)
                continue
            ids: list[int] = []
            if sentence:
                for piece in _PIECE("\u2581" + sentence.replace(" ", "\u2581")):
                    got = pieces.get(piece)
                    if got is None:
                        if len(pieces) >= _PIECES_MAX:
                            pieces.clear()
                        got = pieces[piece] = [t.id for t in model.tokenize(piece)]
                    ids += got
            out.append(ids)
        return out

    def __repr__(self) -> str:
        return f"<WordLlamaEmbedder {self.name}>"

    def __reduce__(self) -> tuple[Any, tuple[()]]:
        # sent to another process (Dask) as "load it there", not as 16 MB of weights
        return (wordllama, ())


@functools.lru_cache(maxsize=1)
def wordllama() -> WordLlamaEmbedder:
    """The shipped WordLlama model, loaded once a process (about 0.1 s).

    Raises:
        OptionsError: if WordLlama is not installed (``pip install 'articlediff[semantic]'``).
    """
    return WordLlamaEmbedder()


def resolve_embedder(spec: object) -> Embedder:
    """The embedder ``spec`` names: ``"wordllama"`` is the shipped model; an object with ``encode`` is itself.

    Raises:
        OptionsError: for any other value.
    """
    if spec == WORDLLAMA:
        return wordllama()
    if isinstance(spec, Embedder) and not isinstance(spec, str):
        return spec
    raise OptionsError(
        f"option 'embedder' must be {WORDLLAMA!r}, None or an object with encode(list[str]) -> array (n, d), "
        f"got {spec!r}"
    )


def embedder_name(spec: object) -> str:
    """How the signature names an embedder: its ``name``, or its class and model name."""
    if spec is None:
        return "none"
    if spec == WORDLLAMA:
        return WordLlamaEmbedder.name
    name = getattr(spec, "name", None)
    if isinstance(name, str) and name:
        return name
    kind = f"{type(spec).__module__.split('.')[0]}.{type(spec).__qualname__}"
    tokenizer = getattr(spec, "tokenizer", None)  # sentence-transformers: the model's name or path
    model = getattr(tokenizer, "name_or_path", None) or getattr(spec, "model_name", None)
    return f"{kind}:{model}" if model else kind


def vectors(embedder: Embedder, sentences: Sequence[str]) -> np.ndarray:
    """The embedder's vectors of ``sentences``, L2-normalised rows of float32 (zero rows stay zero).

    Raises:
        OptionsError: if the embedder does not return one row per sentence.
    """
    import numpy as np

    if not sentences:
        return np.zeros((0, 1), dtype=np.float32)
    got = np.asarray(embedder.encode(list(sentences)), dtype=np.float32)
    if got.ndim != 2 or got.shape[0] != len(sentences):
        raise OptionsError(
            f"embedder {embedder_name(embedder)} returned an array of shape {got.shape} for {len(sentences)} "
            "sentences; encode(list[str]) must return one row per sentence, shape (n, d)"
        )
    norms = np.linalg.norm(got, axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(norms > 0, got / np.where(norms > 0, norms, 1.0), 0.0).astype(np.float32)
    return np.nan_to_num(out, copy=False)


def cosine(embedder: object, a: str, b: str) -> float:
    """Cosine of the vectors of sentences ``a`` and ``b`` from ``embedder`` (a name or a model)."""
    va, vb = vectors(resolve_embedder(embedder), [a, b])
    return float(va @ vb)


@functools.lru_cache(maxsize=1)
def _shipped() -> dict[str, Any]:
    raw = resources.files("articlediff").joinpath("data/semantic.json").read_text(encoding="utf-8")
    return json.loads(raw)


def combined(section: str, lexical: float, cos: float) -> float:
    """The fitted combination (``data/semantic.json``, by ``scripts/fit_semantic.py``) of a lexical
    value and a cosine, for ``section`` ``"similarity"`` or ``"paraphrase"``; also its threshold."""
    w = _shipped()[section]
    t = w["bias"] + w["lexical"] * lexical + w["cosine"] * cos
    return 1.0 / (1.0 + math.exp(-t))


def paraphrase_threshold() -> float:
    """The decision threshold of :func:`combined` for ``"paraphrase"`` (chosen on MSRP train)."""
    return float(_shipped()["paraphrase"]["threshold"])
