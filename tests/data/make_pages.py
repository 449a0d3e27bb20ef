#!/usr/bin/env python3
"""Build the saved web pages in pages/ from the seeds: the article body wrapped in the page
furniture real news sites carry (navigation, ad slots, related links, newsletter box, comments,
footer). Run once; the pages are committed so tests read fixed files."""

from __future__ import annotations

import html
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent.parent / "seeds"

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | {site}</title>
<meta property="og:title" content="{title}">
<meta name="author" content="{author}">
<meta property="article:published_time" content="{date}">
<link rel="stylesheet" href="/static/site.css"><script src="/static/ads.js"></script>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/business">Business</a></li><li><a href="/markets">Markets</a></li><li><a href="/tech">Tech</a></li>
</ul></nav>
<div class="ad-banner">Advertisement
<a href="https://ads.example.com/click">Get 50% off premium today</a></div></header>
<main><article>
<h1>{title}</h1>
<p class="byline">By <span class="author">{author}</span> · <time datetime="{date}">{date}</time></p>
{paragraphs}
</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/a">Oil prices climb as markets weigh supply risks</a></li>
<li><a href="/b">Ten gadgets you need this winter</a></li></ul></aside>
<div class="newsletter"><h3>Sign up for our newsletter</h3><p>Get the top stories in your inbox every morning.</p>
<form><input type="email" placeholder="Email"><button>Subscribe</button></form></div>
<section class="comments"><h2>Comments (2)</h2>
<div class="comment"><p>Great article, thanks for sharing!</p></div>
<div class="comment"><p>I disagree with the analysis in the third paragraph.</p></div></section>
</main>
<footer><p>© 2025 {site}. All rights reserved.</p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>
</body></html>
"""

PAGES = {
    "000": (
        "Putin wants all of Donbas, no NATO and neutrality, sources say",
        "Reuters Staff",
        "2025-08-20",
        "Example Wire",
    ),
    "002": (
        "Putin Proposes Territorial Concessions and Security Guarantees in Ukraine Peace Talks",
        "Bonifacio Tumang",
        "2025-09-19",
        "Example Daily",
    ),
}


def main() -> None:
    for prefix, (title, author, date, site) in PAGES.items():
        (path,) = SEEDS.glob(f"{prefix}_*.txt")
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        if prefix == "002":
            lines = lines[6:]  # the saved page's own chrome replaces the seed's copied chrome
        body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines)
        out = PAGE.format(title=html.escape(title), author=html.escape(author), date=date, site=site, paragraphs=body)
        (HERE / "pages" / f"seed_{prefix}.html").write_text(out, encoding="utf-8")


if __name__ == "__main__":
    main()
