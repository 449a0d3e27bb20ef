"""The Dask backend gives the same report as the local ones (LocalCluster; skipped without dask)."""

from __future__ import annotations

import logging

import pytest

from articlediff import InputError, batch
from articlediff.cli import main
from articlediff.syndication import check_copies, index_originals, map_chunks

pytest.importorskip("numpy")
distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    # processes=False: workers are threads of this process, cheap to start; ":0" avoids port 8787 clashes.
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0", silence_logs=logging.ERROR
        ) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


def test_dask_gives_the_same_summary_as_the_local_backends(client, corpus):
    originals, copies = corpus
    local = list(batch(originals, copies, jobs=1).records())
    assert list(batch(originals, copies, jobs=2, chunk_size=1).records()) == local
    assert list(batch(originals, copies, dask=client, chunk_size=1).records()) == local
    assert list(batch(originals, copies, dask=client.scheduler.address, chunk_size=2).records()) == local


def test_cli_dask_address(client, corpus, tmp_path, capsys):
    originals, copies = corpus
    o, c = tmp_path / "o.jsonl", tmp_path / "c.jsonl"
    import json

    o.write_text("".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in originals.items()), encoding="utf-8")
    c.write_text("".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in copies.items()), encoding="utf-8")
    args = ["batch", "--originals", str(o), "--copies", str(c), "--quiet"]
    assert main([*args, "--out", str(tmp_path / "local")]) == 0
    assert main([*args, "--out", str(tmp_path / "dask"), "--dask", client.scheduler.address]) == 0
    for name in ("summary.jsonl", "summary.csv", "clusters.json"):
        assert (tmp_path / "local" / name).read_bytes() == (tmp_path / "dask" / name).read_bytes()
    assert sorted(p.name for p in (tmp_path / "local" / "pairs").iterdir()) == sorted(
        p.name for p in (tmp_path / "dask" / "pairs").iterdir()
    )


def test_bad_dask_argument(corpus):
    with pytest.raises(TypeError, match="scheduler address or a distributed.Client, not float"):
        batch(*corpus, dask=3.5)
    with pytest.raises(InputError, match="cannot reach the Dask scheduler"):
        batch(*corpus, dask="tcp://127.0.0.1:9")  # nothing listens on the discard port


def _tagged(state: str, chunk: list[int]) -> list[str]:
    return [f"{state}{x}" for x in chunk]


def test_map_chunks_on_dask_equals_in_process(client):
    chunks = [[1, 2], [3], [4, 5]]
    here = list(map_chunks(_tagged, "x", iter(chunks)))
    assert here == [["x1", "x2"], ["x3"], ["x4", "x5"]]
    assert sorted(map_chunks(_tagged, "x", iter(chunks), dask=client)) == sorted(here)


def test_reports_of_dask_workers_are_written_here_as_local_ones(client, corpus, tmp_path):
    originals, copies = corpus
    index = index_originals(originals)
    for name, dask in (("local", None), ("dask", client)):
        (tmp_path / name).mkdir()
        results = list(check_copies(index, copies, dask=dask, chunk_size=2, reports=True, report_dir=tmp_path / name))
        assert all(r.reports == {} for r in results) and sum(len(r.written) for r in results) == 6
    local = sorted(p.name for p in (tmp_path / "local").iterdir())
    assert local == sorted(p.name for p in (tmp_path / "dask").iterdir()) and len(local) == 6
    for n in local:
        assert (tmp_path / "local" / n).read_bytes() == (tmp_path / "dask" / n).read_bytes()


def test_worker_processes_get_the_index_shipped_once(corpus):
    """With worker processes the prepared originals are pickled and scattered: still the same records."""
    originals, copies = corpus
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=logging.ERROR
        ) as cluster,
        distributed.Client(cluster) as c,
    ):
        got = list(batch(originals, copies, dask=c, chunk_size=1).records())
    assert got == list(batch(originals, copies).records())
