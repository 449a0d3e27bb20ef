"""Benchmark batch checking on real rewrites: matching accuracy, blocking against all pairs, throughput, memory.

Run from the repository root (the data stay where they are; nothing is copied into the repository)::

    python benchmarks/bench_batch.py                      # data from ../shared/data
    python benchmarks/bench_batch.py /path/to/data        # the folder holding onestopenglish/
    python benchmarks/bench_batch.py --full-all-pairs     # compare every pair instead of a sample
    python benchmarks/bench_batch.py --check              # exit 1 if a target fails
    python benchmarks/bench_batch.py --quick              # matching and blocking only (about 15 s)

The set: OneStopEnglish (Vajjala & Lučić 2018), 189 Guardian articles each rewritten by editors at
three reading levels. The advanced versions are the originals, except every tenth title (sorted),
which is held out; the elementary and intermediate versions are the copies. Copies of held-out
titles and the five seed articles (Reuters-based stories on another subject) are *distractors*:
their true answer is "no match". Three elementary files of the corpus hold another title's story
(``Royal Baby-ele.txt`` is byte for byte ``Skydiver-ele.txt``; ``WNL Arctic Ramadan-ele.txt`` is the
"Arctic mapping" story; ``WNL The millenials-ele.txt`` is the vaping story of "WNL Tributes"); their
truth is the story they hold (:data:`CORPUS_ERRORS`, checked by reading them).

Measured, all in one process and one run unless said otherwise:

* accuracy of ``articlediff.batch()`` with the default settings: copies matched to their true
  original, copies matched to a wrong original (including any match for a distractor), misses;
  and the blocking's recall (true original among the candidates it proposed);
* time of the blocked batch (index the originals, then check every copy; one process) against
  comparing all pairs (prepare every text once, then ``compare_prepared`` every copy with every
  original, summary only as the batch does), and their ratio. All pairs are timed on a random
  sample of pairs and extrapolated unless ``--full-all-pairs``; the output says which;
* throughput of checking the copies (``check_copies``, index built, caches warm) with ``jobs=1``
  and ``jobs=2``: copies and copy-original comparisons (full alignments) per second;
* ``articlediff batch --jobs 2`` end to end (fresh process: start-up, indexing, per-pair JSON
  reports, journal, index.html); where SciPy is installed (a development dependency), the
  ``--no-reports`` run also as a user's install runs it, SciPy hidden from the process (NLTK
  imports ``scipy.stats`` whenever it can), which issue 15's target reads;
* peak RSS of ``articlediff batch --jobs 1`` (one process, per-pair reports written) with the
  copies ×1 and ×8, streamed from a JSONL file in a temporary directory.

The machine is shared: the load average is printed before and after, since other processes on the
two cores slow the timings (throughput most).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # benchmark the working tree even without an editable install

import articlediff  # noqa: E402
from articlediff import kernels  # noqa: E402
from articlediff import syndication as bmod  # noqa: E402
from articlediff.syndication.blocking import minhash, shingles, words  # noqa: E402

#: Elementary files of the corpus that hold another title's story: file title -> the story's title.
CORPUS_ERRORS = {"Royal Baby": "Skydiver", "WNL Arctic Ramadan": "Arctic mapping", "WNL The millenials": "WNL Tributes"}
HOLD_OUT_EVERY = 10
SAMPLE_PAIRS = 3000

TARGET_MATCHED = 0.99
TARGET_RATIO = 10.0
TARGET_RATE = 400.0
#: Issue 15: copies a second with jobs 2 (native backend).
ISSUE15_COPIES = 600.0
TARGET_MEMORY_GROWTH = 1.10  # peak RSS with 8× the copies over peak RSS with 1×


def load_set(data: Path) -> tuple[dict[str, str], list[tuple[str, str]], dict[str, str | None]]:
    """Originals {id: text}, copies [(id, text)] and the truth {copy id: original id or None}."""
    base = data / "onestopenglish" / "Texts-SeparatedByReadingLevel"
    if not base.is_dir():
        raise SystemExit(f"bench_batch: {base} not found; pass the data folder that holds onestopenglish/")

    def level(name: str) -> dict[str, str]:
        out = {}
        for p in sorted((base / f"{name}-Txt").glob("*.txt")):
            out[p.name.rsplit("-", 1)[0]] = articlediff.load(p)
        return out

    adv, ele, int_ = level("Adv"), level("Ele"), level("Int")
    titles = sorted(adv)
    held = set(titles[::HOLD_OUT_EVERY])
    originals = {f"{t}-adv": adv[t] for t in titles if t not in held}
    copies: list[tuple[str, str]] = []
    truth: dict[str, str | None] = {}
    for name, texts in (("ele", ele), ("int", int_)):
        for t in titles:
            story = CORPUS_ERRORS.get(t, t) if name == "ele" else t
            cid = f"{t}-{name}"
            copies.append((cid, texts[t]))
            truth[cid] = f"{story}-adv" if f"{story}-adv" in originals else None
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        copies.append((f"seed-{p.stem}", p.read_text(encoding="utf-8")))
        truth[f"seed-{p.stem}"] = None
    return originals, copies, truth


def accuracy(records: list[dict], truth: dict[str, str | None], candidates: dict[str, list[str]]) -> dict:
    pos = [r for r in records if truth[r["copy_id"]] is not None]
    neg = [r for r in records if truth[r["copy_id"]] is None]
    right = [r for r in pos if r["source_id"] == truth[r["copy_id"]]]
    wrong = [r for r in records if r["source_id"] is not None and r["source_id"] != truth[r["copy_id"]]]
    missed = [r for r in pos if r["source_id"] is None]
    proposed = [r for r in pos if truth[r["copy_id"]] in candidates.get(r["copy_id"], [])]
    return {
        "copies": len(records),
        "positives": len(pos),
        "distractors": len(neg),
        "matched": len(right),
        "wrong": wrong,
        "missed": missed,
        "rejected": sum(1 for r in neg if r["source_id"] is None),
        "recall_blocking": len(proposed) / len(pos),
        "errors": sum(1 for r in records if r["error"]),
        "candidates": sum(r["candidates"] or 0 for r in records),
    }


def candidate_lists(index, copies) -> dict[str, list[str]]:
    out = {}
    for cid, text in copies:
        sh = shingles(words(text), index.blocking.shingle)
        out[cid] = [index.ids[n] for n in index.candidates(minhash(sh, index.blocking))]
    return out


def all_pairs_time(originals, copies, sample: int | None, rng: random.Random) -> tuple[float, int, dict, str]:
    """Seconds to compare every copy with every original (prepare each text once, then each pair).

    Also returns, when every pair was compared, each copy's best original by the rule batch() uses
    (highest reuse among derived verdicts), to show what blocking loses against exhaustive search.
    """
    from articlediff.pipeline import compare_prepared
    from articlediff.prepared import prepare

    t0 = time.perf_counter()
    po = [prepare(t) for t in originals.values()]
    pc = [prepare(t) for _, t in copies]
    t_prep = time.perf_counter() - t0
    pairs = [(i, j) for i in range(len(po)) for j in range(len(pc))]
    total = len(pairs)
    chosen = pairs if sample is None or sample >= total else rng.sample(pairs, sample)
    ids = list(originals)
    best: dict[str, tuple] = {}
    t0 = time.perf_counter()
    for i, j in chosen:
        s = compare_prepared(po[i], pc[j], details=False).summary
        if s["verdict"] != "not_derived":
            key = (-s["reuse"], -s["coverage"], -s["verbatim_share"], ids[i])
            cid = copies[j][0]
            best[cid] = min(best.get(cid, key), key)
    t_cmp = time.perf_counter() - t0
    how = "all pairs compared" if len(chosen) == total else f"{len(chosen):,} random pairs timed, extrapolated"
    sources = {cid: key[3] for cid, key in best.items()} if len(chosen) == total else {}
    return t_prep + t_cmp * total / len(chosen), total, sources, how


def throughput(index, copies, jobs: int, repeat: int) -> tuple[float, float, int, float]:
    """(copies/s, comparisons/s, comparisons, seconds): best of ``repeat`` runs of check_copies."""
    best = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        results = list(bmod.check_copies(index, copies, jobs=jobs))
        dt = time.perf_counter() - t0
        n = sum(r.record["candidates"] or 0 for r in results)
        if best is None or dt < best[3]:
            best = (len(results) / dt, n / dt, n, dt)
    assert best is not None
    return best


def run_cli(
    originals: Path, copies: Path, out: Path, jobs: int, *extra: str, hide_scipy: bool = False
) -> tuple[float, int]:
    """Seconds and peak RSS (KiB) of ``articlediff batch`` in a fresh process; ``hide_scipy`` runs it
    as in an environment without SciPy (a user's ``pip install 'articlediff[batch]'``: NLTK then
    skips the ``scipy.stats`` import it makes whenever it can)."""
    code = (
        ("import sys; sys.modules['scipy'] = None; " if hide_scipy else "")
        + "import resource, sys; from articlediff.cli import main; "
        "rc = main(sys.argv[1:]); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); sys.exit(rc)"
    )
    argv = ["batch", "--originals", str(originals), "--copies", str(copies), "--out", str(out), "--quiet"]
    t0 = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-c", code, *argv, "--jobs", str(jobs), *extra],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    dt = time.perf_counter() - t0
    if run.returncode != 0:
        raise SystemExit(f"bench_batch: articlediff batch failed ({run.returncode}): {run.stderr[-2000:]}")
    return dt, int(run.stderr.strip().splitlines()[-1])


def write_jsonl(path: Path, docs, times: int = 1) -> int:
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        for k in range(times):
            for doc_id, text in docs:
                f.write(json.dumps({"id": doc_id if k == 0 else f"{doc_id}~{k}", "text": text}) + "\n")
                n += 1
    return n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", nargs="?", type=Path, default=ROOT.parent / "shared" / "data", help="data folder")
    ap.add_argument("--full-all-pairs", action="store_true", help="compare every pair instead of a sample")
    ap.add_argument("--sample", type=int, default=SAMPLE_PAIRS, help="pairs timed for the all-pairs estimate")
    ap.add_argument("--repeat", type=int, default=3, help="throughput runs per setting (best is kept)")
    ap.add_argument("--check", action="store_true", help="exit 1 if a target fails")
    ap.add_argument("--quick", action="store_true", help="matching and blocking only (500 pairs sampled)")
    ap.add_argument("--preset", default="default", help="options preset for batch() (default: default)")
    args = ap.parse_args(argv)
    if args.quick:
        args.sample = min(args.sample, 500)
    rng = random.Random(7)

    print(f"Python {platform.python_version()} on {platform.machine()}, {platform.system()}; {os.cpu_count()} cores")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    originals, copies, truth = load_set(args.data)
    npos = sum(1 for v in truth.values() if v)
    blocking = articlediff.Blocking()
    print(
        f"set: {len(originals)} originals (OneStopEnglish advanced), {len(copies)} copies "
        f"({npos} elementary/intermediate versions of them, {len(copies) - npos} distractors: "
        f"{len(copies) - npos - 5} versions of held-out titles + 5 seeds)"
    )
    print(f"blocking: {blocking}")
    print()

    # Warm the process (NLTK import, Punkt parameters, stemmer cache) so that both sides of the
    # ratio below pay the same, and nothing pays the one-off start-up.
    articlediff.compare(copies[0][1], copies[1][1])

    t0 = time.perf_counter()
    report = articlediff.batch(originals, copies, args.preset)
    t_blocked = time.perf_counter() - t0
    records = list(report.records())
    report_sources = {r["copy_id"]: r["source_id"] for r in records}
    index = bmod.index_originals(originals)
    acc = accuracy(records, truth, candidate_lists(index, copies))

    sample = None if args.full_all_pairs else args.sample
    t_all, total_pairs, exhaustive, how = all_pairs_time(originals, copies, sample, rng)
    ratio = t_all / t_blocked

    print(f"## Matching (articlediff.batch, preset {args.preset})")
    print()
    print(
        "| copies | true copies | matched to their original | wrong original | no match found "
        "| distractors rejected | blocking recall | compared per copy |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {acc['copies']} | {acc['positives']} | {acc['matched']} ({acc['matched'] / acc['positives']:.1%}) "
        f"| {len(acc['wrong'])} | {len(acc['missed'])} | {acc['rejected']} of {acc['distractors']} "
        f"| {acc['recall_blocking']:.1%} | {acc['candidates'] / acc['copies']:.2f} |"
    )
    for r in acc["missed"]:
        print(f"  missed: {r['copy_id']} (true: {truth[r['copy_id']]}; {r['candidates']} candidates)")
    for r in acc["wrong"]:
        print(f"  WRONG: {r['copy_id']} -> {r['source_id']} (true: {truth[r['copy_id']]}; reuse {r['reuse']})")
    print()
    print("## Blocking against all pairs (one process)")
    print()
    print("| | pairs compared | seconds | |")
    print("|---|---:|---:|---|")
    print(f"| all pairs | {total_pairs:,} | {t_all:.1f} | {how} |")
    print(
        f"| blocked (`batch()`) | {acc['candidates']:,} | {t_blocked:.2f} | index + LSH + full comparisons, measured |"
    )
    print()
    print(f"blocked is {ratio:.0f}× faster than all pairs ({how})")
    print()
    if exhaustive:
        full = [{"copy_id": cid, "source_id": exhaustive.get(cid)} for cid, _ in copies]
        right = sum(1 for r in full if r["source_id"] is not None and r["source_id"] == truth[r["copy_id"]])
        wrong = sum(1 for r in full if r["source_id"] is not None and r["source_id"] != truth[r["copy_id"]])
        same = sum(1 for r in full if r["source_id"] == report_sources[r["copy_id"]])
        print(
            f"all pairs, best original per copy by the same rule: {right} of {acc['positives']} matched, "
            f"{wrong} wrong; the same answer as blocking for {same} of {len(full)} copies"
        )
        print()

    targets = [
        (
            acc["matched"] / acc["positives"] >= TARGET_MATCHED,
            f"≥ {TARGET_MATCHED:.0%} of copies matched to their true original: {acc['matched']}/{acc['positives']} "
            f"= {acc['matched'] / acc['positives']:.1%}",
        ),
        (not acc["wrong"], f"no copy matched to an unrelated original: {len(acc['wrong'])} wrong"),
        (ratio >= TARGET_RATIO, f"blocking ≥ {TARGET_RATIO:.0f}× faster than all pairs: {ratio:.0f}× ({how})"),
    ]
    if not args.quick:
        targets += performance(args, index, copies, originals)
    print("Targets (issue #7):")
    print()
    for ok, text in targets:
        print(f"- **{'PASS' if ok else 'FAIL'}** {text}")
    return 1 if args.check and not all(ok for ok, _ in targets) else 0


def performance(args: argparse.Namespace, index, copies, originals) -> list[tuple[bool, str]]:
    """Throughput of the pool, the CLI end to end, and memory as copies grow."""
    print("## Throughput (check_copies; originals indexed, caches warm; best of", args.repeat, "runs)")
    print()
    list(bmod.check_copies(index, copies))  # warm-up: the stemmer cache learns the copies' vocabulary
    many = [(f"{cid}~{k}" if k else cid, text) for k in range(3) for cid, text in copies]
    rows = []
    backends = [kernels.BACKEND] + (["python"] if kernels.NATIVE is not None else [])
    for jobs in (1, 2):
        for backend in backends:  # the pool forks inside the block, so its workers run the same backend
            with kernels.forced(backend):
                rows.append((jobs, backend, *throughput(index, many, jobs, args.repeat)))
    print("| jobs | backend | copies | comparisons | seconds | copies/s | comparisons/s |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for jobs, backend, cps, rate, n, dt in rows:
        print(f"| {jobs} | {backend} | {len(many):,} | {n:,} | {dt:.2f} | {cps:.0f} | {rate:.0f} |")
    main_rows = [r for r in rows if r[1] == kernels.BACKEND]
    speedup = main_rows[1][3] / main_rows[0][3]
    print()
    print(f"jobs=2 / jobs=1 ({kernels.BACKEND}): {speedup:.2f}×")
    if len(backends) == 2:
        for jobs in (1, 2):
            nat, py = (next(r for r in rows if r[0] == jobs and r[1] == b) for b in backends)
            print(f"native / python, jobs={jobs}: {nat[2] / py[2]:.2f}× the copies a second")
    print()

    with tempfile.TemporaryDirectory(prefix="bench_batch_") as tmp:
        tmpd = Path(tmp)
        opath = tmpd / "originals.jsonl"
        write_jsonl(opath, originals.items())
        c1, c4 = tmpd / "copies1.jsonl", tmpd / "copies4.jsonl"
        n1, n4 = write_jsonl(c1, copies, 1), write_jsonl(c4, copies, 4)
        print("## articlediff batch --jobs 2 (fresh process each run)")
        print()
        print(
            "| per-pair reports | copies | comparisons | reports written | seconds | comparisons/s end to end "
            "| comparisons/s beyond start-up (×4 − ×1) |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|")
        cli = {}
        for extra in ((), ("--no-reports",)):
            runs = []
            for n, path in ((n1, c1), (n4, c4)):
                out = tmpd / f"out-cli-{n}-{len(extra)}"
                dt, _ = run_cli(opath, path, out, 2, *extra)
                lines = (out / "summary.jsonl").read_text(encoding="utf-8").splitlines()
                runs.append((n, sum(json.loads(line)["candidates"] or 0 for line in lines), dt, out))
            (_, k1, t1, _), (n, k4, t4, out) = runs
            reports = len(list((out / "pairs").iterdir()))
            marginal = (k4 - k1) / (t4 - t1)
            cli[bool(extra)] = (k4 / t4, marginal)
            if extra:
                cli_copies = n / t4
            label = "no" if extra else "yes"
            print(f"| {label} | {n:,} | {k4:,} | {reports:,} | {t4:.1f} | {k4 / t4:.0f} | {marginal:.0f} |")
        print()
        if importlib.util.find_spec("scipy") is not None:
            # NLTK imports scipy.stats whenever it can; a user's install has no SciPy (only datasketch,
            # a development dependency, needs it): time the same run both ways, alternating
            print(
                f"SciPy is installed here, and NLTK imports scipy.stats whenever it can. The same run "
                f"(--no-reports, {n4:,} copies) as here and as in a user's `pip install 'articlediff[batch]'` "
                f"(SciPy hidden from the process), median of {args.repeat} alternating runs:"
            )
            print()
            times: dict[bool, list[float]] = {False: [], True: []}
            for k in range(args.repeat):
                for hide in (False, True):  # a fresh --out each run: a finished one would only resume
                    dt, _ = run_cli(opath, c4, tmpd / f"out-scipy-{hide}-{k}", 2, "--no-reports", hide_scipy=hide)
                    times[hide].append(dt)
            print("| environment | seconds | copies/s end to end |")
            print("|---|---:|---:|")
            for hide, label in ((False, "SciPy installed (this venv)"), (True, "without SciPy (a user's install)")):
                med = statistics.median(times[hide])
                print(f"| {label} | {med:.2f} | {n4 / med:.0f} |")
            print()
            cli_copies = n4 / statistics.median(times[True])
        c8 = tmpd / "copies8.jsonl"
        n8 = write_jsonl(c8, copies, 8)
        _, rss1 = run_cli(opath, c1, tmpd / "out1", jobs=1)
        _, rss8 = run_cli(opath, c8, tmpd / "out8", jobs=1)
    growth = rss8 / rss1
    print("## Memory: peak RSS of articlediff batch --jobs 1 (one process)")
    print()
    print("| copies | peak RSS MB |")
    print("|---:|---:|")
    print(f"| {n1:,} | {rss1 / 1024:.0f} |")
    print(f"| {n8:,} | {rss8 / 1024:.0f} |")
    print()
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print()
    return [
        (
            main_rows[1][3] >= TARGET_RATE,
            f"≥ {TARGET_RATE:.0f} comparisons/s with jobs=2, library (check_copies): {main_rows[1][3]:.0f}/s",
        ),
        (
            main_rows[1][2] >= ISSUE15_COPIES,
            f"issue 15: ≥ {ISSUE15_COPIES:.0f} copies/s with jobs=2, library (check_copies): {main_rows[1][2]:.0f}/s",
        ),
        (
            cli_copies >= ISSUE15_COPIES,
            f"issue 15: ≥ {ISSUE15_COPIES:.0f} copies/s with articlediff batch --jobs 2 --no-reports, end to end "
            f"(start-up included, as a user's install runs it): {cli_copies:.0f}/s",
        ),
        (
            cli[False][1] >= TARGET_RATE,
            f"≥ {TARGET_RATE:.0f} comparisons/s with articlediff batch --jobs 2, beyond start-up, per-pair reports "
            f"written: {cli[False][1]:.0f}/s ({cli[True][1]:.0f}/s with --no-reports; end to end with start-up "
            f"{cli[False][0]:.0f}/s and {cli[True][0]:.0f}/s)",
        ),
        (
            growth <= TARGET_MEMORY_GROWTH,
            f"memory flat as copies grow: peak RSS {rss1 / 1024:.0f} MB at {n1:,} copies, "
            f"{rss8 / 1024:.0f} MB at {n8:,} (×{growth:.2f})",
        ),
    ]


if __name__ == "__main__":
    sys.exit(main())
