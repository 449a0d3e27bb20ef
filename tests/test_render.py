"""The HTML report: golden files on the seeds, escaping, self-containment, scoping, the view's content.

Golden files live in ``tests/golden/`` (the per-report scope written as ``ad-SCOPE``). Most are
rendered from fixed comparisons saved in ``tests/data/reports/`` (``Comparison.from_dict``), so they
change only when rendering changes; one, ``000-001.html``, renders a live comparison of two seeds
end to end and changes with the aligner too. After an intended change, re-baseline them and review
the diff::

    ARTICLEDIFF_REBASELINE=1 python -m pytest tests/test_render.py
"""

from __future__ import annotations

import base64
import difflib
import hashlib
import html
import json
import os
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import articlediff
from articlediff import OptionsError, compare, render_html

from .conftest import HOSTILE_LEFT, HOSTILE_RIGHT, HOSTILE_TITLE, ROOT, SEEDS

GOLDEN = ROOT / "tests" / "golden"
REBASELINE = os.environ.get("ARTICLEDIFF_REBASELINE") == "1"
SEED_PAIRS = [("000", "001"), ("000", "002"), ("003", "004")]
FIXED = ROOT / "tests" / "data" / "reports"


def seed_path(prefix: str):
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


def seed_report(a: str, b: str, **options) -> tuple[articlediff.Comparison, str]:
    pa, pb = seed_path(a), seed_path(b)
    cmp = compare(pa.read_text(encoding="utf-8"), pb.read_text(encoding="utf-8"))
    return cmp, cmp.to_html(pa.name, pb.name, **options)


class Page(HTMLParser):
    """Tags, attributes, text and the text of each sentence element of a rendered report."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.sentences: dict[str, str] = {}
        self._stack: list[tuple[str, str]] = []  # (tag, role) with role "s" for a sentence, "n" for its number
        self._raw: str | None = None
        self.feed(source)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag in ("script", "style"):
            self._raw = tag
            (self.scripts if tag == "script" else self.styles).append("")
        classes = (a.get("class") or "").split()
        role = "s" if "ad-s" in classes else "n" if "ad-n" in classes else ""
        if role == "s":
            self.sentences[a["id"]] = ""
        if tag not in ("br", "wbr", "input", "meta", "col", "rect"):
            self._stack.append((tag, role))

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._raw = None
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self._raw:
            (self.scripts if self._raw == "script" else self.styles)[-1] += data
            return
        self.text.append(data)
        roles = [r for _, r in self._stack]
        if "s" in roles and "n" not in roles:
            sid = next(a["id"] for t, a in reversed(self.tags) if "ad-s" in (a.get("class") or "").split())
            self.sentences[sid] += data


# --- golden files ----------------------------------------------------------------------------


def stable(out: str) -> str:
    """The report with its scope and the stylesheet's hash (which contains the scope) written as
    placeholders: the scope is a hash of the inputs and settings, so it changes whenever the settings
    signature does, on every CSS line. Placeholders keep a golden diff to what a reader sees."""
    out = re.sub(r"\bad-[0-9a-f]{10}\b", "ad-SCOPE", out)
    return re.sub(r"style-src &#39;sha256-[A-Za-z0-9+/=]+&#39;", "style-src &#39;sha256-STYLE&#39;", out)


def check_golden(name: str, out: str) -> None:
    out = stable(out)
    path = GOLDEN / f"{name}.html"
    if REBASELINE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(out, encoding="utf-8", newline="\n")
        pytest.skip(f"re-baselined {path.relative_to(ROOT)}")
    assert path.exists(), f"no golden file {path}; create it with ARTICLEDIFF_REBASELINE=1"
    expected = path.read_text(encoding="utf-8")
    if out != expected:
        delta = "".join(
            list(difflib.unified_diff(expected.splitlines(True), out.splitlines(True), "golden", "now", n=1))[:60]
        )
        pytest.fail(
            f"{path.name} differs from the golden file. If the change is intended, re-baseline with "
            f"ARTICLEDIFF_REBASELINE=1 python -m pytest tests/test_render.py and review the diff.\n{delta}"
        )


@pytest.mark.parametrize("name", ["small", "000-002"])
def test_golden_report_of_a_fixed_comparison(name):
    data = json.loads((FIXED / f"{name}.json").read_text(encoding="utf-8"))
    cmp = articlediff.Comparison.from_dict(data)
    check_golden(f"fixed-{name}", cmp.to_html(f"{name}-left.txt", f"{name}-right.txt"))


def test_golden_report_end_to_end():
    _, out = seed_report("000", "001")
    check_golden("000-001", out)


def test_fixed_comparisons_hold_every_label_and_flag_kind():
    data = json.loads((FIXED / "small.json").read_text(encoding="utf-8"))
    assert {p["label"] for p in data["pairs"]} == {"verbatim", "paraphrase", "added", "dropped"}
    assert {f["kind"] for p in data["pairs"] for f in p["flags"]} == {
        "quote_changed",
        "quote_unsourced",
        "number_changed",
        "name_changed",
        "attribution_changed",
    }
    assert any(p["boilerplate"] for p in data["pairs"]) and any(p["moved"] for p in data["pairs"])
    assert any(len(p["left"]) > 1 for p in data["pairs"])


def test_output_is_deterministic_and_scoped_per_input(seeds):
    cmp = compare(seeds["000"], seeds["002"])
    assert cmp.to_html() == compare(seeds["000"], seeds["002"]).to_html() == render_html(cmp)
    uid = re.search(r'id="(ad-[0-9a-f]{10})"', cmp.to_html()).group(1)
    other = re.search(r'id="(ad-[0-9a-f]{10})"', compare(seeds["000"], seeds["001"]).to_html()).group(1)
    assert uid != other


# --- escaping --------------------------------------------------------------------------------


@pytest.mark.parametrize("document", [True, False])
def test_hostile_article_renders_as_text(document):
    cmp = compare(HOSTILE_LEFT, HOSTILE_RIGHT)
    out = render_html(cmp, HOSTILE_TITLE, "{{ title }}", document=document)
    page = Page(out)
    names = [t for t, _ in page.tags]
    for bad in ("img", "a", "b", "iframe"):
        assert bad not in names, bad
    assert names.count("script") == 1 and names.count("style") == 1  # ours only
    assert "alert" not in page.scripts[0]
    assert "body{display:none}" not in page.styles[0]
    for _, attrs in page.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), name
            assert "javascript:" not in (value or ""), value
    text = "".join(page.text)
    for needle in (
        "<script>alert('left')</script>",
        '<img src=x onerror="alert(1)">',
        "</div></td></tr></table></section>",
        "{{ 7 * 7 }}",
        "{% for x in y %}{% endfor %}",
        '<a href="javascript:alert(2)">this link</a> & more.',
        "<style>body{display:none}</style><iframe src=//evil.example></iframe> --><!-- <![CDATA[ x ]]>",
        HOSTILE_TITLE,
        "{{ title }}",
    ):
        assert needle in text, needle
    # every sentence reads back exactly as its text
    for i in range(len(cmp.left)):
        assert page.sentences[f"{page_uid(out)}-l{i}"].strip() == cmp.text_of("left", i)
    assert "said &lt;script&gt;alert(&#39;" in out


def page_uid(out: str) -> str:
    return re.search(r'<section class="ad-report (ad-[0-9a-f]{10})', out).group(1)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200), st.text(max_size=200))
def test_any_text_reads_back_exactly(a, b):
    cmp = compare(a, b)
    out = cmp.to_html(scripts=False)
    page = Page(out)
    uid = page_uid(out)
    assert [t for t, _ in page.tags].count("script") == 0
    for side, key in (("left", "l"), ("right", "r")):
        for i in range(len(getattr(cmp, side))):
            # the number is followed by one space, then the sentence exactly (line breaks normalized)
            assert page.sentences[f"{uid}-{key}{i}"] == " " + cmp.text_of(side, i)


# --- self-contained, CSP ---------------------------------------------------------------------


def csp_of(out: str) -> str:
    m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', out)
    assert m, "no CSP meta tag"
    return html.unescape(m.group(1))


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


@pytest.mark.parametrize("a, b", SEED_PAIRS)
def test_self_contained_with_csp_that_forbids_network(a, b):
    _, out = seed_report(a, b)
    head = out[: out.index("</head>")]
    assert head.index("Content-Security-Policy") < head.index("<style>")  # the policy comes first
    policy = dict((d.split(None, 1) + [""])[:2] for d in (part.strip() for part in csp_of(out).split(";")) if d)
    assert policy["default-src"] == "'none'"
    assert policy["img-src"] == "'none'" and policy["base-uri"] == "'none'"
    page = Page(out)
    assert policy["style-src"] == sha256(page.styles[0])  # exactly our stylesheet may apply ...
    assert policy["script-src"] == sha256(page.scripts[0])  # ... and exactly our script may run
    for needle in ("://", "url(", "@import", "src=", "href=", "<link", "@font-face", "<img", "<iframe"):
        assert needle not in out, needle
    assert len(out.encode("utf-8")) <= 150 * 1024


def test_without_scripts_the_policy_allows_none(seeds):
    out = compare(seeds["000"], seeds["001"]).to_html(scripts=False)
    assert "<script" not in out
    assert "script-src 'none'" in csp_of(out)


# --- notebook fragment -----------------------------------------------------------------------


def selectors(css: str) -> list[str]:
    out = []
    for group in re.findall(r"([^{}]+)\{", css):
        group = group.strip()
        if group.startswith("@") or re.fullmatch(r"[\d%,\s]+|from|to", group):
            continue
        out.extend(s.strip() for s in group.split(","))
    return out


def test_notebook_fragments_are_scoped_and_do_not_clash(seeds):
    one = compare(seeds["000"], seeds["001"])._repr_html_()
    two = compare(seeds["000"], seeds["002"])._repr_html_()
    assert not one.lstrip().startswith("<!DOCTYPE") and "<html" not in one and "<head>" not in one
    uid1, uid2 = page_uid(one), page_uid(two)
    assert uid1 != uid2
    for frag, uid in ((one, uid1), (two, uid2)):
        page = Page(frag)
        sels = selectors(page.styles[0])
        assert len(sels) > 50
        assert all(f".ad-report.{uid}" in s for s in sels), [s for s in sels if uid not in s][:5]
        ids = [a["id"] for _, a in page.tags if a.get("id")]
        assert len(ids) == len(set(ids)) and all(i.startswith(uid) for i in ids)
    # readable without JavaScript: every sentence is in the markup, labels are text
    page = Page(one)
    text = "".join(page.text)
    assert "Paraphrase" in text and "Dropped" in text and "moved from 6" in text


# --- what the view shows ---------------------------------------------------------------------


def test_header_shows_titles_verdict_numbers_counts_and_signature(seeds):
    cmp, out = seed_report("000", "002")
    text = " ".join("".join(Page(out).text).split())
    s = cmp.summary
    assert seed_path("000").name in text and seed_path("002").name in text
    assert "Wholly derived" in text
    assert f"Reuse {round(s['reuse'] * 100)}%" in text and f"Coverage {round(s['coverage'] * 100)}%" in text
    for label, n in s["counts"].items():
        assert f"{label.capitalize()} {n}" in text
    assert cmp.signature in text
    assert '<rect class="ad-fill" width="79.3"' in out  # reuse as a bar


def test_rows_follow_the_copys_order_with_labels_symbols_and_scores(seeds):
    cmp, out = seed_report("000", "001")
    uid = page_uid(out)
    rows = re.findall(r'<tr class="ad-p ad-(\w+)[^"]*" id="' + uid + r'-p(\d+)">', out)
    assert [(label, int(n)) for label, n in rows] == [(p.label.value, n) for n, p in enumerate(cmp.pairs)]
    for symbol, name in (("=", "Verbatim"), ("\u2248", "Paraphrase"), ("+", "Added"), ("\u2212", "Dropped")):
        assert f'<span class="ad-sym" aria-hidden="true">{symbol}</span> {name}</span>' in out
    assert "<del>" in out and "<ins>" in out
    paraphrase = next(n for n, p in enumerate(cmp.pairs) if p.label.value == "paraphrase")
    row = out.split(f'id="{uid}-p{paraphrase}"', 1)[1].split("</tr>", 1)[0]
    assert f"{cmp.pairs[paraphrase].score:.2f}" in row
    verbatim = next(n for n, p in enumerate(cmp.pairs) if p.label.value == "verbatim")
    row = out.split(f'id="{uid}-p{verbatim}"', 1)[1].split("</tr>", 1)[0]
    assert "<del>" not in row and "<ins>" not in row


def test_moved_split_and_merged_are_marked(seeds):
    cmp, out = seed_report("000", "001")
    (moved,) = [p for p in cmp.pairs if p.moved]
    assert out.count('class="ad-mv"') == 1 and f"moved from {moved.left[0] + 1}</span>" in out
    cmp, out = seed_report("000", "002")
    merged = next(n for n, p in enumerate(cmp.pairs) if len(p.left) == 2 and len(p.right) == 1)
    row = out.split(f'id="{page_uid(out)}-p{merged}"', 1)[1].split("</tr>", 1)[0]
    assert row.count('class="ad-s"') == 3 and "2 \u2192 1 merged" in row  # one row spans all three


def test_hide_option_and_its_errors(seeds):
    cmp = compare(seeds["000"], seeds["001"])
    out = cmp.to_html(hide=["verbatim", "dropped"])
    boxes = re.findall(r'<input type="checkbox" value="(\w+)"( checked)?>', out)
    assert boxes == [
        ("verbatim", ""),
        ("paraphrase", " checked"),
        ("added", " checked"),
        ("dropped", ""),
        ("boilerplate", " checked"),
    ]
    boxes = re.findall(r'<input type="checkbox" value="(\w+)"( checked)?>', cmp.to_html(hide="boilerplate"))
    assert boxes[-1] == ("boilerplate", "")
    with pytest.raises(OptionsError, match="verbatim, paraphrase, added, dropped and boilerplate"):
        cmp.to_html(hide=["same"])


def test_flags_credits_and_boilerplate_are_shown(seeds):
    cmp = compare(seeds["000"], seeds["002"])
    out = cmp.to_html("000.txt", "002.txt")
    assert "uncredited: the copy credits no agency" in out
    assert out.count('class="ad-flag ad-f-quote_changed"') == cmp.summary["flags"]["quote_changed"]
    assert out.count(" ad-boilerplate") == cmp.summary["boilerplate"]["right"]
    # the changed spans are highlighted: "2018" and the changed quote sit in <mark>s (in a paired
    # sentence, around the word diff's <ins>/<del>)
    marked = "".join(re.findall(r"<mark>(.*?)</mark>", out))
    assert "2018" in marked and "Withdrawing from the east" in marked
    page = Page(out)
    uid = page_uid(out)
    for i in range(len(cmp.right)):  # marks never change the text
        assert page.sentences[f"{uid}-r{i}"].strip() == cmp.text_of("right", i)


def test_hostile_quotes_in_flag_messages_are_escaped():
    left = "The minister said: “We will <b>never</b> sign,” on Monday in Geneva after the talks."
    right = "The minister said: “We will <script>alert(1)</script> sign,” on Monday in Geneva after the talks."
    out = compare(left, right).to_html()
    assert "ad-f-quote_" in out and "<script>alert(1)</script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out and "<b>never</b>" not in out


def test_empty_comparison():
    out = compare("", "  ").to_html()
    assert "Neither text has any sentences." in out and "Not derived" in out


def test_render_html_does_not_need_titles(seeds):
    out = compare(seeds["000"], seeds["001"]).to_html()
    assert "<title>Original → Copy · articlediff</title>" in out


@given(
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=5),
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=3),
    st.integers(0, 12),
    st.integers(12, 30),
)
@settings(max_examples=300, deadline=None)
def test_segments_match_a_character_by_character_reference(marks, flagged, start, end):
    from articlediff.render import _segments

    text = "abcdefghijklmnopqrstuvwxyz0123"
    got = _segments(text, start, end, marks, "del", flagged)
    assert "".join(t for _, _, t in got) == text[start:end]
    chars = [
        ("del" if any(a <= c < b for a, b in marks) else "", any(a <= c < b for a, b in flagged))
        for c in range(start, end)
    ]
    assert [m for k, f, t in got for m in [(k, f)] * len(t)] == chars
    assert all(x[:2] != y[:2] for x, y in zip(got, got[1:], strict=False))  # neighbours differ in marking
