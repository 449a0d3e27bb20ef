//! Native kernels of articlediff, exposed to Python as the module `articlediff_native` (the
//! distribution `articlediff-native`, built from this folder by maturin).
//!
//! Each kernel computes exactly what its pure-Python reference computes (named in its doc
//! comment); the Python package uses it when this module is importable and `ARTICLEDIFF_PURE`
//! is not set. Property tests in `tests/test_native.py` compare the two on generated and corpus text.

use pyo3::prelude::*;

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

#[pymodule]
fn articlediff_native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(opcodes, m)?)?;
    Ok(())
}
