"""Batch checking (articlediff.syndication): compare_many(), batch(), inputs, executors, records, exports."""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
import tracemalloc

import pytest

import articlediff
from articlediff import Blocking, InputError, OptionsError, batch, compare, compare_many
from articlediff import syndication as bmod
from articlediff.render import index_chunks, render_index
from articlediff.syndication import Tally, map_chunks

from .conftest import UNRELATED, sentences

pytest.importorskip("numpy")


EXPECTED = {
    "a-000-lead": ("wire-000", "wholly_derived"),
    "b-000-mixed": ("wire-000", "partially_derived"),
    "c-003-reordered": ("wire-003", "wholly_derived"),
    "d-004": (None, "not_derived"),
    "e-unrelated": (None, "not_derived"),
}


def test_compare_many_prepares_once_and_equals_compare(seeds):
    copies = [seeds["001"], seeds["002"], ""]
    got = [c.to_dict() for c in compare_many(seeds["000"], copies, "strict")]
    assert got == [compare(seeds["000"], c, "strict").to_dict() for c in copies]
    with pytest.raises(TypeError, match="copy #1 must be str"):
        list(compare_many("a", ["b", b"c"]))  # type: ignore[list-item]


def test_batch_finds_sources_and_no_match(corpus):
    originals, copies = corpus
    report = batch(originals, copies)
    got = {r["copy_id"]: (r["source_id"], r["verdict"]) for r in report.records()}
    assert got == EXPECTED
    records = {r["copy_id"]: r for r in report.records()}
    assert list(records) == sorted(records)
    a = records["a-000-lead"]
    assert set(bmod.RECORD_FIELDS) == set(a)
    assert a["reuse"] == 1.0 and 0.5 < a["coverage"] < 0.8 and a["verbatim_share"] == 1.0 and a["error"] is None
    assert a["sources"] == [{"id": "wire-000", "reuse": 1.0, "coverage": a["coverage"], "verdict": "wholly_derived"}]
    cmp = compare(originals["wire-000"], copies["b-000-mixed"]).summary
    b = records["b-000-mixed"]
    assert (b["reuse"], b["coverage"], b["verbatim"], b["added"]) == (
        cmp["reuse"],
        cmp["coverage"],
        cmp["counts"]["verbatim"],
        cmp["counts"]["added"],
    )
    assert records["e-unrelated"]["candidates"] == 0 and records["e-unrelated"]["reuse"] == 0.0
    assert records["d-004"]["title"] is None  # the first line is a sentence, not a headline
    assert report.clusters() == {"wire-000": ["a-000-lead", "b-000-mixed"], "wire-003": ["c-003-reordered"]}
    assert report.counts == {"copies": 5, "matched": 3, "unmatched": 2, "errors": 0, "sources": 2, "problems": 0}
    assert "5 copies: 3 matched" in repr(report)
    assert "preset:default" in report.signature and "num_perm:512" in report.signature


def test_same_records_whatever_runs_them(corpus):
    originals, copies = corpus
    one = list(batch(originals, copies, jobs=1).records())
    assert list(batch(originals, copies, jobs=2, chunk_size=1).records()) == one
    assert list(batch(originals, list(copies.items()), jobs=2, chunk_size=2).records()) == one


def test_reports_written_where_checked_equal_reports_shipped_back(tmp_path, corpus):
    """With report_dir the pool's workers write each report; the files hold what would have come back."""
    originals, copies = corpus
    index = bmod.index_originals(originals)
    shipped = {r.record["copy_id"]: r for r in bmod.check_copies(index, copies, reports=True)}
    for jobs in (1, 2):
        where = tmp_path / f"jobs{jobs}"
        where.mkdir()
        for r in bmod.check_copies(index, copies, jobs=jobs, chunk_size=2, reports=True, report_dir=where):
            before = shipped[r.record["copy_id"]]
            assert r.record == before.record and r.reports == {}
            name = bmod.report_name(r.record["copy_id"])
            assert r.written == tuple(f"{name}.{ext}" for ext in before.reports)
            for ext, text in before.reports.items():
                assert (where / f"{name}.{ext}").read_text(encoding="utf-8") == text
        assert sorted(p.name for p in where.iterdir()) == sorted(n for r in shipped.values() for n in _names(r))
    assert any(r.reports for r in shipped.values())  # derived copies have reports


def _names(result) -> list[str]:
    return [f"{bmod.report_name(result.record['copy_id'])}.{ext}" for ext in result.reports]


def test_inputs_directory_jsonl_and_iterables_agree(tmp_path, corpus):
    originals, copies = corpus
    odir, cdir = tmp_path / "originals", tmp_path / "copies"
    (cdir / "sub").mkdir(parents=True)
    odir.mkdir()
    for k, v in originals.items():
        (odir / f"{k}.txt").write_text(v, encoding="utf-8")
    for k, v in copies.items():
        (cdir / f"{k}.txt").write_text(v, encoding="utf-8")
    (cdir / "notes.md").write_text("not an article", encoding="utf-8")
    jsonl = tmp_path / "copies.jsonl.gz"
    with gzip.open(jsonl, "wt", encoding="utf-8") as f:
        for k, v in copies.items():
            f.write(json.dumps({"url": k, "body": v}) + "\n\n")
    expected = list(batch(originals, copies).records())
    assert list(batch(odir, cdir).records()) == expected
    assert list(batch(str(odir), jsonl, id_field="url", text_field="body").records()) == expected
    encoded = batch(originals.items(), ((k, v.encode("cp1252", "replace")) for k, v in copies.items()))
    assert {r["copy_id"]: (r["source_id"], r["verdict"]) for r in encoded.records()} == EXPECTED
    (cdir / "sub" / "x.txt").write_text(copies["a-000-lead"], encoding="utf-8")
    ids = [r["copy_id"] for r in batch(originals, cdir).records()]
    assert "sub/x" in ids and "notes" not in ids
    single = list(batch(odir / "wire-003.txt", cdir / "c-003-reordered.txt").records())
    assert [(r["copy_id"], r["source_id"]) for r in single] == [("c-003-reordered", "wire-003")]


def test_a_bad_document_is_recorded_and_the_rest_go_on(tmp_path, corpus):
    originals, copies = corpus
    d = tmp_path / "copies"
    d.mkdir()
    (d / "good.txt").write_text(copies["a-000-lead"], encoding="utf-8")
    (d / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x00\x00" + bytes(range(256)))
    (d / "empty.txt").write_text("  \n", encoding="utf-8")
    (d / "latin1.txt").write_bytes(copies["c-003-reordered"].encode("cp1252", "replace"))
    (d / "folder.txt").mkdir()  # a directory named like an article is not read
    report = batch({**originals, "wire-empty": "", "wire-000": originals["wire-000"]}, d)
    records = {r["copy_id"]: r for r in report.records()}
    assert records["good"]["source_id"] == "wire-000" and records["latin1"]["source_id"] == "wire-003"
    assert "binary" in records["binary"]["error"] and records["binary"]["reuse"] is None
    assert "empty article" in records["empty"]["error"]
    assert [p["id"] for p in report.problems] == ["wire-empty"]
    expected = {("wire-empty", "original"), ("binary", "copy"), ("empty", "copy")}
    assert {(e["id"], e["role"]) for e in report.errors} == expected


def test_a_file_gone_before_it_is_read_is_recorded(tmp_path, corpus):
    originals, copies = corpus
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(copies["a-000-lead"], encoding="utf-8")
    docs = bmod.read_dir(tmp_path)  # lists the files now, reads them while the batch runs
    (tmp_path / "a.txt").unlink()
    records = {r["copy_id"]: r for r in batch(originals, docs).records()}
    assert "no such file" in records["a"]["error"] and records["b"]["source_id"] == "wire-000"


def test_bad_iterable_items_and_jsonl_lines_are_recorded(tmp_path, corpus):
    originals, copies = corpus
    items = [("ok", copies["a-000-lead"]), ("num", 42), ("bin", b"\x00\x01\x02"), "junk", (None, "text")]
    records = {r["copy_id"]: r for r in batch(originals, items).records()}
    assert records["ok"]["source_id"] == "wire-000"
    assert "must be str or bytes" in records["num"]["error"] and "binary" in records["bin"]["error"]
    assert "(id, text) pair" in records["'junk'"]["error"] and "non-empty string" in records["None"]["error"]
    p = tmp_path / "c.jsonl"
    p.write_text('{"id": 7, "text": "Talks lasted three hours."}\nnot json\n[1]\n{"text": "x"}\n{"id": "t"}\n')
    records = {r["copy_id"]: r for r in batch(originals, p).records()}
    assert records["7"]["error"] is None
    assert "not a JSON object" in records[f"{p}:2"]["error"] and "not a JSON object" in records[f"{p}:3"]["error"]
    assert "no 'id' field" in records[f"{p}:4"]["error"] and "'text' must be a string" in records["t"]["error"]


def test_titles_are_headlines_when_there_are_any(corpus):
    originals, copies = corpus
    items = [("h", "Putin wants all of Donbas\n" + copies["a-000-lead"]), ("s", copies["a-000-lead"])]
    titles = {r["copy_id"]: r["title"] for r in batch(originals, items).records()}
    assert titles == {"h": "Putin wants all of Donbas", "s": None}

    class Page(str):  # what articlediff.load() returns for a web page: text with its headline
        headline = "  Kremlin's  terms \n"

    titles = {r["copy_id"]: r["title"] for r in batch(originals, [("p", Page(copies["a-000-lead"]))]).records()}
    assert titles == {"p": "Kremlin's terms"}


def test_duplicate_copy_ids_keep_records_unique(corpus):
    originals, copies = corpus
    items = [("x", copies["a-000-lead"]), ("x", copies["c-003-reordered"]), ("x", "")]
    records = list(batch(originals, items).records())
    assert [r["copy_id"] for r in records] == ["x", "x#2", "x#3"]
    assert records[0]["source_id"] == "wire-000" and "duplicate copy id 'x'" in records[1]["error"]


def test_exports_round_trip(tmp_path, corpus):
    originals, copies = corpus
    report = batch(originals, copies)
    records = list(report.records())
    lines = report.to_jsonl().splitlines()
    assert [json.loads(line) for line in lines] == records
    report.to_jsonl(tmp_path / "r.jsonl")
    assert (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines() == lines
    rows = list(csv.DictReader(io.StringIO(report.to_csv())))
    assert [r["copy_id"] for r in rows] == [r["copy_id"] for r in records]
    assert rows[0]["reuse"] == str(records[0]["reuse"]) and json.loads(rows[0]["sources"]) == ["wire-000"]
    assert rows[-1]["source_id"] == "" and rows[-1]["error"] == ""
    report.to_csv(tmp_path / "r.csv")
    assert (tmp_path / "r.csv").read_text(encoding="utf-8") == report.to_csv()
    pd = pytest.importorskip("pandas")
    df = report.to_pandas()
    assert isinstance(df, pd.DataFrame) and list(df.columns) == list(bmod.RECORD_FIELDS) and len(df) == 5
    assert df.set_index("copy_id").loc["c-003-reordered", "source_id"] == "wire-003"


def test_settings_are_checked_and_missing_numpy_is_explained(monkeypatch, corpus):
    with pytest.raises(OptionsError, match="threshold"):
        Blocking(threshold=1.5)
    with pytest.raises(OptionsError, match="max_candidates"):
        Blocking(max_candidates=0)
    with pytest.raises(OptionsError, match="jobs"):
        batch(*corpus, jobs=0)
    with pytest.raises(InputError, match="no such file"):
        batch("/nonexistent/originals", [])
    with pytest.raises(TypeError, match="mapping of id to text"):
        batch(42, [])
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(InputError, match=r"pip install 'articlediff\[dask\]'"):
        batch(*corpus, dask="tcp://127.0.0.1:8786")
    monkeypatch.setitem(sys.modules, "numpy", None)
    with pytest.raises(InputError, match=r"needs numpy: pip install 'articlediff\[batch\]'"):
        batch(*corpus)


def test_streaming_memory_does_not_grow_with_the_number_of_copies(seeds):
    s000 = sentences(seeds["000"])
    index = bmod.index_originals({"wire": seeds["000"]})
    base = [" ".join(s000[i : i + 4]) for i in range(0, 40, 4)] + [UNRELATED]

    def peak(n: int) -> int:
        copies = ((f"c{k}", base[k % len(base)]) for k in range(n))  # generated lazily, as a crawl is read
        tracemalloc.start()
        for _ in bmod.check_copies(index, copies, chunk_size=5):
            pass
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return peak

    peak(11)  # warm the caches (stems, tokenizer)
    small, large = peak(44), peak(176)
    assert large < small * 1.25 + 100_000, (small, large)


def test_articlediff_batch_is_the_function_and_no_module_shadows_it():
    assert callable(articlediff.batch) and bmod.batch is articlediff.batch
    assert articlediff.compare_many is bmod.compare_many and articlediff.BatchReport is bmod.BatchReport
    with pytest.raises(ModuleNotFoundError):
        __import__("articlediff.batch")


def test_directories_give_text_files_and_web_pages(tmp_path):
    (tmp_path / "a.txt").write_text("A story.", encoding="utf-8")
    (tmp_path / "b.html").write_text("<html><body><p>A page about the talks.</p></body></html>", encoding="utf-8")
    (tmp_path / "c.md").write_text("Not read.", encoding="utf-8")
    docs = bmod.read_dir(tmp_path)
    assert docs.total == 2 and [(d.id, d.text) for d in docs] == [("a", "A story."), ("b", "A page about the talks.")]
    assert [d.id for d in bmod.read_dir(tmp_path, suffixes=(".html",))] == ["b"]
    assert bmod.documents(docs) is docs  # already documents: passed through, with its total


def test_index_page_lists_at_most_limit_rows_but_counts_all(corpus):
    report = batch(*corpus)
    page = render_index(report.records(), report.counts, lambda r: None, limit=2)
    assert page.count("<tr class=") == 2 and "Showing the first 2 by copy id" in page
    assert "5 copies: 3 derived from an original, 2 with no match, 0 not checked" in page
    assert page == "".join(index_chunks(report.records(), report.counts, limit=2))
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>")
    full = render_index(report.records(), report.counts, lambda r: f"pairs/{r['copy_id']}.html")
    assert full.count("<tr class=") == 5 and "Showing the first" not in full
    assert '<a href="pairs/a-000-lead.html">a-000-lead</a>' in full


def _square_all(state: int, chunk: list[int]) -> list[tuple[int, int]]:
    return [(x, x * x + state) for x in chunk]


def test_map_chunks_gives_the_same_results_in_process_and_in_a_pool():
    chunks = [[1, 2], [3], [4, 5, 6], [7]]
    here = list(map_chunks(_square_all, 100, iter(chunks)))
    assert here == [[(1, 101), (2, 104)], [(3, 109)], [(4, 116), (5, 125), (6, 136)], [(7, 149)]]
    pooled = list(map_chunks(_square_all, 100, iter(chunks), jobs=2))
    assert sorted(pooled) == sorted(here)  # a pool yields chunks as they finish
    assert [list(c) for c in bmod.executors.chunked(range(5), 2)] == [[0, 1], [2, 3], [4]]
    with pytest.raises(OptionsError, match="jobs"):
        map_chunks(_square_all, 0, [], jobs=0)
    unstarted = map_chunks(_square_all, 0, iter(chunks), jobs=2)
    unstarted.close()  # stops the pool it started, though nothing was read
    with pytest.raises(StopIteration):
        next(unstarted)


def test_tally_counts_and_clusters_records_once():
    records = [
        {"copy_id": "a", "source_id": "w1", "error": None, "sources": [{"id": "w1"}, {"id": "w2"}]},
        {"copy_id": "b", "source_id": "w2", "error": None, "sources": [{"id": "w2"}]},
        {"copy_id": "c", "source_id": None, "error": None, "sources": []},
        {"copy_id": "d", "source_id": None, "error": "d: empty article", "sources": []},
    ]
    tally = Tally(records)
    assert tally.counts == {"copies": 4, "matched": 2, "unmatched": 1, "errors": 1, "sources": 2}
    assert tally.clusters() == {"w1": ["a"], "w2": ["a", "b"]}
    report = bmod.BatchReport(reversed(records), [{"id": "w3", "role": "original", "error": "empty"}])
    assert report.counts == {**tally.counts, "problems": 1} and report.clusters() == tally.clusters()
    assert [e["id"] for e in report.errors] == ["w3", "d"]
