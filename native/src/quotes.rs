//! The original quotations holding each content word, and which of them share the most words with
//! a quotation of the copy: the count in `unsourced_quotes` of `articlediff/signals/quotes.py`.

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use rustc_hash::FxHashMap as HashMap;

/// The original quotations' content words, as postings: word -> the quotations holding it.
#[pyclass(module = "articlediff_native", name = "QuotePostings")]
pub struct QuotePostings {
    ids: HashMap<String, u32>,
    lists: Vec<Vec<u32>>,
    /// Scratch: shared words per quotation, zero between calls.
    counts: Vec<u32>,
    touched: Vec<u32>,
}

#[pymethods]
impl QuotePostings {
    /// `contents[n]` is the set of content words of original quotation `n` (each word once).
    #[new]
    fn new(contents: Vec<Vec<PyBackedStr>>) -> Self {
        let mut ids: HashMap<String, u32> = HashMap::default();
        let mut lists: Vec<Vec<u32>> = Vec::new();
        for (n, words) in contents.iter().enumerate() {
            for word in words {
                let next = lists.len() as u32;
                let id = *ids.entry(word.to_string()).or_insert(next);
                if id == next {
                    lists.push(Vec::new());
                }
                let list = &mut lists[id as usize];
                if list.last() != Some(&(n as u32)) {
                    list.push(n as u32);
                }
            }
        }
        QuotePostings { ids, lists, counts: vec![0; contents.len()], touched: Vec::new() }
    }

    /// `(top, tied)`: the most of `words` (distinct content words) any original quotation holds,
    /// and the quotations holding that many, ascending; `(0, [])` when none holds any.
    fn best(&mut self, words: Vec<PyBackedStr>) -> (u32, Vec<u32>) {
        for word in &words {
            if let Some(&id) = self.ids.get(&**word) {
                for &n in &self.lists[id as usize] {
                    let c = &mut self.counts[n as usize];
                    if *c == 0 {
                        self.touched.push(n);
                    }
                    *c += 1;
                }
            }
        }
        let top = self.touched.iter().map(|&n| self.counts[n as usize]).max().unwrap_or(0);
        let mut tied: Vec<u32> = self.touched.iter().copied().filter(|&n| self.counts[n as usize] == top).collect();
        tied.sort_unstable();
        for &n in &self.touched {
            self.counts[n as usize] = 0;
        }
        self.touched.clear();
        (top, tied)
    }

    fn __len__(&self) -> usize {
        self.counts.len()
    }
}
