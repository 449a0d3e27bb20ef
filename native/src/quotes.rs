//! Which quotations of the copy are changed or unsourced: `unsourced_quotes` of
//! `articlediff/signals/quotes.py` (`python_unsourced_quotes` is the reference), the whole of it in
//! one call per comparison ([`QuoteFlagger::flags`] on the two texts' [`FlagText`]s), and the count
//! it is made of: the original quotations holding each content word, and which of them share the
//! most words with a quotation of the copy ([`Postings`], which the reference reads as
//! [`QuotePostings`] when this kernel declines a comparison).

use crate::pair::{Row, Span};
use crate::quotemarks::py_space;
use crate::stage::FlagText;
use crate::words;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::{Mutex, MutexGuard};

/// The original quotations' content words, as postings: word -> the quotations holding it.
pub(crate) struct Postings {
    ids: HashMap<String, u32>,
    lists: Vec<Vec<u32>>,
    /// Scratch: shared words per quotation, zero between calls.
    counts: Vec<u32>,
    touched: Vec<u32>,
}

impl Postings {
    /// `contents[n]` is the set of content words of original quotation `n` (each word once).
    pub(crate) fn new<S: AsRef<str>>(contents: &[Vec<S>]) -> Self {
        let mut ids: HashMap<String, u32> = HashMap::default();
        let mut lists: Vec<Vec<u32>> = Vec::new();
        for (n, words) in contents.iter().enumerate() {
            for word in words {
                let next = lists.len() as u32;
                let id = *ids.entry(word.as_ref().to_string()).or_insert(next);
                if id == next {
                    lists.push(Vec::new());
                }
                let list = &mut lists[id as usize];
                if list.last() != Some(&(n as u32)) {
                    list.push(n as u32);
                }
            }
        }
        Postings { ids, lists, counts: vec![0; contents.len()], touched: Vec::new() }
    }

    /// `(top, tied)`: the most of `words` (distinct content words) any original quotation holds,
    /// and the quotations holding that many, ascending; `(0, [])` when none holds any.
    pub(crate) fn best<S: AsRef<str>>(&mut self, words: &[S]) -> (u32, Vec<u32>) {
        for word in words {
            if let Some(&id) = self.ids.get(word.as_ref()) {
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
}

/// [`Postings`] for the reference (`_native_counts` of `quotes.py`).
#[pyclass(module = "articlediff_native", name = "QuotePostings")]
pub struct QuotePostings {
    inner: Postings,
}

#[pymethods]
impl QuotePostings {
    /// `contents[n]` is the set of content words of original quotation `n` (each word once).
    #[new]
    fn new(contents: Vec<Vec<PyBackedStr>>) -> Self {
        QuotePostings { inner: Postings::new(&contents) }
    }

    /// See [`Postings::best`].
    fn best(&mut self, words: Vec<PyBackedStr>) -> (u32, Vec<u32>) {
        self.inner.best(&words)
    }

    fn __len__(&self) -> usize {
        self.inner.counts.len()
    }
}

/// Most non-ASCII tokens [`QuoteFlagger`] keeps the key of (as the reference's key cache).
const CACHE_MAX: usize = 200_000;

/// `_short` of `quotes.py`: the text's whitespace runs (`str.split()`: [`py_space`]) made single
/// spaces, the ends trimmed, cut at 60 code points with "…".
fn short(text: &str) -> String {
    const WIDTH: usize = 60;
    let s = text.split(py_space).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
    match s.char_indices().nth(WIDTH) {
        None => s, // at most WIDTH code points
        Some(_) => {
            let cut = s.char_indices().nth(WIDTH - 1).map_or(s.len(), |(p, _)| p);
            format!("{}…", &s[..cut])
        }
    }
}

/// `f" {' '.join(keys)} "`: a quotation's keys as the reference joins them, so that one quotation
/// is an excerpt of another when its joined keys are a substring of the other's.
fn joined(keys: &[String]) -> String {
    let mut s = String::with_capacity(keys.iter().map(|k| k.len() + 1).sum::<usize>() + 1);
    s.push(' ');
    for k in keys {
        s.push_str(k);
        s.push(' ');
    }
    if keys.is_empty() {
        s.push(' ');
    }
    s
}

/// One original quotation, read once at its first place: its span and its joined keys.
struct Original {
    span: Span,
    joined: String,
}

/// A token of a quotation: its key, or (not ASCII) its lowercase, whose key Python gives.
enum Tok {
    Key(String),
    Pending(String),
}

/// `unsourced_quotes` for two texts' [`FlagText`]s, given once the reference's function words and
/// its callbacks for the word keys (those of `keys` of `articlediff/normalize.py`, see `keys` in
/// `lib.rs`): `info` a non-ASCII character's lowercase and classes, `key` the key of a lowercased
/// token that is not ASCII.
#[pyclass(frozen, module = "articlediff_native", name = "QuoteFlagger")]
pub struct QuoteFlagger {
    function_words: HashSet<String>,
    key: Py<PyAny>,
    info: Py<PyAny>,
    /// lowercased non-ASCII token -> its key, as `key` gave it
    cache: Mutex<HashMap<Box<str>, Box<str>>>,
}

impl QuoteFlagger {
    fn lock(&self) -> MutexGuard<'_, HashMap<Box<str>, Box<str>>> {
        self.cache.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// `keys(text, spans)` of the reference for spans of `text`, or `None` when a span is not within
    /// the text or holds a character the tokenizer leaves to the reference (as `keys` does).
    fn keys(&self, py: Python<'_>, text: &FlagText, spans: &[Span]) -> PyResult<Option<Vec<Vec<String>>>> {
        if spans.iter().any(|&(a, b)| a > b || b > text.code_points()) {
            return Ok(None);
        }
        let s = text.text();
        let bytes: Vec<Span> = spans.iter().map(|&(a, b)| (text.byte(a), text.byte(b))).collect();
        if !s.is_ascii() && !crate::learn_chars(s, &bytes, self.info.bind(py))? {
            return Ok(None);
        }
        let mut rows: Vec<Vec<Tok>> = Vec::with_capacity(bytes.len());
        {
            let chars = crate::lock(&crate::CHARS);
            let (mut seq, mut token) = (Vec::new(), Vec::new());
            for &(a, b) in &bytes {
                let piece = &s[a..b];
                if !crate::read_chars(piece, &chars, &mut seq) {
                    return Ok(None); // learn_chars saw every character: not reached
                }
                let row = words::tokens(&seq)
                    .into_iter()
                    .map(|(s, e)| {
                        let part = &seq[s..e];
                        if part.iter().all(|c| c.lower.is_ascii()) {
                            token.clear();
                            token.extend(part.iter().map(|c| c.lower as u8));
                            // ASCII bytes: valid UTF-8
                            Tok::Key(String::from_utf8_lossy(&words::ascii_key(&token)).into_owned())
                        } else {
                            Tok::Pending(part.iter().map(|c| c.lower).collect())
                        }
                    })
                    .collect();
                rows.push(row);
            }
        }
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let mut keys = Vec::with_capacity(row.len());
            for tok in row {
                keys.push(match tok {
                    Tok::Key(k) => k,
                    Tok::Pending(lowered) => self.key_of(py, lowered)?,
                });
            }
            out.push(keys);
        }
        Ok(Some(out))
    }

    /// The key of a lowercased non-ASCII token, asked of Python once (no lock held while it runs).
    fn key_of(&self, py: Python<'_>, lowered: String) -> PyResult<String> {
        if let Some(k) = self.lock().get(lowered.as_str()) {
            return Ok(k.to_string());
        }
        let k: String = self.key.bind(py).call1((lowered.as_str(),))?.extract()?;
        let mut cache = self.lock();
        if cache.len() >= CACHE_MAX {
            cache.clear();
        }
        cache.insert(lowered.into_boxed_str(), k.clone().into_boxed_str());
        Ok(k)
    }

    /// `_content` of the reference: the keys that are not function words, each once (in order).
    fn content<'k>(&self, keys: &'k [String]) -> Vec<&'k str> {
        let mut seen: HashSet<&str> = HashSet::default();
        keys.iter().map(String::as_str).filter(|k| !self.function_words.contains(*k) && seen.insert(k)).collect()
    }
}

#[pymethods]
impl QuoteFlagger {
    #[new]
    fn new(function_words: Vec<String>, key: Py<PyAny>, info: Py<PyAny>) -> Self {
        QuoteFlagger { function_words: function_words.into_iter().collect(), key, info, cache: Mutex::default() }
    }

    /// The flags of the copy's (`right`'s) quotations against the original's, as
    /// `(kind, message, left span, right span)` rows in the order of the copy's quotations (each
    /// keyed by its right span), or `None` when the kernel does not decide (a text's quotations not
    /// known or a quotation holding a character the word keys leave to the reference).
    fn flags(
        &self,
        py: Python<'_>,
        left: PyRef<'_, FlagText>,
        right: PyRef<'_, FlagText>,
    ) -> PyResult<Option<Vec<Row>>> {
        let (Some(lq), Some(rq)) = (left.quotes(), right.quotes()) else { return Ok(None) };
        if rq.is_empty() {
            return Ok(Some(Vec::new()));
        }
        let Some(lkeys) = self.keys(py, &left, lq)? else { return Ok(None) };
        let Some(rkeys) = self.keys(py, &right, rq)? else { return Ok(None) };
        // A quotation the original repeats word for word is read once, at its first place (ties go
        // to the first: a later copy of it could only tie).
        let mut originals: Vec<Original> = Vec::new();
        let mut contents: Vec<Vec<&str>> = Vec::new();
        let mut seen: HashSet<String> = HashSet::default();
        for (&span, keys) in lq.iter().zip(&lkeys) {
            let j = joined(keys);
            if seen.insert(j.clone()) {
                originals.push(Original { span, joined: j });
                contents.push(self.content(keys));
            }
        }
        let mut postings = Postings::new(&contents);
        // the same words, the same answer: (the original quotation it comes from, the share it holds)
        let mut decided: HashMap<String, (Option<usize>, f64)> = HashMap::default();
        let mut rows = Vec::new();
        for (&span, keys) in rq.iter().zip(&rkeys) {
            let content = self.content(keys);
            if keys.len() < 3 || content.is_empty() {
                continue; // scare quotes around a word or two
            }
            let j = joined(keys);
            let (best, share) = match decided.get(&j) {
                Some(&got) => got,
                None => {
                    let whole = content.len();
                    let (top, tied) = postings.best(&content);
                    let got =
                        if top as usize == whole && tied.iter().any(|&n| originals[n as usize].joined.contains(&j)) {
                            (None, -1.0) // quoted exactly, or an excerpt of it: nothing to flag
                        } else if let Some(&n) = tied.first() {
                            (Some(n as usize), f64::from(top) / whole as f64) // ties go to the first quote
                        } else {
                            (None, 0.0)
                        };
                    decided.insert(j, got);
                    got
                }
            };
            if share < 0.0 {
                continue;
            }
            let copy = short(right.piece(span.0, span.1));
            match best {
                Some(n) if share >= 0.5 => {
                    let from = originals[n].span;
                    let message = format!("quote changed: “{}” → “{copy}”", short(left.piece(from.0, from.1)));
                    rows.push(("quote_changed", message, Some(from), Some(span)));
                }
                _ => rows.push((
                    "quote_unsourced",
                    format!("quote not found in the original: “{copy}”"),
                    None,
                    Some(span),
                )),
            }
        }
        Ok(Some(rows))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_as_the_reference() {
        assert_eq!(short("  we\u{a0}cannot\n\tdo \u{3000}that "), "we cannot do that");
        assert_eq!(short("\u{200b}x"), "\u{200b}x"); // not whitespace to str.split()
        let long: String = "é".repeat(61);
        assert_eq!(short(&long), format!("{}…", "é".repeat(59)));
        assert_eq!(short(&"a".repeat(60)), "a".repeat(60));
        assert_eq!(short(""), "");
    }

    #[test]
    fn joined_as_the_reference() {
        assert_eq!(joined(&[]), "  ");
        assert_eq!(joined(&["a".into(), "b".into()]), " a b ");
    }

    #[test]
    fn postings_count_shared_words() {
        let mut p = Postings::new(&[vec!["peace", "war"], vec!["war"], vec!["peace", "war"]]);
        assert_eq!(p.best(&["war", "peace"]), (2, vec![0, 2]));
        assert_eq!(p.best(&["none"]), (0, vec![]));
    }
}
