"""The HTML report in a real browser: headless Chromium (Debian package ``chromium``) driven by Playwright.

Skipped with a reason when ``/usr/bin/chromium`` or the ``playwright`` package is missing (``.ci/run``
installs both). Playwright is pointed at the system Chromium: never run ``playwright install``.
Screenshots are saved under ``artifacts/`` (git-ignored) for a human to look at.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from articlediff import compare

from .conftest import HOSTILE_LEFT, HOSTILE_RIGHT, HOSTILE_TITLE, ROOT, SEEDS

CHROMIUM = Path(os.environ.get("ARTICLEDIFF_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = ROOT / "artifacts"
ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found: apt-get install chromium (.ci/run does)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed: pip install -e '.[dev]'")

HIGHLIGHT = "rgb(221, 244, 255)"  # --ad-hl in the light theme


def seed_file(prefix: str) -> Path:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


def write_report(tmp_path: Path, a: str, b: str, **options) -> Path:
    pa, pb = seed_file(a), seed_file(b)
    cmp = compare(pa.read_text(encoding="utf-8"), pb.read_text(encoding="utf-8"))
    out = tmp_path / f"report-{a}-{b}.html"
    out.write_text(cmp.to_html(pa.name, pb.name, **options), encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Watched:
    """A page with its console errors, page errors, dialogs and requests recorded from the start."""

    def __init__(self, browser, width: int = 1280, height: int = 900, **context) -> None:
        context.setdefault("reduced_motion", "reduce")  # no transitions: read colours at once
        self.context = browser.new_context(viewport={"width": width, "height": height}, **context)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("requestfailed", lambda r: self.errors.append(f"request failed: {r.url}"))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def open(self, path: Path):
        self.page.goto(path.resolve().as_uri())
        return self.page

    def close(self) -> None:
        self.context.close()


def background(page, selector: str) -> str:
    return page.eval_on_selector(selector, "e => getComputedStyle(e).backgroundColor")


def visible(page, selector: str) -> int:
    return page.eval_on_selector_all(selector, "es => es.filter(e => e.getClientRects().length > 0).length")


def pairs_of(a: str, b: str) -> list:
    """The pairs of the comparison a report shows, in row order: tests pick their rows from these
    rather than pinning row numbers that move whenever the alignment improves."""
    return list(compare(seed_file(a).read_text(encoding="utf-8"), seed_file(b).read_text(encoding="utf-8")).pairs)


def test_report_000_002_loads_clean_and_interacts(browser, tmp_path):
    path = write_report(tmp_path, "000", "002")
    pairs = pairs_of("000", "002")
    merge = next(n for n, p in enumerate(pairs) if p.label.value == "paraphrase" and len(p.left) == 2)
    other = next(n for n, p in enumerate(pairs) if p.label.value == "paraphrase" and n != merge)
    dropped = sum(p.label.value == "dropped" for p in pairs)
    w = Watched(browser)
    page = w.open(path)
    try:
        assert page.eval_on_selector(".ad-report", "e => e.classList.contains('ad-js')")  # the script ran

        # hovering a paraphrased sentence of the copy highlights its counterpart(s) in the original
        row = f"tr[id$='-p{merge}']"
        assert page.eval_on_selector(row, "e => e.classList.contains('ad-paraphrase')")
        counterpart = f"{row} .ad-l .ad-s"
        elsewhere = f"tr[id$='-p{other}'] .ad-l .ad-s"
        page.mouse.move(0, 0)
        assert background(page, counterpart) != HIGHLIGHT
        page.hover(f"{row} .ad-r .ad-s")
        assert background(page, counterpart) == HIGHLIGHT
        assert page.eval_on_selector_all(counterpart, "es => es.length") == 2  # a merge: both light up
        assert page.eval_on_selector_all(
            counterpart, f"es => es.every(e => getComputedStyle(e).backgroundColor === '{HIGHLIGHT}')"
        )
        assert background(page, elsewhere) != HIGHLIGHT
        # focusing does the same, for keyboard users
        page.mouse.move(0, 0)
        page.focus(f"tr[id$='-p{other}'] .ad-r .ad-s")
        assert background(page, elsewhere) == HIGHLIGHT

        # clicking a sentence scrolls to and flashes its counterpart
        page.click(f"{row} .ad-r .ad-s")
        assert page.eval_on_selector(counterpart, "e => e.classList.contains('ad-flash')")

        # toggles: hiding verbatim hides those rows (none here) and nothing else; hiding dropped hides them
        assert dropped > 1 and not any(p.label.value == "verbatim" for p in pairs)
        total = visible(page, "tr.ad-p")
        page.uncheck(".ad-tg input[value=verbatim]")
        assert visible(page, "tr.ad-verbatim") == 0 and visible(page, "tr.ad-p") == total
        page.uncheck(".ad-tg input[value=dropped]")
        assert visible(page, "tr.ad-dropped") == 0 and visible(page, "tr.ad-p") == total - dropped
        assert page.inner_text(".ad-hidden") == f"{dropped} rows hidden"

        ARTIFACTS.mkdir(exist_ok=True)
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(ARTIFACTS / "report-000-002.png"), full_page=True)
        assert w.errors == [] and w.dialogs == []
        assert w.requests == [path.resolve().as_uri()]  # nothing else was fetched
    finally:
        w.close()


def test_keyboard_walks_the_visible_changes(browser, tmp_path):
    w = Watched(browser)
    page = w.open(write_report(tmp_path, "000", "001", hide=["paraphrase"]))
    # with paraphrases hidden, the visible changes are the added and dropped rows, in row order
    changes = [f"p{n}" for n, p in enumerate(pairs_of("000", "001")) if p.label.value in ("added", "dropped")]
    assert len(changes) >= 3
    first, second, third = changes[:3]
    focused_row = "document.activeElement.closest('tr').id.split('-').pop()"
    try:
        page.keyboard.press("n")  # from the top: the first visible change
        assert page.evaluate(focused_row) == first
        page.keyboard.press("n")
        assert page.evaluate(focused_row) == second
        page.keyboard.press("j")
        assert page.evaluate(focused_row) == third
        page.keyboard.press("p")
        assert page.evaluate(focused_row) == second
        page.click(".ad-nav [data-step='1']")
        assert page.evaluate(focused_row) == third
        page.keyboard.press("k")
        assert page.evaluate(focused_row) == second
        page.uncheck(".ad-tg input[value=dropped]")
        page.focus("#" + page.evaluate("document.querySelector('tr.ad-added').id") + " .ad-s")
        page.keyboard.press("n")  # the dropped rows are hidden now: next is the next added sentence
        assert page.evaluate("document.activeElement.closest('tr').classList.contains('ad-added')")
        assert w.errors == []
    finally:
        w.close()


def test_hiding_verbatim_hides_the_verbatim_row(browser, tmp_path):
    w = Watched(browser)
    page = w.open(write_report(tmp_path, "000", "001"))
    try:
        assert visible(page, "tr.ad-verbatim") == 1
        page.uncheck(".ad-tg input[value=verbatim]")
        assert visible(page, "tr.ad-verbatim") == 0
        assert page.inner_text(".ad-hidden") == "1 row hidden"
        assert w.errors == []
    finally:
        w.close()


def test_readable_and_interactive_without_javascript(browser, tmp_path):
    w = Watched(browser, java_script_enabled=False)
    page = w.open(write_report(tmp_path, "000", "001", hide=["verbatim"]))
    try:
        assert not page.eval_on_selector(".ad-report", "e => e.classList.contains('ad-js')")
        assert visible(page, "tr.ad-verbatim") == 0 and visible(page, "tr.ad-paraphrase") == 17
        page.check(".ad-tg input[value=verbatim]")  # CSS alone shows the row again
        assert visible(page, "tr.ad-verbatim") == 1
        page.hover("tr.ad-p:first-child .ad-l .ad-s")
        assert background(page, "tr.ad-p:first-child .ad-r .ad-s") == HIGHLIGHT
        assert visible(page, ".ad-nav") == 0  # buttons that need the script are not shown
        assert w.errors == []
    finally:
        w.close()


def test_phone_width_stacks_the_columns_and_dark_mode_is_dark(browser, tmp_path):
    w = Watched(browser, width=390, height=844, color_scheme="dark", is_mobile=True, has_touch=True)
    page = w.open(write_report(tmp_path, "000", "002"))
    try:
        cell = "tr.ad-paraphrase:nth-child(8) td"
        boxes = page.eval_on_selector_all(cell, "es => es.map(e => e.getBoundingClientRect().toJSON())")
        assert len(boxes) == 2 and boxes[0]["y"] + boxes[0]["height"] <= boxes[1]["y"] + 1  # one above the other
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
        assert background(page, ".ad-report") == "rgb(13, 17, 23)"
        page.screenshot(path=str(ARTIFACTS / "report-000-002-phone-dark.png"))
        assert w.errors == []
    finally:
        w.close()


def test_print_layout(browser, tmp_path):
    w = Watched(browser)
    page = w.open(write_report(tmp_path, "000", "002"))
    try:
        page.emulate_media(media="print")
        assert page.eval_on_selector(".ad-bar", "e => getComputedStyle(e).position") == "static"
        assert visible(page, ".ad-nav") == 0
        pdf = page.pdf()
        assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    finally:
        w.close()


def test_hostile_article_does_not_execute(browser, tmp_path):

    path = tmp_path / "hostile.html"
    path.write_text(compare(HOSTILE_LEFT, HOSTILE_RIGHT).to_html(HOSTILE_TITLE, "b.txt"), encoding="utf-8")
    w = Watched(browser)
    page = w.open(path)
    try:
        page.hover(".ad-s")
        assert w.dialogs == [] and w.errors == []
        assert w.requests == [path.resolve().as_uri()]
        text = page.inner_text(".ad-t")
        assert "<script>alert(" in text and '<img src=x onerror="alert(1)">' in text
        assert page.eval_on_selector_all("img, iframe, a", "es => es.length") == 0
        assert page.eval_on_selector("body", "e => getComputedStyle(e).display") == "block"
    finally:
        w.close()
