//! Native kernels of articlediff, exposed to Python as the module `articlediff_native` (the
//! distribution `articlediff-native`, built from this folder by maturin).
//!
//! Each kernel computes exactly what its pure-Python reference computes (named in its doc
//! comment); the Python package uses it when this module is importable and `ARTICLEDIFF_PURE`
//! is not set. Property tests in `tests/test_native.py` compare the two on generated and corpus text.

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;

pub mod candidates;
pub mod matcher;

/// `difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()` for two lists of strings,
/// with each tag as a small integer (0 equal, 1 replace, 2 delete, 3 insert).
#[pyfunction]
fn opcodes(a: Vec<String>, b: Vec<String>) -> Vec<(u8, usize, usize, usize, usize)> {
    let (ia, ib) = matcher::intern(&a, &b);
    matcher::opcodes(&ia, &ib)
        .into_iter()
        .map(|op| (op.tag as u8, op.i1, op.i2, op.j1, op.j2))
        .collect()
}

/// `python_propose` of `articlediff/align/candidates.py`: the aligner's candidate pairs, sorted, each
/// as `(i, j, shared, mass_i, mass_j)` (see `candidates::propose_indexed`). `left` and `right` hold each
/// sentence's content stems (any iterable of str, a frozenset as the profiles keep them).
#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn propose(
    left: Vec<Bound<'_, PyAny>>,
    right: Vec<Bound<'_, PyAny>>,
    by_count: Vec<f64>,
    skip_left: Vec<bool>,
    skip_right: Vec<bool>,
    k: usize,
    probes: usize,
    max_postings: usize,
) -> PyResult<Vec<candidates::Row>> {
    let (left, right) = (read_sentences(&left)?, read_sentences(&right)?);
    let mut interner = stems();
    let left = candidates::TextIndex::new(&left, &mut interner);
    let right = candidates::TextIndex::new(&right, &mut interner);
    let limits = (k, probes, max_postings);
    run_propose(&left, &right, &interner, &by_count, [&skip_left, &skip_right], limits)
}

/// Each sentence's content stems, read as UTF-8 without copying.
fn read_sentences(sentences: &[Bound<'_, PyAny>]) -> PyResult<Vec<Vec<PyBackedStr>>> {
    sentences
        .iter()
        .map(|stems| stems.try_iter()?.map(|stem| stem?.extract::<PyBackedStr>()).collect())
        .collect()
}

/// `candidates::propose_indexed` once `by_count` is checked; `limits` is `(k, probes, max_postings)`.
fn run_propose(
    left: &candidates::TextIndex,
    right: &candidates::TextIndex,
    interner: &candidates::Interner,
    by_count: &[f64],
    skip: [&[bool]; 2],
    (k, probes, max_postings): (usize, usize, usize),
) -> PyResult<Vec<candidates::Row>> {
    check_weights(left, right, by_count)?;
    Ok(candidates::propose_indexed([left, right], interner, by_count, skip, k, probes, max_postings))
}

/// A `ValueError` unless `by_count` has a weight for every count of sentences a stem can have.
fn check_weights(left: &candidates::TextIndex, right: &candidates::TextIndex, by_count: &[f64]) -> PyResult<()> {
    let sentences = left.content.len() + right.content.len();
    let any = left.content.iter().chain(&right.content).any(|row| !row.is_empty());
    if any && by_count.len() <= sentences {
        return Err(pyo3::exceptions::PyValueError::new_err(format!(
            "by_count has {} weights; it needs one for every count up to {} sentences",
            by_count.len(),
            sentences
        )));
    }
    Ok(())
}

/// Every stem the text indexes of this process have numbered (ids are process-local: a
/// `TextIndex` is never pickled, it is rebuilt where it is needed).
static STEMS: std::sync::LazyLock<std::sync::Mutex<candidates::Interner>> =
    std::sync::LazyLock::new(Default::default);

fn stems() -> std::sync::MutexGuard<'static, candidates::Interner> {
    STEMS.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// One text's half of the aligner's blocking index (`candidates::TextIndex`): built once per
/// prepared text from its sentences' content stems, then used by `propose_indexed` with any other.
#[pyclass(frozen, module = "articlediff_native", name = "TextIndex")]
struct TextIndex {
    inner: candidates::TextIndex,
}

#[pymethods]
impl TextIndex {
    #[new]
    fn new(sentences: Vec<Bound<'_, PyAny>>) -> PyResult<Self> {
        let read = read_sentences(&sentences)?;
        Ok(TextIndex { inner: candidates::TextIndex::new(&read, &mut stems()) })
    }

    fn __len__(&self) -> usize {
        self.inner.content.len()
    }

    fn __repr__(&self) -> String {
        format!("<TextIndex {} sentences, {} stems>", self.inner.content.len(), self.inner.stems.len())
    }
}

/// `propose` on two texts' `TextIndex`es (no stems read again).
#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn propose_indexed(
    left: PyRef<'_, TextIndex>,
    right: PyRef<'_, TextIndex>,
    by_count: Vec<f64>,
    skip_left: Vec<bool>,
    skip_right: Vec<bool>,
    k: usize,
    probes: usize,
    max_postings: usize,
) -> PyResult<Vec<candidates::Row>> {
    let limits = (k, probes, max_postings);
    run_propose(&left.inner, &right.inner, &stems(), &by_count, [&skip_left, &skip_right], limits)
}

#[pymodule]
fn articlediff_native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(opcodes, m)?)?;
    m.add_function(wrap_pyfunction!(propose, m)?)?;
    m.add_function(wrap_pyfunction!(propose_indexed, m)?)?;
    m.add_class::<TextIndex>()?;
    Ok(())
}
