"""``articlediff batch``: the output directory, resuming, atomic files, the index page and exit codes."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from articlediff.cli import main
from articlediff.syndication import checking, report_name

pytest.importorskip("numpy")


@pytest.fixture()
def dirs(tmp_path, corpus):
    originals, copies = corpus
    odir, cdir = tmp_path / "originals", tmp_path / "copies"
    odir.mkdir()
    cdir.mkdir()
    for k, v in originals.items():
        (odir / f"{k}.txt").write_text(v, encoding="utf-8")
    for k, v in copies.items():
        (cdir / f"{k}.txt").write_text(v, encoding="utf-8")
    (cdir / "z-binary.txt").write_bytes(b"\x00\x01\x02\x03")
    return odir, cdir, tmp_path / "out"


def run(odir, cdir, out, *extra):
    return main(["batch", "--originals", str(odir), "--copies", str(cdir), "--out", str(out), "--quiet", *extra])


def records(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "summary.jsonl").read_text(encoding="utf-8").splitlines()]


def test_writes_every_output(dirs, capsys):
    odir, cdir, out = dirs
    assert main(["batch", "--originals", str(odir), "--copies", str(cdir), "--out", str(out), "--jobs", "2"]) == 0
    err = capsys.readouterr().err
    assert "6 copies: 3 derived from an original, 2 no match, 1 errors" in err and "copies:" in err  # bar + summary
    recs = records(out)
    assert [r["copy_id"] for r in recs] == sorted(r["copy_id"] for r in recs)
    rows = list(csv.DictReader((out / "summary.csv").open(encoding="utf-8")))
    assert [r["copy_id"] for r in rows] == [r["copy_id"] for r in recs]
    derived = [r for r in recs if r["source_id"]]
    assert all(isinstance(r["flags"], dict) and isinstance(r["uncredited"], bool) for r in derived)
    assert {"uncredited", "copy_credits", "flags"} <= set(rows[0])
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(e["id"], e["role"]) for e in errors] == [("z-binary", "copy")]
    clusters = json.loads((out / "clusters.json").read_text(encoding="utf-8"))
    assert clusters == {"wire-000": ["a-000-lead", "b-000-mixed"], "wire-003": ["c-003-reordered"]}
    reports = sorted(p.name for p in (out / "pairs").iterdir())
    assert len(reports) == 3 * (1 + any(n.endswith(".html") for n in reports))
    pair = json.loads(next((out / "pairs").glob("a-000-lead.*.json")).read_text(encoding="utf-8"))
    assert pair["summary"]["reuse"] == 1.0 and pair["pairs"][0]["diff"]  # a full report, word diffs included
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    for href in re.findall(r'href="([^"]+)"', page):
        assert (out / href).is_file()
    assert not re.search(r"(?:src|href)=\"(?:https?:)?//", page)
    # The policy allows exactly the page's own script, by its hash (a browser then refuses any other).
    import base64
    import hashlib

    (script,) = re.findall(r"<script>(.*?)</script>", page, re.S)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in page
    assert not list(out.rglob("*.tmp"))


def test_quiet_is_silent_and_output_is_identical_across_jobs(dirs, capsys, tmp_path):
    odir, cdir, out = dirs
    assert run(odir, cdir, out) == 0
    assert capsys.readouterr().err == ""
    assert run(odir, cdir, tmp_path / "out2", "--jobs", "2", "--chunk-size", "1") == 0
    for name in ("summary.jsonl", "summary.csv", "errors.jsonl", "clusters.json"):
        assert (out / name).read_bytes() == (tmp_path / "out2" / name).read_bytes()


def test_interrupted_batch_resumes_without_redoing_finished_copies(dirs, capsys, monkeypatch, tmp_path):
    odir, cdir, out = dirs
    real = checking.check_chunk
    calls: list[str] = []

    def interrupted(index, docs, reports, report_dir=None):
        if len(calls) == 2:
            raise KeyboardInterrupt
        calls.extend(d.id for d in docs)
        return real(index, docs, reports, report_dir)

    monkeypatch.setattr(checking, "check_chunk", interrupted)
    assert run(odir, cdir, out, "--chunk-size", "1") == 130
    err = capsys.readouterr().err
    assert "interrupted" in err and "run the same command again to resume" in err and "Traceback" not in err
    assert [r["copy_id"] for r in records(out)] == calls == ["a-000-lead", "b-000-mixed"]
    assert not (out / "summary.csv").exists()

    done: list[str] = []

    def counting(index, docs, reports, report_dir=None):
        done.extend(d.id for d in docs)
        return real(index, docs, reports, report_dir)

    monkeypatch.setattr(checking, "check_chunk", counting)
    assert run(odir, cdir, out, "--chunk-size", "1") == 0
    assert done == ["c-003-reordered", "d-004", "e-unrelated", "z-binary"]
    assert run(odir, cdir, tmp_path / "fresh") == 0
    for name in ("summary.jsonl", "summary.csv", "errors.jsonl", "clusters.json"):
        assert (out / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes()

    # A crash while appending leaves a torn line: it is cut off, and copies with errors are retried.
    with (out / "summary.jsonl").open("a", encoding="utf-8") as f:
        f.write('{"copy_id": "zz", "sour')
    done.clear()
    assert run(odir, cdir, out) == 0
    assert done == ["z-binary"]
    assert (out / "summary.jsonl").read_bytes() == (tmp_path / "fresh" / "summary.jsonl").read_bytes()


def test_other_settings_need_no_resume(dirs, capsys):
    odir, cdir, out = dirs
    assert run(odir, cdir, out) == 0
    assert run(odir, cdir, out, "--preset", "strict") == 2
    err = capsys.readouterr().err
    assert "other originals or settings" in err and "--no-resume" in err
    stale = out / "pairs" / "stale.json"
    stale.write_text("{}", encoding="utf-8")
    assert run(odir, cdir, out, "--preset", "strict", "--no-resume") == 0
    assert not stale.exists() and "preset:strict" in json.loads((out / "batch.json").read_text())["signature"]


def test_ids_are_escaped_and_file_names_safe(tmp_path, corpus):
    originals, copies = corpus
    odir = tmp_path / "o.jsonl"
    odir.write_text(
        "".join(json.dumps({"u": f"<b>{k}</b>", "t": v}) + "\n" for k, v in originals.items()), encoding="utf-8"
    )
    evil = {
        "<script>alert(1)</script>": "<img src=x onerror=alert(2)> headline\n" + copies["a-000-lead"],
        "../../etc/passwd": copies["c-003-reordered"],
    }
    cpath = tmp_path / "c.jsonl"
    cpath.write_text("".join(json.dumps({"u": k, "t": v}) + "\n" for k, v in evil.items()), encoding="utf-8")
    out = tmp_path / "out"
    assert run(odir, cpath, out, "--id-field", "u", "--text-field", "t") == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>wire-000</b>" not in page and "&lt;b&gt;wire-000&lt;/b&gt;" in page
    assert "<img" not in page and "&lt;img src=x onerror=alert(2)&gt; headline" in page
    assert page.count("<script>") == 1  # only the page's own sorting script
    names = sorted(p.name for p in (out / "pairs").iterdir())
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+", n) and not n.startswith(".") for n in names)
    assert {p.parent for p in (out / "pairs").iterdir()} == {out / "pairs"}
    assert {r["source_id"] for r in records(out)} == {"<b>wire-000</b>", "<b>wire-003</b>"}


@pytest.mark.parametrize(
    "argv, needle",
    [
        (["--originals", "/nonexistent/o", "--copies", "x"], "/nonexistent/o: no such file"),
        (["--copies", "/nonexistent/c"], "/nonexistent/c: no such file"),
        (["--jobs", "0"], "--jobs 0"),
        (["--set", "bogus=1"], "--set 'bogus=1'"),
        (["--threshold", "2"], "threshold"),
    ],
)
def test_bad_input_exits_2_naming_it(dirs, capsys, argv, needle):
    odir, cdir, out = dirs
    base = {"--originals": str(odir), "--copies": str(cdir), "--out": str(out)}
    for flag in ("--originals", "--copies"):
        if flag in argv:
            base.pop(flag)
    full = ["batch", *[x for kv in base.items() for x in kv], *argv, "--quiet"]
    assert main(full) == 2
    err = capsys.readouterr().err
    assert needle in err and "Traceback" not in err


def test_no_usable_originals_and_unwritable_out(tmp_path, dirs, capsys):
    odir, cdir, out = dirs
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run(empty, cdir, out) == 2
    assert "no usable originals" in capsys.readouterr().err
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert run(odir, cdir, blocker / "out") == 2
    assert "cannot create the output directory" in capsys.readouterr().err


def test_report_name_is_unique_and_bounded():
    names = {report_name(i) for i in ("a", "A", "a/b", "a_b", "", "..", "x" * 500, "é")}
    assert len(names) == 8 and all(len(n) <= 91 and re.fullmatch(r"[A-Za-z0-9._-]+", n) for n in names)


def test_no_reports_gives_the_same_summary_without_pair_files(dirs, tmp_path):
    odir, cdir, out = dirs
    assert run(odir, cdir, out) == 0
    assert run(odir, cdir, tmp_path / "lean", "--no-reports") == 0
    assert not list((tmp_path / "lean" / "pairs").iterdir())
    full = list(csv.DictReader((out / "summary.csv").open(encoding="utf-8")))
    lean = list(csv.DictReader((tmp_path / "lean" / "summary.csv").open(encoding="utf-8")))
    assert any(r["flags"] for r in full) and not any(r["flags"] for r in lean)  # flags come with the reports
    for r in full + lean:
        del r["flags"]
    assert full == lean
    assert 'href="pairs/' not in (tmp_path / "lean" / "index.html").read_text(encoding="utf-8")
