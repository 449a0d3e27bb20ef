"""The result objects: :class:`Sentence`, :class:`Flag`, :class:`Pair`, :class:`Summary` and :class:`Comparison`.

They hold offsets into the texts the caller passed, never copies of sentences: ``text[s.start:s.end]``
is always the sentence. ``Comparison.to_dict()`` is plain JSON-ready data with stable keys.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, NamedTuple

from .normalize import keys, normalize
from .version import __version__
from .worddiff import DiffOp, OpCode

__all__ = [
    "Comparison",
    "Counts",
    "Credits",
    "Flag",
    "FlagKind",
    "Label",
    "Pair",
    "Sentence",
    "Shares",
    "Sides",
    "Summary",
    "Verdict",
]

Span = tuple[int, int]


class Label(str, Enum):
    """What happened to a group of sentences between the left (original) and right (copy) text."""

    VERBATIM = "verbatim"  #: same word sequence, ignoring case, punctuation and typography
    PARAPHRASE = "paraphrase"  #: aligned, but the words differ
    ADDED = "added"  #: only in the right text
    DROPPED = "dropped"  #: only in the left text

    def __str__(self) -> str:
        return self.value


class Verdict(str, Enum):
    """How much of a copy is derived from the original: the METER corpus' three classes, read from
    the copy's reuse without boilerplate (see :class:`~articlediff.options.Options` for the thresholds)."""

    WHOLLY_DERIVED = "wholly_derived"
    PARTIALLY_DERIVED = "partially_derived"
    NOT_DERIVED = "not_derived"

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)


class FlagKind(str, Enum):
    """What a :class:`Flag` says changed (see :mod:`articlediff.signals`); serialised as its value."""

    QUOTE_CHANGED = "quote_changed"  #: a quotation's words differ from the original quotation
    QUOTE_UNSOURCED = "quote_unsourced"  #: a quotation whose words are in no quotation of the original
    NUMBER_CHANGED = "number_changed"  #: a figure replaced by another in the same place
    NAME_CHANGED = "name_changed"  #: a name or title changed around a shared name
    ATTRIBUTION_CHANGED = "attribution_changed"  #: another speaker, or a hedge added or removed

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)


class Flag(NamedTuple):
    """A change that matters: its ``kind``, a human-readable ``message`` and the spans it concerns
    on each side (``None`` where a side has nothing to point at)."""

    kind: FlagKind
    message: str
    left: Span | None
    right: Span | None

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": str(self.kind),
            "message": self.message,
            "left": list(self.left) if self.left else None,
            "right": list(self.right) if self.right else None,
        }


@dataclass(frozen=True)
class Counts:
    """Pairs per label."""

    verbatim: int
    paraphrase: int
    added: int
    dropped: int

    def to_dict(self) -> dict[str, int]:
        return {"verbatim": self.verbatim, "paraphrase": self.paraphrase, "added": self.added, "dropped": self.dropped}


@dataclass(frozen=True)
class Sides:
    """One figure for each side: ``left`` (the original) and ``right`` (the copy)."""

    left: int
    right: int

    def to_dict(self) -> dict[str, int]:
        return {"left": self.left, "right": self.right}


@dataclass(frozen=True)
class Shares:
    """``reuse``: share of the copy's words in verbatim or paraphrase pairs; ``coverage``: share of the
    original's words that were reused; ``verbatim_share``: share of the copy's words in verbatim pairs
    (each rounded to 4 places; 0 for an empty side)."""

    reuse: float
    coverage: float
    verbatim_share: float

    def to_dict(self) -> dict[str, float]:
        return {"reuse": self.reuse, "coverage": self.coverage, "verbatim_share": self.verbatim_share}


@dataclass(frozen=True)
class Credits:
    """The agencies each side credits, and whether a derived copy drops the original's credit."""

    left: tuple[str, ...]
    right: tuple[str, ...]
    #: the copy takes from an original that credits an agency, and credits none itself
    uncredited: bool

    def to_dict(self) -> dict[str, Any]:
        return {"left": list(self.left), "right": list(self.right), "uncredited": self.uncredited}


@dataclass(frozen=True)
class Summary(Mapping[str, Any]):
    """The figures of a comparison: ``cmp.summary.verdict``, ``.counts.verbatim``, ``.reuse``, ...

    It is also a read-only mapping of :meth:`to_dict`'s plain values (``cmp.summary["reuse"]``,
    ``cmp.summary["counts"]["added"]``), as the summary was a dict before it was an object.
    """

    counts: Counts
    sentences: Sides
    words: Sides
    reuse: float
    coverage: float
    verbatim_share: float
    verdict: Verdict
    #: the same shares with page furniture (promos, bylines, chrome) left out of both texts
    without_boilerplate: Shares
    #: boilerplate units on each side
    boilerplate: Sides
    #: flags by kind, sorted by kind
    flags: tuple[tuple[str, int], ...]
    credits: Credits

    def to_dict(self) -> dict[str, Any]:
        """The summary as plain JSON-ready data (the keys and values of ``to_dict()["summary"]``)."""
        return {key: self[key] for key in _SUMMARY_KEYS}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Summary:
        """Rebuild a summary from :meth:`to_dict`'s data."""
        credits = d["credits"]
        return cls(
            counts=Counts(**d["counts"]),
            sentences=Sides(**d["sentences"]),
            words=Sides(**d["words"]),
            reuse=d["reuse"],
            coverage=d["coverage"],
            verbatim_share=d["verbatim_share"],
            verdict=Verdict(d["verdict"]),
            without_boilerplate=Shares(**d["without_boilerplate"]),
            boilerplate=Sides(**d["boilerplate"]),
            flags=tuple(d["flags"].items()),
            credits=Credits(tuple(credits["left"]), tuple(credits["right"]), credits["uncredited"]),
        )

    def __getitem__(self, key: str) -> Any:
        """The plain value of ``key`` as :meth:`to_dict` gives it (a new object each time: mutating it
        changes nothing here)."""
        if key not in _SUMMARY_KEYS:
            raise KeyError(key)
        value = getattr(self, key)
        if key == "flags":
            return dict(value)
        if isinstance(value, Verdict):
            return value.value
        return value.to_dict() if hasattr(value, "to_dict") else value

    def __iter__(self) -> Iterator[str]:
        return iter(_SUMMARY_KEYS)

    def __len__(self) -> int:
        return len(_SUMMARY_KEYS)


_SUMMARY_KEYS = (
    "counts",
    "sentences",
    "words",
    "reuse",
    "coverage",
    "verbatim_share",
    "verdict",
    "without_boilerplate",
    "boilerplate",
    "flags",
    "credits",
)


@dataclass(frozen=True)
class Sentence:
    """One sentence (or heading, byline, promo line) of a text: ``text[start:end]``."""

    index: int
    start: int
    end: int
    key: str = field(repr=False)  #: normalized word sequence, the comparison key
    words: int = field(repr=False)  #: number of words


@dataclass(frozen=True)
class Pair:
    """Aligned sentences with their label, similarity and word-level diff.

    ``left``/``right`` are sentence indices (empty for added/dropped). ``score`` is the similarity of
    the aligned sentences read as one; for added and dropped sentences, the best similarity any
    sentence of the other side reached (how close the nearest candidate came). ``moved`` is true
    when the copy moved the pair out of the original's order (see :mod:`articlediff.order`).
    """

    label: Label
    left: tuple[int, ...]
    right: tuple[int, ...]
    score: float
    diff: tuple[DiffOp, ...] = ()
    #: Changes that matter: altered quotes, numbers, names, attribution (see articlediff.signals).
    flags: tuple[Flag, ...] = ()
    #: For added and dropped sentences that are page furniture, why ("promo", "byline", ...).
    boilerplate: str | None = None
    moved: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label.value,
            "left": list(self.left),
            "right": list(self.right),
            "score": round(self.score, 4),
            "diff": [{"op": str(d.op), "left": list(d.left), "right": list(d.right)} for d in self.diff],
            "flags": [f.to_dict() for f in self.flags],
            "boilerplate": self.boilerplate is not None,
            "boilerplate_reason": self.boilerplate,
            "moved": self.moved,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Pair:
        """Rebuild a pair from :meth:`to_dict`'s data."""
        return cls(
            label=Label(d["label"]),
            left=tuple(d["left"]),
            right=tuple(d["right"]),
            score=d["score"],
            diff=tuple(DiffOp(OpCode(op["op"]), tuple(op["left"]), tuple(op["right"])) for op in d["diff"]),
            flags=tuple(
                Flag(FlagKind(f["kind"]), f["message"], _span(f["left"]), _span(f["right"])) for f in d["flags"]
            ),
            boilerplate=d["boilerplate_reason"],
            moved=d["moved"],
        )


def _span(value: Sequence[int] | None) -> tuple[int, int] | None:
    return (value[0], value[1]) if value else None


@dataclass(frozen=True, repr=False)
class Comparison:
    """How the right text (a copy) relates to the left text (an original).

    Attributes:
        left_text, right_text: the exact strings given to :func:`articlediff.compare`.
        left, right: their sentences, in reading order.
        pairs: every sentence of both sides in exactly one pair, in the right text's reading order
            (dropped sentences follow the pair of the left sentence before them).
        summary: counts per label, ``reuse``, ``coverage``, ``verbatim_share``, ``verdict`` and word counts.
        signature: the settings and version that produced the result.
    """

    left_text: str
    right_text: str
    left: tuple[Sentence, ...]
    right: tuple[Sentence, ...]
    pairs: tuple[Pair, ...]
    summary: Summary
    signature: str

    def __repr__(self) -> str:
        c = self.summary["counts"]
        return (
            f"<Comparison {len(self.left)}:{len(self.right)} sentences, verdict={self.summary['verdict']}, "
            f"reuse={self.summary['reuse']:.2f}, coverage={self.summary['coverage']:.2f}, "
            f"verbatim={c['verbatim']} paraphrase={c['paraphrase']} added={c['added']} dropped={c['dropped']}>"
        )

    def text_of(self, side: str, index: int) -> str:
        """Return the text of sentence ``index`` of ``side`` (``"left"`` or ``"right"``)."""
        s = getattr(self, side)[index]
        return (self.left_text if side == "left" else self.right_text)[s.start : s.end]

    def to_dict(self) -> dict[str, Any]:
        """Return the comparison as plain, JSON-ready data (stable key names)."""

        def side(text: str, sentences: tuple[Sentence, ...]) -> dict[str, Any]:
            return {
                "sentences": [
                    {"index": s.index, "start": s.start, "end": s.end, "text": text[s.start : s.end]} for s in sentences
                ]
            }

        return {
            "version": __version__,
            "signature": self.signature,
            "left": side(self.left_text, self.left),
            "right": side(self.right_text, self.right),
            "pairs": [p.to_dict() for p in self.pairs],
            "summary": self.summary.to_dict(),
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Comparison:
        """Rebuild a comparison from :meth:`to_dict`'s data: ``Comparison.from_dict(c.to_dict()).to_dict()
        == c.to_dict()``.

        ``to_dict()`` keeps each sentence's text, not what lies between sentences, so ``left_text`` and
        ``right_text`` hold the sentences at their offsets with spaces between them: every offset,
        ``text_of()`` and the report are as before.

        >>> import articlediff
        >>> c = articlediff.compare("Putin met Trump. Talks lasted three hours.", "Talks lasted three hours.")
        >>> Comparison.from_dict(c.to_dict()).to_dict() == c.to_dict()
        True
        """

        def side(data: Mapping[str, Any]) -> tuple[str, tuple[Sentence, ...]]:
            rows = data["sentences"]
            chars = [" "] * max((s["end"] for s in rows), default=0)
            for s in rows:
                chars[s["start"] : s["end"]] = s["text"]
            text = "".join(chars)
            return text, tuple(_sentence(text, s["index"], s["start"], s["end"]) for s in rows)

        left_text, left = side(d["left"])
        right_text, right = side(d["right"])
        return cls(
            left_text=left_text,
            right_text=right_text,
            left=left,
            right=right,
            pairs=tuple(Pair.from_dict(p) for p in d["pairs"]),
            summary=Summary.from_dict(d["summary"]),
            signature=d["signature"],
        )

    def to_json(self, **kwargs: Any) -> str:
        """Return :meth:`to_dict` as a JSON string (``kwargs`` go to :func:`json.dumps`)."""
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)

    def to_html(
        self,
        title_left: str | None = None,
        title_right: str | None = None,
        *,
        hide: Iterable[str] = (),
        document: bool = True,
        scripts: bool = True,
    ) -> str:
        """Return a self-contained side-by-side HTML report; see :func:`articlediff.render_html`.

        ``title_left``/``title_right`` name the texts (e.g. file names); ``hide`` lists labels whose
        rows start hidden; ``document=False`` gives a fragment to embed; ``scripts=False`` leaves
        out the optional script.
        """
        from .render import render_html

        return render_html(self, title_left, title_right, hide=hide, document=document, scripts=scripts)

    def _repr_html_(self) -> str:
        """The report as an HTML fragment, as Jupyter shows it under a cell."""
        from .render import render_html

        return render_html(self, document=False)


def _sentence(text: str, index: int, start: int, end: int) -> Sentence:
    """A sentence with its comparison key and word count, as :func:`articlediff.prepare` makes it."""
    (ks,) = keys(text, [(start, end)])
    return Sentence(index, start, end, " ".join(ks) if ks else normalize(text[start:end]), len(ks))
