"""The per-text stages (segment, normalize, profile) run once: :func:`prepare` gives a :class:`Prepared`.

A prepared text can be compared with any number of others (see :func:`articlediff.compare_prepared`);
whatever a comparison needs of one text alone is computed once, on first use, and kept on it.

>>> prepare("Putin met Trump. Talks lasted three hours.")
<Prepared 2 sentences, 7 words>
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from itertools import repeat
from typing import Any, cast

from .align.candidates import native_index, postings_of
from .embed import Embedder, embedder_name, vectors
from .errors import InputError
from .kernels import active, encodable, gc_paused
from .lexicon import SENTENCE_END, stopwords
from .model import Sentence
from .normalize import char_info, keys, keys_within, normalize, token_key
from .options import Options, resolve
from .profile import NLTK_ONLY_PATTERN, Profile, UnitProfile, key_facts, profile
from .segment import split
from .signals import TextFacts

__all__ = ["Prepared", "build", "check_length", "native_prepare", "prepare", "python_build"]

# A unit is a heading (headline, subhead, byline, date) when it is short and has no sentence end.
_HEADING_MAX_WORDS = 15


@dataclass(frozen=True, repr=False)
class Prepared:
    """One text after the per-text stages: its sentences, their profiles and which units are headings.

    Build it with :func:`prepare`; it can be compared with any number of others by
    :func:`compare_prepared` (it is not changed by a comparison) and pickled to other processes.
    """

    text: str
    sentences: tuple[Sentence, ...]
    headings: tuple[bool, ...]

    @property
    def profiles(self) -> tuple[Profile, ...]:
        """Each sentence's :class:`~articlediff.profile.Profile`. Under the native backend they are
        read from the native kernel's copy of the text on first use (see
        :class:`~articlediff.profile.UnitProfile`); a pure-Python build makes them at once."""
        got: tuple[Profile, ...] | None = self.__dict__.get("_profiles")
        if got is None:
            source = self._native_text()
            if source is not None:
                got = tuple(map(UnitProfile, [s.key for s in self.sentences], repeat(source), range(len(source))))
            else:  # the reference's profiles of the same units
                got = python_build(self.text, [(s.start, s.end) for s in self.sentences])._profiles_made()
            object.__setattr__(self, "_profiles", got)
        return got

    def _profiles_made(self) -> tuple[Profile, ...]:
        got: tuple[Profile, ...] = self.__dict__["_profiles"]
        return got

    def _native_text(self) -> Any | None:
        """The native kernel's copy of this text (``articlediff_native.PreparedText``), made now if
        this text was prepared elsewhere (or by the reference), or None when the native backend does
        not run or leaves this text to the reference."""
        got = self.__dict__.get("_native")
        if got is None:
            made = native_prepare(self.text, [(s.start, s.end) for s in self.sentences])
            if made is None:
                return None
            got = made[0]
            object.__setattr__(self, "_native", got)
        return got

    def __repr__(self) -> str:
        return f"<Prepared {len(self.sentences)} sentences, {sum(s.words for s in self.sentences)} words>"

    @functools.cached_property
    def postings(self) -> dict[str, list[int]]:
        """The aligner's inverted index of this text (see :func:`articlediff.align.postings_of`): built
        once however many texts this one is compared with."""
        return postings_of(self.profiles)

    @functools.cached_property
    def facts(self) -> TextFacts:
        """What the change flags find in this text alone (quotations, credits, each sentence's
        figures, names, speakers and hedges): found once however many texts this one is compared with."""
        return TextFacts(self.text)

    def native_index(self) -> Any | None:
        """This text's half of the native blocking index (``articlediff_native.TextIndex``: its
        sentences' stems, interned once however many texts this one is compared with), or None when
        the pure-Python backend runs. Never pickled: another process builds its own."""
        native = active()
        if native is None:
            return None
        got = self.__dict__.get("_native_index")
        if got is None:
            if not encodable(self.text):  # the reference reads text with lone surrogates
                return None
            source = self._native_text()
            got = source.index if source is not None else native_index(self.profiles)
            object.__setattr__(self, "_native_index", got)
        return got

    def __getstate__(self) -> dict[str, Any]:
        # the native objects number stems for this process only; profiles read from them are made
        # again where they are needed
        drop = {"_native_index", "_native", "_profiles"} if "_native" in self.__dict__ else {"_native_index"}
        return {k: v for k, v in self.__dict__.items() if k not in drop}

    @functools.cached_property
    def _vectors(self) -> dict[str, Any]:
        return {}

    def vectors(self, embedder: Embedder) -> Any:
        """The sentences' vectors from ``embedder`` (see :func:`articlediff.embed.vectors`): embedded
        once per embedder however many texts this one is compared with."""
        name = embedder_name(embedder)
        got = self._vectors.get(name)
        if got is None:
            got = self._vectors[name] = vectors(embedder, [self.text[s.start : s.end] for s in self.sentences])
        return got

    @property
    def words(self) -> list[str]:
        """The text's word keys, in reading order (see :func:`articlediff.normalize.keys`)."""
        return [k for s, p in zip(self.sentences, self.profiles, strict=True) if s.words for k in p.keys]


def build(text: str, words: tuple[list[str], list[tuple[int, int]]] | None = None) -> Prepared:
    """:func:`prepare` without its checks (``text`` is a ``str`` within the length limit).

    ``words``: the word keys of the whole text and their offsets, when the caller has them (a
    batch keys each copy for its blocking first: :func:`~articlediff.normalize.keys_within` then
    reads each sentence's keys off them instead of keying the text again). The native kernel
    keys the text itself, in the same call that stems it (:func:`native_prepare`: the same keys)."""
    spans = split(text)
    made = native_prepare(text, spans)
    if made is None:
        return python_build(text, spans, words)
    source, ks, counts, headings = made
    sentences = tuple(map(Sentence, range(len(spans)), [a for a, _ in spans], [b for _, b in spans], ks, counts))
    out = Prepared(text, sentences, tuple(headings))
    object.__setattr__(out, "_native", source)
    return out


def python_build(
    text: str, spans: list[tuple[int, int]], words: tuple[list[str], list[tuple[int, int]]] | None = None
) -> Prepared:
    """The reference for :func:`build` after segmentation (``spans``: the units' offsets): each
    unit's keys (:func:`~articlediff.normalize.keys`), :func:`~articlediff.profile.profile` and
    :class:`Sentence`, and whether it is a heading; the profiles are made at once."""
    sentences, profiles, headings = [], [], []
    per_span = keys_within(words[0], words[1], spans) if words is not None else None
    if per_span is None:
        per_span = keys(text, spans)
    for index, ((start, end), ks) in enumerate(zip(spans, per_span, strict=True)):
        n = len(ks)
        headings.append(n <= _HEADING_MAX_WORDS and text[end - 1] not in SENTENCE_END)
        # A unit without words ("***", "—") is compared by its normalized characters instead.
        ks = ks or [normalize(text[start:end])]
        profiles.append(profile(ks))
        sentences.append(Sentence(index, start, end, profiles[-1].text, n))
    out = Prepared(text, tuple(sentences), tuple(headings))
    object.__setattr__(out, "_profiles", tuple(profiles))
    return out


def native_prepare(text: str, spans: list[tuple[int, int]]) -> tuple[Any, list[str], list[int], list[bool]] | None:
    """:func:`python_build` of the units ``spans`` of ``text`` by the native kernel in one call
    (``articlediff_native.Preparer``, see ``native/src/prep.rs``): the kernel's copy of the text
    (``PreparedText``: its keys, stems and ``TextIndex``), each unit's key (:attr:`Sentence.key`),
    number of words and whether it is a heading. None under the pure-Python backend, for text
    without a UTF-8 form, and where :func:`~articlediff.normalize.keys` leaves a unit to the reference."""
    native = active()
    if native is None:
        return None
    try:
        got = _preparer(native).prepare(text, spans)
    except UnicodeEncodeError:  # a lone surrogate ("\udce9") has no UTF-8 form for the kernel
        return None
    return cast("tuple[Any, list[str], list[int], list[bool]] | None", got)


@functools.lru_cache(maxsize=2)
def _preparer(native: Any) -> Any:
    """The native per-text kernel, with the lexicon and the reference's answers for what it cannot decide."""
    return native.Preparer(
        sorted(stopwords()),
        NLTK_ONLY_PATTERN,
        SENTENCE_END,
        _HEADING_MAX_WORDS,
        char_info,
        _token_facts,
        key_facts,
        _wordless_facts,
    )


def _token_facts(token: str) -> tuple[str, str | None, bool, bool]:
    """The key of a lowercased non-ASCII token and :func:`~articlediff.profile.key_facts` of it."""
    key = token_key(token)
    return (key, *key_facts(key))


def _wordless_facts(piece: str) -> tuple[str, str | None, bool, bool]:
    """The key of a unit without words (its normalized characters) and its facts."""
    key = normalize(piece)
    return (key, *key_facts(key))


def check_length(name: str, text: str, opts: Options, caller: str = "compare") -> None:
    """Raise :class:`InputError` if ``text`` (argument ``name`` of ``caller()``) is over ``opts.max_chars``."""
    if len(text) > opts.max_chars:
        raise InputError(
            f"{caller}() argument {name!r} has {len(text):,} characters, over the limit of {opts.max_chars:,}; "
            f"pass max_chars={len(text)} (CLI: --set max_chars={len(text)}) if it really is one article"
        )


def prepare(text: str, options: Options | str | None = None, **overrides: object) -> Prepared:
    """Run the per-text stages (segment, normalize, profile) on ``text`` once.

    >>> prepare("Putin met Trump. Talks lasted three hours.")
    <Prepared 2 sentences, 7 words>

    Args:
        text: the article. Empty or whitespace-only text is a valid empty article.
        options, overrides: as for :func:`compare`; only ``max_chars`` matters here.

    Raises:
        TypeError: if ``text`` is not a ``str``.
        InputError: if ``text`` is longer than the ``max_chars`` option.
    """
    if not isinstance(text, str):
        raise TypeError(
            f"prepare() argument 'text' must be str (the article text), not {type(text).__name__}; "
            "read files with articlediff.load() or open(...).read() first"
        )
    check_length("text", text, resolve(options, **overrides), "prepare")
    with gc_paused(2 * len(text)):  # the size of a comparison of two texts like it
        return build(text)
