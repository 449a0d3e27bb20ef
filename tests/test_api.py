import subprocess
import sys

import articlediff


def test_all_is_sorted_strings_that_exist():
    assert all(isinstance(n, str) for n in articlediff.__all__)
    assert list(articlediff.__all__) == sorted(articlediff.__all__)
    for name in articlediff.__all__:
        assert hasattr(articlediff, name), name


def test_import_does_not_load_heavy_modules():
    code = "import sys, articlediff; print(sorted(m for m in ('nltk', 'jinja2', 'numpy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_similarity_is_symmetric_and_bounded():
    pairs = [("The U.S. said no.", "US officials said no on Friday."), ("", "x"), ("a", "a")]
    for a, b in pairs:
        s = articlediff.similarity(a, b)
        assert 0.0 <= s <= 1.0
        assert s == articlediff.similarity(b, a)
    assert articlediff.similarity("The U.S. said “no”.", "the US said 'No'") == 1.0
