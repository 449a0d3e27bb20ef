"""Command line: ``articlediff compare LEFT RIGHT [--format text|json|html] [-o FILE]``.

The only module that reads argv and files, prints, and exits. Exit codes: 0 success, 2 usage or
input error (the message on stderr names the input and the problem), 1 internal error.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import ArticleDiffError, InputError
from .loader import DEFAULT_MAX_BYTES, decode, load
from .model import Comparison
from .options import PRESETS, Options

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
    return parser


def _overrides(items: Sequence[str]) -> dict[str, object]:
    out: dict[str, object] = {}
    fields = Options.__dataclass_fields__
    for item in items:
        name, eq, value = item.partition("=")
        if not eq or name not in fields or name in ("preset", "agencies"):
            names = ", ".join(sorted(set(fields) - {"preset", "agencies"}))
            raise ArticleDiffError(f"--set {item!r}: expected NAME=VALUE with NAME one of {names}")
        try:
            out[name] = int(value) if name in ("candidates", "max_chars") else float(value)
        except ValueError:
            raise ArticleDiffError(f"--set {item!r}: {value!r} is not a number") from None
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
        return _run(args)
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
