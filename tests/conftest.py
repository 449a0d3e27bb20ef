from __future__ import annotations

from pathlib import Path

import pytest

from articlediff import prepare

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seeds() -> dict[str, str]:
    return {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` as the pipeline splits it."""
    return [text[s.start : s.end] for s in prepare(text).sentences]


UNRELATED = (
    "The village bakery reopened on Tuesday after a fire last spring. Its owner, a former teacher, "
    "said the new oven bakes two hundred loaves an hour. Customers queued in the rain for rye bread."
)


@pytest.fixture(scope="session")
def corpus(seeds):
    """Two wire originals and five copies: trimmed, mixed, reordered, another story, unrelated."""
    s000, s003, s004 = sentences(seeds["000"]), sentences(seeds["003"]), sentences(seeds["004"])
    originals = {"wire-000": seeds["000"], "wire-003": seeds["003"]}
    copies = {
        "a-000-lead": "\n".join(s000[: len(s000) * 2 // 3]),  # a shortened copy
        "b-000-mixed": "\n".join(s000[10:30] + s004[:25]),  # a third of the original plus other material
        "c-003-reordered": "\n".join(reversed(s003)),
        "d-004": seeds["004"],  # another story that shares background with 003
        "e-unrelated": UNRELATED,
    }
    return originals, copies


# An article written to break out of the report: markup, template syntax, quotes in every form.
HOSTILE_LEFT = (
    "The minister said <script>alert('left')</script> was never sent.\n"
    'A photo <img src=x onerror="alert(1)"> showed the scene.\n'
    "Officials closed the </div></td></tr></table></section> border on \"Friday\" and 'Saturday'.\n"
    "The template {{ 7 * 7 }} and {% for x in y %}{% endfor %} stayed in the text.\n"
    'Read more at <a href="javascript:alert(2)">this link</a> & more.'
)
HOSTILE_RIGHT = (
    "The minister said <script>alert('right')</script> was never sent at all.\n"
    'A photo <img src=x onerror="alert(1)"> showed the scene.\n'
    "Officials closed the </div></td></tr></table></section> border on \"Saturday\" and 'Sunday'.\n"
    "New: <style>body{display:none}</style><iframe src=//evil.example></iframe> --><!-- <![CDATA[ x ]]>"
)
HOSTILE_TITLE = '"><script>alert("title")</script><b onmouseover=alert(3)>left.txt'
