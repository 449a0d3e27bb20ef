//! Native kernels of articlediff, exposed to Python as the module `articlediff_native` (the
//! distribution `articlediff-native`, built from this folder by maturin).
//!
//! Each kernel computes exactly what its pure-Python reference computes (named in its doc
//! comment); the Python package uses it when this module is importable and `ARTICLEDIFF_PURE`
//! is not set. Property tests in `tests/test_native.py` compare the two on generated and corpus text.

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyString, PyTuple};
use rustc_hash::FxHashMap as HashMap;
use std::sync::{LazyLock, Mutex, MutexGuard};

/// mimalloc serves the kernels' many small, short-lived allocations (keys, views, groups, result
/// rows) faster than the system allocator: 20.2 M -> 11.8 M callgrind instructions a fresh seed
/// compare, and about 1.13x the speed (alternating runs). Not under the fuzzer, whose sanitizer
/// watches the system allocator.
#[cfg(not(fuzzing))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod align;
pub mod assemble;
pub mod boilerplate;
pub mod candidates;
pub mod credits;
pub mod embed;
pub mod figures;
pub mod flags;
pub mod matcher;
pub mod order;
pub mod pair;
pub mod passes;
pub mod prep;
pub mod quotemarks;
pub mod quotes;
pub mod scorer;
pub mod segment;
pub mod semantic;
pub mod sketch;
pub mod stage;
pub mod words;

/// `difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()` for two lists of strings,
/// with each tag as a small integer (0 equal, 1 replace, 2 delete, 3 insert).
#[pyfunction]
fn opcodes(a: Vec<String>, b: Vec<String>) -> Vec<(u8, usize, usize, usize, usize)> {
    let (ia, ib) = matcher::intern(&a, &b);
    matcher::opcodes(&ia, &ib).into_iter().map(|op| (op.tag as u8, op.i1, op.i2, op.j1, op.j2)).collect()
}

/// One word-diff opcode as Python gets it: its tag, its left and its right character range.
type DiffOp = (u8, (usize, usize), (usize, usize));

/// `diff(a, a_offsets, b, b_offsets)` of `articlediff/worddiff.py`: difflib's opcodes over the word
/// keys `a` and `b`, each as `(tag, left range, right range)` in characters (the tags as in
/// `opcodes`); `None` unless each key list has one offset per key (the reference decides then).
#[pyfunction]
fn diff_spans(
    a: Vec<PyBackedStr>,
    a_offsets: Vec<(usize, usize)>,
    b: Vec<PyBackedStr>,
    b_offsets: Vec<(usize, usize)>,
) -> Option<Vec<DiffOp>> {
    if a.len() != a_offsets.len() || b.len() != b_offsets.len() {
        return None;
    }
    use assemble::span; // `_span` of worddiff.py
    let (ia, ib) = matcher::intern(&a, &b);
    Some(
        matcher::opcodes(&ia, &ib)
            .into_iter()
            .map(|op| (op.tag as u8, span(&a_offsets, op.i1, op.i2), span(&b_offsets, op.j1, op.j2)))
            .collect(),
    )
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
    sentences.iter().map(|stems| stems.try_iter()?.map(|stem| stem?.extract::<PyBackedStr>()).collect()).collect()
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
static STEMS: LazyLock<Mutex<candidates::Interner>> = LazyLock::new(Default::default);

fn stems() -> MutexGuard<'static, candidates::Interner> {
    lock(&STEMS)
}

fn lock<T>(mutex: &'static Mutex<T>) -> MutexGuard<'static, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// One text's half of the aligner's blocking index (`candidates::TextIndex`): built once per
/// prepared text from its sentences' content stems, then used by `propose_indexed` with any other.
/// Given its sentences' word keys as well (`keys`: each sentence's keys in reading order,
/// `digit_keys`: those of them whose first character is a digit, `has_digit`: whether the
/// sentence's text holds a digit), it also holds what `PairScorer` scores them by.
#[pyclass(frozen, module = "articlediff_native", name = "TextIndex")]
pub struct TextIndex {
    inner: candidates::TextIndex,
    pub(crate) units: Option<Vec<scorer::Unit>>,
}

#[pymethods]
impl TextIndex {
    #[new]
    #[pyo3(signature = (sentences, keys=None, digit_keys=None, has_digit=None))]
    fn new(
        sentences: Vec<Bound<'_, PyAny>>,
        keys: Option<Vec<Bound<'_, PyAny>>>,
        digit_keys: Option<Vec<Bound<'_, PyAny>>>,
        has_digit: Option<Vec<bool>>,
    ) -> PyResult<Self> {
        let read = read_sentences(&sentences)?;
        let mut interner = stems();
        let inner = candidates::TextIndex::new(&read, &mut interner);
        let units = match (keys, digit_keys, has_digit) {
            (None, None, None) => None,
            (Some(keys), Some(digits), Some(has_digit))
                if keys.len() == inner.content.len() && digits.len() == keys.len() && has_digit.len() == keys.len() =>
            {
                let (keys, digits) = (read_sentences(&keys)?, read_sentences(&digits)?);
                let units = keys
                    .iter()
                    .zip(&digits)
                    .zip(&has_digit)
                    .zip(&inner.content)
                    .map(|(((keys, digits), &has), local)| {
                        let digits = digits.iter().map(|k| interner.id(k)).collect();
                        let content = local.iter().map(|&l| inner.stems[l as usize]).collect();
                        scorer::Unit::new(keys, digits, has, content)
                    })
                    .collect();
                Some(units)
            }
            _ => {
                return Err(pyo3::exceptions::PyValueError::new_err(
                    "keys, digit_keys and has_digit go together, one entry for every sentence",
                ))
            }
        };
        Ok(TextIndex { inner, units })
    }

    fn __len__(&self) -> usize {
        self.inner.content.len()
    }

    fn __repr__(&self) -> String {
        format!("<TextIndex {} sentences, {} stems>", self.inner.content.len(), self.inner.stems.len())
    }
}

/// The scoring methods of `Candidates` (`articlediff/align/candidates.py`) without embeddings, for
/// two texts' `TextIndex`es built with their keys: `score` (`pair_score`, `profile.score` of the
/// two sentences), `scores` (of many pairs), `evidence` (`pair_evidence`), `groups_score` and
/// `join_gain`. `by_count` is `candidates._by_count` of the two texts' sentences, `model` the
/// similarity model's four weights and its bias.
#[pyclass(frozen, module = "articlediff_native", name = "PairScorer")]
struct PairScorer {
    sides: [Py<TextIndex>; 2],
    by_count: Vec<f64>,
    weight: [Vec<f64>; 2],
    model: scorer::Model,
}

impl PairScorer {
    fn pair(&self) -> scorer::Pair<'_> {
        let (l, r) = (self.sides[0].get(), self.sides[1].get());
        let (ul, ur) = (l.units.as_deref().unwrap_or(&[]), r.units.as_deref().unwrap_or(&[]));
        scorer::Pair {
            units: [ul, ur],
            local: [&l.inner.content, &r.inner.content],
            weight: [&self.weight[0], &self.weight[1]],
            model: &self.model,
        }
    }

    fn links(&self, groups: Vec<(Vec<usize>, Vec<usize>)>) -> PyResult<passes::Links> {
        let sizes = [self.sides[0].get().inner.content.len(), self.sides[1].get().inner.content.len()];
        passes::Links::new(groups, sizes).ok_or_else(|| {
            pyo3::exceptions::PyValueError::new_err(
                "groups must hold sentences of both sides, each sentence in one group at most",
            )
        })
    }

    fn check(&self, s: usize, ids: &[usize]) -> PyResult<()> {
        let len = self.sides[s].get().inner.content.len();
        match ids.iter().find(|&&n| n >= len) {
            Some(n) => Err(pyo3::exceptions::PyIndexError::new_err(format!(
                "sentence {n} of side {s}: that side has {len} sentences"
            ))),
            None => Ok(()),
        }
    }
}

#[pymethods]
impl PairScorer {
    #[new]
    fn new(
        left: Bound<'_, TextIndex>,
        right: Bound<'_, TextIndex>,
        by_count: Vec<f64>,
        model: [f64; 5],
    ) -> PyResult<Self> {
        let (l, r) = (left.get(), right.get());
        if l.units.is_none() || r.units.is_none() {
            return Err(pyo3::exceptions::PyValueError::new_err(
                "PairScorer needs TextIndexes built with their sentences' keys",
            ));
        }
        check_weights(&l.inner, &r.inner, &by_count)?;
        let weigh = |mine: &candidates::TextIndex, theirs: &candidates::TextIndex| -> Vec<f64> {
            mine.stems
                .iter()
                .zip(&mine.postings)
                .map(|(g, hits)| {
                    let also = theirs.stems.binary_search(g).map_or(0, |p| theirs.postings[p].len());
                    by_count[hits.len() + also]
                })
                .collect()
        };
        let weight = [weigh(&l.inner, &r.inner), weigh(&r.inner, &l.inner)];
        Ok(PairScorer { sides: [left.unbind(), right.unbind()], by_count, weight, model })
    }

    fn score(&self, i: usize, j: usize) -> PyResult<f64> {
        self.check(0, &[i])?;
        self.check(1, &[j])?;
        Ok(self.pair().score(i, j))
    }

    fn scores(&self, pairs: Vec<(usize, usize)>) -> PyResult<Vec<f64>> {
        let pair = self.pair();
        pairs
            .iter()
            .map(|&(i, j)| {
                self.check(0, &[i])?;
                self.check(1, &[j])?;
                Ok(pair.score(i, j))
            })
            .collect()
    }

    /// The summed weight of the content stems of sentence `n` of side `s` (`Candidates.weight`).
    fn weight(&self, s: usize, n: usize) -> PyResult<f64> {
        if s > 1 {
            return Err(pyo3::exceptions::PyValueError::new_err(format!("side {s}: 0 (left) or 1 (right)")));
        }
        self.check(s, &[n])?;
        Ok(self.pair().weight_in(s, n, None))
    }

    fn evidence(&self, i: usize, j: usize) -> PyResult<f64> {
        self.check(0, &[i])?;
        self.check(1, &[j])?;
        Ok(self.pair().evidence(i, j))
    }

    fn groups_score(&self, lids: Vec<usize>, rids: Vec<usize>) -> PyResult<f64> {
        self.check(0, &lids)?;
        self.check(1, &rids)?;
        if lids.is_empty() || rids.is_empty() {
            return Err(pyo3::exceptions::PyValueError::new_err("a group has sentences on both sides"));
        }
        Ok(self.pair().groups_score(&lids, &rids))
    }

    #[allow(clippy::too_many_arguments)]
    #[pyo3(signature = (s, n, lids, rids, need, share, fusion, vouched = false))]
    fn join_gain(
        &self,
        s: usize,
        n: usize,
        lids: Vec<usize>,
        rids: Vec<usize>,
        need: f64,
        share: f64,
        fusion: f64,
        vouched: bool,
    ) -> PyResult<Option<f64>> {
        if s > 1 {
            return Err(pyo3::exceptions::PyValueError::new_err(format!("side {s}: 0 (left) or 1 (right)")));
        }
        self.check(s, &[n])?;
        self.check(0, &lids)?;
        self.check(1, &rids)?;
        if lids.is_empty() || rids.is_empty() {
            return Err(pyo3::exceptions::PyValueError::new_err("a group has sentences on both sides"));
        }
        Ok(self.pair().join_gain_vouched(s, n, [&lids, &rids], need, share, fusion, vouched))
    }

    /// `grow` of `articlediff/align/joins.py` on `groups` (`Links.groups`): the joins it makes, in
    /// order, as `(side, sentence, group id)`. `pairs` are the candidate pairs (`Candidates.scores`).
    #[allow(clippy::too_many_arguments)]
    #[pyo3(signature = (pairs, groups, need, share, against, fusion, max_group, max_gap))]
    fn grow(
        &self,
        pairs: Vec<(usize, usize)>,
        groups: Vec<(Vec<usize>, Vec<usize>)>,
        need: f64,
        share: f64,
        against: Option<f64>,
        fusion: f64,
        max_group: usize,
        max_gap: usize,
    ) -> PyResult<Vec<passes::Join>> {
        for &(i, j) in &pairs {
            self.check(0, &[i])?;
            self.check(1, &[j])?;
        }
        let mut links = self.links(groups)?;
        let pair = self.pair();
        let mut gains = passes::Gains::new(&pair, fusion, max_group);
        Ok(passes::grow(&mut gains, &pairs, &mut links, (need, share, against), max_gap))
    }

    /// `_align` of `articlediff/align/__init__.py` without embeddings, for the two texts in this
    /// order (already canonical): the groups as `(left ids, right ids, similarity)`, each side's
    /// best similarities and whether the texts tell one story (see `align::align`). `settings`
    /// maps the names of `align::Settings` to the options' and the modules' values.
    #[pyo3(signature = (headings_left, headings_right, settings, semantic=None))]
    fn align<'py>(
        &self,
        py: Python<'py>,
        headings_left: Vec<bool>,
        headings_right: Vec<bool>,
        settings: align::Settings,
        semantic: Option<SemanticArgs>,
    ) -> PyResult<AlignOut<'py>> {
        let (l, r) = (&self.sides[0].get().inner, &self.sides[1].get().inner);
        if headings_left.len() != l.content.len() || headings_right.len() != r.content.len() {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "headings for {} and {} units; the texts have {} and {} sentences",
                headings_left.len(),
                headings_right.len(),
                l.content.len(),
                r.content.len()
            )));
        }
        let sem = match semantic {
            Some((left, dim_l, right, dim_r, evidence)) => {
                let floats = |b: &[u8]| -> Vec<f32> {
                    b.chunks_exact(4).map(|c| f32::from_ne_bytes([c[0], c[1], c[2], c[3]])).collect()
                };
                let sizes = [l.content.len(), r.content.len()];
                let got = semantic::Semantic::new([floats(&left), floats(&right)], sizes, [dim_l, dim_r], evidence);
                Some(got.map_err(|e| pyo3::exceptions::PyValueError::new_err(format!("sentence vectors: {e}")))?)
            }
            None => None,
        };
        let pair = self.pair();
        let heads = [headings_left.as_slice(), headings_right.as_slice()];
        let (groups, [best_l, best_r], related) =
            align::align(&pair, [l, r], &stems(), &self.by_count, heads, &settings, sem.as_ref());
        let ids = |v: Vec<usize>| PyTuple::new(py, v).map(assemble::atoms);
        let groups = groups.into_iter().map(|(l, r, s)| Ok((ids(l)?, ids(r)?, s))).collect::<PyResult<Vec<_>>>()?;
        Ok((groups, best_l, best_r, related))
    }

    /// `grow_in_gaps` of `articlediff/align/gaps.py` on `groups`: the joins it makes, as `grow`.
    #[allow(clippy::too_many_arguments)]
    fn grow_in_gaps(
        &self,
        groups: Vec<(Vec<usize>, Vec<usize>)>,
        need: f64,
        share: f64,
        fusion: f64,
        max_group: usize,
        max_gap: usize,
    ) -> PyResult<Vec<passes::Join>> {
        let mut links = self.links(groups)?;
        let pair = self.pair();
        let mut gains = passes::Gains::new(&pair, fusion, max_group);
        Ok(passes::grow_in_gaps(&mut gains, &mut links, need, share, max_gap))
    }
}

/// What `PairScorer.align` returns: the groups, the best similarities of each side, the story verdict.
/// Both sides' sentence vectors for `PairScorer.align`: each side's float32 rows as bytes and their
/// dimension, and `Options.embedding_evidence`.
type SemanticArgs = (pyo3::pybacked::PyBackedBytes, usize, pyo3::pybacked::PyBackedBytes, usize, f64);
type AlignOut<'py> = (Vec<(Bound<'py, PyTuple>, Bound<'py, PyTuple>, f64)>, Vec<f64>, Vec<f64>, bool);

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

/// What the reference's lowercasing and character classes make of each non-ASCII character seen so
/// far (`None`: a character the kernel leaves to the reference), as Python's `info` callback said.
/// `seq` set to the characters of `piece` as the tokenizer reads them, non-ASCII ones from
/// `chars` (what `learn_chars` found); false if one is not there (the caller declines).
pub(crate) fn read_chars(piece: &str, chars: &HashMap<char, Option<words::Char>>, seq: &mut Vec<words::Char>) -> bool {
    seq.clear();
    if piece.is_ascii() {
        seq.extend(piece.bytes().map(words::Char::ascii));
        return true;
    }
    for c in piece.chars() {
        seq.push(if c.is_ascii() {
            words::Char::ascii(c as u8)
        } else {
            match chars.get(&c) {
                Some(Some(ch)) => *ch,
                _ => return false,
            }
        });
    }
    true
}

static CHARS: LazyLock<Mutex<HashMap<char, Option<words::Char>>>> = LazyLock::new(Default::default);

/// The keys of ASCII tokens made so far (one Python string each, shared by every text).
static KEYS: LazyLock<Mutex<KeyCache>> = LazyLock::new(Default::default);

/// An ASCII key's bytes -> its Python string.
type KeyCache = HashMap<Box<[u8]>, Py<PyString>>;

/// Most ASCII keys kept (as the reference's key cache: a long batch cannot grow it without end).
const KEYS_MAX: usize = 200_000;

/// `keys(text, spans)` of `articlediff/normalize.py`: the word keys of each `(start, end)` span of
/// `text` (offsets in code points). `info(c)` gives, for a non-ASCII character `c`, `None` (the
/// kernel cannot decide for it: the result is then `None` and the caller runs the reference) or
/// `(c.lower(), flags)` with the classes of `words`; `key(token)` gives the key of a lowercased
/// token that is not ASCII (the reference's cached `word_key`). ASCII tokens are keyed here.
#[pyfunction]
fn keys(
    py: Python<'_>,
    text: &Bound<'_, PyString>,
    spans: Vec<(usize, usize)>,
    key: &Bound<'_, PyAny>,
    info: &Bound<'_, PyAny>,
) -> PyResult<Option<Vec<Vec<Py<PyAny>>>>> {
    let text = text.to_str()?;
    let ascii = text.is_ascii();
    // as slicing does: offsets past the end stop at the end, a span that ends before it starts is empty
    let n = if ascii { text.len() } else { text.chars().count() };
    let spans: Vec<(usize, usize)> = spans.into_iter().map(|(a, b)| (a.min(n), b.min(n).max(a.min(n)))).collect();
    let bytes = if ascii { spans.clone() } else { byte_spans(text, &spans)? };
    if !ascii && !learn_chars(text, &bytes, info)? {
        return Ok(None);
    }
    enum Tok {
        Done(Py<PyAny>),
        Pending(String),
    }
    let mut out: Vec<Vec<Tok>> = Vec::with_capacity(spans.len());
    {
        let chars = lock(&CHARS);
        let mut cache = lock(&KEYS);
        let mut seq: Vec<words::Char> = Vec::new();
        let mut token = Vec::new();
        for &(a, b) in &bytes {
            let piece = text.get(a..b).ok_or_else(|| bad_span(a, b))?;
            if !read_chars(piece, &chars, &mut seq) {
                return Ok(None); // learn_chars saw every character: not reached
            }
            let mut row = Vec::new();
            for (s, e) in words::tokens(&seq) {
                let part = &seq[s..e];
                if part.iter().all(|c| c.lower.is_ascii()) {
                    token.clear();
                    token.extend(part.iter().map(|c| c.lower as u8));
                    let k = words::ascii_key(&token);
                    let got = match cache.get(&*k) {
                        Some(obj) => obj.clone_ref(py),
                        None => {
                            if cache.len() >= KEYS_MAX {
                                cache.clear();
                            }
                            // ASCII bytes: valid UTF-8
                            let obj = PyString::new(py, std::str::from_utf8(&k).unwrap_or_default()).unbind();
                            cache.insert(k.into_owned().into_boxed_slice(), obj.clone_ref(py));
                            obj
                        }
                    };
                    row.push(Tok::Done(got.into_any()));
                } else {
                    row.push(Tok::Pending(part.iter().map(|c| c.lower).collect()));
                }
            }
            out.push(row);
        }
    }
    let mut result = Vec::with_capacity(out.len());
    for row in out {
        let mut keys = Vec::with_capacity(row.len());
        for tok in row {
            keys.push(match tok {
                Tok::Done(obj) => obj,
                Tok::Pending(token) => key.call1((token,))?.unbind(),
            });
        }
        result.push(keys);
    }
    Ok(Some(result))
}

fn bad_span(a: usize, b: usize) -> PyErr {
    pyo3::exceptions::PyValueError::new_err(format!("span ({a}, {b}) is not within the text"))
}

/// The spans of `spans` (code point offsets) as byte offsets into `text` (one pass over the text).
fn byte_spans(text: &str, spans: &[(usize, usize)]) -> PyResult<Vec<(usize, usize)>> {
    let mut marks: Vec<usize> = spans.iter().flat_map(|&(a, b)| [a, b]).collect();
    marks.sort_unstable();
    marks.dedup();
    let mut at = HashMap::with_capacity_and_hasher(marks.len(), Default::default());
    let mut want = marks.iter().peekable();
    for (n, (byte, _)) in text.char_indices().chain(std::iter::once((text.len(), ' '))).enumerate() {
        while want.peek() == Some(&&n) {
            at.insert(n, byte);
            want.next();
        }
        if want.peek().is_none() {
            break;
        }
    }
    spans
        .iter()
        .map(|&(a, b)| match (at.get(&a), at.get(&b)) {
            (Some(&x), Some(&y)) if a <= b => Ok((x, y)),
            _ => Err(bad_span(a, b)),
        })
        .collect()
}

/// Ask `info` about every non-ASCII character of the spans not seen before; false if one of them
/// is left to the reference.
fn learn_chars(text: &str, bytes: &[(usize, usize)], info: &Bound<'_, PyAny>) -> PyResult<bool> {
    let mut unknown: Vec<char> = Vec::new();
    {
        let chars = lock(&CHARS);
        for &(a, b) in bytes {
            let piece = text.get(a..b).ok_or_else(|| bad_span(a, b))?;
            for c in piece.chars().filter(|c| !c.is_ascii()) {
                match chars.get(&c) {
                    Some(None) => return Ok(false),
                    Some(Some(_)) => {}
                    None => unknown.push(c),
                }
            }
        }
    }
    if unknown.is_empty() {
        return Ok(true);
    }
    unknown.sort_unstable();
    unknown.dedup();
    let mut learned = Vec::with_capacity(unknown.len());
    for c in unknown {
        let got: Option<(String, u8)> = info.call1((c.to_string(),))?.extract()?;
        let ch = match got {
            Some((lower, flags)) => {
                let mut it = lower.chars();
                match (it.next(), it.next()) {
                    (Some(l), None) => Some(words::Char { lower: l, flags }),
                    _ => None,
                }
            }
            None => None,
        };
        learned.push((c, ch));
    }
    let mut chars = lock(&CHARS);
    let ok = learned.iter().all(|(_, ch)| ch.is_some());
    chars.extend(learned);
    Ok(ok)
}

/// `spans(text, a, b)` of `articlediff/normalize.py` where `piece` is `text[a:b]` and `base` is `a`:
/// the `(start, end)` of each word in `text`, or `None` unless every character of the piece is
/// plain (`flags::is_plain`: ASCII and `’ ‘ “ ” – — …`, whose classes the kernel knows without asking
/// Python; the caller runs the reference on anything else).
#[pyfunction]
fn word_spans(piece: &Bound<'_, PyString>, base: usize) -> Option<Vec<(usize, usize)>> {
    let text = piece.to_str().ok()?;
    let mut seq = Vec::with_capacity(text.len());
    for c in text.chars() {
        seq.push(match c {
            c if c.is_ascii() => words::Char::ascii(c as u8),
            c if flags::is_plain(c) => words::Char { lower: c, flags: 0 },
            _ => return None,
        });
    }
    Some(words::tokens(&seq).into_iter().map(|(a, b)| (a + base, b + base)).collect())
}

/// MinHash signatures of word key lists (`sketch::Hasher`): the batch layer's blocking.
#[pyclass(frozen, module = "articlediff_native", name = "Hasher")]
struct Hasher {
    inner: sketch::Hasher,
}

#[pymethods]
impl Hasher {
    #[new]
    fn new(stopwords: Vec<String>, size: usize, a: Vec<u32>, b: Vec<u32>) -> PyResult<Self> {
        if a.len() != b.len() || a.is_empty() {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "a and b must be permutations of the same non-zero length, got {} and {}",
                a.len(),
                b.len()
            )));
        }
        Ok(Hasher { inner: sketch::Hasher::new(stopwords.into_iter().collect(), size, a, b) })
    }

    /// The signature of the shingles of `keys`, or None when there is none (no words).
    fn signature(&self, keys: Vec<PyBackedStr>) -> Option<Vec<u32>> {
        self.inner.signature(&keys)
    }
}

/// The banded LSH tables of the originals' signatures (`sketch::Bands`).
#[pyclass(module = "articlediff_native", name = "Bands")]
struct Bands {
    inner: sketch::Bands,
}

#[pymethods]
impl Bands {
    #[new]
    fn new(bands: usize, rows: usize) -> Self {
        Bands { inner: sketch::Bands::new(bands, rows) }
    }

    /// Add the next original's signature (numbered in order of insertion).
    fn insert(&mut self, signature: Vec<u32>) -> PyResult<()> {
        self.check(&signature)?;
        self.inner.insert(signature);
        Ok(())
    }

    /// `(original, agreeing positions)` for every original sharing a band with `signature`, ascending.
    fn query(&self, signature: Vec<u32>) -> PyResult<Vec<(usize, usize)>> {
        self.check(&signature)?;
        Ok(self.inner.query(&signature))
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }
}

impl Bands {
    fn check(&self, signature: &[u32]) -> PyResult<()> {
        if self.inner.fits(signature) {
            return Ok(());
        }
        Err(pyo3::exceptions::PyValueError::new_err(format!(
            "a signature of {} values is too short for these bands",
            signature.len()
        )))
    }
}

/// The Snowball English stem of `word` (the `rust-stemmers` crate), as NLTK's `SnowballStemmer("english")`
/// gives it for a lowercase ASCII word that `profile._NLTK_ONLY` lets through (the two differ where
/// a suffix is replaced and the R1/R2 regions are carried over: the caller hands those to NLTK).
#[pyfunction]
fn snowball(word: &str) -> String {
    static STEMMER: LazyLock<rust_stemmers::Stemmer> =
        LazyLock::new(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English));
    STEMMER.stem(word).into_owned()
}

#[pymodule]
fn articlediff_native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(opcodes, m)?)?;
    m.add_function(wrap_pyfunction!(diff_spans, m)?)?;
    m.add_function(wrap_pyfunction!(propose, m)?)?;
    m.add_function(wrap_pyfunction!(propose_indexed, m)?)?;
    m.add_class::<TextIndex>()?;
    m.add_class::<PairScorer>()?;
    m.add_function(wrap_pyfunction!(keys, m)?)?;
    m.add_class::<Hasher>()?;
    m.add_class::<Bands>()?;
    m.add_function(wrap_pyfunction!(snowball, m)?)?;
    m.add_class::<flags::FlagScanner>()?;
    m.add_class::<pair::PairFlagger>()?;
    m.add_function(wrap_pyfunction!(word_spans, m)?)?;
    m.add_class::<quotes::QuotePostings>()?;
    m.add_class::<quotes::QuoteFlagger>()?;
    m.add_class::<stage::FlagText>()?;
    m.add_class::<stage::StageFlagger>()?;
    m.add_class::<credits::CreditTable>()?;
    m.add_class::<boilerplate::Boilerplate>()?;
    m.add_class::<segment::Segmenter>()?;
    m.add_class::<prep::Preparer>()?;
    m.add_class::<embed::StaticEmbedder>()?;
    m.add_function(wrap_pyfunction!(figures::figures, m)?)?;
    m.add_function(wrap_pyfunction!(order::shared_run, m)?)?;
    m.add_function(wrap_pyfunction!(order::shared_gaps, m)?)?;
    assemble::register(m)?;
    Ok(())
}
