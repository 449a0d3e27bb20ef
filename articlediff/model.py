"""The result objects: :class:`Sentence`, :class:`Pair` and :class:`Comparison`.

They hold offsets into the texts the caller passed, never copies of sentences: ``text[s.start:s.end]``
is always the sentence. ``Comparison.to_dict()`` is plain JSON-ready data with stable keys.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from .signals import Flag
from .worddiff import DiffOp

__all__ = ["Comparison", "Label", "Pair", "Sentence"]


class Label(str, Enum):
    """What happened to a group of sentences between the left (original) and right (copy) text."""

    VERBATIM = "verbatim"  #: same word sequence, ignoring case, punctuation and typography
    PARAPHRASE = "paraphrase"  #: aligned, but the words differ
    ADDED = "added"  #: only in the right text
    DROPPED = "dropped"  #: only in the left text

    def __str__(self) -> str:
        return self.value


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
            "diff": [{"op": d.op, "left": list(d.left), "right": list(d.right)} for d in self.diff],
            "flags": [f.to_dict() for f in self.flags],
            "boilerplate": self.boilerplate is not None,
            "boilerplate_reason": self.boilerplate,
            "moved": self.moved,
        }


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
    summary: dict[str, Any]
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
        from . import __version__

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
            "summary": self.summary,
        }

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
