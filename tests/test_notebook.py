"""examples/quickstart.ipynb runs top to bottom in a real kernel and shows the report inline."""

from __future__ import annotations

import re

import pytest

from .conftest import ROOT

nbformat = pytest.importorskip("nbformat", reason="nbformat not installed: pip install -e '.[dev]'")
nbclient = pytest.importorskip("nbclient", reason="nbclient not installed: pip install -e '.[dev]'")
pytest.importorskip("ipykernel", reason="ipykernel not installed: pip install -e '.[dev]'")

NOTEBOOK = ROOT / "examples" / "quickstart.ipynb"


def test_quickstart_notebook_runs_and_shows_scoped_reports():
    from jupyter_client.manager import KernelManager

    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "commit the notebook without outputs"
    km = KernelManager(kernel_name="python3", transport_encryption="auto")
    client = nbclient.NotebookClient(nb, timeout=120, km=km, resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()  # raises CellExecutionError, with the traceback, if a cell fails

    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    reports = [h for h in html if 'class="ad-report ' in h]
    assert len(reports) == 3
    for h in reports:
        assert "<!DOCTYPE" not in h and "<head>" not in h  # fragments, not documents
        assert "Wholly derived" in h and "Paraphrase" in h
    uids = [re.search(r'class="ad-report (ad-[0-9a-f]{10})"', h).group(1) for h in reports]
    assert len(set(uids)) == 3  # three reports in one notebook: three scopes
    assert '<input type="checkbox" value="dropped">' in reports[1]  # hide=["dropped"]
