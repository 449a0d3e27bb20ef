//! Page furniture rather than story: `python_boilerplate_reason` of
//! `articlediff/signals/boilerplate.py` (the reference) for every sentence of a text in one call
//! ([`Boilerplate::reasons`]), from the reference's own patterns and word lists.
//!
//! The reference reads its unit with each whitespace run (`str.split()`: [`py_space`]) made one
//! space and the ends trimmed, so `$` (which in Python also matches before a final newline) meets
//! no newline and the only space `\s` can see is " ". The kernel matches the patterns, with the
//! `regex` crate, on an ASCII *stand-in* of that text, one byte a character: ASCII as it is, each
//! character the patterns (or the chrome's strip) name beyond ASCII ("’", "©", "—", ...) as the
//! control byte Python wrote in its place in the patterns, and any other character as the stand-in
//! of its class as Python's `re` reads it (the `classes` callback, asked once a character): a word
//! character, a digit (also a word character), or neither. No pattern names a stand-in, so on the
//! stand-in every pattern reads each character as Python's `re` reads the character itself: same
//! `\w` (so same `\b`), `\d`, `\s`, `.` and `[^...]`, and no ASCII letter, since a character
//! Python's `re.I` matches to one ("ı", "İ", "ſ", the Kelvin sign) makes the kernel decline its unit
//! (`False`: the caller runs the reference), as does one Python's `str.split()` and [`py_space`]
//! read apart. The haystack being ASCII keeps the `regex` crate on its DFA (its Unicode `\b` sends
//! text beyond ASCII to a slower engine), and the result independent of its Unicode tables.
//!
//! The promo hints are looked for in the reference's lowercased text: here ASCII-case-insensitively
//! in the stand-in, the same since no character but "İ" and the Kelvin sign (declined) lowercases
//! to an ASCII letter, and none to a named character but itself.

use crate::quotemarks::py_space;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyString};
use regex::Regex;
use rustc_hash::FxHashMap as HashMap;
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

/// How the kernel reads a character beyond ASCII.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Read {
    /// As this ASCII byte in the stand-in.
    Byte(u8),
    /// A space (`str.split()` cuts there).
    Gap,
    /// Left to the reference.
    Declined,
}

/// The patterns and lists of the reference, compiled once.
pub struct Rules {
    credit_line: Regex,
    date: Regex,
    dateline: Regex,
    chrome: Regex,
    chrome_strip: Vec<u8>,
    byline: Regex,
    byline_words: (usize, usize),
    promo: Regex,
    hints: AhoCorasick,
    promo_words: usize,
    /// The ASCII bytes that stand in for named characters (a text's own are read as `other`).
    codes: [bool; 128],
    other: u8,
}

fn compile(pattern: &str) -> PyResult<Regex> {
    if !pattern.is_ascii() {
        return Err(PyValueError::new_err(format!(
            "{pattern:?}: the kernel reads ASCII patterns (stand-ins for the rest)"
        )));
    }
    Regex::new(pattern).map_err(|e| PyValueError::new_err(format!("{pattern:?}: {e}")))
}

impl Rules {
    /// `patterns`: credit line, date, dateline, page chrome, byline and promo, each as the `regex`
    /// crate reads it on the stand-in (`(?i)` in front where the reference's has `re.I`, each
    /// character beyond ASCII written as its control byte), as `chrome_strip` and `hints` are.
    pub fn new(
        patterns: [&str; 6],
        chrome_strip: &str,
        byline_words: (usize, usize),
        hints: &[String],
        promo_words: usize,
        codes: &[u8],
        other: u8,
    ) -> PyResult<Self> {
        if let Some(bad) =
            hints.iter().find(|h| h.is_empty() || !h.is_ascii() || h.bytes().any(|b| b.is_ascii_uppercase()))
        {
            return Err(PyValueError::new_err(format!(
                "promo hint {bad:?}: the kernel reads non-empty hints in lowercase ASCII (stand-ins for the rest)"
            )));
        }
        if !chrome_strip.is_ascii() {
            return Err(PyValueError::new_err("chrome_strip: ASCII (stand-ins for the rest)"));
        }
        let hints = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::DFA))
            .build(hints)
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        let [credit_line, date, dateline, chrome, byline, promo] = patterns;
        Ok(Rules {
            credit_line: compile(credit_line)?,
            date: compile(date)?,
            dateline: compile(dateline)?,
            chrome: compile(chrome)?,
            chrome_strip: chrome_strip.bytes().collect(),
            byline: compile(byline)?,
            byline_words,
            promo: compile(promo)?,
            hints,
            promo_words,
            codes: std::array::from_fn(|b| codes.contains(&(b as u8))),
            other,
        })
    }

    /// The reference's verdict on `unit`, each character beyond ASCII read by `read`; `words`
    /// and `stand_in` are scratch.
    pub fn reason(
        &self,
        unit: &str,
        heading: bool,
        read: impl Fn(char) -> Read,
        words: &mut Vec<(usize, usize)>,
        stand_in: &mut String,
    ) -> Outcome {
        let ascii = unit.is_ascii();
        if !ascii && unit.chars().any(|c| !c.is_ascii() && read(c) == Read::Declined) {
            return Outcome::Declined;
        }
        split(unit, words);
        let Some(&(first, _)) = words.first() else { return Outcome::Story };
        let last = words[words.len() - 1].1;
        let bytes = unit.as_bytes();
        // `" ".join(unit.split())`: the unit itself when its gaps are already single spaces
        let single =
            first == 0 && last == unit.len() && words.windows(2).all(|w| w[1].0 == w[0].1 + 1 && bytes[w[0].1] == b' ');
        let text: &str = if ascii && single && !bytes.iter().any(|&b| self.codes[b as usize]) {
            unit
        } else {
            stand_in.clear();
            for (n, &(a, b)) in words.iter().enumerate() {
                if n > 0 {
                    stand_in.push(' ');
                }
                let word = &unit[a..b];
                if word.bytes().all(|b| b.is_ascii() && !self.codes[b as usize]) {
                    stand_in.push_str(word);
                    continue;
                }
                for c in word.chars() {
                    stand_in.push(match (c.is_ascii(), read(c)) {
                        (true, _) if self.codes[c as usize] => self.other as char, // as Python reads it: no pattern names it
                        (true, _) => c,
                        (false, Read::Byte(b)) => b as char,
                        _ => return Outcome::Declined, // a gap inside a word: not reached
                    });
                }
            }
            stand_in
        };
        if self.credit_line.is_match(text) {
            return Outcome::Reason(0);
        }
        if self.date.is_match(text) {
            return Outcome::Reason(1);
        }
        if self.dateline.is_match(text) {
            return Outcome::Reason(2);
        }
        if self.chrome.is_match(text.trim_matches(|c: char| self.chrome_strip.contains(&(c as u8)))) {
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
            for &(a, _) in words.iter() {
                let first = unit[a..].chars().next().unwrap_or(' ');
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

/// The byte ranges of the words of `unit` as `str.split()` cuts them (at [`py_space`]), into `words`.
fn split(unit: &str, words: &mut Vec<(usize, usize)>) {
    words.clear();
    let mut start = None;
    let bytes = unit.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (space, width) = if b < 0x80 {
            (py_space(b as char), 1)
        } else {
            let c = unit[i..].chars().next().unwrap_or(' ');
            (py_space(c), c.len_utf8())
        };
        match (space, start) {
            (true, Some(s)) => {
                words.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
        i += width;
    }
    if let Some(s) = start {
        words.push((s, bytes.len()));
    }
}

/// The byte ranges of `spans` (code point ranges) in `text` as slicing reads them (offsets past
/// the end stop at the end, a span that ends before it starts is empty): one walk forward over the
/// text while the spans ascend, from its start again where one goes back.
fn byte_ranges(text: &str, spans: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let (mut cp, mut at) = (0usize, 0usize);
    let mut seek = |target: usize| -> usize {
        if target < cp {
            (cp, at) = (0, 0);
        }
        while cp < target && at < bytes.len() {
            at += match bytes[at] {
                0..0x80 => 1,
                0xe0..0xf0 => 3,
                0xf0.. => 4,
                _ => 2,
            };
            cp += 1;
        }
        at
    };
    spans
        .iter()
        .map(|&(a, b)| {
            let start = seek(a);
            (start, seek(b).max(start))
        })
        .collect()
}

/// `python_boilerplate_reason` of every sentence of a text, given once the reference's patterns,
/// lists and reasons (written for the stand-in, see the module's notes), the control byte of each
/// character they name beyond ASCII, the stand-ins of a word character, a digit and any other, and
/// the `classes(c)` callback: `(\w, \d, \s, matches an ASCII character case-insensitively)` of a
/// character beyond ASCII as Python's `re` reads it.
#[pyclass(frozen, module = "articlediff_native", name = "Boilerplate")]
pub struct Boilerplate {
    rules: Rules,
    reasons: Vec<Py<PyString>>,
    named: HashMap<char, u8>,
    /// word character, digit, other
    stand_ins: (u8, u8, u8),
    classes: Py<PyAny>,
    /// character beyond ASCII -> how the kernel reads it
    known: Mutex<HashMap<char, Read>>,
}

impl Boilerplate {
    fn known(&self) -> MutexGuard<'_, HashMap<char, Read>> {
        self.known.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// How the kernel reads `c` given Python's `(\w, \d, \s, matches ASCII case-insensitively)` of it.
    fn read(&self, c: char, (w, d, s, fold): (bool, bool, bool, bool)) -> Read {
        let (word, digit, other) = self.stand_ins;
        if fold || s != py_space(c) {
            return Read::Declined; // an ASCII letter to re.I; or str.split() and py_space cut apart
        }
        match self.named.get(&c) {
            _ if s => Read::Gap,
            Some(&b) => Read::Byte(b),
            None if d && w => Read::Byte(digit),
            None if d => Read::Declined, // a digit that is not a word character: not in Python
            None if w => Read::Byte(word),
            None => Read::Byte(other),
        }
    }

    /// Ask Python about each character beyond ASCII of `text` not seen before.
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
            learned.push((c, self.read(c, python)));
        }
        self.known().extend(learned);
        Ok(())
    }
}

#[pymethods]
impl Boilerplate {
    /// `patterns`: the reference's credit line, date, dateline, page chrome, byline and promo
    /// patterns (`(?i)` in front where they have `re.I`); `reasons`: the six reasons they give;
    /// `named`: `(character, its control byte)`; `stand_ins`: a word character's, a digit's, any other's.
    #[new]
    #[allow(clippy::too_many_arguments)]
    fn new(
        patterns: Vec<String>,
        chrome_strip: &str,
        byline_words: (usize, usize),
        promo_hints: Vec<String>,
        promo_words: usize,
        reasons: Vec<Py<PyString>>,
        named: Vec<(char, char)>,
        stand_ins: (char, char, char),
        classes: Py<PyAny>,
    ) -> PyResult<Self> {
        let Ok(patterns) = <[String; 6]>::try_from(patterns) else {
            return Err(PyValueError::new_err("six patterns"));
        };
        if reasons.len() != 6 {
            return Err(PyValueError::new_err(format!("six reasons, one a pattern, not {}", reasons.len())));
        }
        let (w, d, o) = stand_ins;
        let bytes = named.iter().map(|&(_, b)| b).chain([w, d, o]).collect::<Vec<_>>();
        let mut distinct = bytes.clone();
        distinct.sort_unstable();
        distinct.dedup();
        if named.iter().any(|&(c, _)| c.is_ascii())
            || bytes.iter().any(|b| !b.is_ascii())
            || distinct.len() != bytes.len()
        {
            return Err(PyValueError::new_err(
                "named characters beyond ASCII, each with its own ASCII byte, and three others for the stand-ins",
            ));
        }
        let rules = Rules::new(
            patterns.each_ref().map(String::as_str),
            chrome_strip,
            byline_words,
            &promo_hints,
            promo_words,
            &named.iter().map(|&(_, b)| b as u8).collect::<Vec<_>>(),
            o as u8,
        )?;
        Ok(Boilerplate {
            rules,
            reasons,
            named: named.into_iter().map(|(c, b)| (c, b as u8)).collect(),
            stand_ins: (w as u8, d as u8, o as u8),
            classes,
            known: Mutex::new(HashMap::default()),
        })
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
        let bytes = if ascii {
            // as slicing does: offsets past the end stop at the end, a span that ends before it starts is empty
            let n = text.len();
            spans.into_iter().map(|(a, b)| (a.min(n), b.min(n).max(a.min(n)))).collect()
        } else {
            byte_ranges(text, &spans)
        };
        if !ascii {
            self.learn_with(py, text)?;
        }
        let known = self.known();
        let read = |c: char| known.get(&c).copied().unwrap_or(Read::Declined);
        let mut out = Vec::with_capacity(bytes.len());
        let (mut words, mut stand_in) = (Vec::new(), String::new());
        for (&(a, b), &heading) in bytes.iter().zip(&headings) {
            out.push(match self.rules.reason(&text[a..b], heading, read, &mut words, &mut stand_in) {
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
