"""What the signals find in one text on its own, found once and kept with it: :class:`TextFacts`.

A :class:`~articlediff.prepared.Prepared` text holds one (``prepared.facts``), so an original
compared with many copies (``compare_many``, a batch, a Dask worker) finds its quotations, credits
and each sentence's figures, names, speakers and hedges once. Nothing here is global: the facts
live as long as the text they describe.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..kernels import active
from .boilerplate import boilerplate_reasons
from .credits import credits, shipped_credits
from .quotes import Span, python_quotations

__all__ = ["TextFacts"]


class TextFacts:
    """The quotations and credits of one text, and what the flags found in each of its sentences.

    >>> facts = TextFacts('Kyiv said "we cannot do that" on Friday (Reuters).')
    >>> facts.quotations, facts.credits()
    (((11, 28),), ('Reuters',))
    """

    __slots__ = ("_boilerplate", "_credits", "_native", "_quotations", "memo", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._quotations: tuple[Span, ...] | None = None
        self._credits: tuple[str, ...] | None = None
        self._native: Any = None  # the kernel's FlagText, False when it cannot read the text
        #: ``(start, end, heading) -> the unit's boilerplate reason``, see :meth:`boilerplate`
        self._boilerplate: dict[tuple[int, int, bool], str | None] = {}
        #: ``(finder, sentence span) -> what it found there``: filled by the reference
        #: :func:`~articlediff.signals.pair.python_flag_pair` (the native ``flag_pair`` needs none)
        self.memo: dict = {}

    def __getstate__(self) -> dict[str, Any]:
        # the kernel's FlagText does not pickle: a worker makes its own
        return {name: getattr(self, name) for name in self.__slots__ if name != "_native"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            setattr(self, name, value)
        self._native = None

    def __repr__(self) -> str:
        return f"<TextFacts of {len(self.text):,} characters, {len(self.memo)} findings kept>"

    @property
    def quotations(self) -> tuple[Span, ...]:
        """The text's quotations (see :func:`~articlediff.signals.quotations`)."""
        if self._quotations is None:
            flag_text = self.flag_text()
            found = None if flag_text is None else flag_text.quotations
            self._quotations = tuple(python_quotations(self.text) if found is None else found)
        return self._quotations

    def flag_text(self) -> Any:
        """The text as the active kernel's stage reads it (``articlediff_native.FlagText``: its
        quotations, found by the kernel or else by the reference), made once; None under the pure
        backend or for text with no UTF-8 form."""
        if self._native is None:
            native = active()
            self._native = False
            if native is not None:
                try:
                    made = native.FlagText(self.text)
                    if made.quotations is None:  # the kernel declined: the reference's quotations
                        made = native.FlagText(self.text, python_quotations(self.text))
                    self._native = made
                except UnicodeEncodeError:  # a lone surrogate ("\udce9"): the reference reads it
                    pass
        return None if self._native is False else self._native

    def boilerplate(self, spans: Sequence[Span], headings: Sequence[bool]) -> list[str | None]:
        """The boilerplate reason (see :func:`~articlediff.signals.boilerplate.python_boilerplate_reason`)
        of each of the text's units ``spans`` (``headings[n]``: whether unit ``n`` is a heading).

        The units not asked about before are found in one call of the kernel (the reference's answer
        where it leaves one, or under the pure backend) and kept for the next comparison: an original
        compared with many copies reads each of its units once, and only those a comparison leaves alone.
        """
        memo, text = self._boilerplate, self.text
        keys = [(a, b, bool(h)) for (a, b), h in zip(spans, headings, strict=True)]
        new = [k for k in dict.fromkeys(keys) if k not in memo]
        if new:
            found = boilerplate_reasons(text, [(a, b) for a, b, _ in new], [h for _, _, h in new])
            memo.update(zip(new, found, strict=True))
        return [memo[k] for k in keys]

    def credits(self, extra: Mapping[str, Sequence[str]] | None = None) -> tuple[str, ...]:
        """The agencies and outlets the text credits (see :func:`~articlediff.signals.credits`);
        kept for the shipped list, found afresh when ``extra`` entries are given."""
        if extra:
            return tuple(credits(self.text, extra))
        if self._credits is None:
            self._credits = shipped_credits(self.text)
        return self._credits
