"""The links the alignment passes build: which sentences of each side form each group (:class:`Links`).

Every pass takes the current :class:`Links` and returns new ones. A pass never changes the links it
was given: it works on :meth:`Links.copy` (or returns its input when it decides nothing), so each
pass reads, tests and swaps as a function. :meth:`Links.link` and :meth:`Links.join` are the only
places a link is made.

Group ids are positions in :attr:`Links.groups`, in the order the groups were made; passes break
ties on them, so that order is part of the result.

>>> links = Links.of([(0, 0), (1, 2)])
>>> links.join(1, 3, 1)
>>> links.groups, links.together(1, 3), links.next_to_link(1, 1)
([([0], [0]), ([1], [2, 3])], True, True)
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["Links"]


class Links:
    """Groups under construction, and which group each linked sentence is in."""

    __slots__ = ("groups", "partner")

    def __init__(self) -> None:
        #: group id -> (left sentence ids, right sentence ids), in the order they joined
        self.groups: list[tuple[list[int], list[int]]] = []
        #: for each side, sentence id -> the id of its group (a sentence is in at most one)
        self.partner: tuple[dict[int, int], dict[int, int]] = ({}, {})

    @classmethod
    def of(cls, pairs: Iterable[tuple[int, int]]) -> Links:
        """One-to-one links of the pairs ``(left id, right id)``, in that order."""
        links = cls()
        for i, j in pairs:
            links.link(i, j)
        return links

    def copy(self) -> Links:
        """A copy a pass may change without changing these links."""
        new = Links()
        new.groups = [(list(lids), list(rids)) for lids, rids in self.groups]
        new.partner = (dict(self.partner[0]), dict(self.partner[1]))
        return new

    def link(self, i: int, j: int) -> None:
        """Make a new one-to-one group of left sentence ``i`` and right sentence ``j`` (both unlinked)."""
        gid = len(self.groups)
        self.groups.append(([i], [j]))
        self.partner[0][i] = gid
        self.partner[1][j] = gid

    def join(self, s: int, n: int, gid: int) -> None:
        """Add the unlinked sentence ``n`` of side ``s`` (0 left, 1 right) to group ``gid``."""
        self.groups[gid][s].append(n)
        self.partner[s][n] = gid

    def together(self, i: int, j: int) -> bool:
        """Whether left sentence ``i`` and right sentence ``j`` are in the same group."""
        gid = self.partner[0].get(i)
        return gid is not None and gid == self.partner[1].get(j)

    def next_to_link(self, i: int, j: int) -> bool:
        """Whether the pair ``(i, j)`` has an aligned neighbour: ``(i - 1, j - 1)`` or ``(i + 1, j + 1)`` together."""
        return self.together(i - 1, j - 1) or self.together(i + 1, j + 1)
