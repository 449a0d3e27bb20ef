"""The exceptions articlediff raises.

Every error is an :class:`ArticleDiffError`, a :class:`ValueError`, so callers that already catch
``ValueError`` keep working. Messages say which input was wrong, what arrived and what to do.
"""

from __future__ import annotations

__all__ = ["ArticleDiffError", "InputError", "OptionsError"]


class ArticleDiffError(ValueError):
    """Base class of every error raised by articlediff."""


class InputError(ArticleDiffError):
    """An article could not be read or is not usable as text."""


class OptionsError(ArticleDiffError):
    """An option name or value is not valid."""
