//! The change flags' scans of one sentence on plain text: mentions of names with their titles
//! (`_mentions` of `articlediff/signals/names.py`), hedges and the speakers of quotations
//! (`_hedges`, `_speakers` of `articlediff/signals/attribution.py`).
//!
//! Each scan reads a slice of the text that starts a few characters before its sentence (the
//! reference's `\b` and look-behinds see them) and ends where the sentence ends (the reference's
//! `finditer(text, a, b)` sees nothing after `b`). It decides only *plain* slices: ASCII letters,
//! digits, punctuation and the spaces `\t \n \r`, plus the typographic marks news copy is full of
//! (`’ ‘ “ ” – — …`), the currency signs `£ €` and the byte-order mark. On those, Python's Unicode `\w`, `\s`, `isupper()`, `lower()` and `re.I` agree
//! with their ASCII meaning; a slice holding any other character returns `None` and the caller runs
//! the reference on it.

use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};
use regex::Regex;
use rustc_hash::FxHashSet as HashSet;

/// The non-ASCII characters a plain slice may hold: typographic quotes, dashes and the ellipsis, the
/// pound and the euro, and the byte-order mark many files start with (none is a word character, a
/// space or cased, in Python or in Rust, and NFKC leaves all but "…" as they are).
const PLAIN_EXTRA: [char; 10] = [
    '\u{2019}', '\u{2018}', '\u{201c}', '\u{201d}', '\u{2013}', '\u{2014}', '\u{2026}', '\u{a3}', '\u{20ac}',
    '\u{feff}',
];

/// Whether `c` is one of the characters the scans decide for.
pub fn is_plain(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' '..='~') || PLAIN_EXTRA.contains(&c)
}

/// `\w` on a plain character.
fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// `\s` (and `str.isspace`) on a plain character.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// `[\w'’.-]`: the characters of a name's word.
fn is_name_char(c: char) -> bool {
    is_word(c) || matches!(c, '\'' | '\u{2019}' | '.' | '-')
}

/// `word_key` of `articlediff/normalize.py` for a token of plain characters.
pub fn word_key(token: &str) -> String {
    if !token.is_empty() && token.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return token.to_ascii_lowercase();
    }
    // lower(), NFKC (of the plain characters only "…" changes: to "..."), casefold (ASCII: lower)
    let key = token.to_ascii_lowercase().replace('\u{2026}', "...");
    let digit = key.bytes().any(|b| b.is_ascii_digit());
    if digit && !key.bytes().any(|b| b.is_ascii_alphabetic()) {
        return key.replace(',', "");
    }
    key.chars().filter(|c| !matches!(c, '\'' | '\u{2019}' | '.')).collect()
}

/// The word lists and patterns of the scans, given once by Python (the reference's own).
#[pyclass(frozen, module = "articlediff_native", name = "FlagScanner")]
pub struct FlagScanner {
    function_words: HashSet<String>,
    openers: HashSet<String>,
    pub(crate) titles: Vec<String>,
    pub(crate) title_nouns: HashSet<String>,
    pub(crate) pronouns: HashSet<String>,
    hedges: Regex,
    speaker_before: Regex,
    speaker_after: Regex,
}

/// A slice of text as the scans read it: its characters (indices are code point offsets) and,
/// for the patterns run on its UTF-8 form, each byte offset's code point offset.
pub(crate) struct Slice {
    pub(crate) chars: Vec<char>,
    /// Byte offset of the sentence's start.
    start_byte: usize,
    /// Code point offset of each byte offset (empty for ASCII: the same).
    cps: Vec<usize>,
}

impl Slice {
    /// `None` unless every character is plain.
    pub(crate) fn new(text: &str, skip: usize) -> Option<Self> {
        let chars: Vec<char> = text.chars().collect();
        if !chars.iter().all(|&c| is_plain(c)) || skip > chars.len() {
            return None;
        }
        let start_byte = chars[..skip].iter().map(|c| c.len_utf8()).sum();
        let mut cps = Vec::new();
        if !text.is_ascii() {
            cps.reserve(text.len() + 1);
            for (n, c) in chars.iter().enumerate() {
                cps.extend(std::iter::repeat_n(n, c.len_utf8()));
            }
            cps.push(chars.len());
        }
        Some(Slice { chars, start_byte, cps })
    }

    fn cp(&self, byte: usize) -> usize {
        if self.cps.is_empty() {
            byte
        } else {
            self.cps[byte]
        }
    }
}

impl FlagScanner {
    /// Whether a word (its characters) is skipped: a function word, an opener, or, as the
    /// sentence's first word, one ending in "ing" or "ly".
    fn skipped(&self, word: &[char], first: bool) -> bool {
        let lower: String = word.iter().map(|c| c.to_ascii_lowercase()).collect();
        self.function_words.contains(&lower)
            || self.openers.contains(&lower)
            || (first && (lower.ends_with("ing") || lower.ends_with("ly")))
    }

    /// The end of the name run (`_NAME_RUN`) starting at `i` (an uppercase letter), within `end`.
    fn name_run(&self, s: &[char], i: usize, end: usize) -> usize {
        let mut j = i + 1;
        while j < end && is_name_char(s[j]) {
            j += 1;
        }
        loop {
            let mut k = j;
            while k < end && is_space(s[k]) {
                k += 1;
            }
            if k == j || k == end {
                return j;
            }
            if s[k].is_ascii_uppercase() {
                j = k + 1;
                while j < end && is_name_char(s[j]) {
                    j += 1;
                }
                continue;
            }
            // a title noun, a whole word (`\b` after it), lowercase as the pattern has it
            let mut w = k;
            while w < end && is_word(s[w]) {
                w += 1;
            }
            let word: String = s[k..w].iter().collect();
            if w > k && self.title_nouns.contains(&word) {
                j = w;
                continue;
            }
            return j;
        }
    }

    /// `_TITLE_BEFORE.search(text, lo, start)`: where a title word ("former") just before the
    /// spaces before `start` begins, if there is one at or after `lo`.
    fn title_before(&self, s: &[char], lo: usize, start: usize) -> Option<usize> {
        let mut e = start;
        while e > lo && is_space(s[e - 1]) {
            e -= 1;
        }
        if e == start {
            return None;
        }
        self.titles
            .iter()
            .filter_map(|t| {
                let n = t.len();
                let b = e.checked_sub(n)?;
                let same = b >= lo && s[b..e].iter().zip(t.bytes()).all(|(c, t)| c.to_ascii_lowercase() == t as char);
                (same && (b == 0 || !is_word(s[b - 1]))).then_some(b)
            })
            .min()
    }

    /// `_mentions(text, [(a, b)])` on a slice: each mention's keys and its span (in the slice).
    pub(crate) fn mentions_in(&self, slice: &Slice, a: usize) -> Vec<(Vec<String>, (usize, usize))> {
        let s = &slice.chars;
        let b = s.len();
        let mut out = Vec::new();
        let mut pos = a;
        while pos < b {
            let Some(i) = (pos..b).find(|&i| s[i].is_ascii_uppercase()) else { break };
            let j = self.name_run(s, i, b);
            pos = j;
            let mut start = i;
            if i > a && is_space(s[i - 1]) {
                if let Some(t) = self.title_before(s, a.max(i.saturating_sub(12)), i) {
                    start = t;
                }
            }
            if start == i && !s[i..j].contains(&' ') {
                if self.skipped(&s[i..j], i == a) {
                    continue;
                }
                out.push((vec![fold(&s[i..j])], (i, j)));
                continue;
            }
            // split at function words and openers, trim titles at the end of each part
            let mut parts: Vec<Vec<(usize, usize)>> = vec![Vec::new()];
            let mut t = start;
            while t < j {
                if is_space(s[t]) {
                    t += 1;
                    continue;
                }
                let mut u = t;
                while u < j && !is_space(s[u]) {
                    u += 1;
                }
                if self.skipped(&s[t..u], t == a) {
                    parts.push(Vec::new());
                } else if let Some(last) = parts.last_mut() {
                    last.push((t, u));
                }
                t = u;
            }
            for mut run in parts {
                while let Some(&(x, y)) = run.last() {
                    if !self.is_title(&s[x..y]) {
                        break;
                    }
                    run.pop();
                }
                if let (Some(&(first, _)), Some(&(_, last))) = (run.first(), run.last()) {
                    if run.iter().any(|&(x, _)| s[x].is_ascii_uppercase()) {
                        out.push((run.iter().map(|&(x, y)| fold(&s[x..y])).collect(), (first, last)));
                    }
                }
            }
        }
        out
    }

    /// Whether a word, lowercased, is a title ("former", "chief").
    fn is_title(&self, word: &[char]) -> bool {
        self.titles
            .iter()
            .any(|t| t.len() == word.len() && t.chars().zip(word).all(|(t, c)| c.to_ascii_lowercase() == t))
    }
}

/// The next place to search after match `[start, end)`: its end (a match is never empty here; were
/// it empty, the next character, as `finditer` does).
fn after(text: &str, start: usize, end: usize) -> usize {
    if end > start {
        return end;
    }
    text[end..].chars().next().map_or(text.len() + 1, |c| end + c.len_utf8())
}

/// Each match of a speaker pattern in `text` from byte `start` on (`finditer`): its `who` group and
/// that group's last word.
fn who_and_head<'t>(pattern: &Regex, text: &'t str, start: usize) -> Option<Vec<(regex::Match<'t>, &'t str)>> {
    let mut out = Vec::new();
    let mut pos = start;
    while pos <= text.len() {
        let Some(c) = pattern.captures_at(text, pos) else { break };
        let whole = c.get(0)?;
        pos = after(text, whole.start(), whole.end());
        let who = c.name("who")?;
        out.push((who, who.as_str().split(is_space).rfind(|w| !w.is_empty())?));
    }
    Some(out)
}

/// `_fold(word.rstrip(".,;:"))` of `names.py` for a plain word: its `word_key` (nothing to fold).
fn fold(word: &[char]) -> String {
    let mut end = word.len();
    while end > 0 && matches!(word[end - 1], '.' | ',' | ';' | ':') {
        end -= 1;
    }
    word_key(&word[..end].iter().collect::<String>())
}

/// A mention as Python gets it: its keys and its span in the text.
type Mention<'py> = (Bound<'py, PyTuple>, (usize, usize));

#[pymethods]
impl FlagScanner {
    #[new]
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        function_words: Vec<String>,
        openers: Vec<String>,
        titles: Vec<String>,
        title_nouns: Vec<String>,
        pronouns: Vec<String>,
        hedges: &str,
        speaker_before: &str,
        speaker_after: &str,
    ) -> PyResult<Self> {
        let compile = |pattern: &str| {
            Regex::new(pattern).map_err(|e| pyo3::exceptions::PyValueError::new_err(format!("{pattern:?}: {e}")))
        };
        if let Some(bad) = titles.iter().find(|t| !t.bytes().all(|b| b.is_ascii_lowercase())) {
            return Err(pyo3::exceptions::PyValueError::new_err(format!("title {bad:?} is not lowercase ASCII")));
        }
        Ok(FlagScanner {
            function_words: function_words.into_iter().collect(),
            openers: openers.into_iter().collect(),
            titles,
            title_nouns: title_nouns.into_iter().collect(),
            pronouns: pronouns.into_iter().collect(),
            hedges: compile(hedges)?,
            speaker_before: compile(speaker_before)?,
            speaker_after: compile(speaker_after)?,
        })
    }

    /// `_mentions(text, [(a, b)])` where `piece` is `text[a - skip:b]` and `base` is `a - skip`:
    /// the mentions with spans in `text`, or `None` for a piece that is not plain.
    fn mentions<'py>(
        &self,
        py: Python<'py>,
        piece: &Bound<'py, PyString>,
        skip: usize,
        base: usize,
    ) -> PyResult<Option<Vec<Mention<'py>>>> {
        let Ok(text) = piece.to_str() else { return Ok(None) };
        let Some(slice) = Slice::new(text, skip) else { return Ok(None) };
        self.mentions_in(&slice, skip)
            .into_iter()
            .map(|(keys, (a, b))| Ok((PyTuple::new(py, keys)?, (a + base, b + base))))
            .collect::<PyResult<Vec<_>>>()
            .map(Some)
    }

    /// The hedges of `_hedges(text, [(a, b)])` in order of appearance, repeats included (the
    /// caller keeps the first of each), as `(normalized hedge, span in text)`; `None` if not plain.
    fn hedges(&self, piece: &Bound<'_, PyString>, skip: usize, base: usize) -> Option<Vec<(String, (usize, usize))>> {
        let found = self.hedges_at(piece.to_str().ok()?, skip)?;
        Some(found.into_iter().map(|(h, (a, b))| (h, (a + base, b + base))).collect())
    }

    /// What `_speakers` finds in one piece `(a, b)` of a sentence outside its quotations (the
    /// speakers before a speech verb, then those after one), as `(word key, span in text)`;
    /// `None` if not plain.
    fn speakers(&self, piece: &Bound<'_, PyString>, skip: usize, base: usize) -> Option<Vec<(String, (usize, usize))>> {
        let found = self.speakers_at(piece.to_str().ok()?, skip)?;
        Some(found.into_iter().map(|(w, (a, b))| (w, (a + base, b + base))).collect())
    }
}

impl FlagScanner {
    /// [`FlagScanner::hedges`] with spans in code points of `text`.
    pub(crate) fn hedges_at(&self, text: &str, skip: usize) -> Option<Vec<(String, (usize, usize))>> {
        let slice = Slice::new(text, skip)?;
        let mut out = Vec::new();
        let mut pos = slice.start_byte;
        while pos <= text.len() {
            let Some(m) = self.hedges.find_at(text, pos) else { break };
            // a hedge is ASCII letters and single spaces: normalize() lowercases it
            out.push((m.as_str().to_ascii_lowercase(), (slice.cp(m.start()), slice.cp(m.end()))));
            pos = after(text, m.start(), m.end());
        }
        Some(out)
    }

    /// [`FlagScanner::speakers`] with spans in code points of `text`.
    pub(crate) fn speakers_at(&self, text: &str, skip: usize) -> Option<Vec<(String, (usize, usize))>> {
        let slice = Slice::new(text, skip)?;
        let mut out = Vec::new();
        let span = |m: regex::Match<'_>| (slice.cp(m.start()), slice.cp(m.end()));
        for (who, head) in who_and_head(&self.speaker_before, text, slice.start_byte)? {
            let lower = head.to_ascii_lowercase();
            if self.pronouns.contains(&lower) || head.starts_with(|c: char| c.is_ascii_uppercase()) {
                out.push((word_key(head), span(who)));
            }
        }
        for (who, head) in who_and_head(&self.speaker_after, text, slice.start_byte)? {
            out.push((word_key(head), span(who)));
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_keys_of_plain_tokens() {
        assert_eq!(word_key("U.S."), "us");
        assert_eq!(word_key("Putin\u{2019}s"), "putins");
        assert_eq!(word_key("1,000"), "1000");
        assert_eq!(word_key("F-16"), "f-16");
        assert_eq!(word_key("Kyiv"), "kyiv");
        assert_eq!(word_key(""), "");
    }

    #[test]
    fn plain_characters() {
        assert!("Kyiv said \u{201c}no\u{201d} \u{2014} twice\u{2026}".chars().all(is_plain));
        assert!(!"caf\u{e9}".chars().all(is_plain));
        assert!(!"\u{b}\u{1c}\u{a0}".chars().any(is_plain));
    }
}
