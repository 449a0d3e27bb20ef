"""Segmentation on the seeds: no sentence ends inside U.S., U.N., Nov. 7 or an initial; quotations
stay with their attribution; lines are units, except a hard-wrapped paragraph; offsets are exact."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from articlediff.segment import logical_lines, split

from .conftest import SHARED, seed


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split(text)]


def _punkt_params() -> dict:
    import json
    from importlib import resources

    return json.loads(resources.files("articlediff").joinpath("data/punkt_news.json").read_text("utf-8"))


_STARTERS = frozenset(_punkt_params()["sent_starters"])


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_no_sentence_ends_inside_abbreviations_or_initials(prefix):
    found = sentences(seed(prefix))
    for s, after in zip(found, found[1:] + [""], strict=True):
        if after.split(" ", 1)[0].strip(",;:").lower() in _STARTERS:
            continue  # "…a trilateral summit involving the U.S. His envoy, …": a sentence does end there
        assert not re.search(r"\b(U\.S|U\.N|Nov|Gen|Mr|Dr)\.$", s), s
        assert not re.search(r"(?:^|\s)[A-Z]\.$", s), s  # an initial such as "William J."


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_spans_are_stripped_ordered_and_within_lines(prefix):
    text = seed(prefix)
    spans = split(text)
    assert spans == sorted(spans)
    for a, b in spans:
        piece = text[a:b]
        assert piece and piece == piece.strip()
        assert "\n" not in piece
    for (_, b), (a, _) in zip(spans, spans[1:], strict=False):
        assert b <= a


def test_named_seed_sentences_stay_whole():
    s000 = sentences(seed("000"))
    assert (
        "“If we’re talking about simply withdrawing from the east, we cannot do that,” Kyiv told reporters Thursday."
        in s000
    )
    assert any(
        s.startswith("One source claimed a three-way Russia-Ukraine-U.S. accord recognised by the U.N. Security")
        for s in s000
    )
    s003 = sentences(seed("003"))
    assert any(s.endswith("Putin told the Valdai discussion group on Nov. 7.") for s in s003)
    s004 = sentences(seed("004"))
    assert any("William J. Burns acknowledged" in s for s in s004)


def test_headlines_bylines_datelines_are_units():
    s002 = sentences(seed("002"))
    assert s002[:7] == [
        "World",
        "article image",
        "World",
        "19 Sep, 2025",
        "Putin Proposes Territorial Concessions and Security Guarantees in Ukraine Peace Talks",
        "Bonifacio Tumang",
        "MOSCOW —",
    ]
    assert s002[7].startswith("Russian President Vladimir Putin has outlined")


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"We agreed." Kyiv told reporters on Thursday.', ['"We agreed." Kyiv told reporters on Thursday.']),
        ("“Why?” he asked. Nobody answered.", ["“Why?” he asked.", "Nobody answered."]),
        ("Mr. Smith met Gen. Jones. They talked.", ["Mr. Smith met Gen. Jones.", "They talked."]),
        ("Line one\nLine two", ["Line one", "Line two"]),
        ("WASHINGTON (Reuters) - Talks began.", ["WASHINGTON (Reuters) -", "Talks began."]),
        ("", []),
        ("  \n\t \n", []),
    ],
)
def test_rules(text, expected):
    assert sentences(text) == expected


# -- the four failure classes seen on news copy (benchmarks/eval_segment.py), each pinned -------


# 1. A spaced ellipsis is one ellipsis, not three full stops: a sentence ends after it only where
# Punkt ends one after "...", before a sentence starter; after a word, four dots are its full stop.
@pytest.mark.parametrize(
    "text",
    [
        '"Sanitation is poor, drinking water is generally left behind . . . there could be typhoid and cholera,"'
        " Parson said.",
        "Roberts said: \"I don't think there's any question about it that . . . they're going to be very global.\"",
        'A prime-time special on the list, "AFI\'s 100 Years . . . 100 Heroes & Villains" aired Tuesday on CBS.',
        '"Ximian brings Novell unparalleled Linux expertise . . . [and strengthens] our ability," he said.',
        'Lawyers "have shown, albeit barely . . . that Iraq provided material support to bin Laden."',
    ],
)
def test_a_spaced_ellipsis_is_one_ellipsis(text):
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            'The report says the relationship "may be less one of subservience . . . than of mutual advantage." '
            "Officials disagreed.",
            ['The report says the relationship "may be less one of subservience . . . than of mutual advantage."',
             "Officials disagreed."],
        ),
        (
            "They are trying to understand the scope of the investigation. . . . Gary Nicklaus, the son of the "
            "golfer, was not charged.",
            ["They are trying to understand the scope of the investigation. . . .",
             "Gary Nicklaus, the son of the golfer, was not charged."],
        ),
        (
            "He just sat there listening . . . It was mostly a monologue.",
            ["He just sat there listening . . .", "It was mostly a monologue."],
        ),
    ],
)  # fmt: skip
def test_a_sentence_ends_after_a_spaced_ellipsis_as_after_punkts(text, expected):
    assert sentences(text) == expected


def test_closing_quotes_and_a_comma_do_not_start_a_sentence():
    text = 'He looked over to his lawyers and shouted "Takbir!", or "Proclaim!", a religious rallying cry.'
    assert sentences(text) == [text]


# 2. Two initials and a stack of titles before a name do not end a sentence; initials before a
# sentence starter do.
INITIALS_AND_TITLES = [
    "J.D. Edwards shareholders will receive 0.86 of a share of PeopleSoft for each share.",
    "PeopleSoft raised its bid for smaller rival J.D. Edwards & Co. on Monday.",
    "Hynix CEO E.J. Woo condemned the decision, calling the ruling unfair.",
    "Retailers J.C. Penney Co. Inc. and Walgreen Co. kick things off on Monday.",
    "Police official S.K. Tonapi told Reuters at least 40 people had been killed.",
    "The lawsuit opposes the PeopleSoft/J.D. Edwards transaction.",
    "He told a news conference to introduce his successor, Brig. Gen. Mastin M. Robeson.",
    "On Monday, U.S. Army Pfc. Jessica Lynch was awarded the Bronze Star and the Purple Heart.",
    "The no-shows were Sens. John Kerry of Massachusetts and Bob Graham of Florida.",
    "In Baghdad, police Lieut. Mothana Ali said about 1,000 demonstrators arrived.",
    "Police spokesman Brig. Gen. Edward Aritonang confirmed on Saturday that another suspect was held.",
    "Harry Potter and the Order of the Phoenix, by J.K. Rowling, has 870 pages.",
]


@pytest.mark.parametrize("text", INITIALS_AND_TITLES)
def test_initials_and_stacked_titles_stay_inside_a_sentence(text):
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The union reached a deal with Ford and G.M. In Virginia, talks went on.",
            ["The union reached a deal with Ford and G.M.", "In Virginia, talks went on."],
        ),
        (
            "The drugs are used together to treat hepatitis C. The trial ends in May.",
            ["The drugs are used together to treat hepatitis C.", "The trial ends in May."],
        ),
    ],
)
def test_initials_before_a_sentence_starter_end_a_sentence(text, expected):
    assert sentences(text) == expected


# 3. After a closing quotation, a capitalised sentence starts a sentence unless it attributes the
# quotation (a speech verb, then no clause of its own).
AFTER_A_QUOTATION = [
    ('"The move will bring neither peace or safety." He said the consequences would be grave.', 2),
    ('He said directors would ensure a "smooth transition." SEC Chairman William Donaldson said there is more.', 2),
    ('"His plan is an insult to working parents." Neither said whether they would appeal the decision.', 2),
    ('Officials said the killer was "very methodical." Police said they will conduct DNA tests.', 2),
    ('"There is no evidence of your remorse." He also said the academy will get its own report next week.', 2),
    ('"We are committed to the market." Executive recruiters say that finding a merchant will be hard.', 2),
    ('"That would be a terrible mistake." For example, Anhalt said, children treat a bottle as one serving.', 2),
    ('"We view these crimes seriously." Bolland told the News of the World: "I was astonished."', 2),
]


@pytest.mark.parametrize("text, count", AFTER_A_QUOTATION)
def test_a_sentence_after_a_closing_quotation_is_its_own(text, count):
    found = sentences(text)
    assert len(found) == count, found
    assert found[0].endswith(('."', '."')), found


@pytest.mark.parametrize(
    "text",
    [
        "“If we’re talking about simply withdrawing from the east, we cannot do that,” Kyiv told reporters Thursday.",
        '"We agreed." Kyiv told reporters on Thursday.',
        '"It is over." Peskov told reporters in Moscow on Tuesday.',
        '"We will not go back." The minister said in a statement.',
        "“Why?” Smith asked.",
        '"Nothing has changed." he said.',
        '"We will see," according to a senior official.',
    ],
)
def test_a_quotation_and_its_attribution_stay_one_sentence(text):
    assert sentences(text) == [text]


# 4. An abbreviation that ends a company's or a state's name ends a sentence before a capitalised
# word that starts one; titles, weekdays, tickers and other abbreviations go on naming.
ENDING_A_NAME = [
    (
        "The bill was backed by Hewlett-Packard Co. Republicans had opposed it.",
        ["The bill was backed by Hewlett-Packard Co.", "Republicans had opposed it."],
    ),
    (
        "The conference was held in Amherst, N.Y. Frank Partnoy, a law professor, spoke first.",
        ["The conference was held in Amherst, N.Y.", "Frank Partnoy, a law professor, spoke first."],
    ),
    (
        "The processor was unveiled at a forum in San Jose, Calif. GeCAD, founded in 1992, is based in Bucharest.",
        ["The processor was unveiled at a forum in San Jose, Calif.", "GeCAD, founded in 1992, is based in Bucharest."],
    ),
    (
        "The chips are made by Hynix Semiconductor Inc. It's just another example of dumping.",
        ["The chips are made by Hynix Semiconductor Inc.", "It's just another example of dumping."],
    ),
    (
        "Searchers found the body of a woman from Liberty, Mo. Two of her cousins were questioned.",
        ["Searchers found the body of a woman from Liberty, Mo.", "Two of her cousins were questioned."],
    ),
    (
        "The bill was sponsored by Rep. Scott McInnis, R-Colo. The two men were not named.",
        ["The bill was sponsored by Rep. Scott McInnis, R-Colo.", "The two men were not named."],
    ),
    (
        "He was pronounced dead at 1:17 p.m. Excluding legal fees, the charge was $5 million.",
        ["He was pronounced dead at 1:17 p.m.", "Excluding legal fees, the charge was $5 million."],
    ),
]


@pytest.mark.parametrize("text, expected", ENDING_A_NAME)
def test_an_abbreviation_ending_a_name_can_end_a_sentence(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Microsoft Corp. Chairman Bill Gates spoke on Monday.",
        "Hewlett-Packard Co. HPQ.N, the No. 2 computer maker, fell 2 percent.",
        "Electronic Data Systems Corp. Thursday said it would cut jobs.",
        "Retailers J.C. Penney Co. Inc. JCP.N and Walgreen Co. WAG.N kick things off on Monday.",
        "Calif. Gov. Gray Davis signed the bill on Tuesday.",
        "Microsoft Corp. Chief Executive Steve Ballmer and Samsung Electronics Co. Ltd spoke.",
        "The U.S. Senate voted on the bill in Albany, N.Y. on Tuesday.",
        "Warner Bros. Pictures released the film.",
    ],
)
def test_an_abbreviation_inside_a_name_does_not_end_a_sentence(text):
    assert sentences(text) == [text]


def test_span_of_a_slice_indexes_the_whole_text():
    text = "Intro. One. Two."
    assert [text[a:b] for a, b in split(text, 7)] == ["One.", "Two."]


# -- the Punkt shortcut (segment._tokenizer) decides exactly as Punkt does ----------------------

_WORDS = ["said", "U.S", "u.s", "Gen", "Nov", "Mr", "mr", "Jan", "J", "a", "No", "long-term", "Russia-U.S",
          "then-U.S", "reuters.com", "Why", "2018", "7", "1,000", "3.5", "11th", "etc", "Inc", "Ltd", "é",
          "Zelenskiy", "ÉTÉ", "x-ray", "St", "Co", "Calif", "N.Y", "R-Colo", "J.D", "G.M", "E.J", "Brig"]  # fmt: skip
_NEXT = ["The", "the", "President", "7", "11th.", "\"We", "\u201cWhy", "(AP)", ",", ";", ".", "-", "and", "É",
         "élan", "U.S.", "Why?", "A", "he", "said.\u201d", "?;", "!", "?x", "..", "It", "It's", "In", "Republicans",
         "Frank", "GeCAD", "JCP.N", "IBM", "Chairman", "Thursday", "Inc.", "Gov.", "\"As", "Two", "Éric"]  # fmt: skip


def _punkt_agrees(context: str) -> None:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from articlediff.segment import _tokenizer

    tok = _tokenizer()
    assert tok.text_contains_sentbreak(context) == PunktSentenceTokenizer.text_contains_sentbreak(tok, context), context


@given(
    st.sampled_from(_WORDS) | st.text(alphabet="aZ.-1,é", min_size=1, max_size=6),
    st.sampled_from([".", "?", "!"]),
    st.sampled_from([" ", "  ", "\t", "\u00a0"]),
    st.sampled_from(_NEXT) | st.text(alphabet="aZ.?!\"',;1é(", min_size=1, max_size=5),
)
@settings(max_examples=400, deadline=None)
def test_punkt_shortcut_decides_as_punkt(word, end, space, nxt):
    _punkt_agrees(word + end + space + nxt)


def test_punkt_shortcut_decides_as_punkt_after_the_news_parameters():
    """Every abbreviation, sentence starter and name-ending abbreviation of punkt_news.json, and two
    initials, against capitalised words, tickers and titles: the contexts the news rules decide."""
    params = _punkt_params()
    before = sorted({*params["abbrev_types"], *params["name_final_abbrevs"]}) + ["j.d", "g.m", "then-u.s", "r-colo"]
    after = [w.capitalize() for w in params["sent_starters"]] + ["Republicans", "Frank", "GeCAD", "JCP.N", "IBM",
             "Chairman", "Thursday", "Inc.", "It's", "\"As", "A", "Éric", "the", "7"]  # fmt: skip
    for word in before:
        for form in {word, word.upper(), word.capitalize()}:
            for nxt in after:
                _punkt_agrees(f"{form}. {nxt}")


# what Punkt reads as the end of a word (PunktLanguageVars._re_non_word_chars): its other context
_NONWORD = list(")\";}]*:@'({[\u2018\u2019\u201c\u201d\xab\xbb?!")


@given(
    st.sampled_from(_WORDS) | st.text(alphabet="aZ.-1,é", min_size=1, max_size=6),
    st.sampled_from([".", "?", "!"]),
    st.sampled_from(_NONWORD),
)
@settings(max_examples=300, deadline=None)
def test_punkt_shortcut_decides_as_punkt_before_closing_punctuation(word, end, closing):
    _punkt_agrees(word + end + closing)


def test_punkt_shortcut_on_real_text(seeds):
    """Every context Punkt judges in the seeds and (when present) the shared corpora."""
    from articlediff.segment import _tokenizer

    texts = list(seeds.values())
    if SHARED.is_dir():
        texts += [p.read_text("utf-8", "replace") for p in sorted((SHARED / "data").rglob("*.txt"))[:400]]
    tok = _tokenizer()
    for text in texts:
        for line in text.splitlines():
            for _, context in tok._match_potential_end_contexts(line):
                _punkt_agrees(context)


WRAPPED = (
    "Bayes' Theorem\n"
    "By A. Student\n"
    "\n"
    "In probability theory, Bayes' theorem (often called Bayes' law after Rev\n"
    "Thomas Bayes) relates the conditional and marginal probabilities of\n"
    "two random events. It is often used to compute posterior probabilities\n"
    "given observations.\n"
    "Read more: the history of the theorem\n"
)


def test_a_hard_wrapped_paragraph_is_read_as_one_and_its_sentences_stay_whole():
    assert sentences(WRAPPED) == [
        "Bayes' Theorem",
        "By A. Student",
        "In probability theory, Bayes' theorem (often called Bayes' law after Rev\nThomas Bayes) relates the "
        "conditional and marginal probabilities of\ntwo random events.",
        "It is often used to compute posterior probabilities\ngiven observations.",
        "Read more: the history of the theorem",
    ]


def test_logical_lines_index_the_text_and_cover_each_line_once():
    spans = logical_lines(WRAPPED)
    lines = [m.span() for m in re.finditer(r"[^\n]+", WRAPPED)]
    assert all(any(a <= la and lb <= b for a, b in spans) for la, lb in lines)
    assert spans == sorted(spans) and all(b <= a for (_, b), (a, _) in zip(spans, spans[1:], strict=False))
    assert logical_lines(WRAPPED.replace("\n", "\r\n")) == [
        (a + WRAPPED[:a].count("\n"), b + WRAPPED[:b].count("\n")) for a, b in spans
    ]


@pytest.mark.parametrize(
    "text",
    [
        # headline, byline, promo: short lines of different lengths
        "Putin proposes territorial concessions\nBy Bonifacio Tumang\nRead more on our website",
        # one sentence per line, each ending in a full stop
        "The talks began on Monday in Alaska.\nThey lasted for three hours on the first day.\n"
        "Both sides called them useful and constructive.",
        # a list of items that start in capitals
        "P(A|B) is the conditional probability of A given B, also called\nP(B|A) is the conditional "
        "probability of B given A and it is\nP(A) is the prior probability of A without any information",
        # only two wrapped lines: too little evidence
        "the first line of a paragraph that was hard wrapped at a fixed\nwidth by the mail client.",
        # lines of one long paragraph per line are not a hard wrap
        "a" * 130 + " b\n" + "c" * 130 + " d\n" + "e" * 130 + " f",
    ],
)
def test_lines_that_are_not_a_hard_wrap_stay_units(text):
    assert sentences(text) == [line for line in text.split("\n")]


# -- _punkt_spans finds what Punkt's span_tokenize finds, so split() is the Punkt-driven split ----


def test_punkt_whitespace_is_what_the_regex_module_calls_whitespace():
    """NLTK compiles its patterns with ``regex``; _punkt_spans restates them for ``re``."""
    import regex

    from articlediff.segment import _P_NONSPACE, _P_SPACE

    everything = "".join(map(chr, range(0x110000)))
    assert re.findall(_P_SPACE, everything) == regex.findall(r"\s", everything)
    assert len(re.findall(_P_NONSPACE, everything)) == len(everything) - len(regex.findall(r"\s", everything))


_ABBREVS = sorted(_punkt_params()["abbrev_types"])
_PIECES = st.one_of(
    st.sampled_from(_ABBREVS).map(lambda a: a + "."),
    st.sampled_from(_ABBREVS).map(lambda a: a.upper() + "."),
    st.sampled_from(_ABBREVS).map(lambda a: a.capitalize() + "."),
    st.sampled_from(
        [
            "J.",
            "A.",
            "é.",
            "U.S.",
            "U.N.",
            "Nov. 7.",
            "No. 1",
            "11th.",
            "3.5",
            "1,000.",
            "75%.",
            "£36,200.",
            "1990s.",
            "9/11?",
            "J&K.",
            "a.m.",
            "etc.",
            "Inc.",
        ]
    ),  # fmt: skip
    st.sampled_from(
        [
            "The",
            "the",
            "said",
            "he",
            "Why",
            "Kyiv",
            "told",
            "long-term",
            "Russia-U.S",
            "ÉTÉ",
            "élan",
            "reuters.com",
            "x",
            "7",
            "2018",
            "Zelenskiy",
            "It",
            "Republicans",
            "Chairman",
            "J.D.",
            "Mr",
            "Gen",
            "And",
        ]
    ),  # fmt: skip
    st.sampled_from(list(".?!,;:…-—–") + ["...", ". . .", "--", "?!", "!!!", "?”", ".”", ".’", ".'", '."', ").", "]."]),
    st.sampled_from(list("“”\"'’‘«»()[]{}*@&#")),
    st.sampled_from(
        [
            " ",
            " ",
            " ",
            "  ",
            "\t",
            "\xa0",
            "\u2009",
            "\u3000",
            "\u202f",
            "\x1f",
            "\x1c",
            "\x1d",
            "\x85",
            "\u2028",
            "\u2029",
            "\n",
            "\r\n",
            "\r",
            "\n\n",
            "\v",
            "\f",
        ]
    ),  # fmt: skip
    st.sampled_from(list("。！？｡︒।॥؟۔」』）") + ["中文。", "हिन्दी।"]),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=3),
)
_TEXTS = st.one_of(
    st.lists(_PIECES, max_size=80).map("".join),
    # long lines: a run repeated past MAX_UNIT_CHARS, with or without sentence ends in it
    st.builds(lambda run, n: "".join(run) * n, st.lists(_PIECES, min_size=1, max_size=20), st.integers(2, 120)),
)


@given(_TEXTS)
@example(" !!!")  # Punkt ignores a space at offset 0 when it looks for the word before an end
@example("acting!!! I promise.")
@example("a ?! b")
@example("(Sent1.) Sent2.")
@example("a.\xa0b. c")  # a word, for Punkt, ends at ASCII whitespace only
@example("x. \x1fy")
@example("He said “no.”-- Then.")
@settings(max_examples=1500, deadline=None)
def test_punkt_spans_are_span_tokenize(text):
    from articlediff.segment import _punkt_spans, _tokenizer

    assert _punkt_spans(text) == list(_tokenizer().span_tokenize(text))


@given(_TEXTS, st.integers(0, 10))
@settings(max_examples=1500, deadline=None)
def test_split_is_the_punkt_driven_split(text, start):
    from articlediff.segment import _split_with_punkt

    assert split(text) == _split_with_punkt(text)
    assert split(text, start) == _split_with_punkt(text, start)


def test_split_is_the_punkt_driven_split_on_seeds(seeds):
    from articlediff.segment import _split_with_punkt

    for text in seeds.values():
        assert split(text) == _split_with_punkt(text)


@pytest.mark.skipif(not (SHARED / "data" / "onestopenglish").is_dir(), reason="no shared OneStopEnglish data")
def test_split_is_the_punkt_driven_split_on_onestopenglish():
    from articlediff.segment import _split_with_punkt

    paths = sorted((SHARED / "data" / "onestopenglish").rglob("*.txt"))
    assert paths
    for path in paths:
        text = path.read_text("utf-8", "replace")
        assert split(text) == _split_with_punkt(text), path.name


_PUNKT_TRICKY = list("aZ09.,;:!?-'\"()[]{}*@&#`%’‘“”«» \t\n\x1c\u2028") + [
    "é",
    "e\u0301",
    "²",
    "İ",
    "...",
    "J.",
    "U.S.",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PUNKT_TRICKY), max_size=30).map("".join))
def test_punkt_patterns_untimed_are_nltks(text):
    # segment._tokenizer() runs NLTK's own compiled patterns without NLTK's per-match timer: the
    # tokens and the token properties Punkt reads must be those of NLTK's stock classes
    from nltk.tokenize.punkt import PunktLanguageVars, PunktToken

    from articlediff.segment import _tokenizer

    ours = _tokenizer()
    stock = PunktLanguageVars()
    words = ours._lang_vars.word_tokenize(text)
    assert words == stock.word_tokenize(text)
    assert [m.span() for m in ours._lang_vars.period_context_re().finditer(text)] == [
        m.span() for m in stock.period_context_re().finditer(text)
    ]
    got = ours._lang_vars.re_boundary_realignment.match(text)
    want = stock.re_boundary_realignment.match(text)
    assert (got and got.span()) == (want and want.span())
    for word in [*words, text]:
        mine, theirs = ours._Token(word), PunktToken(word)
        assert mine.type == theirs.type
        for prop in ("is_ellipsis", "is_number", "is_alpha", "is_non_punct"):
            a, b = getattr(mine, prop), getattr(theirs, prop)
            assert (a.span() if hasattr(a, "span") else a) == (b.span() if hasattr(b, "span") else b), prop
