//! The change flags of a whole comparison in one call: the group loop of `_flags` in
//! `articlediff/signals/stage.py` (the reference), on each text's [`FlagText`] (what is found in
//! one text alone, kept with it: its quotations and where its code points sit in its UTF-8 form).
//!
//! For each group [`StageFlagger::flags`] gives its flags as `(kind, message, left span, right
//! span)` rows, an empty list when the group has no counterpart or its sentences read the same,
//! or `None` when the kernel does not decide for it (a sentence that is not plain, a span outside
//! the text): Python then runs the reference on that group alone.

use crate::pair::{sentence, PairFlagger, Row, Sentence, Span};
use crate::quotemarks;
use pyo3::exceptions::PyIndexError;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;

/// Code points between two kept byte offsets of a [`FlagText`].
const STRIDE: usize = 64;

/// One text as the flags read it: the text, its quotations, and the byte offset of every
/// [`STRIDE`]th code point (nothing for ASCII).
#[pyclass(frozen, module = "articlediff_native", name = "FlagText")]
pub struct FlagText {
    text: PyBackedStr,
    /// Code points.
    len: usize,
    marks: Vec<usize>,
    quotes: Option<Vec<Span>>,
}

impl FlagText {
    /// The byte offset of code point `i` (at most `len`).
    pub(crate) fn byte(&self, i: usize) -> usize {
        if self.marks.is_empty() {
            return i;
        }
        let mut p = self.marks[i / STRIDE];
        let bytes = self.text.as_bytes();
        for _ in 0..i % STRIDE {
            p += match bytes[p] {
                0..0x80 => 1,
                0xe0..0xf0 => 3,
                0xf0.. => 4,
                _ => 2,
            };
        }
        p
    }

    /// The text.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// The text's length in code points.
    pub(crate) fn code_points(&self) -> usize {
        self.len
    }

    /// The text's quotations (see [`FlagText::quotations`]), `None` when they are not known.
    pub(crate) fn quotes(&self) -> Option<&[Span]> {
        self.quotes.as_deref()
    }

    /// `text[a:b]` for `0 <= a <= b <= len`.
    pub(crate) fn piece(&self, a: usize, b: usize) -> &str {
        &self.text[self.byte(a)..self.byte(b)]
    }

    /// The group's sentences, or `None` if one is not plain or its span is not within the text.
    fn sentences(&self, spans: &[Span]) -> Option<Vec<Sentence<'_>>> {
        spans
            .iter()
            .map(|&(a, b)| (a < b && b <= self.len).then(|| sentence(self.piece(a.saturating_sub(2), b), a, b))?)
            .collect()
    }
}

#[pymethods]
impl FlagText {
    /// `quotations` are the text's, when the kernel does not find them itself (see
    /// [`FlagText::quotations`]).
    #[new]
    #[pyo3(signature = (text, quotations = None))]
    fn new(text: PyBackedStr, quotations: Option<Vec<Span>>) -> Self {
        let (mut len, mut marks) = (0, Vec::new());
        let ascii = text.is_ascii();
        let chars: Vec<char> = if quotations.is_none() || !ascii { text.chars().collect() } else { Vec::new() };
        if ascii {
            len = text.len();
        } else {
            marks.reserve(chars.len() / STRIDE + 1);
            for (n, (p, _)) in text.char_indices().enumerate() {
                if n % STRIDE == 0 {
                    marks.push(p);
                }
                len = n + 1;
            }
            if len % STRIDE == 0 {
                marks.push(text.len());
            }
        }
        let quotes = quotations.or_else(|| quotemarks::quotations(&chars));
        FlagText { text, len, marks, quotes }
    }

    /// `python_quotations(text)`, or `None` when the kernel does not decide for this text.
    #[getter]
    fn quotations(&self) -> Option<Vec<Span>> {
        self.quotes.clone()
    }

    fn __len__(&self) -> usize {
        self.len
    }
}

/// `_touching` of `stage.py`: the quotations (sorted, not overlapping) that overlap any of `spans`.
fn touching(quotes: &[Span], spans: &[Span]) -> Vec<Span> {
    let lo = spans.iter().map(|s| s.0).min().unwrap_or(0);
    let hi = spans.iter().map(|s| s.1).max().unwrap_or(0);
    let first = quotes.partition_point(|q| q.0 < lo).saturating_sub(1);
    let last = quotes.partition_point(|q| q.0 < hi).max(first);
    quotes[first..last].iter().copied().filter(|q| q.1 > lo).collect()
}

/// The flags of every group of a comparison, given once the reference's word lists.
#[pyclass(frozen, module = "articlediff_native", name = "StageFlagger")]
pub struct StageFlagger {
    flagger: Py<PairFlagger>,
}

#[pymethods]
impl StageFlagger {
    /// The stage over `flagger`, the group flagger built from the reference's lists.
    #[new]
    fn new(flagger: Py<PairFlagger>) -> Self {
        StageFlagger { flagger }
    }

    /// Each group's number, name and attribution flags (`(left sentences, right sentences)` by
    /// index into the spans), or `None` for a group the kernel does not decide; `None` for all if a
    /// text's quotations are not known.
    fn flags(
        &self,
        left: PyRef<'_, FlagText>,
        right: PyRef<'_, FlagText>,
        left_spans: Vec<Span>,
        right_spans: Vec<Span>,
        groups: Vec<(Vec<usize>, Vec<usize>)>,
    ) -> PyResult<Option<Vec<Option<Vec<Row>>>>> {
        let (Some(lq), Some(rq)) = (&left.quotes, &right.quotes) else { return Ok(None) };
        let pick = |spans: &[Span], ids: &[usize]| -> PyResult<Vec<Span>> {
            ids.iter()
                .map(|&i| spans.get(i).copied().ok_or_else(|| PyIndexError::new_err("list index out of range")))
                .collect()
        };
        let mut out = Vec::with_capacity(groups.len());
        for (li, ri) in &groups {
            let (ls, rs) = (pick(&left_spans, li)?, pick(&right_spans, ri)?);
            if ls.is_empty() || rs.is_empty() {
                out.push(Some(Vec::new()));
                continue;
            }
            let fits = |t: &FlagText, spans: &[Span]| spans.iter().all(|&(a, b)| a < b && b <= t.len);
            if !fits(&left, &ls) || !fits(&right, &rs) {
                out.push(None);
                continue;
            }
            let same = ls.len() == rs.len()
                && ls.iter().zip(&rs).all(|(&(a, b), &(c, d))| left.piece(a, b) == right.piece(c, d));
            if same {
                out.push(Some(Vec::new()));
                continue;
            }
            let got = match (left.sentences(&ls), right.sentences(&rs)) {
                (Some(l), Some(r)) => self.flagger.get().flag(&l, &r, &touching(lq, &ls), &touching(rq, &rs)),
                _ => None,
            };
            out.push(got);
        }
        Ok(Some(out))
    }
}
