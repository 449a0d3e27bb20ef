//! The per-text stage of `build` (`articlediff/prepared.py`) after segmentation, in one call:
//! each unit's word keys (as `keys` of `articlediff/normalize.py`), its content stems (as
//! `profile` of `articlediff/profile.py`: stopwords left out, Snowball English stems), its number
//! keys and whether it holds a digit, whether it is a heading, and the text's `TextIndex` built
//! from all that. Python gets back only what a `Sentence` holds (each unit's keys joined by
//! spaces, its number of words) and the headings; the keys and stems stay here (`PreparedText`)
//! until a Python pass asks for a unit's profile.
//!
//! What the kernel cannot decide itself it asks Python, once per distinct word (the answers are
//! cached here): a non-ASCII character's lowercase and classes (`info`, as for `keys`), the key,
//! stem and digit facts of a non-ASCII token (`token_facts`), the stem of an ASCII key that
//! rust-stemmers may stem otherwise than NLTK (`key_facts`, for keys the `nltk_only` pattern
//! matches: `profile._NLTK_ONLY`) and the key of a unit without words (`wordless`: its normalized
//! characters). ASCII keys outside `nltk_only` are stemmed by rust-stemmers, as `profile.stem`
//! does.

use crate::{candidates, scorer, words};
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::{Mutex, MutexGuard};

/// Most words each cache keeps (as the reference's caches: a long batch cannot grow them without end).
const CACHE_MAX: usize = 200_000;

/// What a unit's profile needs of one word key: its stem (interned; None for a stopword), the
/// key itself interned when its first character is a digit (`str.isdigit`), and whether it holds a
/// decimal digit (`\d`).
#[derive(Clone, Copy, Debug)]
struct Facts {
    stem: Option<u32>,
    digit: Option<u32>,
    decimal: bool,
}

#[derive(Default)]
struct Caches {
    /// ASCII key -> its facts
    ascii: HashMap<Box<[u8]>, Facts>,
    /// lowercased non-ASCII token -> its key and the key's facts
    other: HashMap<Box<str>, (Box<str>, Facts)>,
}

/// The per-text kernel, made once per process with the lexicon and the callbacks (see the module comment).
#[pyclass(frozen, module = "articlediff_native", name = "Preparer")]
pub struct Preparer {
    stopwords: HashSet<String>,
    nltk_only: regex::Regex,
    sentence_end: Vec<char>,
    heading_max: usize,
    info: Py<PyAny>,
    token_facts: Py<PyAny>,
    key_facts: Py<PyAny>,
    wordless: Py<PyAny>,
    stemmer: rust_stemmers::Stemmer,
    caches: Mutex<Caches>,
}

/// What `Preparer.prepare` returns: the text's `PreparedText`, each unit's key (its word keys
/// joined by spaces), its number of words and whether it is a heading.
type Prepared = (Py<PreparedText>, Vec<Py<PyString>>, Vec<usize>, Vec<bool>);

/// One unit as it is built: its keys joined by spaces, where each key lies in that, its stems in
/// order, its number keys and whether it holds a digit.
#[derive(Default)]
struct UnitBuf {
    joined: String,
    bounds: Vec<(usize, usize)>,
    stems: Vec<u32>,
    digits: Vec<u32>,
    has_digit: bool,
}

impl UnitBuf {
    fn clear(&mut self) {
        self.joined.clear();
        self.bounds.clear();
        self.stems = Vec::new();
        self.digits.clear();
        self.has_digit = false;
    }

    fn push(&mut self, key: &str, facts: Facts) {
        if !self.bounds.is_empty() {
            self.joined.push(' ');
        }
        let start = self.joined.len();
        self.joined.push_str(key);
        self.bounds.push((start, self.joined.len()));
        self.stems.extend(facts.stem);
        self.digits.extend(facts.digit);
        self.has_digit |= facts.decimal;
    }
}

impl Preparer {
    fn lock(&self) -> MutexGuard<'_, Caches> {
        self.caches.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Interned facts of `key` from its stem and digit flags.
    fn facts(key: &str, stem: Option<&str>, digit: bool, decimal: bool) -> Facts {
        let mut stems = crate::stems();
        Facts { stem: stem.map(|s| stems.id(s)), digit: digit.then(|| stems.id(key)), decimal }
    }

    /// The facts of an ASCII key (lowercase), as `profile` reads them.
    fn ascii_facts(&self, py: Python<'_>, key: &[u8]) -> PyResult<Facts> {
        let text = std::str::from_utf8(key).unwrap_or_default(); // ASCII: valid UTF-8
        let digit = key.first().is_some_and(u8::is_ascii_digit);
        let decimal = key.iter().any(u8::is_ascii_digit);
        if self.stopwords.contains(text) {
            return Ok(Self::facts(text, None, digit, decimal));
        }
        if key.len() > 3 && key.iter().all(u8::is_ascii_alphabetic) {
            if self.nltk_only.is_match(text) {
                let (stem, digit, decimal): (Option<String>, bool, bool) =
                    self.key_facts.bind(py).call1((text,))?.extract()?;
                return Ok(Self::facts(text, stem.as_deref(), digit, decimal));
            }
            let stem = self.stemmer.stem(text);
            return Ok(Self::facts(text, Some(&stem), digit, decimal));
        }
        Ok(Self::facts(text, Some(text), digit, decimal))
    }

    /// `(key, facts)` as the Python callback `f` gives them for `arg`.
    fn ask(py: Python<'_>, f: &Py<PyAny>, arg: &str) -> PyResult<(String, Facts)> {
        let (key, stem, digit, decimal): (String, Option<String>, bool, bool) = f.bind(py).call1((arg,))?.extract()?;
        let facts = Self::facts(&key, stem.as_deref(), digit, decimal);
        Ok((key, facts))
    }

    /// Push the keys of the tokens of `seq` into `unit`. No lock is held while Python is called.
    fn tokens(&self, py: Python<'_>, seq: &[words::Char], unit: &mut UnitBuf, token: &mut Vec<u8>) -> PyResult<usize> {
        let found = words::tokens(seq);
        let mut cache = self.lock();
        for &(s, e) in &found {
            let part = &seq[s..e];
            if part.iter().all(|c| c.lower.is_ascii()) {
                token.clear();
                token.extend(part.iter().map(|c| c.lower as u8));
                let key = words::ascii_key(token);
                let hit = cache.ascii.get(&*key).copied();
                let facts = match hit {
                    Some(facts) => facts,
                    None => {
                        drop(cache);
                        let facts = self.ascii_facts(py, &key)?;
                        cache = self.lock();
                        if cache.ascii.len() >= CACHE_MAX {
                            cache.ascii.clear();
                        }
                        cache.ascii.insert(key.to_vec().into_boxed_slice(), facts);
                        facts
                    }
                };
                unit.push(std::str::from_utf8(&key).unwrap_or_default(), facts);
            } else {
                let lowered: String = part.iter().map(|c| c.lower).collect();
                if let Some((key, facts)) = cache.other.get(lowered.as_str()) {
                    unit.push(key, *facts);
                    continue;
                }
                drop(cache);
                let (key, facts) = Self::ask(py, &self.token_facts, &lowered)?;
                unit.push(&key, facts);
                cache = self.lock();
                if cache.other.len() >= CACHE_MAX {
                    cache.other.clear();
                }
                cache.other.insert(lowered.into_boxed_str(), (key.into_boxed_str(), facts));
            }
        }
        Ok(found.len())
    }
}

#[pymethods]
impl Preparer {
    #[new]
    #[allow(clippy::too_many_arguments)]
    fn new(
        stopwords: Vec<String>,
        nltk_only: &str,
        sentence_end: &str,
        heading_max: usize,
        info: Py<PyAny>,
        token_facts: Py<PyAny>,
        key_facts: Py<PyAny>,
        wordless: Py<PyAny>,
    ) -> PyResult<Self> {
        let nltk_only = regex::Regex::new(nltk_only)
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(format!("nltk_only: {e}")))?;
        Ok(Preparer {
            stopwords: stopwords.into_iter().collect(),
            nltk_only,
            sentence_end: sentence_end.chars().collect(),
            heading_max,
            info,
            token_facts,
            key_facts,
            wordless,
            stemmer: rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English),
            caches: Mutex::default(),
        })
    }

    /// The per-text stage of `build` on the units `spans` of `text` (code point offsets, from the
    /// segmenter): `(PreparedText, keys, words, headings)`, or None when a character of the spans
    /// is left to the reference (as `keys` does: its lowercase is not one character or depends on
    /// its neighbours). Text without a UTF-8 form raises `UnicodeEncodeError`.
    fn prepare(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyString>,
        spans: Vec<(usize, usize)>,
    ) -> PyResult<Option<Prepared>> {
        let text = text.to_str()?;
        let ascii = text.is_ascii();
        let n = if ascii { text.len() } else { text.chars().count() };
        let spans: Vec<(usize, usize)> = spans.into_iter().map(|(a, b)| (a.min(n), b.min(n).max(a.min(n)))).collect();
        let bytes = if ascii {
            spans.clone()
        } else {
            match byte_offsets(text, &spans) {
                Some(bytes) => bytes,
                None => crate::byte_spans(text, &spans)?,
            }
        };
        if !ascii && !crate::learn_chars(text, &bytes, self.info.bind(py))? {
            return Ok(None);
        }
        let mut keys = Vec::with_capacity(bytes.len());
        let mut counts = Vec::with_capacity(bytes.len());
        let mut headings = Vec::with_capacity(bytes.len());
        let mut stems = Vec::with_capacity(bytes.len());
        let mut units = Vec::with_capacity(bytes.len());
        let (mut seq, mut token, mut unit) = (Vec::new(), Vec::new(), UnitBuf::default());
        for &(a, b) in &bytes {
            let piece = text.get(a..b).ok_or_else(|| crate::bad_span(a, b))?;
            let chars = crate::lock(&crate::CHARS);
            if !crate::read_chars(piece, &chars, &mut seq) {
                return Ok(None); // learn_chars saw every character: not reached
            }
            unit.clear();
            let count = self.tokens(py, &seq, &mut unit, &mut token)?;
            if count == 0 {
                // A unit without words ("***", "—") is compared by its normalized characters instead.
                let (key, facts) = Self::ask(py, &self.wordless, piece)?;
                unit.push(&key, facts);
            }
            // `text[end - 1]` of the reference (the last character when the span ends at 0)
            let last = if b > 0 { text[..b].chars().next_back() } else { text.chars().next_back() };
            headings.push(count <= self.heading_max && !last.is_some_and(|c| self.sentence_end.contains(&c)));
            counts.push(count);
            keys.push(PyString::new(py, &unit.joined).unbind());
            let slices: Vec<&str> = unit.bounds.iter().map(|&(s, e)| &unit.joined[s..e]).collect();
            let mut content = unit.stems.clone();
            content.sort_unstable();
            content.dedup();
            units.push(scorer::Unit::new(&slices, unit.digits.clone(), unit.has_digit, content));
            stems.push(std::mem::take(&mut unit.stems));
        }
        let inner = candidates::TextIndex::from_ids(stems.clone());
        let index = Py::new(py, crate::TextIndex { inner, units: Some(units) })?;
        let prepared = Py::new(py, PreparedText { index, stems })?;
        Ok(Some((prepared, keys, counts, headings)))
    }
}

/// The spans (code point offsets, within the text) as byte offsets into `text`, in one walk when
/// they come in reading order without overlapping (as the segmenter gives them), else None.
fn byte_offsets(text: &str, spans: &[(usize, usize)]) -> Option<Vec<(usize, usize)>> {
    let bytes = text.as_bytes();
    let (mut cp, mut pos) = (0usize, 0usize);
    let mut to = |target: usize| -> Option<usize> {
        if target < cp {
            return None;
        }
        while cp < target {
            pos += 1;
            while pos < bytes.len() && (bytes[pos] & 0xC0) == 0x80 {
                pos += 1; // a continuation byte
            }
            cp += 1;
        }
        Some(pos)
    };
    spans.iter().map(|&(a, b)| Some((to(a)?, to(b)?))).collect()
}

/// One text as `Preparer.prepare` left it: its `TextIndex` (whose units keep each unit's word
/// keys) and each unit's content stems in order (interned), from which a unit's profile is made
/// when a Python pass asks for it (`keys`, `stems`).
#[pyclass(frozen, module = "articlediff_native", name = "PreparedText")]
pub struct PreparedText {
    index: Py<crate::TextIndex>,
    stems: Vec<Vec<u32>>,
}

impl PreparedText {
    fn out_of_range(&self, n: usize) -> PyErr {
        pyo3::exceptions::PyIndexError::new_err(format!("unit {n}: the text has {} units", self.stems.len()))
    }
}

#[pymethods]
impl PreparedText {
    /// The text's half of the native blocking index (`TextIndex`, with its units' keys).
    #[getter]
    fn index(&self, py: Python<'_>) -> Py<crate::TextIndex> {
        self.index.clone_ref(py)
    }

    /// Unit `n`'s word keys, in reading order (`Profile.keys`).
    fn keys<'py>(&self, py: Python<'py>, n: usize) -> PyResult<Bound<'py, PyTuple>> {
        let units = self.index.get().units.as_deref().unwrap_or(&[]);
        let unit = units.get(n).ok_or_else(|| self.out_of_range(n))?;
        PyTuple::new(py, unit.keys().collect::<Vec<&str>>())
    }

    /// Unit `n`'s content stems, in order, repeats kept (`Profile._stems`).
    fn stems(&self, n: usize) -> PyResult<Vec<String>> {
        let stems = self.stems.get(n).ok_or_else(|| self.out_of_range(n))?;
        let interner = crate::stems();
        Ok(stems.iter().map(|&id| interner.spelling(id).to_owned()).collect())
    }

    fn __len__(&self) -> usize {
        self.stems.len()
    }
}
