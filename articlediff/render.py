"""Render a :class:`~articlediff.model.Comparison` as a self-contained, side-by-side HTML report,
and a batch's records as its index page (:func:`render_index`).

One file with its CSS and JavaScript inline and a Content-Security-Policy that forbids any network
access; it opens from disk in any current browser and stays readable without JavaScript. The same
view, as a fragment, is what notebooks show (``Comparison._repr_html_``).

>>> import articlediff
>>> cmp = articlediff.compare("Putin met Trump. Talks lasted three hours.", "Talks lasted 3 hours.")
>>> html = articlediff.render_html(cmp, "reuters.txt", "copy.txt")
>>> html.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in html
True

Article text, titles and file names are data, never markup: the jinja2 templates autoescape every
value, and the word-level diff reaches them as ``(kind, text)`` segments, not as HTML. Output is
deterministic: ids and CSS are scoped with a prefix hashed from the inputs, so several reports can
share one notebook, and the same inputs always give the same bytes.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from importlib.resources import files
from typing import TYPE_CHECKING, Any, NamedTuple

from .errors import OptionsError
from .model import Comparison, Label, Pair
from .version import __version__

if TYPE_CHECKING:
    from jinja2 import Environment

__all__ = ["index_chunks", "render_html", "render_index"]

#: Symbol, name and meaning of each label: the report never relies on colour alone.
LABELS: dict[str, tuple[str, str, str]] = {
    "verbatim": ("=", "Verbatim", "same words in both"),
    "paraphrase": ("\u2248", "Paraphrase", "aligned, reworded"),
    "added": ("+", "Added", "only in the copy"),
    "dropped": ("\u2212", "Dropped", "only in the original"),
}

VERDICTS: dict[str, tuple[str, str]] = {
    "wholly_derived": ("Wholly derived", "The copy is built from the original."),
    "partially_derived": ("Partially derived", "The copy reuses parts of the original."),
    "not_derived": ("Not derived", "The copy is written independently of the original."),
}

_SCOPE = ".adR"  # placeholder in report.css, replaced by the report's own class


class Sent(NamedTuple):
    """One sentence as shown: its index, its ``(kind, flagged, text)`` segments (kind is ``""``,
    ``del`` or ``ins``; flagged is True inside a span a change flag points at), and the sentence
    element as escaped HTML."""

    i: int
    segments: list[tuple[str, bool, str]]
    html: str  #: markupsafe.Markup: the sentence element, its texts escaped, wrapped in <del>/<ins>/<mark>


_TAGS = {"": ("", ""), "del": ("<del>", "</del>"), "ins": ("<ins>", "</ins>")}


@functools.lru_cache(maxsize=1)
def _markupsafe() -> Any:
    import markupsafe  # with jinja2, only once a report is rendered

    return markupsafe


def _body(segments: list[tuple[str, bool, str]]) -> str:
    """The segments as HTML. Built here rather than by a template loop: a report has thousands of
    segments and this is most of its rendering time. Every text goes through markupsafe's escape."""
    ms = _markupsafe()
    escape = ms.escape
    parts = []
    for kind, flagged, text in segments:
        before, after = _TAGS[kind]
        piece = f"{before}{escape(text)}{after}"
        parts.append(f"<mark>{piece}</mark>" if flagged else piece)
    return ms.Markup("".join(parts))


#: Short names of the change flags, as badges.
FLAGS: dict[str, str] = {
    "quote_changed": "quote changed",
    "quote_unsourced": "quote not in original",
    "number_changed": "number changed",
    "name_changed": "name changed",
    "attribution_changed": "attribution changed",
}


class Row(NamedTuple):
    """One pair as a row of the report."""

    n: int
    label: str
    left: list[Sent]
    right: list[Sent]
    score: float
    bucket: int  #: score in steps of 5 % (0..20), for the score bar
    moved: bool
    group: str  #: "" or how sentences were grouped, e.g. "2 \u2192 1 merged"
    flags: list[tuple[str, str, str]]  #: (kind, badge, message) of each change flag
    boilerplate: str  #: "" or why the unit is page furniture


@functools.lru_cache(maxsize=1)
def _environment() -> Environment:
    # Imported here so that ``import articlediff`` does not load jinja2.
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    return Environment(
        loader=PackageLoader("articlediff"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@functools.lru_cache(maxsize=4)
def _asset(name: str) -> str:
    return (files("articlediff") / "templates" / name).read_text(encoding="utf-8")


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def _segments(
    text: str,
    start: int,
    end: int,
    marks: Sequence[tuple[int, int]],
    kind: str,
    flagged: Sequence[tuple[int, int]] = (),
) -> list[tuple[str, bool, str]]:
    """Split ``text[start:end]`` into segments: inside ``marks`` (character ranges) they get ``kind``,
    inside ``flagged`` ranges the flag; adjacent pieces with the same marking are merged."""
    cuts = {start, end}
    # the ranges of marks and of flags, clipped to the sentence
    inside: tuple[list[tuple[int, int]], list[tuple[int, int]]] = ([], [])
    for ranges, out_ in zip((marks, flagged), inside, strict=True):
        for a, b in ranges:
            if a < end and b > start and a < b:
                a, b = max(a, start), min(b, end)
                cuts.update((a, b))
                out_.append((a, b))
    points = sorted(cuts)
    at = {p: n for n, p in enumerate(points)}
    # How many ranges cover each piece between two cuts (ranges start and end only at cuts).
    depth = [0] * len(points), [0] * len(points)
    for ranges, d in zip(inside, depth, strict=True):
        for a, b in ranges:
            d[at[a]] += 1
            d[at[b]] -= 1
    out: list[tuple[str, bool, str]] = []
    marked = flag = 0
    for n, (a, b) in enumerate(zip(points, points[1:], strict=False)):
        marked += depth[0][n]
        flag += depth[1][n]
        k = kind if marked else ""
        f = flag > 0
        if out and out[-1][0] == k and out[-1][1] == f:
            out[-1] = (k, f, out[-1][2] + text[a:b])
        else:
            out.append((k, f, text[a:b]))
    return out


def _sentence(uid: str, side: str, i: int, body: str) -> str:
    """One sentence element. Written here, not by a template macro, since a report has one per
    sentence: ``uid`` is our own hex scope, ``i`` an int, ``body`` escaped by :func:`_body`."""
    who = "original" if side == "l" else "copy"
    return _markupsafe().Markup(
        f'<div class="ad-s" id="{uid}-{side}{i}" tabindex="0"><span class="ad-n"><span class="ad-vh">{who} sentence '
        f"</span>{i + 1}</span> {body}</div>\n"
    )


def _row(cmp: Comparison, n: int, pair: Pair, uid: str) -> Row:
    paraphrase = pair.label is Label.PARAPHRASE
    sides = []
    for side, text, ids, ops, kind in (
        ("left", cmp.left_text, pair.left, ("delete", "replace"), "del"),
        ("right", cmp.right_text, pair.right, ("insert", "replace"), "ins"),
    ):
        short = side[0]
        sents = getattr(cmp, side)
        marks = [getattr(d, side) for d in pair.diff if d.op in ops] if paraphrase else []
        flagged = [span for f in pair.flags if (span := getattr(f, side))]
        segs = [_segments(text, sents[i].start, sents[i].end, marks, kind, flagged) for i in ids]
        sides.append([Sent(i, seg, _sentence(uid, short, i, _body(seg))) for i, seg in zip(ids, segs, strict=True)])
    nl, nr = len(pair.left), len(pair.right)
    group = ""
    if nl and nr and (nl > 1 or nr > 1):
        how = "merged" if nr == 1 else "split" if nl == 1 else "regrouped"
        group = f"{nl} \u2192 {nr} {how}"
    score = max(0.0, min(1.0, pair.score))
    flags = [(str(f.kind), FLAGS.get(f.kind, str(f.kind)), f.message) for f in pair.flags]
    return Row(
        n,
        pair.label.value,
        sides[0],
        sides[1],
        score,
        round(score * 20),
        pair.moved,
        group,
        flags,
        pair.boilerplate or "",
    )


def _scope(cmp: Comparison, *parts: object) -> str:
    h = hashlib.sha256()
    for part in (cmp.signature, cmp.left_text, cmp.right_text, *parts):
        h.update(repr(part).encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return "ad-" + h.hexdigest()[:10]


def render_html(
    cmp: Comparison,
    title_left: str | None = None,
    title_right: str | None = None,
    *,
    hide: Iterable[str] = (),
    document: bool = True,
    scripts: bool = True,
) -> str:
    """Return a side-by-side HTML report of a comparison.

    Rows are the pairs in the copy's reading order, with the original on the left and the copy on
    the right; paraphrases mark removed (``<del>``) and added (``<ins>``) words; moved, split and
    merged sentences are marked; change flags (altered quotes, numbers, names, attribution) show as
    badges with their spans highlighted (``<mark>``), and page furniture can be folded away. The
    page has no external references and works without JavaScript; with it, ``n``/``p`` (or
    ``j``/``k``) jump to the next/previous change.

    Args:
        cmp: the result of :func:`articlediff.compare`.
        title_left, title_right: names shown for the two texts (e.g. file names); default
            ``"Original"`` and ``"Copy"``.
        hide: labels whose rows start hidden, e.g. ``("verbatim",)`` to see only the changes, or
            ``"boilerplate"`` to fold promos, bylines and page chrome (the reader can show them again).
        document: a whole HTML document (True) or a fragment to embed, as notebooks show.
        scripts: include the small inline script (hover, click-to-scroll, keyboard navigation).

    Returns:
        The HTML as a string.

    Raises:
        OptionsError: if ``hide`` names an unknown label.
    """
    hidden = [hide] if isinstance(hide, str) else list(hide)
    unknown = sorted(set(hidden) - set(LABELS) - {"boilerplate"})
    if unknown:
        raise OptionsError(f"hide={unknown!r}: choose among {', '.join(LABELS)} and boilerplate")
    uid = _scope(cmp, title_left, title_right, sorted(set(hidden)), document, scripts)
    css = _asset("report.css").replace(_SCOPE, f".ad-report.{uid}")
    if document:
        css = _asset("page.css") + css
    js = _asset("report.js") if scripts else ""
    csp = "; ".join(
        [
            "default-src 'none'",
            f"style-src {_csp_hash(css)}",
            f"script-src {_csp_hash(js)}" if js else "script-src 'none'",
            "img-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    from markupsafe import Markup

    s = cmp.summary
    counts = s["counts"]
    context: dict[str, Any] = {
        "uid": uid,
        "document": document,
        "css": Markup(css),  # our stylesheet: no article text, titles or file names in it
        "js": Markup(js),  # our script, static
        "csp": csp,
        "title_left": title_left or "",
        "title_right": title_right or "",
        "summary": s,
        "verdict": VERDICTS.get(s["verdict"], (s["verdict"], "")),
        "verdict_key": s["verdict"],
        "metrics": [
            ("Reuse", s["reuse"], f"of the copy\u2019s {s['words']['right']:,} words come from the original"),
            ("Coverage", s["coverage"], f"of the original\u2019s {s['words']['left']:,} words were reused"),
            ("Verbatim", s["verbatim_share"], "of the copy\u2019s words are copied word for word"),
        ],
        "LABELS": LABELS,
        "labels": [(key, *LABELS[key], counts.get(key, 0), key not in hidden) for key in LABELS],
        "boilerplate": (sum(1 for p in cmp.pairs if p.boilerplate), "boilerplate" not in hidden),
        "without_boilerplate": s.get("without_boilerplate", {}),
        "credits": s.get("credits", {"left": [], "right": [], "uncredited": False}),
        "flag_counts": [(FLAGS.get(kind, kind), n) for kind, n in s.get("flags", {}).items()],
        "signature": cmp.signature.split("|"),
        "rows": [_row(cmp, n, p, uid) for n, p in enumerate(cmp.pairs)],
        "moved": sum(p.moved for p in cmp.pairs),
        "hidden": hidden,
        "version": __version__,
    }
    return _environment().get_template("report.html").render(context)


def render_index(
    records: Iterable[dict[str, Any]],
    counts: dict[str, int],
    links: Callable[[dict[str, Any]], str | None] | None = None,
    *,
    title: str = "articlediff batch",
    problems: Sequence[dict[str, Any]] = (),
    limit: int = 50_000,
) -> str:
    """Return a batch's index page: a self-contained, sortable table of the copies by source, reuse and verdict.

    Args:
        records: the batch's records (see :class:`articlediff.syndication.BatchReport`), in the order listed.
        counts: ``copies``, ``matched``, ``unmatched`` and ``errors`` of all the records
            (:attr:`BatchReport.counts <articlediff.syndication.BatchReport.counts>`), shown above the table.
        links: ``links(record)`` gives the (relative) address of a copy's report, or None.
        title: the page's title and heading.
        problems: the originals that could not be used, listed below the table.
        limit: most copies listed (browsers slow down beyond); the counts cover them all.

    The page loads nothing (a Content-Security-Policy forbids it, allowing only its own sorting
    script by hash) and escapes every id, title and message.
    """
    return "".join(index_chunks(records, counts, links, title=title, problems=problems, limit=limit))


def index_chunks(
    records: Iterable[dict[str, Any]],
    counts: dict[str, int],
    links: Callable[[dict[str, Any]], str | None] | None = None,
    *,
    title: str = "articlediff batch",
    problems: Sequence[dict[str, Any]] = (),
    limit: int = 50_000,
) -> Iterator[str]:
    """:func:`render_index` piece by piece, reading ``records`` once: for a page too big to hold."""
    import itertools

    rows = ({**r, "href": links(r) if links else None} for r in itertools.islice(records, limit))
    # The sorting script is a file of its own (not inline in the template) so that the page's
    # Content-Security-Policy can allow exactly it, by the hash of its bytes.
    script = _asset("batch_index.js")
    return (
        _environment()
        .get_template("batch_index.html")
        .generate(
            title=title,
            rows=rows,
            shown=min(limit, counts["copies"]),
            counts=counts,
            problems=list(problems),
            script=_markupsafe().Markup(script),
            script_hash=_csp_hash(script).strip("'"),
        )
    )
