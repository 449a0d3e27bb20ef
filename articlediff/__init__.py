"""articlediff: how one news story changed as it travelled between outlets.

Compare an original with a copy, sentence by sentence, even when sentences were moved, split,
merged or rewritten:

>>> import articlediff
>>> cmp = articlediff.compare("Putin met Trump. Talks lasted three hours.", "Talks lasted three hours.")
>>> cmp.summary["counts"]
{'verbatim': 1, 'paraphrase': 0, 'added': 0, 'dropped': 1}

``cmp.to_html()`` (or :func:`render_html`) turns the result into a self-contained, side-by-side
HTML report; in Jupyter, ``cmp`` shows that view under the cell.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import ArticleDiffError, InputError, OptionsError
from .loader import Article, decode, load, parse_html
from .model import Comparison, Label, Pair, Sentence
from .options import DEFAULT, LENIENT, PRESETS, STRICT, Options
from .paraphrase import is_paraphrase, paraphrase_probability
from .pipeline import compare
from .render import render_html
from .similarity import similarity

__all__ = [
    "Article",
    "ArticleDiffError",
    "Comparison",
    "DEFAULT",
    "InputError",
    "LENIENT",
    "Label",
    "Options",
    "OptionsError",
    "PRESETS",
    "Pair",
    "STRICT",
    "Sentence",
    "__version__",
    "compare",
    "decode",
    "is_paraphrase",
    "load",
    "paraphrase_probability",
    "parse_html",
    "render_html",
    "similarity",
]
