//! Which agencies a text credits: `shipped_credits` of `articlediff/signals/credits.py`, every
//! phrase of the shipped table found in one pass (Aho-Corasick, overlapping matches: each place a
//! phrase occurs, as the reference's repeated `str.find` visits them).
//!
//! The phrases are ASCII, so the lowercased text of the reference holds one where the text holds it
//! in any ASCII case: no character outside ASCII lowercases to ASCII but `İ` and the Kelvin sign
//! (texts holding either are declined). Only the character next to a match is then read as Python
//! reads it (`isalnum`, of its lowercase in the lowercase pass); where the kernel does not know that
//! character the match is undecided, and an agency with an undecided match and no decided one makes
//! the kernel decline the text: the reference reads it.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::quotemarks::known_not_word;

/// One phrase: its agency, and whether its first and last characters are alphanumeric (then the
/// character next to it must not be).
#[derive(Clone, Copy)]
struct Phrase {
    agency: usize,
    first_alnum: bool,
    last_alnum: bool,
}

/// The phrases of an agency table: those written in lowercase (matched in the lowercased text)
/// and the others (matched as written).
#[pyclass(frozen, module = "articlediff_native", name = "CreditTable")]
pub struct CreditTable {
    lower: (AhoCorasick, Vec<Phrase>),
    exact: (AhoCorasick, Vec<Phrase>),
    agencies: usize,
}

fn automaton(patterns: &[String], any_case: bool) -> PyResult<AhoCorasick> {
    AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .ascii_case_insensitive(any_case)
        .kind(Some(AhoCorasickKind::DFA))
        .build(patterns)
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
}

/// Python's `c.isalnum()` (the same for `c.lower()`: its first and last character) for the
/// characters the kernel knows, `None` for the others.
fn alnum(c: char) -> Option<bool> {
    if c.is_ascii() {
        Some(c.is_ascii_alphanumeric())
    } else if known_not_word(c) {
        Some(false)
    } else if ('\u{c0}'..='\u{24f}').contains(&c) && !matches!(c, '\u{d7}' | '\u{f7}' | '\u{130}') {
        Some(true) // Latin-1 and Latin Extended letters, whose lowercase is one letter
    } else {
        None
    }
}

/// Whether some occurrence of a phrase in `hay` stands as whole words (`_has_phrase`), marking
/// `found` the agencies with one, and `unsure` those with an occurrence next to a character
/// [`alnum`] does not know.
fn credited(table: &(AhoCorasick, Vec<Phrase>), hay: &str, found: &mut [bool], unsure: &mut [bool]) {
    for m in table.0.find_overlapping_iter(hay) {
        let p = table.1[m.pattern().as_usize()];
        if found[p.agency] {
            continue;
        }
        let before =
            if p.first_alnum { hay[..m.start()].chars().next_back().map_or(Some(false), alnum) } else { Some(false) };
        let after = if p.last_alnum { hay[m.end()..].chars().next().map_or(Some(false), alnum) } else { Some(false) };
        match (before, after) {
            (Some(true), _) | (_, Some(true)) => {}
            (Some(false), Some(false)) => found[p.agency] = true,
            _ => unsure[p.agency] = true,
        }
    }
}

#[pymethods]
impl CreditTable {
    /// `agencies[k]` lists agency `k`'s phrases as `(phrase, written in lowercase, first character
    /// alphanumeric, last character alphanumeric)`, as Python reads them; each phrase ASCII.
    #[new]
    fn new(agencies: Vec<Vec<(String, bool, bool, bool)>>) -> PyResult<Self> {
        let n = agencies.len();
        let (mut lower, mut exact) = ((Vec::new(), Vec::new()), (Vec::new(), Vec::new()));
        for (agency, phrases) in agencies.into_iter().enumerate() {
            for (phrase, is_lower, first_alnum, last_alnum) in phrases {
                if phrase.is_empty() || !phrase.is_ascii() {
                    return Err(pyo3::exceptions::PyValueError::new_err(format!(
                        "phrase {phrase:?}: the kernel reads non-empty ASCII phrases only"
                    )));
                }
                let side = if is_lower { &mut lower } else { &mut exact };
                side.0.push(phrase);
                side.1.push(Phrase { agency, first_alnum, last_alnum });
            }
        }
        Ok(CreditTable {
            lower: (automaton(&lower.0, true)?, lower.1),
            exact: (automaton(&exact.0, false)?, exact.1),
            agencies: n,
        })
    }

    /// The agencies `text` credits (their numbers, ascending), or None when the kernel does not
    /// decide for the text (see the module's notes).
    fn find(&self, text: &Bound<'_, PyString>) -> Option<Vec<usize>> {
        let text = text.to_str().ok()?;
        if !text.is_ascii() && text.chars().any(|c| matches!(c, '\u{130}' | '\u{212a}')) {
            return None;
        }
        let (mut found, mut unsure) = (vec![false; self.agencies], vec![false; self.agencies]);
        credited(&self.exact, text, &mut found, &mut unsure);
        credited(&self.lower, text, &mut found, &mut unsure);
        if found.iter().zip(&unsure).any(|(&f, &u)| u && !f) {
            return None;
        }
        Some(found.iter().enumerate().filter(|(_, &f)| f).map(|(k, _)| k).collect())
    }
}
