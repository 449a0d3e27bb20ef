"""The first pass: sentences with identical word sequences are linked (:func:`exact_links`).

It takes the sentence profiles of both sides and returns the first :class:`~articlediff.align.links.Links`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ..profile import Profile
from .links import Links

__all__ = ["exact_links"]


def exact_links(left: Sequence[Profile], right: Sequence[Profile]) -> Links:
    """Link sentences whose normalized word sequences are identical, in reading order.

    An identical sentence is the surest link there is and needs no scoring, so these links come
    first and the later passes only look at what is left. A sentence repeated on both sides is
    paired with its repetitions in order: the first on the left with the first on the right.
    Sentences without words are never linked here.
    """
    links = Links()
    waiting: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(left):
        if p.keys:
            waiting[p.text].append(i)
    for i_list in waiting.values():
        i_list.reverse()
    for j, p in enumerate(right):
        queue = waiting.get(p.text)
        if queue:
            links.link(queue.pop(), j)
    return links
