//! Page furniture rather than story: `python_boilerplate_reason` of
//! `articlediff/signals/boilerplate.py` (the reference) for every sentence of a text in one call
//! ([`Boilerplate::reasons`]), from the reference's own patterns and word lists.
//!
//! The patterns are matched by the `regex` crate, which reads them as Python's `re` does on the
//! characters both agree about: ASCII, and any other character whose `\w`, `\d` and `\s` are the
//! same in both and which no case-insensitive pattern can match to an ASCII letter (Python's `re.I`
//! matches "ı", "İ", "ſ" and the Kelvin sign to ASCII letters, the `regex` crate only the last two,
//! so each of them is left out). Python says once what each non-ASCII character is (the `classes`
//! callback, by the same class patterns the kernel compiles) and the kernel keeps the answer; a
//! sentence holding a character they disagree about, or one that is not left out by the
//! whitespace Python's `str.split()` reads, is declined (`False`) and the caller runs the reference.
//!
//! The reference's text is its unit with each whitespace run made one space and the ends trimmed,
//! so `$` (which in Python also matches before a final newline) meets no newline, and the only
//! space the patterns' `\s` can see is " ". The promo hints are looked for in the text lowercased:
//! here case-insensitively in ASCII, the same once the characters whose lowercase holds an ASCII
//! letter ("İ", the Kelvin sign) are left out.

use crate::quotemarks::py_space;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyString};
use regex::Regex;
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::sync::{Mutex, MutexGuard};

/// What the kernel found for one sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Not furniture.
    Story,
    /// The reason's number (as `reasons` lists them: credit line, date, dateline, page chrome,
    /// byline, promo).
    Reason(usize),
    /// Left to the reference.
    Declined,
}

/// The patterns and lists of the reference, compiled once.
pub struct Rules {
    credit_line: Regex,
    date: Regex,
    dateline: Regex,
    chrome: Regex,
    chrome_strip: Vec<char>,
    byline: Regex,
    byline_words: (usize, usize),
    promo: Regex,
    hints: AhoCorasick,
    promo_words: usize,
    /// `\w`, `\d`, `\s` and "matches an ASCII character case-insensitively", as this crate reads them.
    classes: [Regex; 4],
}

fn compile(pattern: &str) -> PyResult<Regex> {
    Regex::new(pattern).map_err(|e| PyValueError::new_err(format!("{pattern:?}: {e}")))
}

/// A character of a hint that the reference's lowercase text and an ASCII-case-insensitive search
/// read alike: not an uppercase ASCII letter, and, beyond ASCII, without case.
fn caseless_hint_char(c: char) -> bool {
    if c.is_ascii() {
        !c.is_ascii_uppercase()
    } else {
        c.to_lowercase().eq(std::iter::once(c)) && c.to_uppercase().eq(std::iter::once(c))
    }
}

impl Rules {
    /// `patterns`: credit line, date, dateline, page chrome, byline and promo, each as the `regex`
    /// crate reads it (`(?i)` in front where the reference's has `re.I`); `classes`: the four
    /// class patterns the `classes` callback reads each character by.
    pub fn new(
        patterns: [&str; 6],
        chrome_strip: &str,
        byline_words: (usize, usize),
        hints: &[String],
        promo_words: usize,
        classes: [&str; 4],
    ) -> PyResult<Self> {
        if let Some(bad) = hints.iter().find(|h| h.is_empty() || !h.chars().all(caseless_hint_char)) {
            return Err(PyValueError::new_err(format!(
                "promo hint {bad:?}: the kernel reads non-empty hints in lowercase, with no cased letter beyond ASCII"
            )));
        }
        let hints = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::DFA))
            .build(hints)
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        let [credit_line, date, dateline, chrome, byline, promo] = patterns;
        let whole = |p: &str| compile(&format!("^(?:{p})$"));
        Ok(Rules {
            credit_line: compile(credit_line)?,
            date: compile(date)?,
            dateline: compile(dateline)?,
            chrome: compile(chrome)?,
            chrome_strip: chrome_strip.chars().collect(),
            byline: compile(byline)?,
            byline_words,
            promo: compile(promo)?,
            hints,
            promo_words,
            classes: [whole(classes[0])?, whole(classes[1])?, whole(classes[2])?, whole(classes[3])?],
        })
    }

    /// Whether the kernel reads non-ASCII `c` as the reference does, given the reference's
    /// `(\w, \d, \s, matches ASCII case-insensitively)` of it.
    pub fn agrees(&self, c: char, python: (bool, bool, bool, bool)) -> bool {
        let (w, d, s, fold) = python;
        if s != py_space(c) {
            return false; // str.split() and py_space would cut the text differently
        }
        if s {
            return true; // a gap: gone from the text the patterns read
        }
        let mut buf = [0u8; 4];
        let c = &*c.encode_utf8(&mut buf);
        let [rw, rd, rs, rfold] = &self.classes;
        w == rw.is_match(c) && d == rd.is_match(c) && !rs.is_match(c) && !fold && !rfold.is_match(c)
    }

    /// The reference's verdict on `unit`, every non-ASCII character of which `safe` says the
    /// kernel reads as the reference does (`false`: declined).
    pub fn reason(&self, unit: &str, heading: bool, safe: impl Fn(char) -> bool) -> Outcome {
        if !unit.is_ascii() && !unit.chars().all(|c| c.is_ascii() || safe(c)) {
            return Outcome::Declined;
        }
        let words: Vec<&str> = unit.split(py_space).filter(|w| !w.is_empty()).collect();
        if words.is_empty() {
            return Outcome::Story;
        }
        let joined = words.iter().map(|w| w.len()).sum::<usize>() + words.len() - 1;
        // `" ".join(unit.split())`: the unit itself when its gaps are already single spaces
        let text: Cow<'_, str> = if joined == unit.len() && !unit.bytes().any(|b| b != b' ' && py_space(b as char)) {
            Cow::Borrowed(unit)
        } else {
            Cow::Owned(words.join(" "))
        };
        let text = &*text;
        if self.credit_line.is_match(text) {
            return Outcome::Reason(0);
        }
        if self.date.is_match(text) {
            return Outcome::Reason(1);
        }
        if self.dateline.is_match(text) {
            return Outcome::Reason(2);
        }
        if self.chrome.is_match(text.trim_matches(|c| self.chrome_strip.contains(&c))) {
            return Outcome::Reason(3);
        }
        let n = words.len();
        let (least, most) = self.byline_words;
        if heading && least <= n && n <= most && self.byline.is_match(text) {
            let by = text.get(..3).is_some_and(|s| s.eq_ignore_ascii_case("by "));
            if by {
                return Outcome::Reason(4);
            }
            // `w[:1].isupper()` of each word: decided here for ASCII initials only
            let mut upper = true;
            for w in &words {
                let first = w.chars().next().unwrap_or(' ');
                if !first.is_ascii() {
                    return Outcome::Declined;
                }
                upper &= first.is_ascii_uppercase();
            }
            if upper {
                return Outcome::Reason(4);
            }
        }
        if n <= self.promo_words && self.hints.is_match(text) && self.promo.is_match(text) {
            return Outcome::Reason(5);
        }
        Outcome::Story
    }
}

/// `python_boilerplate_reason` of every sentence of a text, given once the reference's patterns,
/// lists, reasons and its `classes(c)` callback: `(\w, \d, \s, matches an ASCII character
/// case-insensitively)` of a non-ASCII character as Python's `re` reads it.
#[pyclass(frozen, module = "articlediff_native", name = "Boilerplate")]
pub struct Boilerplate {
    rules: Rules,
    reasons: Vec<Py<PyString>>,
    classes: Py<PyAny>,
    /// non-ASCII character -> whether the kernel reads it as the reference does
    known: Mutex<HashMap<char, bool>>,
}

impl Boilerplate {
    fn known(&self) -> MutexGuard<'_, HashMap<char, bool>> {
        self.known.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Ask Python about each non-ASCII character of `text` not seen before.
    fn learn_with(&self, py: Python<'_>, text: &str) -> PyResult<()> {
        let mut unknown: Vec<char> = {
            let known = self.known();
            text.chars().filter(|c| !c.is_ascii() && !known.contains_key(c)).collect()
        };
        if unknown.is_empty() {
            return Ok(());
        }
        unknown.sort_unstable();
        unknown.dedup();
        let classes = self.classes.bind(py);
        let mut learned = Vec::with_capacity(unknown.len());
        for c in unknown {
            let python: (bool, bool, bool, bool) = classes.call1((c.to_string(),))?.extract()?;
            learned.push((c, self.rules.agrees(c, python)));
        }
        self.known().extend(learned);
        Ok(())
    }
}

#[pymethods]
impl Boilerplate {
    /// `patterns`: the reference's credit line, date, dateline, page chrome, byline and promo
    /// patterns (`(?i)` in front where they have `re.I`); `reasons`: the six reasons they give.
    #[new]
    #[allow(clippy::too_many_arguments)]
    fn new(
        patterns: Vec<String>,
        chrome_strip: &str,
        byline_words: (usize, usize),
        promo_hints: Vec<String>,
        promo_words: usize,
        reasons: Vec<Py<PyString>>,
        class_patterns: Vec<String>,
        classes: Py<PyAny>,
    ) -> PyResult<Self> {
        let (Ok(patterns), Ok(class_patterns)) =
            (<[String; 6]>::try_from(patterns), <[String; 4]>::try_from(class_patterns))
        else {
            return Err(PyValueError::new_err("six patterns and four class patterns"));
        };
        if reasons.len() != 6 {
            return Err(PyValueError::new_err(format!("six reasons, one a pattern, not {}", reasons.len())));
        }
        let rules = Rules::new(
            patterns.each_ref().map(String::as_str),
            chrome_strip,
            byline_words,
            &promo_hints,
            promo_words,
            class_patterns.each_ref().map(String::as_str),
        )?;
        Ok(Boilerplate { rules, reasons, classes, known: Mutex::new(HashMap::default()) })
    }

    /// The reason of each `(start, end)` unit of `text` (code point offsets, as slicing reads them),
    /// `headings[n]` whether unit `n` is a heading: a reason, `None` (story) or `False` where the
    /// kernel declines (the caller runs the reference on that unit).
    fn reasons(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyString>,
        spans: Vec<(usize, usize)>,
        headings: Vec<bool>,
    ) -> PyResult<Vec<Py<PyAny>>> {
        if spans.len() != headings.len() {
            return Err(PyValueError::new_err(format!(
                "{} spans and {} headings: one heading flag a span",
                spans.len(),
                headings.len()
            )));
        }
        let text = text.to_str()?;
        let ascii = text.is_ascii();
        let n = if ascii { text.len() } else { text.chars().count() };
        // as slicing does: offsets past the end stop at the end, a span that ends before it starts is empty
        let spans: Vec<(usize, usize)> = spans.into_iter().map(|(a, b)| (a.min(n), b.min(n).max(a.min(n)))).collect();
        let bytes = if ascii { spans } else { crate::byte_spans(text, &spans)? };
        if !ascii {
            self.learn_with(py, text)?;
        }
        let known = self.known();
        let safe = |c: char| known.get(&c).copied().unwrap_or(false);
        let mut out = Vec::with_capacity(bytes.len());
        for (&(a, b), &heading) in bytes.iter().zip(&headings) {
            out.push(match self.rules.reason(&text[a..b], heading, safe) {
                Outcome::Story => py.None(),
                Outcome::Reason(k) => self.reasons[k].clone_ref(py).into_any(),
                Outcome::Declined => PyBool::new(py, false).to_owned().into_any().unbind(),
            });
        }
        Ok(out)
    }

    fn __repr__(&self) -> String {
        format!("<Boilerplate, {} characters beyond ASCII known>", self.known().len())
    }
}
