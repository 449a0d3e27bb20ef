//! `WordLlamaEmbedder.python_encode` of `articlediff/embed.py`: each sentence's mean static token
//! embedding (the rows of the model's matrix for its token ids, summed and divided by their number).
//!
//! A sentence is cut into pieces as the reference cuts it (`_PIECE`: "▁" prepended, spaces to "▁",
//! runs of "▁" and the characters up to the next "▁"); each piece's token ids come from a cache kept
//! here (bounded as the reference's: cleared when full), and the pieces not in it from Python, once
//! an `encode` for all of them (`tokenize`: a list of str -> a list of lists of ids). The floats are
//! the reference's to the bit: numpy's `rows.sum(0)` over a C-contiguous (k, d) array starts from
//! 0.0 (so a -0.0 sums to 0.0) and adds the rows in order, one float32 addition per dimension (no
//! pairwise sum: the reduced axis is not the inner one), then `/ length` divides in float32.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::PyByteArray;
use rustc_hash::FxHashMap as HashMap;
use std::sync::{Mutex, MutexGuard};

/// Most pieces the cache keeps (`_PIECES_MAX` of embed.py).
const PIECES_MAX: usize = 200_000;
/// What the tokenizer's normalizer makes of a space, and prepends.
const SPACE: char = '\u{2581}';

/// Where a piece's ids are while an `encode` runs: copied from the cache (a range of `known`), or
/// the n-th piece to ask Python for.
#[derive(Clone, Copy)]
enum Ids {
    Known(u32, u32),
    New(u32),
}

/// The static-embedding model: its matrix (rows of `dim` floats), the tokenizer's added tokens (a
/// sentence holding one is left to the caller, as the reference sends it through the tokenizer
/// itself), the piece tokenizer callback and the piece cache.
#[pyclass(frozen, module = "articlediff_native", name = "StaticEmbedder")]
pub struct StaticEmbedder {
    matrix: Vec<f32>,
    rows: usize,
    dim: usize,
    specials: Vec<String>,
    tokenize: Py<PyAny>,
    pieces: Mutex<HashMap<Box<str>, Box<[u32]>>>,
}

/// The pieces of `sentence` as the reference cuts `"▁" + sentence.replace(" ", "▁")`, written into
/// `buf` (cleared): their end offsets in it, pushed onto `ends`. A piece ends before each "▁" that
/// follows another character.
fn cut(sentence: &str, buf: &mut String, ends: &mut Vec<usize>) {
    buf.clear();
    for part in sentence.split(' ') {
        buf.push(SPACE);
        buf.push_str(part);
    }
    let width = SPACE.len_utf8();
    let mut run_end = 0; // where the last "▁" found ends
    for (at, _) in buf.match_indices(SPACE) {
        if at != run_end {
            ends.push(at);
        }
        run_end = at + width;
    }
    ends.push(buf.len());
}

impl StaticEmbedder {
    fn lock(&self) -> MutexGuard<'_, HashMap<Box<str>, Box<[u32]>>> {
        self.pieces.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Row `id` of the matrix (ids clipped to the rows, as `np.clip` in the reference).
    fn row(&self, id: u32) -> &[f32] {
        let id = (id as usize).min(self.rows - 1);
        &self.matrix[id * self.dim..(id + 1) * self.dim]
    }

    /// Python's ids for `pieces`, clipped to the matrix's rows.
    fn ask(&self, py: Python<'_>, pieces: &[&str]) -> PyResult<Vec<Vec<u32>>> {
        let got: Vec<Vec<i64>> = self.tokenize.bind(py).call1((pieces.to_vec(),))?.extract()?;
        if got.len() != pieces.len() {
            return Err(PyValueError::new_err(format!(
                "tokenize returned {} id lists for {} pieces",
                got.len(),
                pieces.len()
            )));
        }
        let last = (self.rows - 1) as i64;
        Ok(got.into_iter().map(|ids| ids.into_iter().map(|i| i.clamp(0, last) as u32).collect()).collect())
    }
}

#[pymethods]
impl StaticEmbedder {
    /// `matrix`: the (rows, dim) float32 matrix's bytes in C order (native byte order), as
    /// `ndarray.tobytes()` gives them; `specials`: the tokenizer's added tokens; `tokenize`: a list
    /// of pieces -> each piece's token ids.
    #[new]
    fn new(matrix: &[u8], rows: usize, dim: usize, specials: Vec<String>, tokenize: Py<PyAny>) -> PyResult<Self> {
        if rows == 0 || dim == 0 || rows.checked_mul(dim).and_then(|n| n.checked_mul(4)) != Some(matrix.len()) {
            return Err(PyValueError::new_err(format!(
                "matrix of {} bytes is not {rows} x {dim} float32",
                matrix.len()
            )));
        }
        let matrix = matrix.chunks_exact(4).map(|b| f32::from_ne_bytes([b[0], b[1], b[2], b[3]])).collect();
        Ok(Self { matrix, rows, dim, specials, tokenize, pieces: Mutex::new(HashMap::default()) })
    }

    /// The sentences' mean token embeddings as the bytes of an (n, dim) float32 array in C order
    /// (zero rows for sentences without tokens), and the indices of the sentences holding an added
    /// token, whose rows are left zero for the caller to fill.
    fn encode(&self, py: Python<'_>, sentences: Vec<PyBackedStr>) -> PyResult<(Py<PyByteArray>, Vec<usize>)> {
        let dim = self.dim;
        let mut left = Vec::new();
        // every piece's ids, by sentence: `spans[n]` is sentence n's range of `refs`
        let mut refs: Vec<Ids> = Vec::new();
        let mut spans: Vec<(usize, usize)> = Vec::with_capacity(sentences.len());
        let mut known: Vec<u32> = Vec::new();
        let mut new: Vec<String> = Vec::new();
        let mut new_at: HashMap<String, u32> = HashMap::default();
        let (mut buf, mut ends) = (String::new(), Vec::new());
        {
            let cache = self.lock();
            for (n, sentence) in sentences.iter().enumerate() {
                let start = refs.len();
                let s: &str = sentence;
                if s.contains('<') && self.specials.iter().any(|t| s.contains(t.as_str())) {
                    left.push(n);
                } else if !s.is_empty() {
                    ends.clear();
                    cut(s, &mut buf, &mut ends);
                    let mut from = 0;
                    for &end in &ends {
                        let piece = &buf[from..end];
                        from = end;
                        refs.push(if let Some(ids) = cache.get(piece) {
                            let at = known.len() as u32;
                            known.extend_from_slice(ids);
                            Ids::Known(at, known.len() as u32)
                        } else if let Some(&k) = new_at.get(piece) {
                            Ids::New(k)
                        } else {
                            let k = new.len() as u32;
                            new_at.insert(piece.to_owned(), k);
                            new.push(piece.to_owned());
                            Ids::New(k)
                        });
                    }
                }
                spans.push((start, refs.len()));
            }
        }
        let asked = if new.is_empty() {
            Vec::new()
        } else {
            self.ask(py, &new.iter().map(String::as_str).collect::<Vec<_>>())?
        };
        let mut acc = vec![0f32; dim];
        let bytes = PyByteArray::new_with(py, sentences.len() * dim * 4, |out| {
            for (row, &(a, b)) in out.chunks_exact_mut(dim * 4).zip(&spans) {
                acc.fill(0.0);
                let mut length = 0usize;
                for r in &refs[a..b] {
                    let ids = match *r {
                        Ids::Known(i, j) => &known[i as usize..j as usize],
                        Ids::New(k) => &asked[k as usize][..],
                    };
                    for &id in ids {
                        acc.iter_mut().zip(self.row(id)).for_each(|(o, x)| *o += x);
                    }
                    length += ids.len();
                }
                // a sentence without tokens keeps the zero row the bytearray is made with
                if length > 0 {
                    let d = length as f32;
                    for (o, x) in row.chunks_exact_mut(4).zip(&acc) {
                        o.copy_from_slice(&(x / d).to_ne_bytes());
                    }
                }
            }
            Ok(())
        })?;
        if !new.is_empty() {
            let mut cache = self.lock();
            for (piece, ids) in new.into_iter().zip(asked) {
                if cache.len() >= PIECES_MAX {
                    cache.clear();
                }
                cache.insert(piece.into_boxed_str(), ids.into_boxed_slice());
            }
        }
        Ok((bytes.unbind(), left))
    }

    /// How many pieces the cache holds.
    fn cached(&self) -> usize {
        self.lock().len()
    }
}

#[cfg(test)]
mod tests {
    use super::cut;

    fn pieces(s: &str) -> Vec<String> {
        let (mut buf, mut ends) = (String::new(), Vec::new());
        cut(s, &mut buf, &mut ends);
        let mut from = 0;
        ends.iter()
            .map(|&e| {
                let p = buf[from..e].to_owned();
                from = e;
                p
            })
            .collect()
    }

    #[test]
    fn pieces_are_runs_of_spaces_and_the_characters_after() {
        assert_eq!(pieces("Putin met  Trump."), ["▁Putin", "▁met", "▁▁Trump."]);
        assert_eq!(pieces(" a "), ["▁▁a", "▁"]);
        assert_eq!(pieces("  "), ["▁▁▁"]);
        assert_eq!(pieces("a▁b"), ["▁a", "▁b"]);
        assert_eq!(pieces("x\ny"), ["▁x\ny"]);
    }
}
