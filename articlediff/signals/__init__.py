"""What changed that matters: quotes, numbers, names, attribution, credits and boilerplate.

A word diff says *that* a sentence changed; these signals say whether the change matters to an
editor. Every flag carries the exact character spans on both sides and a short message:

- ``quote_changed``: the words inside quotation marks differ from the original's quotation they
  come from (typography ignored); ``quote_unsourced``: a quotation in the copy whose words appear
  in no quotation of the original.
- ``number_changed``: numbers, percentages, amounts, dates and durations replaced by others in an
  aligned pair ("more than four years" → "since 2018").
- ``name_changed``: a name or title of a person, place or organisation changed around a shared
  name ("Donald Trump" → "former U.S. President Donald Trump").
- ``attribution_changed``: the speaker of a statement changed ("Kyiv told reporters" → "he told
  reporters in comments released by Kyiv"), or a hedge ("reportedly", "allegedly", "according to
  sources") was added or removed.

Also here, as stages of their own: :func:`credits` (which agencies and outlets a text credits,
from the shipped, extendable ``data/agencies.json``) and :func:`boilerplate_reason` (page chrome,
promos, bylines, datelines, newsletter prompts, "(With agency inputs)").

The modules: :mod:`.quotes`, :mod:`.numbers`, :mod:`.names` and :mod:`.attribution` find things in
one text; :mod:`.pair` compares what they found in one aligned group; :mod:`.stage` runs them over
every group (:func:`annotate`); :mod:`.credits` and :mod:`.boilerplate` read one text or unit.
What they find in one text alone is kept on its :class:`TextFacts` (held by
:class:`~articlediff.prepared.Prepared`), so an original compared with many copies pays once.

>>> [f.message for f in flag_pair("Putin met Trump in four years.", [(0, 30)], "Putin met Trump in 2018.", [(0, 24)])]
['number changed: four years → 2018']
"""

from __future__ import annotations

from ..model import Flag, FlagKind
from .boilerplate import boilerplate_reason
from .credits import credits
from .facts import TextFacts
from .pair import flag_pair
from .quotes import quotations, unsourced_quotes
from .stage import annotate

__all__ = [
    "Flag",
    "FlagKind",
    "TextFacts",
    "annotate",
    "boilerplate_reason",
    "credits",
    "flag_pair",
    "quotations",
    "unsourced_quotes",
]
