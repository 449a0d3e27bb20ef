"""Command line: ``articlediff compare LEFT RIGHT [--format text|json|html] [-o FILE]`` and ``articlediff batch``.

The only module that reads argv and files, prints, and exits. Exit codes: 0 success, 2 usage or
input error (the message on stderr names the input and the problem), 1 internal error, 130
interrupted. For ``articlediff batch`` it also owns the output directory: the journal
(``summary.jsonl``, appended as copies finish, so an interrupted run resumes), the manifest
(``batch.json``) and the final files, each written atomically.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import functools
import os
import sys
import textwrap
import typing
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO

from .errors import ArticleDiffError, InputError
from .loader import DEFAULT_MAX_BYTES, decode, load
from .model import Comparison
from .options import PRESETS, Options
from .version import __version__

__all__ = ["main"]

EXIT_OK, EXIT_INTERNAL, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise SystemExit(f"{self.prog}: error: {message}") from None


def _read(path: str, max_bytes: int) -> str:
    """Read one article: ``-`` is standard input; see :func:`articlediff.loader.load` for decoding."""
    if path != "-":
        return load(path, max_bytes=max_bytes)
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"standard input: more than {max_bytes:,} bytes; pass --max-bytes to allow more")
    return decode(data, "standard input")


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


_MARK = {"verbatim": "=", "paraphrase": "~", "added": "+", "dropped": "-"}


def format_text(cmp: Comparison, left_name: str, right_name: str, width: int = 100) -> str:
    """Return a readable terminal report: a summary, then one block per pair in the copy's order."""
    s = cmp.summary
    c = s["counts"]
    lines = [
        f"left:  {left_name} ({s['sentences']['left']} sentences, {s['words']['left']} words)",
        f"right: {right_name} ({s['sentences']['right']} sentences, {s['words']['right']} words)",
        f"verdict: {s['verdict']}   reuse {s['reuse']:.0%} of right   coverage {s['coverage']:.0%} of left   "
        f"verbatim {s['verbatim_share']:.0%} of right",
        f"pairs: {c['verbatim']} verbatim (=), {c['paraphrase']} paraphrase (~), "
        f"{c['added']} added (+), {c['dropped']} dropped (-)",
    ]
    credit = s["credits"]
    lines.append(
        f"credits: left {', '.join(credit['left']) or 'none'}; right {', '.join(credit['right']) or 'none'}"
        + ("   ! UNCREDITED: the copy credits no agency" if credit["uncredited"] else "")
    )
    if s["flags"]:
        lines.append("flags: " + ", ".join(f"{n} {kind}" for kind, n in s["flags"].items()))
    boiler = s["boilerplate"]
    if boiler["left"] or boiler["right"]:
        wb = s["without_boilerplate"]
        lines.append(
            f"boilerplate: {boiler['left']} left, {boiler['right']} right units; without them reuse "
            f"{wb['reuse']:.0%}, coverage {wb['coverage']:.0%}"
        )
    lines += [f"settings: {cmp.signature}", ""]
    for p in cmp.pairs:
        label = p.label.value
        lefts = ",".join(str(i) for i in p.left) or "-"
        rights = ",".join(str(j) for j in p.right) or "-"
        head = f"{_MARK[label]} {label:<10} L{lefts:<7} R{rights:<7}"
        if p.left and p.right:
            head += f" score {p.score:.2f}"
        if p.boilerplate:
            head += f" [boilerplate: {p.boilerplate}]"
        lines.append(head)
        for side, ids in (("left", p.left), ("right", p.right)):
            if not ids or (side == "right" and label == "verbatim"):
                continue
            text = " ".join(cmp.text_of(side, i) for i in ids)
            prefix = "    < " if side == "left" else "    > "
            lines.append(textwrap.shorten(prefix + _short(text, 4 * width), width=width, placeholder=" …"))
        for flag in p.flags:
            lines.append(textwrap.shorten(f"    ! {flag.kind}: {flag.message}", width=width, placeholder=" …"))
    return "\n".join(lines) + "\n"


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="articlediff", description="Show how a news story changed between two versions.")
    parser.add_argument("--version", action="version", version=f"articlediff {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    cmp = sub.add_parser("compare", help="align two versions of a story sentence by sentence")
    cmp.add_argument("left", help="the original (a text file or saved web page, or - for stdin)")
    cmp.add_argument("right", help="the copy (a text file or saved web page, or - for stdin)")
    cmp.add_argument(
        "--format",
        choices=("text", "json", "html"),
        help="output format (default: html when --output ends in .html or .htm, else text)",
    )
    cmp.add_argument("-o", "--output", help="write to this file instead of stdout")
    cmp.add_argument(
        "--max-bytes",
        type=int,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"refuse inputs larger than N bytes (default: {DEFAULT_MAX_BYTES:,})",
    )
    cmp.add_argument("--preset", choices=sorted(PRESETS), default="default", help="named settings (default: default)")
    cmp.add_argument(
        "--agency",
        action="append",
        default=[],
        metavar="NAME=PHRASE",
        help="also count PHRASE as a credit to NAME, e.g. --agency Kyodo='Kyodo News' (repeatable)",
    )
    cmp.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override one option, e.g. --set link_threshold=0.5 (repeatable)",
    )
    _add_batch_parser(sub)
    return parser


#: Spellings ``--set NAME=VALUE`` accepts for a True/False option.
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


@functools.lru_cache(maxsize=1)
def _settable() -> dict[str, Callable[[str], object]]:
    """The options ``--set`` can change, each with the parser of its value, read from :class:`Options`'
    field types: numbers and switches (a preset and agencies have flags of their own)."""

    def switch(value: str) -> bool:
        if value.lower() not in _TRUE + _FALSE:
            raise ValueError(value)
        return value.lower() in _TRUE

    parsers: dict[type, Callable[[str], object]] = {bool: switch, int: int, float: float}
    hints = typing.get_type_hints(Options)
    return {f.name: parsers[hints[f.name]] for f in dataclasses.fields(Options) if hints[f.name] in parsers}


def _overrides(items: Sequence[str]) -> dict[str, object]:
    out: dict[str, object] = {}
    settable = _settable()
    for item in items:
        name, eq, value = item.partition("=")
        if not eq or name not in settable:
            names = ", ".join(sorted(settable))
            raise ArticleDiffError(f"--set {item!r}: expected NAME=VALUE with NAME one of {names}")
        try:
            out[name] = settable[name](value)
        except ValueError:
            raise ArticleDiffError(f"--set {item!r}: {value!r} is not a valid value for {name}") from None
    return out


def _run(args: argparse.Namespace) -> int:
    from .pipeline import compare

    if args.left == "-" and args.right == "-":
        raise ArticleDiffError("only one of LEFT and RIGHT can be - (standard input)")
    left, right = _read(args.left, args.max_bytes), _read(args.right, args.max_bytes)
    overrides = _overrides(args.set)
    agencies = []
    for item in args.agency:
        name, eq, phrase = item.partition("=")
        if not (eq and name.strip() and phrase.strip()):
            raise ArticleDiffError(f"--agency {item!r}: expected NAME=PHRASE, e.g. --agency Kyodo='Kyodo News'")
        agencies.append((name.strip(), phrase.strip()))
    if agencies:
        overrides["agencies"] = tuple(agencies)
    result = compare(left, right, args.preset, **overrides)
    fmt = args.format or ("html" if (args.output or "").lower().endswith((".html", ".htm")) else "text")
    if fmt == "json":
        out = result.to_json(indent=1) + "\n"
    elif fmt == "html":
        out = result.to_html(*("standard input" if p == "-" else p for p in (args.left, args.right)))
    else:
        out = format_text(result, args.left, args.right)
    if args.output:
        try:
            Path(args.output).write_text(out, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{args.output}: cannot write the report ({exc.strerror or exc})") from None
    else:
        sys.stdout.write(out)
    return EXIT_OK


# -- files --------------------------------------------------------------------------------------


@contextlib.contextmanager
def atomic_file(path: Path, sync: bool = False) -> Iterator[IO[str]]:
    """A file to write that readers see whole or not at all: a temporary file renamed over ``path``
    (flushed to disk first with ``sync``). Raises InputError naming the file if it cannot be written."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            yield f
            if sync:
                f.flush()
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        raise InputError(f"{path}: cannot be written ({exc.strerror or exc})") from None
    finally:
        tmp.unlink(missing_ok=True)


def write_atomic(path: Path, text: str, sync: bool = False) -> None:
    """Write ``text`` to ``path`` through :func:`atomic_file`."""
    with atomic_file(path, sync) as f:
        f.write(text)


# -- articlediff batch ---------------------------------------------------------------------------

_BATCH_FILES = ("summary.jsonl", "summary.csv", "errors.jsonl", "clusters.json", "index.html", "batch.json")


def _add_batch_parser(sub: argparse._SubParsersAction) -> None:
    bat = sub.add_parser(
        "batch",
        help="find which original (if any) each of many copies is derived from",
        description="Check many copies against many originals. Writes summary.csv, summary.jsonl, errors.jsonl, "
        "clusters.json, pairs/ (one report per copy and its best source) and index.html to --out. An interrupted "
        "run resumes where it stopped when run again with the same --out.",
    )
    bat.add_argument("--originals", required=True, metavar="PATH", help="directory of .txt files, .jsonl file or file")
    bat.add_argument("--copies", required=True, metavar="PATH", help="directory of .txt files, .jsonl file or file")
    bat.add_argument("--out", required=True, metavar="DIR", help="output directory (created if missing)")
    bat.add_argument("--jobs", type=int, default=1, metavar="N", help="processes to use (default: 1)")
    bat.add_argument("--dask", metavar="ADDRESS", help="run on a Dask cluster, e.g. tcp://scheduler:8786")
    bat.add_argument("--id-field", default="id", metavar="NAME", help="id field of JSONL input (default: id)")
    bat.add_argument("--text-field", default="text", metavar="NAME", help="text field of JSONL input (default: text)")
    bat.add_argument(
        "--no-resume", action="store_true", help="discard the results already in --out instead of resuming"
    )
    bat.add_argument("--quiet", action="store_true", help="no progress bar or closing summary on stderr")
    bat.add_argument(
        "--no-reports",
        action="store_true",
        help="skip the per-pair reports in pairs/ (faster: no word diffs; for very large batches)",
    )
    bat.add_argument("--threshold", type=float, metavar="J", help="LSH Jaccard threshold of candidate originals")
    bat.add_argument("--num-perm", type=int, metavar="N", help="MinHash permutations")
    bat.add_argument("--max-candidates", type=int, metavar="N", help="originals compared in full per copy")
    bat.add_argument("--chunk-size", type=int, default=25, metavar="N", help="copies per task (default: 25)")
    bat.add_argument("--preset", choices=sorted(PRESETS), default="default", help="named settings (default: default)")
    bat.add_argument(
        "--set", action="append", default=[], metavar="NAME=VALUE", help="override one option (repeatable)"
    )


def _scan_journal(path: Path) -> dict[str, tuple[int, int, bool]]:
    """Where each copy's last record is in the journal: ``{copy id: (offset, length, finished without error)}``.

    Only positions are kept, not records, so that memory stays small however many copies there
    are. A torn last line (a crash while appending) is cut off.
    """
    import json

    where: dict[str, tuple[int, int, bool]] = {}
    if not path.exists():
        return where
    good = 0
    with open(path, "rb") as f:
        for line in f:
            try:
                record = json.loads(line)
                where[record["copy_id"]] = (good, len(line), not record["error"])
            except (ValueError, KeyError, TypeError):
                break
            good += len(line)
    if good < path.stat().st_size:
        with open(path, "r+b") as f:
            f.truncate(good)
    return where


def _journal(path: Path) -> Iterator[dict]:
    import json

    with open(path, encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def _start_out_dir(out: Path, manifest: dict, resume: bool) -> None:
    import json

    try:
        (out / "pairs").mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{out}: cannot create the output directory ({exc.strerror or exc})") from None
    path = out / "batch.json"
    if resume and path.exists():
        try:
            old = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            old = {}
        if old.get("fingerprint") != manifest["fingerprint"]:
            raise ArticleDiffError(
                f"{out}: holds the results of a batch with other originals or settings; pass --no-resume to "
                "discard them, or choose another --out"
            )
    elif not resume:
        for name in _BATCH_FILES:
            (out / name).unlink(missing_ok=True)
        for report in (out / "pairs").iterdir():
            if report.suffix in (".json", ".html"):
                report.unlink()
    write_atomic(path, json.dumps(manifest, indent=1) + "\n", sync=True)


def _run_batch(args: argparse.Namespace) -> int:
    import time

    from .syndication import Blocking, check_copies, index_originals, record_line

    out = Path(args.out)
    settings = {
        name: value
        for name, value in (
            ("threshold", args.threshold),
            ("num_perm", args.num_perm),
            ("max_candidates", args.max_candidates),
        )
        if value is not None
    }
    blocking = Blocking(**settings)  # type: ignore[arg-type]
    if args.jobs < 1:
        raise ArticleDiffError(f"--jobs {args.jobs}: must be 1 or more")
    progress = not args.quiet
    index = index_originals(
        args.originals,
        args.preset,
        blocking=blocking,
        id_field=args.id_field,
        text_field=args.text_field,
        progress=progress,
        **_overrides(args.set),
    )
    if not len(index):
        first = f" ({index.problems[0]['error']})" if index.problems else ""
        raise InputError(f"{args.originals}: no usable originals{first}")
    manifest = {
        "version": __version__,
        "fingerprint": index.fingerprint,
        "signature": index.options.signature,
        "blocking": index.blocking.signature,
        "originals": str(args.originals),
        "originals_used": len(index),
    }
    if not Path(args.copies).exists():  # before anything is written to --out
        raise InputError(f"{args.copies}: no such file or directory; check the path")
    _start_out_dir(out, manifest, resume=not args.no_resume)
    journal_path = out / "summary.jsonl"
    done = {cid for cid, (_, _, ok) in _scan_journal(journal_path).items() if ok}  # errors are retried
    pairs = out / "pairs"
    finished = 0
    try:
        with open(journal_path, "a", encoding="utf-8") as journal:
            synced = time.monotonic()
            try:
                for result in check_copies(
                    index,
                    args.copies,
                    jobs=args.jobs,
                    dask=args.dask,
                    chunk_size=args.chunk_size,
                    reports=not args.no_reports,
                    report_dir=pairs,  # written by the workers: the reports need not come back here
                    skip=done,
                    id_field=args.id_field,
                    text_field=args.text_field,
                    progress=progress,
                ):
                    # check_copies wrote the reports first: a journal line means they exist
                    journal.write(record_line(result.record))
                    finished += 1
                    if time.monotonic() - synced > 1.0:
                        journal.flush()
                        os.fsync(journal.fileno())
                        synced = time.monotonic()
            finally:
                journal.flush()
                os.fsync(journal.fileno())
    except KeyboardInterrupt:
        print(
            f"articlediff: interrupted; the {len(done) + finished} copies done are kept in {journal_path}: "
            "run the same command again to resume",
            file=sys.stderr,
        )
        return 130
    _finish_out_dir(out, index.problems, quiet=args.quiet)
    return EXIT_OK


def _finish_out_dir(out: Path, problems: list[dict], quiet: bool) -> None:
    """Write the final files from the journal, sorted by copy id, each atomically.

    Records are streamed from disk, never all held: the journal is first rewritten in copy id order
    (one record per copy, the last one), then read through once per output.
    """
    import json

    from .render import index_chunks
    from .syndication import Tally, record_line, report_name, write_csv

    journal = out / "summary.jsonl"
    where = _scan_journal(journal)
    with open(journal, "rb") as src, atomic_file(journal, sync=True) as dst:
        for cid in sorted(where):
            offset, length, _ = where[cid]
            src.seek(offset)
            dst.write(src.read(length).decode("utf-8"))
    del where
    with atomic_file(out / "summary.csv") as f:
        write_csv(_journal(journal), f)
    tally = Tally()
    with atomic_file(out / "errors.jsonl") as f:
        for e in problems:
            f.write(record_line(e))
        for r in _journal(journal):
            tally.add(r)
            if r["error"]:
                f.write(record_line({"id": r["copy_id"], "role": "copy", "error": r["error"]}))
    write_atomic(out / "clusters.json", json.dumps(tally.clusters(), ensure_ascii=False, indent=1))

    def link(record: dict) -> str | None:
        if record.get("source_id") is None:
            return None
        name = report_name(record["copy_id"])
        for ext in ("html", "json"):
            if (out / "pairs" / f"{name}.{ext}").exists():
                return f"pairs/{name}.{ext}"
        return None

    counts = tally.counts
    with atomic_file(out / "index.html") as f:
        title = f"articlediff batch: {out.name}"
        f.writelines(index_chunks(_journal(journal), counts, link, title=title, problems=problems))
    if not quiet:
        print(
            f"articlediff: {counts['copies']} copies: {counts['matched']} derived from an original, "
            f"{counts['unmatched']} no match, {counts['errors']} errors; "
            f"{len(problems)} originals not used; see {out / 'index.html'}",
            file=sys.stderr,
        )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 2 usage/input error, 1 internal error)."""
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        if isinstance(exc.code, str):
            print(exc.code, file=sys.stderr)
            return EXIT_USAGE
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return _run_batch(args) if args.command == "batch" else _run(args)
    except ArticleDiffError as exc:
        print(f"articlediff: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("articlediff: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the CLI never shows a traceback
        print(f"articlediff: internal error: {type(exc).__name__}: {exc}; please report it", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
