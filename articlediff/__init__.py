"""articlediff: how one news story changed as it travelled between outlets.

Compare an original with a copy, sentence by sentence, even when sentences were moved, split,
merged or rewritten:

>>> import articlediff
>>> cmp = articlediff.compare("Putin met Trump. Talks lasted three hours.", "Talks lasted three hours.")
>>> cmp.summary.verdict, cmp.summary.counts.dropped, cmp.summary["counts"]
(<Verdict.WHOLLY_DERIVED: 'wholly_derived'>, 1, {'verbatim': 1, 'paraphrase': 0, 'added': 0, 'dropped': 1})

``cmp.to_html()`` (or :func:`render_html`) turns the result into a self-contained, side-by-side
HTML report; in Jupyter, ``cmp`` shows that view under the cell.

``articlediff.backend`` says whether the Rust kernels (``"native"``) or the pure-Python reference
(``"python"``, or when ``ARTICLEDIFF_PURE=1`` is set) run; the results are the same.

Many copies against many originals (which original, if any, is each copy derived from?):
:func:`batch`, and ``articlediff batch`` on the command line.
"""

from __future__ import annotations

from .errors import ArticleDiffError, InputError, OptionsError
from .graded import similarity
from .kernels import BACKEND as backend
from .loader import Article, decode, load, parse_html
from .model import Comparison, Label, Pair, Sentence, Summary, Verdict
from .options import DEFAULT, LENIENT, PRESETS, SEMANTIC, STRICT, Options
from .paraphrase import is_paraphrase, paraphrase_probability
from .pipeline import compare, compare_prepared
from .prepared import Prepared, prepare
from .render import render_html
from .syndication import BatchReport, Blocking, batch, compare_many
from .version import __version__

__all__ = [
    "Article",
    "ArticleDiffError",
    "BatchReport",
    "Blocking",
    "Comparison",
    "DEFAULT",
    "InputError",
    "LENIENT",
    "Label",
    "Options",
    "OptionsError",
    "PRESETS",
    "Pair",
    "Prepared",
    "SEMANTIC",
    "STRICT",
    "Sentence",
    "Summary",
    "Verdict",
    "__version__",
    "backend",
    "batch",
    "compare",
    "compare_many",
    "compare_prepared",
    "decode",
    "is_paraphrase",
    "load",
    "paraphrase_probability",
    "parse_html",
    "prepare",
    "render_html",
    "similarity",
]
