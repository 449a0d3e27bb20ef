//! Which agencies a text credits: `shipped_credits` of `articlediff/signals/credits.py`, every
//! phrase of the shipped table found in one pass (Aho-Corasick, overlapping matches: each place a
//! phrase occurs, as the reference's repeated `str.find` visits them) on plain text.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::flags::is_plain;

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

fn automaton(patterns: &[String]) -> PyResult<AhoCorasick> {
    AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::DFA))
        .build(patterns)
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
}

/// Whether some occurrence of a phrase in `hay` stands as whole words (`_has_phrase`).
fn credited(table: &(AhoCorasick, Vec<Phrase>), hay: &str, found: &mut [bool]) {
    for m in table.0.find_overlapping_iter(hay) {
        let p = table.1[m.pattern().as_usize()];
        if found[p.agency] {
            continue;
        }
        let before = hay[..m.start()].chars().next_back().is_some_and(|c| c.is_ascii_alphanumeric());
        let after = hay[m.end()..].chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
        if !((p.first_alnum && before) || (p.last_alnum && after)) {
            found[p.agency] = true;
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
        Ok(CreditTable { lower: (automaton(&lower.0)?, lower.1), exact: (automaton(&exact.0)?, exact.1), agencies: n })
    }

    /// The agencies `text` credits (their numbers, ascending), or None unless the text is plain.
    fn find(&self, text: &Bound<'_, PyString>) -> Option<Vec<usize>> {
        let text = text.to_str().ok()?;
        if !text.chars().all(is_plain) {
            return None;
        }
        let mut found = vec![false; self.agencies];
        credited(&self.exact, text, &mut found);
        credited(&self.lower, &text.to_ascii_lowercase(), &mut found);
        Some(found.iter().enumerate().filter(|(_, &f)| f).map(|(k, _)| k).collect())
    }
}
