"""The command line: outputs, exit codes, and clear errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from articlediff.cli import main

from .conftest import SEEDS

A, B = (str(next(SEEDS.glob(f"{p}_*.txt"))) for p in ("000", "001"))


def test_text_report(capsys):
    assert main(["compare", A, B]) == 0
    out = capsys.readouterr().out
    assert "verdict: " in out and "paraphrase" in out and "settings: articlediff:" in out


def test_json_report_is_valid_and_complete(capsys):
    assert main(["compare", "--format", "json", A, B]) == 0
    d = json.loads(capsys.readouterr().out)
    assert {"version", "signature", "left", "right", "pairs", "summary"} <= set(d)


def test_output_file_and_overrides(tmp_path, capsys):
    out = tmp_path / "r.json"
    assert (
        main(["compare", A, B, "--format", "json", "-o", str(out), "--preset", "strict", "--set", "candidates=5"]) == 0
    )
    d = json.loads(out.read_text(encoding="utf-8"))
    assert "preset:strict" in d["signature"] and "candidates:5" in d["signature"]
    assert capsys.readouterr().out == ""


def test_html_report_to_stdout_names_the_files(capsys):
    assert main(["compare", A, B, "--format", "html"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in out
    assert f"<title>{A} → {B} · articlediff</title>" in out


@pytest.mark.parametrize("name", ["report.html", "REPORT.HTM"])
def test_html_output_is_inferred_from_the_extension(tmp_path, capsys, name):
    out = tmp_path / name
    assert main(["compare", A, B, "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert capsys.readouterr().out == ""


def test_explicit_format_wins_over_the_extension(tmp_path):
    out = tmp_path / "report.html"
    assert main(["compare", A, B, "-o", str(out), "--format", "text"]) == 0
    assert out.read_text(encoding="utf-8").startswith("left:  ")


def test_html_from_stdin_is_titled(monkeypatch, capsys):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Hello there. New line.")))
    assert main(["compare", "-", B, "--format", "html"]) == 0
    assert "<title>standard input → " in capsys.readouterr().out


def test_stdin(monkeypatch, capsys):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Hello there. New line.")))
    assert main(["compare", "-", B, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["left"]["sentences"][0]["text"] == "Hello there."


@pytest.mark.parametrize(
    "make, needle",
    [
        (lambda p: str(p / "missing.txt"), "no such file"),
        (lambda p: str(p), "is a directory"),
        (lambda p: (p / "bin.txt").write_bytes(b"\x00\x01\x02abc") and str(p / "bin.txt"), "binary file"),
        (
            lambda p: (p / "elf.txt").write_bytes(b"\x7fELF\x02\x01" + bytes(range(1, 9)) * 50) and str(p / "elf.txt"),
            "binary",
        ),
    ],
)
def test_bad_input_is_named_with_exit_2(tmp_path, capsys, make, needle):
    path = make(tmp_path)
    assert main(["compare", path, B]) == 2
    err = capsys.readouterr().err
    assert needle in err and path in err and "Traceback" not in err


def test_western_single_byte_files_are_decoded(tmp_path, capsys):
    p = tmp_path / "latin.txt"
    p.write_bytes("Le café de la crème: naïveté, déjà vu.".encode("cp1252"))
    assert main(["compare", str(p), str(p), "--format", "json"]) == 0
    assert (
        json.loads(capsys.readouterr().out)["left"]["sentences"][0]["text"] == "Le café de la crème: naïveté, déjà vu."
    )


def test_size_limit(tmp_path, capsys):
    p = tmp_path / "big.txt"
    p.write_text("word " * 100, encoding="utf-8")
    assert main(["compare", str(p), str(p), "--max-bytes", "100"]) == 2
    err = capsys.readouterr().err
    assert "over the limit of 100" in err and "--max-bytes" in err


def test_utf16_and_bom_files_are_read(tmp_path, capsys):
    p = tmp_path / "u16.txt"
    p.write_bytes("Putin met Trump.".encode("utf-16"))
    q = tmp_path / "bom.txt"
    q.write_bytes(b"\xef\xbb\xbfPutin met Trump.")
    assert main(["compare", str(p), str(q), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["summary"]["counts"]["verbatim"] == 1


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["compare"],
        ["compare", A],
        ["frobnicate"],
        ["compare", A, B, "--format", "pdf"],
        ["compare", A, B, "--set", "x=1"],
    ],
)
def test_usage_errors_exit_2(argv, capsys):
    assert main(argv) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_module_entry_point_and_console_script():
    run = subprocess.run(
        [sys.executable, "-m", "articlediff", "compare", A, B, "--format", "json"], capture_output=True, text=True
    )
    assert run.returncode == 0 and json.loads(run.stdout)["summary"]["verdict"]
    run = subprocess.run([sys.executable, "-m", "articlediff", "--version"], capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout.startswith("articlediff ")


def test_agency_option_and_flags_in_text_output(tmp_path, capsys):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text(
        "Trade talks between the two governments began in Geneva on Monday, Kyodo News reported. "
        "“We will act,” the minister said.",
        encoding="utf-8",
    )
    b.write_text(
        "Trade talks between the two governments began in Geneva on Tuesday. “We will never give in,” she said.",
        encoding="utf-8",
    )
    assert main(["compare", str(a), str(b), "--agency", "Kyodo=Kyodo News"]) == 0
    out = capsys.readouterr().out
    assert "credits: left Kyodo; right none" in out and "UNCREDITED" in out
    assert "~ paraphrase" in out
    assert "! quote_unsourced" in out or "! quote_changed" in out
    assert main(["compare", str(a), str(b), "--agency", "nonsense"]) == 2
    assert "expected NAME=PHRASE" in capsys.readouterr().err
