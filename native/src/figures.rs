//! The change flags' figure finder: what `python_figures` of `articlediff/signals/numbers.py` finds
//! in one sentence (its `_NUMBER` pattern, `_NAME_BEFORE` and the value parsing), for plain text.
//!
//! Plain text is what `flags::is_plain` accepts: ASCII tab, newline, carriage return and
//! `\x20`-`\x7e`, plus the typographic `’ ‘ “ ” – — …`, `£ €` and the byte-order mark, which Python's `re` treats as
//! neither word nor space nor cased. Any other
//! character could bring in Unicode `\w`, `\s` or case folding (`K` KELVIN SIGN matches `k`, `ſ`
//! matches `s`), so the kernel answers None and Python runs the reference on that sentence.
//!
//! The pattern is matched by hand: the `regex` crate has no look-behind and no possessive
//! quantifiers, both of which `_NUMBER` relies on. On plain text, the backtracking of Python's `re`
//! comes down to these rules (each function below says which part of the pattern it is):
//! - a figure starts where the character before is neither a word character nor `.`, and the two
//!   before are not a digit and `-` (look-behinds see the text before the sentence: the caller
//!   passes two characters of it);
//! - digits are taken whole (possessive: "1,000x" is no figure, not "1" then ",000x");
//! - every number word must be a whole word: the alternatives are sorted longest first with no `\b`
//!   after each, but what follows a word ("-", a space, `and`, or the final `(?![\w])`) is never a
//!   word character, so a shorter alternative ("four" of "fourteenth") always fails in the end;
//! - `[\s-]*` before the scale and the unit is taken whole, since neither starts with a space or `-`.
//!
//! Nothing at or after the end of the slice is visible, as with `finditer(text, pos, endpos)`.

use pyo3::prelude::*;

/// A figure as the kernel hands it to Python: `(value, unit, kind, start, end, name)`, with `start`
/// and `end` in code points of the slice. `name` is the lowercased capitalized word just before a
/// figure written in digits (`_NAME_BEFORE`); Python drops the figure unless the word is in
/// `_NOT_NAMES` ("Boeing 747" goes, "In 2019" stays), so that list lives in one place.
pub type Row = (f64, &'static str, &'static str, usize, usize, Option<String>);

/// The figures of `text[start:]` (code points), `text` being the sentence with up to two characters
/// before it, or None when the text is not plain (see [`find`]).
#[pyfunction]
pub fn figures(text: &str, start: usize) -> Option<Vec<Row>> {
    let found = find(text, start)?;
    Some(found.into_iter().map(|f| (f.value, f.unit, f.kind, f.start, f.end, f.name)).collect())
}

/// One figure of [`find`] (offsets in code points).
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub value: f64,
    pub unit: &'static str,
    pub kind: &'static str,
    pub start: usize,
    pub end: usize,
    pub name: Option<String>,
}

/// The figures of `text` from code point `start` on, in order, or None for text that is not plain
/// or a `start` past its end.
pub fn find(text: &str, start: usize) -> Option<Vec<Figure>> {
    // ASCII first, counting the other bytes without an early exit, which the compiler vectorizes
    let other = |&&c: &&u8| !matches!(c, b'\t' | b'\n' | b'\r' | b' '..=b'~');
    if text.as_bytes().iter().filter(other).count() != 0 && !text.chars().all(crate::flags::is_plain) {
        return None;
    }
    let a = match text.char_indices().nth(start) {
        Some((i, _)) => i,
        None if text.chars().count() == start => text.len(),
        None => return None,
    };
    let t = text.as_bytes();
    // a sentence not ending like one is a heading or list item: its leading number is a label
    let heading =
        !matches!(text.chars().next_back(), Some('.' | '?' | '!' | '"' | '\'' | '\u{201d}' | '\u{2019}' | ')'));
    let scan = Scan { t };
    let mut cps = CodePoints { t, byte: 0, cp: 0 };
    let mut out = Vec::new();
    let mut p = a;
    while p < t.len() {
        let Some(m) = scan.at(p) else {
            // inside a word no figure starts: a word character comes before
            p = if is_word(t[p]) { scan.skip(p, is_word) } else { p + 1 };
            continue;
        };
        let end = m.end;
        if let Some(figure) = figure(&scan, &m, a, heading, &mut cps)? {
            out.push(figure);
        }
        p = end;
    }
    Some(out)
}

/// Python's `_figures` on one match: Some(None) for a match it drops (None is not reached: every
/// run of digits has a value).
fn figure(scan: &Scan, m: &Match, a: usize, heading: bool, cps: &mut CodePoints) -> Option<Option<Figure>> {
    let (value, digits, name) = match &m.head {
        Head::Digits { end, suffix, .. } => {
            if heading && m.start == a {
                return Some(None); // a list item's number ("8 You can't cure jet lag")
            }
            let digits = &scan.t[m.start..*end];
            let name = scan.name_before(scan.back_chars(m.start, 25, a), m.start);
            (parse(digits)? * suffix.unwrap_or(1.0), Some(digits), name)
        }
        Head::Words(words) => {
            if words.one && m.unit.is_none() {
                return Some(None); // "one person said": a pronoun
            }
            if words.only_scales {
                return Some(None); // "millions of people"
            }
            (words.total + words.current, None, None)
        }
    };
    let value = value * m.scale.unwrap_or(1.0);
    let unit = m.unit.or(match m.head {
        Head::Digits { attached, .. } => attached,
        Head::Words(_) => None,
    });
    let kind = match unit {
        Some("year" | "month" | "week" | "day" | "hour" | "minute" | "second") => "duration",
        Some("%") => "percent",
        Some(_) => "amount",
        None if digits.is_some_and(|d| d.len() == 4) && is_integer(value) && (1800.0..=2100.0).contains(&value) => {
            "year"
        }
        None => "count",
    };
    let (start, end) = (cps.at(m.start), cps.at(m.end));
    Some(Some(Figure { value, unit: unit.unwrap_or(""), kind, start, end, name }))
}

/// `_digits_value` of `numbers.py`: `float(d.replace(",", ""))`, or with the comma as a decimal
/// point when it is the only one and not followed by three digits ("1,5"); for a run that is no
/// one number ("7.12.2026", "1.2.3"), the float of its digits alone.
fn parse(digits: &[u8]) -> Option<f64> {
    let commas = digits.iter().filter(|&&c| c == b',').count();
    let after = digits.iter().position(|&c| c == b',').map_or(0, |i| digits.len() - i - 1);
    let point = commas == 1 && after != 3;
    let s: String =
        digits.iter().filter(|&&c| point || c != b',').map(|&c| if c == b',' { '.' } else { c as char }).collect();
    s.parse()
        .ok()
        .or_else(|| digits.iter().filter(|c| c.is_ascii_digit()).map(|&c| c as char).collect::<String>().parse().ok())
}

fn is_integer(v: f64) -> bool {
    v.is_finite() && v.fract() == 0.0
}

/// `\w` on plain text (a byte of a multi-byte character is never one).
fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// `\s` for ASCII, as Python has it.
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | 0x1c..=0x1f)
}

/// A token of a run of number words, with what `_words_value` makes of it.
#[derive(Clone, Copy)]
enum Token {
    And,
    A,
    Half,
    Unit(f64),
    /// "hundred", "dozen": multiply the current group
    Times(f64),
    /// "thousand" and up: close the current group
    Scale(f64),
}

/// A number word (`_UNITS_WORDS` and `_SCALES`), in lowercase: its name and token.
fn number_word(word: &[u8]) -> Option<(&'static str, Token)> {
    Some(match word {
        b"one" => ("one", Token::Unit(1.0)),
        b"two" => ("two", Token::Unit(2.0)),
        b"three" => ("three", Token::Unit(3.0)),
        b"four" => ("four", Token::Unit(4.0)),
        b"five" => ("five", Token::Unit(5.0)),
        b"six" => ("six", Token::Unit(6.0)),
        b"seven" => ("seven", Token::Unit(7.0)),
        b"eight" => ("eight", Token::Unit(8.0)),
        b"nine" => ("nine", Token::Unit(9.0)),
        b"ten" => ("ten", Token::Unit(10.0)),
        b"eleven" => ("eleven", Token::Unit(11.0)),
        b"twelve" => ("twelve", Token::Unit(12.0)),
        b"thirteen" => ("thirteen", Token::Unit(13.0)),
        b"fourteen" => ("fourteen", Token::Unit(14.0)),
        b"fifteen" => ("fifteen", Token::Unit(15.0)),
        b"sixteen" => ("sixteen", Token::Unit(16.0)),
        b"seventeen" => ("seventeen", Token::Unit(17.0)),
        b"eighteen" => ("eighteen", Token::Unit(18.0)),
        b"nineteen" => ("nineteen", Token::Unit(19.0)),
        b"twenty" => ("twenty", Token::Unit(20.0)),
        b"thirty" => ("thirty", Token::Unit(30.0)),
        b"forty" => ("forty", Token::Unit(40.0)),
        b"fifty" => ("fifty", Token::Unit(50.0)),
        b"sixty" => ("sixty", Token::Unit(60.0)),
        b"seventy" => ("seventy", Token::Unit(70.0)),
        b"eighty" => ("eighty", Token::Unit(80.0)),
        b"ninety" => ("ninety", Token::Unit(90.0)),
        b"hundred" => ("hundred", Token::Times(100.0)),
        b"dozen" => ("dozen", Token::Times(12.0)),
        b"thousand" => ("thousand", Token::Scale(1e3)),
        b"million" => ("million", Token::Scale(1e6)),
        b"billion" => ("billion", Token::Scale(1e9)),
        b"trillion" => ("trillion", Token::Scale(1e12)),
        _ => return None,
    })
}

/// The `scale` group: its alternatives in order, with their factor.
const SCALES: [(&str, f64); 5] =
    [("million", 1e6), ("billion", 1e9), ("trillion", 1e12), ("thousand", 1e3), ("dozen", 12.0)];

/// The suffixes and attached units after digits, in the pattern's order: `(factor, unit)`.
const SUFFIXES: [(&str, Option<f64>, Option<&str>); 9] = [
    ("bn", Some(1e9), None),
    ("tn", Some(1e12), None),
    ("m", Some(1e6), None),
    ("k", Some(1e3), None),
    ("ft", None, Some("ft")),
    ("km", None, Some("km")),
    ("kg", None, Some("kg")),
    ("cm", None, Some("cm")),
    ("mm", None, Some("mm")),
];

/// `_UNIT_WORDS` in order: the word, whether `s?` follows it, and the unit `_figures` makes of it
/// (lowercase, per cent as `%`, without the plural s).
const UNITS: [(&str, bool, &str); 22] = [
    ("year", true, "year"),
    ("month", true, "month"),
    ("week", true, "week"),
    ("day", true, "day"),
    ("hour", true, "hour"),
    ("minute", true, "minute"),
    ("second", true, "second"),
    ("km", false, "km"),
    ("kilometre", true, "kilometre"),
    ("kilometer", true, "kilometer"),
    ("mile", true, "mile"),
    ("metre", true, "metre"),
    ("meter", true, "meter"),
    ("ft", false, "ft"),
    ("feet", false, "feet"),
    ("kg", false, "kg"),
    ("tonne", true, "tonne"),
    ("ton", true, "ton"),
    ("people", false, "people"),
    ("%", false, "%"),
    ("percent", false, "%"),
    ("per cent", false, "%"),
];

/// What `_words_value` has made of the words so far, and the two tests `_figures` applies to them.
struct Words {
    total: f64,
    current: f64,
    /// the words are just "one"
    one: bool,
    /// every word is a scale ("millions" is not a word here, "million" alone is)
    only_scales: bool,
    tokens: usize,
}

impl Words {
    fn push(&mut self, word: &str, token: Token) {
        self.one = self.tokens == 0 && word == "one";
        self.tokens += 1;
        let or_one = |v: f64| if v == 0.0 { 1.0 } else { v };
        match token {
            Token::And => self.only_scales = false,
            Token::A => {
                self.only_scales = false;
                self.current = or_one(self.current);
            }
            Token::Half => {
                self.only_scales = false;
                self.current = 0.5;
            }
            Token::Unit(v) => {
                self.only_scales = false;
                self.current += v;
            }
            Token::Times(v) => self.current = or_one(self.current) * v,
            Token::Scale(v) => {
                self.total += or_one(self.current) * v;
                self.current = 0.0;
            }
        }
    }
}

enum Head {
    Digits { end: usize, suffix: Option<f64>, attached: Option<&'static str> },
    Words(Words),
}

/// A match of `_NUMBER` (byte offsets).
struct Match {
    start: usize,
    end: usize,
    head: Head,
    scale: Option<f64>,
    unit: Option<&'static str>,
}

struct Scan<'a> {
    t: &'a [u8],
}

impl Scan<'_> {
    /// Whether `word` (lowercase ASCII) is at `i`, in any case.
    fn at_word(&self, i: usize, word: &str) -> bool {
        self.t.get(i..i + word.len()).is_some_and(|s| s.eq_ignore_ascii_case(word.as_bytes()))
    }

    /// `(?![\w])` at `i`.
    fn boundary(&self, i: usize) -> bool {
        self.t.get(i).is_none_or(|&c| !is_word(c))
    }

    /// The end of the run of characters `keep` accepts from `i`.
    fn skip(&self, i: usize, keep: impl Fn(u8) -> bool) -> usize {
        let rest = self.t.get(i..).unwrap_or_default();
        i + rest.iter().position(|&c| !keep(c)).unwrap_or(rest.len())
    }

    /// `_NUMBER.match` at `i`, look-behinds included.
    fn at(&self, i: usize) -> Option<Match> {
        let t = self.t;
        let c = t[i];
        // `(?=[\dhaotfsendmb])`: the first characters of the number words, "half" and "a"
        if !(c.is_ascii_digit() || b"haotfsendmb".contains(&c.to_ascii_lowercase())) {
            return None;
        }
        if i > 0 && (is_word(t[i - 1]) || t[i - 1] == b'.') {
            return None;
        }
        if i > 1 && t[i - 1] == b'-' && t[i - 2].is_ascii_digit() {
            return None; // "5-6": a range's second figure
        }
        let (end, head) = if c.is_ascii_digit() { self.digits(i)? } else { self.words(i)? };
        let sep = |c| is_space(c) || c == b'-';
        let mut m = Match { start: i, end, head, scale: None, unit: None };
        let s = self.skip(m.end, sep);
        if let Some(&(w, v)) = SCALES.iter().find(|(w, _)| self.at_word(s, w) && self.boundary(s + w.len())) {
            m.scale = Some(v);
            m.end = s + w.len();
        }
        let s = self.skip(m.end, sep);
        for &(w, plural, unit) in &UNITS {
            if !self.at_word(s, w) {
                continue;
            }
            let e = s + w.len();
            let e = if plural && t.get(e).is_some_and(|c| c.eq_ignore_ascii_case(&b's')) && self.boundary(e + 1) {
                e + 1
            } else if self.boundary(e) {
                e
            } else {
                continue;
            };
            m.unit = Some(unit);
            m.end = e;
            break;
        }
        Some(m)
    }

    /// `\d++(?:[.,]\d++)*+(?:(?P<suffix>bn|tn|m|k)|(?P<attached>ft|km|kg|cm|mm))?(?![\w])` at `i`.
    fn digits(&self, i: usize) -> Option<(usize, Head)> {
        let t = self.t;
        let mut d = self.skip(i, |c| c.is_ascii_digit());
        while d + 1 < t.len() && matches!(t[d], b'.' | b',') && t[d + 1].is_ascii_digit() {
            d = self.skip(d + 1, |c| c.is_ascii_digit());
        }
        for &(w, suffix, attached) in &SUFFIXES {
            if self.at_word(d, w) && self.boundary(d + w.len()) {
                return Some((d + w.len(), Head::Digits { end: d, suffix, attached }));
            }
        }
        self.boundary(d).then_some((d, Head::Digits { end: d, suffix: None, attached: None }))
    }

    /// The whole number word at `i`, if one is: its lowercase form and token.
    fn number_word(&self, i: usize) -> Option<(&'static str, Token)> {
        let word = &self.t[i..self.skip(i, is_word)];
        let mut lower = [0u8; 9];
        let lower = lower.get_mut(..word.len())?; // number words have three to nine letters
        lower.copy_from_slice(word);
        lower.make_ascii_lowercase();
        number_word(lower)
    }

    /// `(?:half\s+)?an?\s+(?=(?:dozen|hundred|thousand|million|billion)\b)` at `i`: where it ends,
    /// and whether "half" was there.
    fn prefix(&self, i: usize) -> Option<(usize, bool)> {
        if self.at_word(i, "half") {
            let after_half = self.skip(i + 4, is_space);
            if let Some(e) = self.article(after_half).filter(|_| after_half > i + 4) {
                return Some((e, true));
            }
        }
        self.article(i).map(|e| (e, false))
    }

    /// `an?\s+(?=(?:dozen|hundred|thousand|million|billion)\b)` at `i` ("an" tried first).
    fn article(&self, i: usize) -> Option<usize> {
        if !self.at_word(i, "a") {
            return None;
        }
        let an = usize::from(self.at_word(i + 1, "n"));
        (0..=an).rev().map(|n| (i + 1 + n, self.skip(i + 1 + n, is_space))).find_map(|(k, e)| {
            let scale = ["dozen", "hundred", "thousand", "million", "billion"]
                .iter()
                .any(|w| self.at_word(e, w) && self.boundary(e + w.len()));
            (e > k && scale).then_some(e)
        })
    }

    /// The `words` group at `i`: an optional "half a"/"a"/"an", then number words joined by spaces
    /// and hyphens, or by "and" after a scale ("two hundred and fifty"), each a whole word.
    fn words(&self, i: usize) -> Option<(usize, Head)> {
        let mut words = Words { total: 0.0, current: 0.0, one: false, only_scales: true, tokens: 0 };
        let mut e = i;
        if let Some((after, half)) = self.prefix(i) {
            if half {
                words.push("half", Token::Half);
            }
            words.push("a", Token::A);
            e = after;
        }
        let (mut last, token) = self.number_word(e)?;
        words.push(last, token);
        e += last.len();
        loop {
            let s = self.skip(e, |c| is_space(c) || c == b'-');
            if let Some((w, token)) = (s > e).then(|| self.number_word(s)).flatten() {
                words.push(w, token);
                (last, e) = (w, s + w.len());
                continue;
            }
            // `(?<=hundred)\s+and\s+` (or thousand, million, billion)
            if !matches!(last, "hundred" | "thousand" | "million" | "billion") {
                break;
            }
            let s = self.skip(e, is_space);
            let w = self.skip(s + 3, is_space);
            if s == e || !self.at_word(s, "and") || w == s + 3 {
                break;
            }
            let Some((word, token)) = self.number_word(w) else { break };
            words.push("and", Token::And);
            words.push(word, token);
            (last, e) = (word, w + word.len());
        }
        Some((e, Head::Words(words)))
    }

    /// `_NAME_BEFORE.search(text, pos, end)`: `(?<![.!?]\s)\b([A-Z][a-z]*)\s$`, case-sensitive; its
    /// word in lowercase.
    fn name_before(&self, pos: usize, end: usize) -> Option<String> {
        let t = self.t;
        (pos..end).find_map(|q| {
            if !t[q].is_ascii_uppercase() || (q > 0 && is_word(t[q - 1])) {
                return None;
            }
            if q > 1 && matches!(t[q - 2], b'.' | b'!' | b'?') && is_space(t[q - 1]) {
                return None; // a sentence's first word
            }
            let r = q + 1 + t[q + 1..end].iter().take_while(|c| c.is_ascii_lowercase()).count();
            let at_end = r + 1 == end || (r + 2 == end && t[r + 1] == b'\n');
            (r < end && is_space(t[r]) && at_end).then(|| String::from_utf8_lossy(&t[q..r]).to_ascii_lowercase())
        })
    }

    /// The byte offset `chars` characters before `i`, or `floor` if that comes first.
    fn back_chars(&self, mut i: usize, chars: usize, floor: usize) -> usize {
        for _ in 0..chars {
            if i <= floor {
                break;
            }
            i -= 1;
            while i > floor && self.t[i] & 0xC0 == 0x80 {
                i -= 1;
            }
        }
        i
    }
}

/// Byte offsets to code points, for offsets asked in increasing order.
struct CodePoints<'a> {
    t: &'a [u8],
    byte: usize,
    cp: usize,
}

impl CodePoints<'_> {
    fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            (self.byte, self.cp) = (0, 0);
        }
        self.cp += self.t[self.byte..byte].iter().filter(|&&c| c & 0xC0 != 0x80).count();
        self.byte = byte;
        self.cp
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<(f64, &'static str, &'static str, String, Option<String>)> {
        let chars: Vec<char> = text.chars().collect();
        find(text, 0)
            .unwrap()
            .into_iter()
            .map(|f| (f.value, f.unit, f.kind, chars[f.start..f.end].iter().collect(), f.name))
            .collect()
    }

    fn one(text: &str) -> (f64, &'static str, &'static str, String) {
        let found = rows(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        let (v, u, k, s, _) = found.into_iter().next().unwrap();
        (v, u, k, s)
    }

    #[test]
    fn digits_suffixes_and_units() {
        assert_eq!(rows("It cost 1,000x more."), []);
        assert_eq!(one("It weighs 5kg."), (5.0, "kg", "amount", "5kg".into()));
        assert_eq!(one("It is 5km away."), (5.0, "km", "amount", "5km".into()));
        assert_eq!(one("It made 3.5bn."), (3.5e9, "", "count", "3.5bn".into()));
        assert_eq!(one("It rose 1,5 points."), (1.5, "", "count", "1,5".into()));
        assert_eq!(one("It rose 50%."), (50.0, "%", "percent", "50%".into()));
        assert_eq!(one("It rose 50 per cent."), (50.0, "%", "percent", "50 per cent".into()));
        assert_eq!(one("It was in 1999."), (1999.0, "", "year", "1999".into()));
        assert_eq!(one("It took 5 million years."), (5e6, "year", "duration", "5 million years".into()));
    }

    #[test]
    fn number_words() {
        assert_eq!(one("It had two hundred and fifty."), (250.0, "", "count", "two hundred and fifty".into()));
        assert_eq!(one("It had half a dozen."), (6.0, "", "count", "half a dozen".into()));
        assert_eq!(one("It had thirty-five."), (35.0, "", "count", "thirty-five".into()));
        assert_eq!(one("It took one year."), (1.0, "year", "duration", "one year".into()));
        assert_eq!(rows("It was the tenth."), []);
        assert_eq!(rows("There were millions of people."), []);
        assert_eq!(rows("There was one person."), []);
    }

    #[test]
    fn names_headings_and_fallbacks() {
        let found = rows("He flew a Boeing 747 on Friday.");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].4.as_deref(), Some("boeing"));
        assert_eq!(rows("In 2019 it rose.")[0].4.as_deref(), Some("in"));
        assert_eq!(rows("8 You can't cure jet lag"), []);
        assert_eq!(rows("8 You can't cure jet lag.").len(), 1);
        // no one number: the value of its digits alone ("7.12.2026", "1,23.4")
        assert_eq!(find("It was 1,23.4 wide.", 0).unwrap()[0].value, 1234.0);
        assert_eq!(find("Held on 7.12.2026.", 0).unwrap()[0].value, 7122026.0);
        assert_eq!(find("Caf\u{e9} 5.", 0), None);
        // code points, not bytes, after a typographic quote
        let found = find("\u{2019}x 5 km.", 0).unwrap();
        assert_eq!((found[0].start, found[0].end), (3, 7));
    }
}
