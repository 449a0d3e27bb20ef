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
/// as `(i, j, shared, mass_i, mass_j)` (see `candidates::propose`). `left` and `right` hold each
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
    let read = |sentences: Vec<Bound<'_, PyAny>>| -> PyResult<Vec<Vec<PyBackedStr>>> {
        sentences
            .iter()
            .map(|stems| stems.try_iter()?.map(|stem| stem?.extract::<PyBackedStr>()).collect())
            .collect()
    };
    let (left, right) = (read(left)?, read(right)?);
    let most = left.iter().chain(&right).map(Vec::len).max().unwrap_or(0);
    if by_count.len() <= left.len() + right.len() && most > 0 {
        return Err(pyo3::exceptions::PyValueError::new_err(format!(
            "by_count has {} weights; it needs one for every count up to {} sentences",
            by_count.len(),
            left.len() + right.len()
        )));
    }
    Ok(candidates::propose(
        [&left, &right],
        &by_count,
        [&skip_left, &skip_right],
        k,
        probes,
        max_postings,
    ))
}

#[pymodule]
fn articlediff_native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(opcodes, m)?)?;
    m.add_function(wrap_pyfunction!(propose, m)?)?;
    Ok(())
}
