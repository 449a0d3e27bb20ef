"""The native backend gives exactly the pure-Python reference's results (skipped when not built)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import articlediff
from articlediff import kernels

from .conftest import ROOT

needs_native = pytest.mark.skipif(kernels.NATIVE is None, reason="native kernels not installed (pip install ./native)")

tokens = st.lists(st.sampled_from(["a", "b", "c", "d", "the", "Putin", "7", "é", ""]), max_size=40)


@needs_native
@settings(max_examples=400, deadline=None)
@given(tokens, tokens)
def test_native_opcodes_are_difflibs(a, b):
    with kernels.forced("native"):
        native = kernels.opcodes(a, b)
    assert native == kernels.python_opcodes(a, b)


@needs_native
def test_native_opcodes_on_corpus_sentences(seeds):
    words = {name: re.findall(r"\w+|[^\w\s]", text) for name, text in seeds.items()}
    names = sorted(words)
    with kernels.forced("native"):
        for x in names:
            for y in names:
                a, b = words[x], words[y]
                assert kernels.opcodes(a, b) == kernels.python_opcodes(a, b), (x, y)


@needs_native
def test_comparisons_are_the_same_under_both_backends(seeds):
    names = sorted(seeds)
    for x in names:
        for y in names:
            with kernels.forced("python"):
                pure = articlediff.compare(seeds[x], seeds[y] + "\n\nA line for the python run.").to_dict()
            with kernels.forced("native"):
                native = articlediff.compare(seeds[x], seeds[y] + "\n\nA line for the python run.").to_dict()
            assert pure == native, (x, y)


def test_pure_environment_variable_forces_python():
    env = {**os.environ, "ARTICLEDIFF_PURE": "1"}
    out = subprocess.run(
        [sys.executable, "-c", "import articlediff; print(articlediff.backend)"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.stdout.strip() == "python", out.stderr


def test_backend_names_what_runs():
    assert articlediff.backend == ("native" if kernels.NATIVE is not None else "python")
    with pytest.raises(ValueError):
        with kernels.forced("fortran"):
            pass


def test_crate_version_is_the_package_version():
    cargo = (ROOT / "native" / "Cargo.toml").read_text(encoding="utf-8")
    assert re.search(r'^version = "([^"]+)"', cargo, re.M).group(1) == articlediff.__version__
    if kernels.NATIVE is not None:
        assert kernels.NATIVE.__version__ == articlediff.__version__
