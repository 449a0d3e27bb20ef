"""The signals stage: flags for every aligned group and a boilerplate reason for every lone
sentence (:func:`annotate`)."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from ..kernels import active
from ..model import Flag
from .facts import TextFacts
from .pair import flag_pair, flag_rows, flags_of
from .quotes import Span, unsourced_quotes

__all__ = ["annotate"]


def annotate(
    left: str | TextFacts,
    right: str | TextFacts,
    left_spans: Sequence[Span],
    right_spans: Sequence[Span],
    groups: Sequence[tuple[tuple[int, ...], tuple[int, ...]]],
    headings: tuple[Sequence[bool], Sequence[bool]],
    *,
    flags: bool = True,
) -> tuple[list[list[Flag]], list[str | None], list[str | None]]:
    """Flags for each group (sentence indices per side) and a boilerplate reason for every sentence.

    Quotation flags go to the group holding the sentence where the copy's quotation starts (which
    may be an added sentence: a quote the copy made up has no counterpart). ``flags=False`` skips
    the flags (each group gets none) and only finds the boilerplate.

    ``left`` and ``right`` are the texts, or their :class:`TextFacts` (a prepared text's
    ``facts``), which keep what is found in each text alone for its next comparison.
    """
    lf = left if isinstance(left, TextFacts) else TextFacts(left)
    rf = right if isinstance(right, TextFacts) else TextFacts(right)
    found = [[] for _ in groups] if not flags else _flags(lf, rf, left_spans, right_spans, groups)
    paired = ({i for li, ri in groups if ri for i in li}, {j for li, ri in groups if li for j in ri})
    lb = _boilerplate(lf, left_spans, headings[0], paired[0])
    return found, lb, _boilerplate(rf, right_spans, headings[1], paired[1])


def _boilerplate(facts: TextFacts, spans: Sequence[Span], heads: Sequence[bool], paired: set[int]) -> list[str | None]:
    """The boilerplate reason of each lone sentence (None for the paired ones), by the text's facts
    (which keep each unit's reason for the next comparison)."""
    lone = [n for n in range(len(spans)) if n not in paired]
    out: list[str | None] = [None] * len(spans)
    for n, reason in zip(lone, facts.boilerplate([spans[n] for n in lone], [heads[n] for n in lone]), strict=True):
        out[n] = reason
    return out


def _touching(quotes: Sequence[Span], starts: Sequence[int], spans: Sequence[Span]) -> list[Span]:
    """The quotations (sorted, not overlapping; ``starts`` their starts) that overlap any of ``spans``."""
    lo, hi = min(a for a, _ in spans), max(b for _, b in spans)
    first = max(0, bisect.bisect_left(starts, lo) - 1)
    return [q for q in quotes[first : bisect.bisect_left(starts, hi)] if q[1] > lo]


def _flags(
    lf: TextFacts,
    rf: TextFacts,
    left_spans: Sequence[Span],
    right_spans: Sequence[Span],
    groups: Sequence[tuple[tuple[int, ...], tuple[int, ...]]],
) -> list[list[Flag]]:
    """Each group's flags: natively in one call for the whole comparison (:func:`.pair.flag_rows`),
    the reference's loop for the groups the kernel leaves (and for every group under the pure backend)."""
    left, right = lf.text, rf.text
    lq, rq = lf.quotations, rf.quotations
    rows, texts = None, None
    native = active()
    if native is not None:
        ln, rn = lf.flag_text(), rf.flag_text()
        if ln is not None and rn is not None:
            texts = (ln, rn)  # which hold the quotations lq and rq (TextFacts.quotations)
            if groups:
                rows = flag_rows(native, ln, rn, left_spans, right_spans, groups)
    lstarts, rstarts = [a for a, _ in lq], [a for a, _ in rq]
    memo = lf.memo
    flags: list[list[Flag]] = []
    for g, (li, ri) in enumerate(groups):
        got = None if rows is None else rows[g]
        if got is not None:
            flags.append(flags_of(got) if got else [])
            continue
        same = [left[left_spans[i][0] : left_spans[i][1]] for i in li] == [
            right[right_spans[j][0] : right_spans[j][1]] for j in ri
        ]
        if li and ri and not same:
            ls, rs = [left_spans[i] for i in li], [right_spans[j] for j in ri]
            # only the quotations that touch the group: linear in the number of sentences overall
            flags.append(flag_pair(left, ls, right, rs, _touching(lq, lstarts, ls), _touching(rq, rstarts, rs), memo))
        else:
            flags.append([])
    owner = {j: g for g, (_, ri) in enumerate(groups) for j in ri}
    sentence_starts = [a for a, _ in right_spans]
    for (qa, _), flag in sorted(unsourced_quotes(left, lq, right, rq, texts).items()):
        # the sentence holding the quote's first word (a quote mark may sit just before a sentence)
        j = bisect.bisect_right(sentence_starts, qa + 1) - 1
        if j < 0 or right_spans[j][1] <= qa:
            j += 1
        if 0 <= j < len(right_spans) and j in owner:
            flags[owner[j]].insert(0, flag)
    return flags
