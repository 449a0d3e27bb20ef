"""Sentence segmentation with offsets into the caller's string.

A line break ends a unit, so headlines, bylines, dates and one-line promos are units of their own;
the one exception is a hard-wrapped paragraph (see :func:`logical_lines`), whose lines are read as
one. Each line is split by NLTK's Punkt, with news parameters shipped in the package
(``data/punkt_news.json``: abbreviations such as U.S., U.N., Gen., Nov., Mr., and the sentence starters
after which an abbreviation ends a sentence: "…the U.S. His envoy…"), two news rules added to Punkt's
second pass (two initials such as "J.D." are initials; after a company's or a state's abbreviation a
capitalised word may start a sentence: "…Hewlett-Packard Co. Republicans had…"), then repaired where
Punkt is known to be wrong for news: a spaced ellipsis (``. . .``) is one ellipsis, a quotation and
its attribution stay one sentence while a sentence after a quotation is its own, and a leading
dateline (``MOSCOW —``) is its own unit. ``benchmarks/eval_segment.py`` measures it on news sentences.
Sentence ends of other scripts (CJK 。！？, Devanagari ।, Arabic ؟) split too, and a unit with no
sentence end at all is cut at spaces every :data:`MAX_UNIT_CHARS` characters or so.

>>> text = 'MOSCOW — Gen. Smith met U.S. envoys on Nov. 7. "We agreed." he said.\\nMore soon'
>>> [text[a:b] for a, b in split(text)]
['MOSCOW —', 'Gen. Smith met U.S. envoys on Nov. 7.', '"We agreed." he said.', 'More soon']
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from typing import TYPE_CHECKING, Any, cast

from .kernels import active
from .lexicon import TITLE_NOUNS

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from types import ModuleType

    from nltk.tokenize.punkt import PunktSentenceTokenizer

__all__ = ["MAX_UNIT_CHARS", "logical_lines", "python_split", "segmenter_settings", "split"]

# Lines: any run of characters that are not line or paragraph separators.
_LINE = re.compile(r"[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+")
# "MOSCOW — ", "WASHINGTON, Nov 7 (Reuters) - ", "KYIV (AP) — ": capitals, optional date and credit, a dash.
_DATELINE = re.compile(
    r"[A-Z][A-Z.'\u2019]+(?:[ -][A-Z][A-Z.'\u2019]+){0,3}"
    r"(?:, [A-Z][a-z]{2,8}\.? \d{1,2})?(?: \([A-Za-z .]+\))? ?[\u2014\u2013-]{1,2}(?= \S)"
)
# What may sit between two lines of one hard-wrapped paragraph: a single line break.
_SINGLE_BREAK = frozenset(("\n", "\r\n", "\r"))
# A line that ends a sentence (or a clause that introduces what follows).
_LINE_END = re.compile(r"[.?!:\u2026][\"'\u201d\u2019)\]]*$")
#: Hard wraps are recognised only at a wrap width (longest line of the run) in this range...
WRAP_WIDTHS = (40, 120)
#: ...and a line shorter than this share of it ends a wrapped paragraph.
WRAP_MIN_SHARE = 0.6
#: Longest unit: longer runs (no sentence ends at all) are cut at a space before this many characters.
MAX_UNIT_CHARS = 1000
# Sentence ends of other scripts, with any closing quotes or brackets after them.
_OTHER_END = re.compile(
    "[\u3002\uff01\uff1f\uff61\ufe12\u0964\u0965\u061f\u06d4]+[\u300d\u300f\u201d\u2019\"'\uff09)\\]]*"
)
# Whether a line has one: a bare character class, which ``re`` scans for faster than the pattern above.
_OTHER_END_CHAR = re.compile("[\u3002\uff01\uff1f\uff61\ufe12\u0964\u0965\u061f\u06d4]")
# A possible sentence end inside a line: only lines that have one need Punkt.
_INTERNAL_END = re.compile(r"[.?!][\"'\u201d\u2019)\]]*\s")
_OPENING = "\"'\u201c\u2018([\u00ab"
_CLOSING_QUOTE = re.compile(r"[.?!,][\"'\u201d\u2019\u00bb]\s*$")
_SPEECH_VERBS = (
    "said says say told tells added adds asked asks stated states wrote writes noted notes "
    "remarked explained declared insisted warned argued replied concluded according"
).split()
_SPEECH = re.compile(rf"\b(?:{'|'.join(_SPEECH_VERBS)})\b")
#: An attribution after a closed quotation ends at most this many words after its speech verb.
MAX_ATTRIBUTION_TAIL = 10
# Words after a speech verb that only a clause of its own has ("He said the consequences would…",
# "Police said they will…", "Neither said whether…"): not an attribution but a new sentence.
_CLAUSE = frozenset(
    "that whether if because he she it they we i you there is are was were will would can could may might must "
    "should has have had do does did".split()
)
_TAIL_PUNCT = "\"'\u201c\u201d\u2018\u2019()[],;.?!"
# A piece that starts with a lone full stop (the rest of a spaced ellipsis) or with a comma or
# semicolon after closing quotes ('shouted "Takbir!", or …'): never a sentence of its own.
_REST = re.compile(r"\.(?:\s|$)|[\"'\u201d\u2019\u00bb]*[,;]")
# A spaced ellipsis at the end of a piece: ". . ." or "word. . . ." (group 1: the word).
_SPACED_ELLIPSIS = re.compile(r"(?<!\S)(\S*?)(\.(?:[ \t\u00a0]\.){2,})$")


# The contexts Punkt judges at a possible sentence end that _FastPunkt decides itself: a word of
# letters (inner hyphens and dots allowed: "long-term", "U.S") or a number, then ``.``, ``?`` or
# ``!``, and either whitespace and a next token that has no sentence end of its own, or one of the
# characters Punkt reads as the end of a word (a closing quote or bracket: 'them.”').
_PLAIN_CONTEXT = re.compile(
    r"(?:([^\W\d_]+(?:[-.][^\W\d_]+)*)|(\d+(?:[.,]\d+)*))([.?!])"
    r"(?:\s+([^\s.?!]+)|[)\";}\]*:@'({\[\u2018\u2019\u201c\u201d\xab\xbb?!])"
)
# Initials as Punkt reads them (``PunktToken.is_initial``: "J."), and two of them ("J.D.", "E.J.") unless
# they are a known abbreviation ("U.S."); the second form in a _PLAIN_CONTEXT word, without its last dot.
_INITIAL = re.compile(r"[^\W\d]\.$|(?:\S*/)?[^\W\d]\.[^\W\d]\.$")
_TWO_INITIALS = re.compile(r"[^\W\d_]\.[^\W\d_]")
# Capitalised words after a company or a state that go on naming rather than start a sentence:
# titles ("Microsoft Corp. Chief Executive Steve Ballmer"), suffixes written without their dot
# ("Samsung Electronics Co. Ltd"), weekdays ("Electronic Data Systems Corp. Thursday said").
_NAME_GOES_ON = TITLE_NOUNS | frozenset(
    "chief vice senior executive acting deputy interim founder co inc corp ltd plc llc "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)

# Punkt's own patterns (``PunktLanguageVars`` in nltk/tokenize/punkt.py), restated for the stdlib
# ``re`` so :func:`_punkt_spans` finds exactly what ``span_tokenize`` finds. NLTK compiles them with the
# ``regex`` module, whose ``\s`` is Unicode White_Space: ``str.isspace()`` without ``\x1c``-``\x1f``.
_P_SPACE = r"[^\S\x1c-\x1f]"
_P_NONSPACE = r"[\S\x1c-\x1f]"
# period_context_re: an end, then other punctuation or whitespace and a next token (group 1).
_P_END_CONTEXT = re.compile(
    rf"[.?!](?=[)\";}}\]*:@'({{\[\u2018\u2019\u201c\u201d\xab\xbb?!]|{_P_SPACE}+({_P_NONSPACE}+))"
)
# re_boundary_realignment: closing punctuation that belongs to the sentence before it.
_P_REALIGN = re.compile(rf"[\"')\]}}\u2018\u2019\u201c\u201d\xab\xbb]+?(?:{_P_SPACE}+|(?=--)|$)", re.MULTILINE)
_P_CLOSERS = frozenset("\"')]}\u2018\u2019\u201c\u201d\xab\xbb")
# The last of the whitespace Punkt uses to find the word before an end (string.whitespace: ASCII only).
_P_LAST_WORD_SPACE = re.compile(r".*[ \t\n\r\x0b\x0c]", re.DOTALL)


def _untimed(pattern: Any) -> Any:
    """The compiled pattern inside one of NLTK's own patterns. NLTK 3.10 runs every match of its
    patterns under a wall-clock timeout (``nltk.redos.TimedPattern`` around a ``regex`` pattern), a
    guard against patterns callers supply; on Punkt's own, on short contexts, the timer is the cost
    (7 µs a match against 1.9 µs). The same pattern in the same engine, so Punkt decides exactly as
    before; an NLTK without the wrapper hands its pattern back."""
    return getattr(pattern, "_rx", pattern)


@functools.lru_cache(maxsize=1)
def _tokenizer() -> PunktSentenceTokenizer:
    from nltk.tokenize import punkt
    from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer, PunktToken

    raw = json.loads(resources.files("articlediff").joinpath("data/punkt_news.json").read_text("utf-8"))
    params = PunktParameters()
    params.abbrev_types = set(raw["abbrev_types"])
    params.sent_starters = set(raw["sent_starters"])
    params.collocations = {tuple(c) for c in raw["collocations"]}
    for word, flags in raw["ortho_context"].items():
        params.ortho_context[word] = flags
    abbrevs, starters = params.abbrev_types, params.sent_starters
    name_ends = frozenset(raw["name_final_abbrevs"])

    def ends_name(typ: str) -> bool:
        return typ in name_ends or typ.rpartition("-")[2] in name_ends

    class _LanguageVars(PunktLanguageVars):
        """Punkt's English language variables, their patterns matched without NLTK's timer (see
        :func:`_untimed`)."""

        __slots__ = ("_words",)
        _words: Any
        re_boundary_realignment = _untimed(PunktLanguageVars.re_boundary_realignment)

        def _word_tokenizer_re(self) -> Any:
            try:
                return self._words
            except AttributeError:
                self._words = _untimed(super()._word_tokenizer_re())
                return self._words

        def period_context_re(self) -> Any:
            return _untimed(super().period_context_re())

    non_punct = _untimed(punkt._re_non_punct)

    class _Token(PunktToken):
        __slots__ = ()
        _RE_ELLIPSIS = _untimed(PunktToken._RE_ELLIPSIS)
        _RE_NUMERIC = _untimed(PunktToken._RE_NUMERIC)
        _RE_ALPHA = _untimed(PunktToken._RE_ALPHA)

        @property
        def is_non_punct(self) -> Any:  # type: ignore[override]
            return non_punct.search(self.type)

        @property
        def is_initial(self) -> bool:  # type: ignore[override]
            """Punkt's initial ("J."), and two initials ("J.D.", "E.J.") that are not an abbreviation ("U.S.")."""
            tok = self.tok
            return bool(_INITIAL.match(tok)) and (len(tok) == 2 or tok[:-1].lower().rpartition("/")[2] not in abbrevs)

    class _Punkt(PunktSentenceTokenizer):
        """Punkt with two initials read as initials (Punkt's rule: no sentence ends after "J.D." before a
        capitalised word) and one news heuristic added to its second pass: after an abbreviation that
        ends the name of a company or a state, a capitalised word that starts a sentence
        (:func:`_starts_sentence`) starts one."""

        def __init__(self, params: PunktParameters) -> None:
            super().__init__(params, lang_vars=_LanguageVars(), token_cls=_Token)

        def contains_sentbreak(self, text: str, pos: int, endpos: int) -> bool:
            """``text_contains_sentbreak(text[pos:endpos])``, for callers that hold the whole line."""
            return bool(self.text_contains_sentbreak(text[pos:endpos]))

        def _second_pass_annotation(self, aug_tok1: PunktToken, aug_tok2: PunktToken | None) -> str | None:
            reason = super()._second_pass_annotation(aug_tok1, aug_tok2)
            if aug_tok2 is None or not aug_tok1.abbr or aug_tok1.sentbreak:
                return reason
            if (aug_tok1.type_no_period, aug_tok2.type_no_sentperiod) in self._params.collocations:
                return reason
            if aug_tok1.is_initial:
                # Punkt reads no sentence starter after initials; news ends one there ("…with Ford and G.M. In
                # Virginia…", "…to treat hepatitis C. The MDC…")
                if aug_tok2.first_upper and aug_tok2.type_no_sentperiod in starters:
                    aug_tok1.sentbreak = True
                    return "initial with sentence starter"
            elif ends_name(aug_tok1.type_no_period) and _starts_sentence(aug_tok2.tok):
                aug_tok1.sentbreak = True
                return "abbreviation ending a name, then a word that starts a sentence"
            return reason

    if params.collocations or params.ortho_context:
        return _Punkt(params)  # the shortcut below assumes none of these

    class _FastPunkt(_Punkt):
        """Punkt with its most frequent decision taken without tokenizing the context.

        With our parameters (abbreviations and sentence starters: no collocations or orthographic
        statistics), Punkt's rules (``_first_pass_annotation``, ``_second_pass_annotation``) reduce
        to these for a word or number followed by a token: ``?`` and ``!`` end a sentence; after
        ``.``, any other word longer than an initial does, an abbreviation does not unless the next
        token is a capitalised word of letters that is a sentence starter or, after a company or a
        state, starts a sentence; and a number followed by a word does unless the word starts in
        lowercase (the closing punctuation ``_PLAIN_CONTEXT`` allows after the end is a token of its
        own, one that neither heuristic reads as a sentence start). These cases are most of a news
        text and each costs Punkt a tokenize-and-annotate; every other context (initials, an
        abbreviation before a capitalised token of other characters: "It's") goes to Punkt itself.
        ``tests/test_segment.py`` checks that both give the same answers.
        """

        #: The word lists the shortcut reads (the native segmenter is given them: see :func:`_segmenter`).
        words = (abbrevs, starters, name_ends)

        def text_contains_sentbreak(self, text: str) -> bool:
            return self.contains_sentbreak(text, 0, len(text))

        def contains_sentbreak(self, text: str, pos: int, endpos: int) -> bool:
            m = _PLAIN_CONTEXT.fullmatch(text, pos, endpos)
            if m:
                word, number, end, nxt = m.groups()
                if word and end != ".":
                    return True
                if word and len(word) > 1:
                    low = word.lower()
                    if low not in abbrevs and low.rpartition("-")[2] not in abbrevs:
                        if not _TWO_INITIALS.fullmatch(word):
                            return True
                    elif not nxt or not nxt[0].isupper():
                        return False
                    elif nxt.isalpha():
                        return nxt.lower() in starters or (ends_name(low) and _starts_sentence(nxt))
                elif number and end == "." and nxt and nxt[0].isalpha():
                    return not nxt[0].islower()
            return bool(PunktSentenceTokenizer.text_contains_sentbreak(self, text[pos:endpos]))

    return _FastPunkt(params)


def _starts_sentence(word: str) -> bool:
    """Whether a capitalised word after a company or a state starts a sentence ("…Hewlett-Packard Co.
    Republicans had…", "…Amherst, N.Y. Frank Partnoy…"): a word of letters, not all capitals, that
    is not a title or a weekday, which go on naming ("Microsoft Corp. Chairman Bill Gates", "…Systems
    Corp. Thursday said"). Tickers ("JCP.N", "IBM"), abbreviations ("Gov.") and one-letter words
    ("A", a sentence starter of its own) are not."""
    return word[:1].isupper() and word.isalpha() and not word.isupper() and word.lower() not in _NAME_GOES_ON


def _punkt_spans(text: str) -> list[tuple[int, int]]:
    """``list(_tokenizer().span_tokenize(text))``, without Punkt's generators and context strings.

    Punkt finds each possible end (``_match_potential_end_contexts``), asks
    ``text_contains_sentbreak`` about the context around it (the word before, the end, what
    follows), cuts where it says yes (``_slices_from_text``) and moves closing quotes and brackets
    back onto the sentence they close (``_realign_boundaries``). This does the same in one pass
    over the possible ends; the context is a slice of ``text``, so a plain one is judged in place
    and only the rest are copied out for Punkt. ``tests/test_segment.py`` compares the two.
    """
    sentbreak = _tokenizer().contains_sentbreak
    slices: list[tuple[int, int]] = []
    last_break = 0
    # The possible end before this one, as Punkt holds it back until it knows the next one's word:
    # where it is, where its word starts, where its context ends, where the next sentence starts.
    held = -1
    held_word = held_stop = held_next = 0
    lo = word = 0
    for m in _P_END_CONTEXT.finditer(text):
        at = m.start()
        # The word before an end starts after the last space since the previous end; with none, it
        # is the previous end's word (and a space at offset 0 does not count, as in Punkt).
        space = _P_LAST_WORD_SPACE.match(text, lo, at)
        if space and space.end() - 1 > lo:
            word = space.end()
        if held >= 0 and held <= word and sentbreak(text, held_word, held_stop):
            # Punkt drops a possible end whose word the next one's word overlaps ("!!!")
            slices.append((last_break, held + 1))
            last_break = held_next
        if m.start(1) >= 0:
            held, held_word, held_stop, held_next = at, word, m.end(1), m.start(1)
        else:
            held, held_word, held_stop, held_next = at, word, at + 2, at + 1
        lo = at
    if held >= 0 and sentbreak(text, held_word, held_stop):
        slices.append((last_break, held + 1))
        last_break = held_next
    slices.append((last_break, len(text.rstrip())))

    spans: list[tuple[int, int]] = []
    realign = 0
    last = len(slices) - 1
    for n, (a, b) in enumerate(slices):
        a += realign
        realign = 0
        if n < last:
            a2, b2 = slices[n + 1]
            close = _P_REALIGN.match(text, a2, b2) if a2 < b2 and text[a2] in _P_CLOSERS else None
            if close:
                spans.append((a, a2 + len(close.group().rstrip())))
                realign = close.end() - a2
                continue
        if a < b:
            spans.append((a, b))
    return spans


def _first_letter(text: str) -> str:
    for c in text:
        if c.isalpha():
            return c
        if c not in _OPENING and not c.isspace():
            return ""
    return ""


def _continues(text: str, prev: tuple[int, int], start: int, end: int) -> bool:
    """True when ``text[start:end]`` is not a sentence of its own but the rest of ``text[slice(*prev)]``."""
    if _REST.match(text, start, end):
        return True
    first = _first_letter(text[start : min(start + 3, end)])
    if first and first.islower():
        return True  # a sentence does not start in lowercase: '"Why?" he asked.'
    ellipsis = _SPACED_ELLIPSIS.search(text, *prev)
    if ellipsis:
        return not _ends_after_ellipsis(ellipsis.group(1), ellipsis.group(2), text[start:end].split(None, 1)[0])
    if _CLOSING_QUOTE.search(text, *prev) and text[start : min(start + 1, end)] not in _OPENING:
        return _is_attribution(text[start:end])  # '"We agreed." Kyiv told reporters.'
    return False


def _ends_after_ellipsis(word: str, dots: str, following: str) -> bool:
    """Whether a sentence ends after a spaced ellipsis, which Punkt reads as a full stop at each dot.

    The dots are one ellipsis, decided as Punkt decides ``...``: a sentence ends only before a
    sentence starter ("…just listening . . . It was…" does; "…drinking water is generally left
    behind . . . there could be…" does not). After a word, four dots are its full stop and an
    ellipsis, decided as that full stop ("…the investigation. . . . Gary Nicklaus…" ends).
    """
    if word and dots.count(".") > 3:
        return _tokenizer().text_contains_sentbreak(f"{word}. {following}")
    return _tokenizer().text_contains_sentbreak(f"... {following}")


def _is_attribution(sentence: str) -> bool:
    """Whether the words after a closed quotation attribute it rather than start a sentence.

    An attribution has a speech verb in its first six words and, after it, at most
    :data:`MAX_ATTRIBUTION_TAIL` words with no clause of their own (no subject pronoun, auxiliary or
    "that"/"whether"/"if", and no comma or colon before more words): '"We agreed." Kyiv told
    reporters on Thursday.' is one sentence, '"…peace or safety." He said the consequences would…' two.
    """
    words = sentence.split()
    head = " ".join(words[:6])
    verb = _SPEECH.search(head)
    if not verb:
        return False
    tail = head[verb.end() :].split() + words[6:]
    if len(tail) > MAX_ATTRIBUTION_TAIL or any(w.endswith((",", ":")) for w in tail[:-1]):
        return False  # "According to the report, the…", "Bolland told the paper: …"
    return not any(w.strip(_TAIL_PUNCT).lower() in _CLAUSE for w in tail)


def split(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` spans of the sentences in ``text[start:end]``.

    Spans index ``text`` itself and carry no surrounding whitespace; empty lines give no span.
    Under the native backend each plain logical line (``native/src/flags.rs``: ASCII, ``’ ‘ “ ” – —
    …``, ``£ €``, the byte-order mark) is split by the kernel, which asks Punkt only what the
    shortcut leaves it; :func:`python_split` is the reference and splits the other lines."""
    native = active()
    typed = isinstance(text, str) and type(start) is int and (end is None or type(end) is int)
    segmenter = _segmenter(native) if native is not None and typed else None
    if segmenter is None:
        return python_split(text, start, end)
    lo = min(max(start, 0), len(text))  # as re's pos and endpos are clamped
    hi = max(lo, len(text) if end is None else min(max(end, 0), len(text)))
    got = segmenter.split(text, lo, hi)
    if got is not None:
        return cast("list[tuple[int, int]]", got)
    lines = logical_lines(text, lo, hi)  # not all plain: the kernel splits the lines that are
    per_line = segmenter.split_lines(text, lines)
    if per_line is None:  # a lone surrogate
        return python_split(text, start, end)
    spans: list[tuple[int, int]] = []
    for (a, b), found in zip(lines, per_line, strict=True):
        spans.extend(found if found is not None else _line(text, a, b, _punkt_spans, []))
    return spans


def python_split(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The reference for :func:`split`."""
    return _split(text, start, end, _punkt_spans)


def segmenter_settings() -> dict[str, Any] | None:
    """What the kernel's ``Segmenter`` is built with: this module's word lists and limits, and Punkt
    itself for the contexts the shortcut leaves it; None with no shortcut (collocations, ortho_context)."""
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    tokenizer = _tokenizer()
    words = getattr(tokenizer, "words", None)
    if words is None:
        return None
    abbrevs, starters, name_ends = (sorted(w) for w in words)
    return {
        "abbrevs": abbrevs,
        "starters": starters,
        "name_ends": name_ends,
        "name_goes_on": sorted(_NAME_GOES_ON),
        "clause": sorted(_CLAUSE),
        "speech": _SPEECH_VERBS,
        "max_tail": MAX_ATTRIBUTION_TAIL,
        "max_unit": MAX_UNIT_CHARS,
        "wrap_widths": WRAP_WIDTHS,
        "wrap_share": WRAP_MIN_SHARE,
        "punkt": functools.partial(PunktSentenceTokenizer.text_contains_sentbreak, tokenizer),
    }


@functools.lru_cache(maxsize=2)
def _segmenter(native: ModuleType) -> Any:
    """The kernel's ``Segmenter`` (:func:`segmenter_settings`), or None (no shortcut; an older extension)."""
    settings = segmenter_settings()
    return None if settings is None or not hasattr(native, "Segmenter") else native.Segmenter(**settings)


def _split_with_punkt(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """:func:`split` with Punkt's own ``span_tokenize`` in place of :func:`_punkt_spans`: the
    reference the tests compare it with."""
    return _split(text, start, end, lambda body: _tokenizer().span_tokenize(body))


def _split(
    text: str, start: int, end: int | None, punkt_spans: Callable[[str], Iterable[tuple[int, int]]]
) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for a, b in logical_lines(text, start, len(text) if end is None else end):
        _line(text, a, b, punkt_spans, spans)
    return spans


def _line(
    text: str, a: int, b: int, punkt_spans: Callable[[str], Iterable[tuple[int, int]]], spans: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """``spans`` with the sentences of the logical line ``text[a:b]`` added."""
    body = text[a:b]
    stripped = body.lstrip()
    a += len(body) - len(stripped)
    body = stripped.rstrip()
    if not body:
        return spans
    dateline = _DATELINE.match(body)
    if dateline:
        spans.append((a, a + dateline.end()))
        skip = len(body) - len(body[dateline.end() :].lstrip())
        a, body = a + skip, body[skip:]
    pieces: list[tuple[int, int]] = []
    if not _INTERNAL_END.search(body):
        pieces.append((0, len(body)))
    else:
        for s, e in punkt_spans(body):
            if pieces and _continues(body, pieces[-1], s, e):
                pieces[-1] = (pieces[-1][0], e)
            else:
                pieces.append((s, e))
    if len(body) <= MAX_UNIT_CHARS and not _OTHER_END_CHAR.search(body):
        # the common case: nothing to cut further (Punkt's idea of whitespace is narrower than
        # str.isspace(): "\x1f" can start a piece, so each is still stripped)
        for s, e in pieces:
            piece = _stripped(body, s, e)
            if piece:
                spans.append((a + piece[0], a + piece[1]))
        return spans
    for s, e in pieces:
        for s2, e2 in _script_ends(body, s, e):
            spans.extend((a + s3, a + e3) for s3, e3 in _bounded(body, s2, e2))
    return spans


def logical_lines(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` spans of the lines of ``text[start:end]``, a hard-wrapped paragraph
    as one span.

    Text pasted from e-mail or a terminal is often wrapped at a fixed width, and cutting a unit at
    every one of its line breaks would cut its sentences in pieces. The test is conservative, so
    headlines, bylines and one-line promos stay lines of their own: at least three lines separated
    by single line breaks, every one but the last at least :data:`WRAP_MIN_SHARE` of the longest
    (the wrap width, within :data:`WRAP_WIDTHS`), most of them not ending a sentence, and most
    followed by a line that continues in lowercase. A line shorter than that share ends the
    paragraph. The spans index ``text`` (a joined span keeps its line breaks inside).

    >>> text = ("HEADLINE\\nthe first line of a paragraph that was hard\\n"
    ...         "wrapped at a fixed width by the mail\\nclient of the writer.\\nBy A. Writer")
    >>> [text[a:b] for a, b in logical_lines(text)][1].count("\\n")
    2
    >>> len(logical_lines(text))
    3
    """
    stop = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []  # consecutive non-blank lines, single line breaks between them
    for a, b in (m.span() for m in _LINE.finditer(text, start, stop)):
        blank = not text[a:b].strip()
        if run and not blank and text[run[-1][1] : a] in _SINGLE_BREAK:
            run.append((a, b))
            continue
        out += _join_wrapped(text, run)
        run = [] if blank else [(a, b)]
        if blank:
            out.append((a, b))
    return out + _join_wrapped(text, run)


def _join_wrapped(text: str, run: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The lines of ``run`` (consecutive non-blank lines), each hard-wrapped stretch of them as one span."""
    if len(run) < 3:
        return run
    bodies = [text[a:b].strip() for a, b in run]
    width = max(len(body) for body in bodies)
    if not WRAP_WIDTHS[0] <= width <= WRAP_WIDTHS[1]:
        return run
    out: list[tuple[int, int]] = []
    first = 0
    for n, body in enumerate(bodies):
        if n + 1 < len(bodies) and len(body) >= WRAP_MIN_SHARE * width:
            continue  # the stretch goes on: this line reaches the wrap width
        stretch = bodies[first : n + 1]
        inner = stretch[:-1]
        open_ended = sum(not _LINE_END.search(b) for b in inner)
        lowercase = sum(_first_letter(b).islower() for b in stretch[1:])
        if len(stretch) >= 3 and 2 * open_ended > len(inner) and 2 * lowercase > len(inner):
            out.append((run[first][0], run[n][1]))
        else:
            out += run[first : n + 1]
        first = n + 1
    return out


def _stripped(text: str, s: int, e: int) -> tuple[int, int] | None:
    piece = text[s:e]
    body = piece.strip()
    if not body:
        return None
    s += len(piece) - len(piece.lstrip())
    return (s, s + len(body))


def _script_ends(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Split after sentence ends Punkt does not know: CJK 。！？, Devanagari danda, Arabic question mark."""
    out = []
    for m in _OTHER_END.finditer(text, s, e):
        piece = _stripped(text, s, m.end())
        if piece:
            out.append(piece)
        s = m.end()
    piece = _stripped(text, s, e)
    if piece:
        out.append(piece)
    return out


def _bounded(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Cut a unit longer than :data:`MAX_UNIT_CHARS` (a transcript with no full stops, a table, a
    blob) into pieces at spaces, so no later step works on one enormous unit."""
    out = []
    while e - s > MAX_UNIT_CHARS:
        cut = text.rfind(" ", s + MAX_UNIT_CHARS // 2, s + MAX_UNIT_CHARS)
        if cut < 0:
            cut = s + MAX_UNIT_CHARS  # no space (CJK, a blob): cut at the bound
        piece = _stripped(text, s, cut)
        if piece:
            out.append(piece)
        s = cut
    piece = _stripped(text, s, e)
    if piece:
        out.append(piece)
    return out
