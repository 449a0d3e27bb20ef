"""Reading files: saved web pages (trafilatura) and plain text, as Article strings with metadata."""

from __future__ import annotations

import builtins
import pickle

import pytest

import articlediff
from articlediff import Article, InputError, compare, load, parse_html

from .conftest import ROOT, SEEDS

PAGES = ROOT / "tests" / "data" / "pages"
FURNITURE = ["Subscribe", "Great article", "Advertisement", "Related stories", "All rights reserved", "Privacy"]

pytest.importorskip("trafilatura", reason="trafilatura (articlediff[html]) is not installed")


@pytest.mark.parametrize(
    "name, headline, byline, date, first",
    [
        ("seed_000.html", "Putin wants all of Donbas, no NATO and neutrality, sources say", "Reuters Staff",
         "2025-08-20", "Three sources familiar with top Kremlin thinking"),
        ("seed_002.html", "Putin Proposes Territorial Concessions and Security Guarantees in Ukraine Peace Talks",
         "Bonifacio Tumang", "2025-09-19", "MOSCOW — Russian President Vladimir Putin has outlined"),
    ],
)  # fmt: skip
def test_web_page_body_and_metadata(name, headline, byline, date, first):
    page = load(PAGES / name)
    assert isinstance(page, Article) and isinstance(page, str)
    assert (page.headline, page.byline, page.date) == (headline, byline, date)
    assert page.source == str(PAGES / name)
    assert first in page
    for junk in FURNITURE:
        assert junk not in page


def test_pages_compare_like_the_seeds():
    cmp = compare(load(PAGES / "seed_000.html"), load(PAGES / "seed_002.html"))
    assert any("Withdrawing from the east" in f.message for p in cmp.pairs for f in p.flags)
    assert cmp.summary["credits"]["uncredited"] is True
    for s in cmp.right:  # offsets refer to the extracted text
        assert cmp.right_text[s.start : s.end] == cmp.text_of("right", s.index)


def test_html_detected_by_content_and_text_files_stay_text(tmp_path):
    page = tmp_path / "saved_page.txt"
    page.write_bytes((PAGES / "seed_002.html").read_bytes())
    assert load(page).byline == "Bonifacio Tumang"
    text = load(next(SEEDS.glob("000_*.txt")))
    assert text.headline is None and text.startswith("Three sources")
    assert text.title() == str(text).title()  # still a str in every way


def test_article_pickles_with_its_metadata():
    a = Article("Text.", headline="T", byline="B", date="D", source="S")
    b = pickle.loads(pickle.dumps(a))
    assert (b, b.headline, b.byline, b.date, b.source) == ("Text.", "T", "B", "D", "S")


def test_page_without_text_is_a_clear_error():
    with pytest.raises(InputError, match="no article text"):
        parse_html("<html><head><title>x</title></head><body><script>var a=1;</script></body></html>", "empty.html")


def test_missing_trafilatura_names_the_extra(monkeypatch):
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == "trafilatura":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(InputError, match=r"articlediff\[html\]"):
        parse_html("<html><body><p>x</p></body></html>", "page.html")


def test_cli_reads_web_pages(capsys):
    from articlediff.cli import main

    assert main(["compare", str(PAGES / "seed_000.html"), str(PAGES / "seed_002.html"), "--format", "json"]) == 0
    assert '"uncredited": true' in capsys.readouterr().out


def test_public_names():
    assert {"Article", "load", "parse_html", "decode"} <= set(articlediff.__all__)
