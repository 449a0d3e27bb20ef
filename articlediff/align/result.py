"""What :func:`articlediff.align.align` returns: :class:`Group` and :class:`Alignment`."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Alignment", "Group"]


@dataclass(frozen=True)
class Group:
    """Sentences of the left and right text that carry the same content, and their similarity."""

    left: tuple[int, ...]
    right: tuple[int, ...]
    score: float


@dataclass(frozen=True)
class Alignment:
    """The groups of two texts, every sentence's best similarity, and whether they tell one story.

    Every sentence is in at most one group; a sentence in none was added or dropped.
    """

    #: the groups, sorted by their first left sentence
    groups: tuple[Group, ...]
    #: for every left sentence, the best similarity seen to any right one (1.0 for an exact match)
    best_left: tuple[float, ...]
    #: the same for every right sentence
    best_right: tuple[float, ...]
    #: whether the texts were judged versions of one story (see :func:`articlediff.align.story.same_story`)
    same_story: bool

    def mirrored(self) -> Alignment:
        """The same alignment with the sides swapped: what aligning right with left gives."""
        groups = sorted((Group(g.right, g.left, g.score) for g in self.groups), key=lambda g: g.left)
        return Alignment(tuple(groups), self.best_right, self.best_left, self.same_story)
