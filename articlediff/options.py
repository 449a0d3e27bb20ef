"""Settings of a comparison: one frozen :class:`Options`, named presets, keyword overrides.

A preset is a set of values, applied when the object is made: ``Options(preset="strict")`` *is*
the strict settings (keyword arguments override single values), and the :attr:`Options.signature`
names every value, so two results with the same signature were made the same way.

>>> opts = resolve(None, link_threshold=0.5)
>>> opts.preset, opts.link_threshold
('default', 0.5)
>>> Options(preset="strict") == STRICT and Options(preset="strict").link_threshold > DEFAULT.link_threshold
True
>>> Options(preset="strict", candidates=8).candidates, Options(preset="strict", candidates=8).min_evidence
(8, 2.0)
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass

from .embed import WORDLLAMA, embedder_name
from .errors import OptionsError
from .version import __version__

__all__ = ["DEFAULT", "LENIENT", "PRESETS", "PRESET_VALUES", "SEMANTIC", "STRICT", "Options", "resolve"]


#: The values each preset changes from the field defaults below (the defaults are the ``default`` preset).
PRESET_VALUES: dict[str, dict[str, object]] = {
    "default": {},
    #: Fewer, surer links: for compliance checks where a false "reused" costs more than a miss.
    "strict": {
        "link_threshold": 0.6,
        "mutual_threshold": 0.45,
        "context_threshold": 0.4,
        "min_evidence": 2.0,
        "join_containment": 0.6,
        "related_relief": 0.05,
    },
    #: More links for heavy rewrites, at the cost of some links between sentences that only share a topic.
    "lenient": {
        "link_threshold": 0.4,
        "mutual_threshold": 0.25,
        "context_threshold": 0.25,
        "min_evidence": 1.0,
        "join_containment": 0.4,
        "related_relief": 0.15,
    },
    #: For heavy rewrites: a copy sentence may fuse clauses of several (``fusion_evidence``), and
    #: sentence embeddings (the shipped WordLlama model) add evidence; needs
    #: ``pip install 'articlediff[semantic]'``.
    "semantic": {"embedder": "wordllama", "fusion_evidence": 3.0},
}


@dataclass(frozen=True, init=False)
class Options:
    """Every setting that changes what :func:`articlediff.compare` reports.

    ``Options(preset="strict", candidates=8)`` starts from the named preset's values
    (:data:`PRESET_VALUES`) and applies the keywords over them; ``preset`` then names where the
    values came from and every value is in the :attr:`signature`. The default alignment
    thresholds are chosen by ``scripts/fit_alignment.py`` (a grid search on development gold); the
    verdict thresholds follow the METER corpus' three classes.

    Raises:
        OptionsError: for an unknown preset or option, or a value out of range.
    """

    #: The preset the values started from (``default``, ``strict``, ``lenient`` or ``semantic``).
    preset: str = "default"
    #: Least similarity for two unmatched sentences to be paired one to one.
    link_threshold: float = 0.5
    #: A lower bar for two sentences that are each other's most similar counterpart.
    mutual_threshold: float = 0.4
    #: A lower bar for a pair whose neighbours on both sides are already aligned to each other.
    context_threshold: float = 0.35
    #: Least shared evidence for any non-identical link: the shared content words, each weighted by
    #: how rare it is in the two articles (a word found in one sentence weighs 1). Keeps topic words
    #: ("Putin", "Ukraine") from linking sentences that only share a subject. Between versions of one
    #: story, half of it inside a gap between two groups that keep their order (their place is evidence).
    min_evidence: float = 1.5
    #: Least share of a sentence's content words found in a group for it to join that group
    #: (how splits, merges and N:M groups form).
    join_containment: float = 0.5
    #: Share of a text's words in sentences with a fair counterpart (similarity 0.4 or more) above
    #: which the two texts count as versions of one story, if they also share a sure link and either
    #: sure links hold this share of both texts or fair counterparts half of it in the rest of one...
    story_threshold: float = 0.3
    #: ...and the mutual, context and join thresholds are lowered by this much to find rewrites (a
    #: join against the order both texts share asks ``join_containment`` raised by it instead).
    related_relief: float = 0.15
    #: Least shared evidence (as ``min_evidence``) for a link between texts that are not versions
    #: of one story: different stories that reuse background share rare words (names, numbers),
    #: while two texts on one subject share its vocabulary.
    unrelated_evidence: float = 3.0
    #: Candidate counterparts scored per sentence (blocking keeps cost linear in article length).
    candidates: int = 4
    #: Longest text accepted per side, in characters; longer input raises InputError (cost and
    #: memory grow linearly: see benchmarks/bench_stress.py).
    max_chars: int = 10_000_000
    #: Look for changes that matter (quotes, numbers, names, attribution) in aligned pairs. About a
    #: third of a comparison's cost on news articles; False leaves every pair's ``flags`` empty.
    signals: bool = True
    #: Agencies and outlets to look for in credits, beyond the shipped list (data/agencies.json):
    #: pairs of a name and a word or phrase that credits it, e.g. ``(("Kyodo", "Kyodo News"),)``.
    agencies: tuple[tuple[str, str], ...] = ()
    #: ``reuse`` at or above which a copy is ``wholly_derived``.
    wholly_derived: float = 0.75
    #: ``reuse`` at or above which a copy is ``partially_derived`` (below: ``not_derived``).
    partially_derived: float = 0.15
    #: Word diffs and change flags for every aligned pair. False keeps the alignment, labels,
    #: boilerplate and summary and leaves each pair's ``diff`` and ``flags`` empty: for ranking
    #: candidate sources (the batch layer), at about half the cost of a comparison.
    details: bool = True
    #: Sentence embeddings as extra evidence for the aligner (see :mod:`articlediff.embed`): None
    #: (lexical evidence only), ``"wordllama"`` (the shipped model; the ``semantic`` preset) or any
    #: object with ``encode(list[str]) -> array (n, d)``, such as a sentence-transformers model.
    embedder: object = None
    #: With an embedder: embedding neighbours each sentence adds to its candidates. 0 by default: with
    #: the shipped WordLlama model, 3 neighbours made the rewrite gold worse (unit F1 0.978 -> 0.971);
    #: worth trying with a stronger model.
    embedding_candidates: int = 0
    #: With an embedder: least cosine for a pair to count as having the shared evidence a link needs
    #: (``min_evidence``) when it shares too few rare words; topic-only neighbours stay below it.
    embedding_evidence: float = 0.8
    #: Least shared evidence (as ``min_evidence``) for a lone sentence to join a group as a fused
    #: clause: shared with what the group's other side says beyond this side's members, as when a
    #: rewrite fuses clauses of three or four sentences into one. 0 turns such joins off.
    fusion_evidence: float = 0.0

    def __init__(self, preset: str = "default", **values: object) -> None:
        if not isinstance(preset, str) or preset not in PRESET_VALUES:
            raise OptionsError(f"unknown preset {preset!r}; choose one of {', '.join(sorted(PRESET_VALUES))}")
        unknown = sorted(set(values) - _FIELD_NAMES)
        if unknown:
            names = ", ".join(sorted(_FIELD_NAMES | {"preset"}))
            raise OptionsError(f"unknown option(s) {', '.join(unknown)}; valid options are {names}")
        merged = {**PRESET_VALUES[preset], **values}
        object.__setattr__(self, "preset", preset)
        for f in dataclasses.fields(self):
            if f.name != "preset":
                object.__setattr__(self, f.name, merged.get(f.name, f.default))
        self._check()

    def _check(self) -> None:
        for field in (
            "link_threshold",
            "mutual_threshold",
            "context_threshold",
            "join_containment",
            "story_threshold",
            "related_relief",
            "wholly_derived",
            "partially_derived",
        ):
            value = getattr(self, field)
            if not isinstance(value, (int, float)) or not 0.0 <= value <= 1.0:
                raise OptionsError(f"option {field!r} must be a number between 0 and 1, got {value!r}")
        for field in ("min_evidence", "unrelated_evidence", "fusion_evidence"):
            value = getattr(self, field)
            if not isinstance(value, (int, float)) or value < 0:
                raise OptionsError(f"option {field!r} must be a number >= 0, got {value!r}")
        for field in ("signals", "details"):
            if not isinstance(getattr(self, field), bool):
                raise OptionsError(f"option {field!r} must be True or False, got {getattr(self, field)!r}")
        if not isinstance(self.max_chars, int) or self.max_chars < 0:
            raise OptionsError(f"option 'max_chars' must be a non-negative integer, got {self.max_chars!r}")
        if not isinstance(self.candidates, int) or self.candidates < 1:
            raise OptionsError(f"option 'candidates' must be a positive integer, got {self.candidates!r}")
        if not isinstance(self.embedding_candidates, int) or self.embedding_candidates < 0:
            raise OptionsError(
                f"option 'embedding_candidates' must be a non-negative integer, got {self.embedding_candidates!r}"
            )
        if not isinstance(self.embedding_evidence, (int, float)) or not -1.0 <= self.embedding_evidence <= 1.0:
            got = self.embedding_evidence
            raise OptionsError(f"option 'embedding_evidence' must be a cosine between -1 and 1, got {got!r}")
        embedder = self.embedder
        named = isinstance(embedder, str)
        if embedder is not None and (
            embedder != WORDLLAMA if named else not callable(getattr(embedder, "encode", None))
        ):
            raise OptionsError(
                f"option 'embedder' must be None, {WORDLLAMA!r} or an object with encode(list[str]) -> array (n, d), "
                f"got {embedder!r}"
            )
        if self.partially_derived > self.wholly_derived:
            raise OptionsError("option 'partially_derived' must not exceed 'wholly_derived'")

    @property
    def agencies_dict(self) -> dict[str, list[str]]:
        """:attr:`agencies` as ``{name: [pattern, ...]}``."""
        out: dict[str, list[str]] = {}
        for name, pattern in self.agencies:
            out.setdefault(name, []).append(pattern)
        return out

    @functools.cached_property
    def signature(self) -> str:  # frozen: computed once per object
        """A string naming every setting and the library version, e.g. ``articlediff:0.1.0|preset:default|…``."""

        parts = [f"articlediff:{__version__}"]
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            parts.append(f"{field.name}:{embedder_name(value) if field.name == 'embedder' else value}")
        return "|".join(parts)


_FIELD_NAMES = frozenset(f.name for f in dataclasses.fields(Options)) - {"preset"}

#: The default: tuned on development gold of same-story copies, heavy rewrites and unrelated stories.
DEFAULT = Options()
#: Fewer, surer links: for compliance checks where a false "reused" costs more than a miss.
STRICT = Options("strict")
#: More links for heavy rewrites, at the cost of some links between sentences that only share a topic.
LENIENT = Options("lenient")
#: For heavy rewrites and retold background: fused clauses and sentence-embedding evidence.
SEMANTIC = Options("semantic")

PRESETS = {o.preset: o for o in (DEFAULT, STRICT, LENIENT, SEMANTIC)}


def resolve(options: Options | str | None = None, **overrides: object) -> Options:
    """Return the :class:`Options` for ``options`` (an object, a preset name or None) with ``overrides`` applied."""
    if options is None:
        base = DEFAULT
    elif isinstance(options, Options):
        base = options
    elif isinstance(options, str):
        if options not in PRESETS:
            raise OptionsError(f"unknown preset {options!r}; choose one of {', '.join(sorted(PRESETS))}")
        base = PRESETS[options]
    else:
        raise TypeError(f"options must be an Options, a preset name or None, not {type(options).__name__}")
    if not overrides:
        return base
    if "preset" in overrides:
        raise OptionsError("'preset' is not an override: pass the preset name as the options argument")
    return dataclasses.replace(base, **overrides)  # type: ignore[arg-type]
