//! Sentence segmentation of plain text: `python_split` of `articlediff/segment.py` in one call.
//!
//! The reference's steps, restated over the characters of `text[start:end]` (indices are code
//! point offsets, as Python's): `logical_lines` (lines, hard-wrapped paragraphs joined), each line
//! stripped, its dateline cut off, Punkt's spans (`_punkt_spans`: every possible end, Punkt asked
//! about its context, closing quotes moved back), the repairs of `_continues` (the rest of a spaced
//! ellipsis, a lowercase start, a quotation's attribution) and `_bounded`'s cut of a unit longer
//! than `MAX_UNIT_CHARS`. Punkt's common contexts are decided here as `_FastPunkt.contains_sentbreak`
//! decides them; every other context goes to a callback, Punkt's own `text_contains_sentbreak`.
//!
//! It decides only plain text (`flags::is_plain`). There, the reference's classes are ASCII ones:
//! `str.isspace`, `\s` of `re` and of NLTK's `regex` are `\t \n \r` and the space (`\x0b \x0c
//! \x1c`-`\x1f` are not plain), `\w` is `[A-Za-z0-9_]`, `isalpha`/`isupper`/`lower` are ASCII, the
//! only line separators are `\n` and `\r`, and no sentence end of another script (`_OTHER_END`) occurs.

use pyo3::prelude::*;
use pyo3::types::PyString;
use regex::Regex;
use rustc_hash::FxHashSet as HashSet;

use crate::flags::is_plain;

/// A span of characters, `(start, end)`.
pub type Span = (usize, usize);

/// `str.isspace()` (and `\s`) on a plain character.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// `\w` on a plain character.
fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn is_end(c: char) -> bool {
    matches!(c, '.' | '?' | '!')
}

/// `_OPENING`.
fn is_opening(c: char) -> bool {
    matches!(c, '"' | '\'' | '\u{201c}' | '\u{2018}' | '(' | '[' | '\u{ab}')
}

/// The closing quotes and brackets `_INTERNAL_END` and `_LINE_END` allow after an end: `["'”’)\]]`.
fn is_line_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '\u{201d}' | '\u{2019}' | ')' | ']')
}

/// The quotes of `_CLOSING_QUOTE` and `_REST`: `["'”’»]`.
fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '\u{201d}' | '\u{2019}' | '\u{bb}')
}

/// What may follow an end in Punkt's `period_context_re` (and `_PLAIN_CONTEXT`) with no space.
fn is_punkt_after(c: char) -> bool {
    matches!(
        c,
        ')' | '"'
            | ';'
            | '}'
            | ']'
            | '*'
            | ':'
            | '@'
            | '\''
            | '('
            | '{'
            | '['
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201c}'
            | '\u{201d}'
            | '\u{ab}'
            | '\u{bb}'
            | '?'
            | '!'
    )
}

/// `_P_CLOSERS`: the closing punctuation Punkt moves back onto the sentence before it.
fn is_punkt_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '}' | '\u{2018}' | '\u{2019}' | '\u{201c}' | '\u{201d}' | '\u{ab}' | '\u{bb}')
}

/// `_TAIL_PUNCT`.
fn is_tail_punct(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '\u{201c}'
            | '\u{201d}'
            | '\u{2018}'
            | '\u{2019}'
            | '('
            | ')'
            | '['
            | ']'
            | ','
            | ';'
            | '.'
            | '?'
            | '!'
    )
}

/// `text[s:e].strip()` as a span (None when nothing is left: `_stripped`).
fn stripped(text: &[char], mut s: usize, mut e: usize) -> Option<Span> {
    while s < e && is_space(text[s]) {
        s += 1;
    }
    while e > s && is_space(text[e - 1]) {
        e -= 1;
    }
    (s < e).then_some((s, e))
}

/// `s.lower()` of plain characters.
fn lower(chars: &[char]) -> String {
    chars.iter().map(|c| c.to_ascii_lowercase()).collect()
}

/// `s.rpartition("-")[2]`.
fn after_dash(s: &str) -> &str {
    s.rsplit('-').next().unwrap_or(s)
}

/// `_first_letter`: the first letter, unless a character other than an opening quote or a space comes first.
fn first_letter(text: &[char]) -> Option<char> {
    for &c in text {
        if c.is_ascii_alphabetic() {
            return Some(c);
        }
        if !is_opening(c) && !is_space(c) {
            return None;
        }
    }
    None
}

/// `text.split()`: the spans of its words.
fn words(text: &[char]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if is_space(text[i]) {
            i += 1;
            continue;
        }
        let a = i;
        while i < text.len() && !is_space(text[i]) {
            i += 1;
        }
        out.push((a, i));
    }
    out
}

/// Whether `w` is `[^\W\d_]+(?:[-.][^\W\d_]+)*` (letters, inner hyphens and dots) or, with
/// `digits`, `\d+(?:[.,]\d+)*`.
fn is_form(w: &[char], digits: bool) -> bool {
    let part = |c: char| if digits { c.is_ascii_digit() } else { c.is_ascii_alphabetic() };
    let sep = |c: char| if digits { matches!(c, '.' | ',') } else { matches!(c, '-' | '.') };
    let mut after_part = false;
    for &c in w {
        if part(c) {
            after_part = true;
        } else if sep(c) && after_part {
            after_part = false;
        } else {
            return false;
        }
    }
    after_part
}

/// The rules of `articlediff/segment.py`, with its word lists and limits (given once by Python).
pub struct Rules {
    abbrevs: HashSet<String>,
    starters: HashSet<String>,
    name_ends: HashSet<String>,
    name_goes_on: HashSet<String>,
    clause: HashSet<String>,
    speech: HashSet<String>,
    max_tail: usize,
    max_unit: usize,
    wrap_widths: (f64, f64),
    wrap_share: f64,
    /// `_DATELINE` with its look-ahead `(?= \S)` consumed (group 1 is the dateline): the regex
    /// crate's leftmost-first match is the one Python's backtracking finds.
    dateline: Regex,
}

/// The word lists and limits `Rules` reads, as `articlediff/segment.py` defines them.
pub struct Words {
    pub abbrevs: Vec<String>,
    pub starters: Vec<String>,
    pub name_ends: Vec<String>,
    pub name_goes_on: Vec<String>,
    pub clause: Vec<String>,
    pub speech: Vec<String>,
    pub max_tail: usize,
    pub max_unit: usize,
    pub wrap_widths: (f64, f64),
    pub wrap_share: f64,
}

const DATELINE: &str = concat!(
    r"^([A-Z][A-Z.'\x{2019}]+(?:[ -][A-Z][A-Z.'\x{2019}]+){0,3}",
    r"(?:, [A-Z][a-z]{2,8}\.? \d{1,2})?(?: \([A-Za-z .]+\))? ?[\x{2014}\x{2013}-]{1,2}) \S"
);

impl Rules {
    pub fn new(words: Words) -> Rules {
        let set = |v: Vec<String>| v.into_iter().collect::<HashSet<String>>();
        Rules {
            abbrevs: set(words.abbrevs),
            starters: set(words.starters),
            name_ends: set(words.name_ends),
            name_goes_on: set(words.name_goes_on),
            clause: set(words.clause),
            speech: set(words.speech),
            max_tail: words.max_tail,
            max_unit: words.max_unit.max(1),
            wrap_widths: words.wrap_widths,
            wrap_share: words.wrap_share,
            dateline: Regex::new(DATELINE).expect("the dateline pattern compiles"),
        }
    }

    /// Rules with a few of the shipped words and the shipped limits: for the unit tests and the fuzz target.
    pub fn sample() -> Rules {
        let words = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
        Rules::new(Words {
            abbrevs: words("u.s gen brig mr co corp n.y no"),
            starters: words("his in the"),
            name_ends: words("co corp n.y"),
            name_goes_on: words("chief thursday"),
            clause: words("that he they would"),
            speech: words("said told says"),
            max_tail: 10,
            max_unit: 1000,
            wrap_widths: (40.0, 120.0),
            wrap_share: 0.6,
        })
    }

    /// `_split(text, 0, len(text), _punkt_spans)` for plain `text`; `punkt(context)` is Punkt's
    /// `text_contains_sentbreak` on a context the shortcut does not decide.
    pub fn split<E>(&self, text: &[char], punkt: &mut dyn FnMut(&[char]) -> Result<bool, E>) -> Result<Vec<Span>, E> {
        let mut spans = Vec::new();
        for (a, b) in self.logical_lines(text) {
            self.line(text, a, b, punkt, &mut spans)?;
        }
        Ok(spans)
    }

    /// The loop body of `_split` for the logical line `text[a..b]` (plain): its sentences go to `spans`.
    pub fn line<E>(
        &self,
        text: &[char],
        a: usize,
        b: usize,
        punkt: &mut dyn FnMut(&[char]) -> Result<bool, E>,
        spans: &mut Vec<Span>,
    ) -> Result<(), E> {
        let Some((mut a, b)) = stripped(text, a, b) else { return Ok(()) };
        if let Some(d) = self.dateline(&text[a..b]) {
            spans.push((a, a + d));
            let mut skip = d;
            while a + skip < b && is_space(text[a + skip]) {
                skip += 1;
            }
            a += skip;
        }
        let body = &text[a..b];
        let mut pieces: Vec<Span> = Vec::new();
        if !internal_end(body) {
            pieces.push((0, body.len()));
        } else {
            for (s, e) in self.punkt_spans(body, punkt)? {
                match pieces.last_mut() {
                    Some(last) if self.continues(body, *last, s, e, punkt)? => last.1 = e,
                    _ => pieces.push((s, e)),
                }
            }
        }
        for (s, e) in pieces {
            let Some((s, e)) = stripped(body, s, e) else { continue };
            if body.len() <= self.max_unit {
                spans.push((a + s, a + e));
            } else {
                spans.extend(self.bounded(body, s, e).into_iter().map(|(s, e)| (a + s, a + e)));
            }
        }
        Ok(())
    }

    /// `logical_lines(text)`.
    pub fn logical_lines(&self, text: &[char]) -> Vec<Span> {
        let mut out = Vec::new();
        let mut run: Vec<Span> = Vec::new();
        let mut i = 0;
        while i < text.len() {
            if matches!(text[i], '\n' | '\r') {
                i += 1;
                continue;
            }
            let a = i;
            while i < text.len() && !matches!(text[i], '\n' | '\r') {
                i += 1;
            }
            let blank = text[a..i].iter().all(|&c| is_space(c));
            if let Some(&(_, prev)) = run.last() {
                if !blank && matches!(&text[prev..a], ['\n'] | ['\r', '\n'] | ['\r']) {
                    run.push((a, i));
                    continue;
                }
            }
            self.join_wrapped(text, &run, &mut out);
            run.clear();
            if blank {
                out.push((a, i));
            } else {
                run.push((a, i));
            }
        }
        self.join_wrapped(text, &run, &mut out);
        out
    }

    /// `_join_wrapped`: the lines of `run`, each hard-wrapped stretch of them as one span.
    fn join_wrapped(&self, text: &[char], run: &[Span], out: &mut Vec<Span>) {
        if run.len() < 3 {
            out.extend_from_slice(run);
            return;
        }
        let bodies: Vec<&[char]> =
            run.iter().map(|&(a, b)| stripped(text, a, b).map_or(&text[a..a], |(s, e)| &text[s..e])).collect();
        let width = bodies.iter().map(|b| b.len()).max().unwrap_or(0) as f64;
        if !(self.wrap_widths.0 <= width && width <= self.wrap_widths.1) {
            out.extend_from_slice(run);
            return;
        }
        let mut first = 0;
        for n in 0..bodies.len() {
            if n + 1 < bodies.len() && bodies[n].len() as f64 >= self.wrap_share * width {
                continue;
            }
            let inner = n - first;
            let open_ended = bodies[first..n].iter().filter(|b| !line_end(b)).count();
            let lowercase = bodies[first + 1..=n]
                .iter()
                .filter(|b| first_letter(b).is_some_and(|c| c.is_ascii_lowercase()))
                .count();
            if n + 1 - first >= 3 && 2 * open_ended > inner && 2 * lowercase > inner {
                out.push((run[first].0, run[n].1));
            } else {
                out.extend_from_slice(&run[first..=n]);
            }
            first = n + 1;
        }
    }

    /// The length of `_DATELINE.match(body)`, if it matches.
    fn dateline(&self, body: &[char]) -> Option<usize> {
        // `[A-Z][A-Z.'’]` first: most lines start with a word in lowercase after its capital
        if body.len() < 4 || !body[0].is_ascii_uppercase() || !matches!(body[1], 'A'..='Z' | '.' | '\'' | '\u{2019}') {
            return None;
        }
        let s: String = body.iter().collect();
        let end = self.dateline.captures(&s)?.get(1)?.end();
        Some(s[..end].chars().count())
    }

    /// `_punkt_spans(text)`.
    fn punkt_spans<E>(&self, text: &[char], punkt: &mut dyn FnMut(&[char]) -> Result<bool, E>) -> Result<Vec<Span>, E> {
        let n = text.len();
        let mut slices: Vec<Span> = Vec::new();
        let mut last_break = 0;
        // the possible end Punkt holds back: (where, its word's start, its context's end, the next start)
        let mut held: Option<(usize, usize, usize, usize)> = None;
        let (mut lo, mut word) = (0, 0);
        for at in 0..n {
            if !is_end(text[at]) {
                continue;
            }
            // _P_END_CONTEXT's look-ahead: closing punctuation, or spaces and a next token
            let (stop, next) = if at + 1 < n && is_punkt_after(text[at + 1]) {
                (at + 2, at + 1)
            } else {
                let mut j = at + 1;
                while j < n && is_space(text[j]) {
                    j += 1;
                }
                if j == at + 1 || j == n {
                    continue;
                }
                let mut k = j;
                while k < n && !is_space(text[k]) {
                    k += 1;
                }
                (k, j)
            };
            // the word before the end starts after the last space since the previous end
            if let Some(space) = (lo..at).rev().find(|&i| is_space(text[i])) {
                if space > lo {
                    word = space + 1;
                }
            }
            if let Some((h, h_word, h_stop, h_next)) = held {
                if h <= word && self.contains_sentbreak(&text[h_word..h_stop], punkt)? {
                    slices.push((last_break, h + 1));
                    last_break = h_next;
                }
            }
            held = Some((at, word, stop, next));
            lo = at;
        }
        if let Some((h, h_word, h_stop, h_next)) = held {
            if self.contains_sentbreak(&text[h_word..h_stop], punkt)? {
                slices.push((last_break, h + 1));
                last_break = h_next;
            }
        }
        let mut end = n;
        while end > 0 && is_space(text[end - 1]) {
            end -= 1;
        }
        slices.push((last_break, end));

        let mut spans = Vec::with_capacity(slices.len());
        let mut realign = 0;
        for (k, &(a, b)) in slices.iter().enumerate() {
            let a = a + realign;
            realign = 0;
            if let Some(&(a2, b2)) = slices.get(k + 1) {
                if a2 < b2 && is_punkt_closer(text[a2]) {
                    if let Some((closers, spaces)) = realign_match(text, a2, b2) {
                        spans.push((a, a2 + closers));
                        realign = closers + spaces;
                        continue;
                    }
                }
            }
            if a < b {
                spans.push((a, b));
            }
        }
        Ok(spans)
    }

    /// `_FastPunkt.contains_sentbreak` on a context: the shortcut, else Punkt.
    fn contains_sentbreak<E>(
        &self,
        context: &[char],
        punkt: &mut dyn FnMut(&[char]) -> Result<bool, E>,
    ) -> Result<bool, E> {
        match self.shortcut(context) {
            Some(yes) => Ok(yes),
            None => punkt(context),
        }
    }

    /// What `_FastPunkt.contains_sentbreak` decides without Punkt (None: it asks Punkt).
    pub fn shortcut(&self, ctx: &[char]) -> Option<bool> {
        // _PLAIN_CONTEXT.fullmatch: a word or number, an end, then spaces and a token of no space or
        // end, or one character of closing punctuation (then the context holds no space at all)
        let n = ctx.len();
        let (at, next) = match ctx.iter().position(|&c| is_space(c)) {
            Some(i) => {
                let j = i + ctx[i..].iter().take_while(|&&c| is_space(c)).count();
                if i == 0 || j == n || ctx[j..].iter().any(|&c| is_space(c) || is_end(c)) {
                    return None;
                }
                (i - 1, Some(&ctx[j..]))
            }
            None if n >= 2 && is_punkt_after(ctx[n - 1]) => (n - 2, None),
            None => return None,
        };
        let (w, end) = (&ctx[..at], ctx[at]);
        if !is_end(end) || w.is_empty() {
            return None;
        }
        if is_form(w, false) {
            if end != '.' {
                return Some(true);
            }
            if w.len() > 1 {
                let low = lower(w);
                if !self.abbrevs.contains(&low) && !self.abbrevs.contains(after_dash(&low)) {
                    // two initials ("J.D"): Punkt's
                    if !(w.len() == 3 && w[1] == '.') {
                        return Some(true);
                    }
                } else {
                    let Some(next) = next.filter(|x| x[0].is_ascii_uppercase()) else { return Some(false) };
                    if next.iter().all(|c| c.is_ascii_alphabetic()) {
                        return Some(
                            self.starters.contains(&lower(next))
                                || (self.ends_name(&low) && self.starts_sentence(next)),
                        );
                    }
                }
            }
        } else if end == '.' && is_form(w, true) {
            if let Some(next) = next.filter(|x| x[0].is_ascii_alphabetic()) {
                return Some(!next[0].is_ascii_lowercase());
            }
        }
        None
    }

    fn ends_name(&self, typ: &str) -> bool {
        self.name_ends.contains(typ) || self.name_ends.contains(after_dash(typ))
    }

    /// `_starts_sentence` of a word of ASCII letters that starts with a capital.
    fn starts_sentence(&self, word: &[char]) -> bool {
        !word.iter().all(|c| c.is_ascii_uppercase()) && !self.name_goes_on.contains(&lower(word))
    }

    /// `_continues(text, prev, start, end)`.
    fn continues<E>(
        &self,
        text: &[char],
        prev: Span,
        start: usize,
        end: usize,
        punkt: &mut dyn FnMut(&[char]) -> Result<bool, E>,
    ) -> Result<bool, E> {
        if rest(text, start, end) {
            return Ok(true);
        }
        if first_letter(&text[start..end.min(start + 3)]).is_some_and(|c| c.is_ascii_lowercase()) {
            return Ok(true);
        }
        if let Some((word, dots)) = spaced_ellipsis(text, prev.0, prev.1) {
            // `text[start:end].split(None, 1)[0]`: a piece of Punkt's starts with no space
            let following =
                words(&text[start..end]).first().map_or(&text[start..start], |&(a, b)| &text[start + a..start + b]);
            let mut context: Vec<char> = Vec::with_capacity(following.len() + 16);
            let word = &text[word.0..word.1];
            if !word.is_empty() && text[dots.0..dots.1].iter().filter(|&&c| c == '.').count() > 3 {
                context.extend_from_slice(word);
                context.extend(['.', ' ']);
            } else {
                context.extend(['.', '.', '.', ' ']);
            }
            context.extend_from_slice(following);
            return Ok(!self.contains_sentbreak(&context, punkt)?);
        }
        if closing_quote(text, prev.0, prev.1) && start < end && !is_opening(text[start]) {
            return Ok(self.is_attribution(&text[start..end]));
        }
        Ok(false)
    }

    /// `_is_attribution(sentence)`.
    fn is_attribution(&self, sentence: &[char]) -> bool {
        let all = words(sentence);
        let mut head: Vec<char> = Vec::new();
        for (k, &(a, b)) in all.iter().take(6).enumerate() {
            if k > 0 {
                head.push(' ');
            }
            head.extend_from_slice(&sentence[a..b]);
        }
        // _SPEECH.search(head): the first run of word characters that is a speech verb
        let mut verb_end = None;
        let mut i = 0;
        while i < head.len() {
            if !is_word(head[i]) {
                i += 1;
                continue;
            }
            let a = i;
            while i < head.len() && is_word(head[i]) {
                i += 1;
            }
            if self.speech.contains(&head[a..i].iter().collect::<String>()) {
                verb_end = Some(i);
                break;
            }
        }
        let Some(verb_end) = verb_end else { return false };
        let rest = &head[verb_end..];
        let mut tail: Vec<&[char]> = words(rest).into_iter().map(|(a, b)| &rest[a..b]).collect();
        tail.extend(all.iter().skip(6).map(|&(a, b)| &sentence[a..b]));
        if tail.len() > self.max_tail {
            return false;
        }
        if tail.len() > 1 && tail[..tail.len() - 1].iter().any(|w| matches!(w.last(), Some(',' | ':'))) {
            return false;
        }
        !tail.iter().any(|w| {
            let (mut a, mut b) = (0, w.len());
            while a < b && is_tail_punct(w[a]) {
                a += 1;
            }
            while b > a && is_tail_punct(w[b - 1]) {
                b -= 1;
            }
            self.clause.contains(&lower(&w[a..b]))
        })
    }

    /// `_bounded(text, s, e)`: a unit longer than `max_unit` cut at spaces.
    fn bounded(&self, text: &[char], mut s: usize, e: usize) -> Vec<Span> {
        let max = self.max_unit;
        let mut out = Vec::new();
        while e - s > max {
            let cut = (s + max / 2..s + max).rev().find(|&i| text[i] == ' ').unwrap_or(s + max);
            out.extend(stripped(text, s, cut));
            s = cut;
        }
        out.extend(stripped(text, s, e));
        out
    }
}

/// `_INTERNAL_END.search(body)`: an end, closing quotes or brackets, then a space.
fn internal_end(body: &[char]) -> bool {
    (0..body.len())
        .any(|i| is_end(body[i]) && body[i + 1..].iter().find(|&&c| !is_line_closer(c)).is_some_and(|&c| is_space(c)))
}

/// `_LINE_END.search(body)`: the line ends with an end (or a colon), closing quotes or brackets after it.
fn line_end(body: &[char]) -> bool {
    let j = body.len() - body.iter().rev().take_while(|&&c| is_line_closer(c)).count();
    j > 0 && matches!(body[j - 1], '.' | '?' | '!' | ':' | '\u{2026}')
}

/// `_REST.match(text, start, end)`.
fn rest(text: &[char], start: usize, end: usize) -> bool {
    if start < end && text[start] == '.' && (start + 1 == end || is_space(text[start + 1])) {
        return true;
    }
    let j = start + text[start..end].iter().take_while(|&&c| is_quote(c)).count();
    j < end && matches!(text[j], ',' | ';')
}

/// `_CLOSING_QUOTE.search(text, s, e)`: an end or a comma, a closing quote, then only spaces.
fn closing_quote(text: &[char], s: usize, e: usize) -> bool {
    let mut e2 = e;
    while e2 > s && is_space(text[e2 - 1]) {
        e2 -= 1;
    }
    e2 >= s + 2 && is_quote(text[e2 - 1]) && matches!(text[e2 - 2], '.' | '?' | '!' | ',')
}

/// `_P_REALIGN.match(text, a, b)` at a closer: the fewest closers followed by spaces (all of them),
/// by "--" or by the end; `(closers, spaces)`.
fn realign_match(text: &[char], a: usize, b: usize) -> Option<(usize, usize)> {
    let mut p = a + 1;
    loop {
        if p < b && is_space(text[p]) {
            let spaces = text[p..b].iter().take_while(|&&c| is_space(c)).count();
            return Some((p - a, spaces));
        }
        if p == b || (p + 1 < b && text[p] == '-' && text[p + 1] == '-') {
            return Some((p - a, 0));
        }
        if !is_punkt_closer(text[p]) {
            return None;
        }
        p += 1;
    }
}

/// `_SPACED_ELLIPSIS.search(text, s, e)`: the spans of its groups (the word before the dots, and
/// the dots). The pattern is `(?<!\S)(\S*?)(\.(?:[ \t\xa0]\.){2,})$`; its look-behind sees before `s`.
fn spaced_ellipsis(text: &[char], s: usize, e: usize) -> Option<(Span, Span)> {
    // `$`: the end, or before a newline that ends the text
    let end = if e > s && text[e - 1] == '.' {
        e
    } else if e >= s + 2 && text[e - 1] == '\n' && text[e - 2] == '.' {
        e - 1
    } else {
        return None;
    };
    // the dots and single spaces ending at `end`: each dot of it from which two or more follow
    // (every other character back from end - 1) can start group 2
    let mut run = end - 1;
    while run >= 2 && matches!(text[run - 1], ' ' | '\t') && text[run - 2] == '.' {
        run -= 2;
    }
    let last = end.checked_sub(5)?; // the last dot that starts ". . ."
    let mut q = run.max(s);
    if (end - 1 - q) % 2 == 1 {
        q += 1;
    }
    if q > last || q < run {
        return None;
    }
    if q == run {
        // the first dot of the run: group 1 is the word of no spaces before it, if it starts at
        // or after `s` (else no match starts there)
        let w = q - text[..q].iter().rev().take_while(|&&c| !is_space(c)).count();
        if w >= s {
            return Some(((w, q), (q, end)));
        }
        // then none starts before the next dot, after a space
        q += 2;
        if q > last {
            return None;
        }
    }
    Some(((q, q), (q, end)))
}

/// What any split of `text` must be, whatever Punkt answers: spans in order, none empty or
/// overlapping, each within the text and with no space at either end (the fuzz target's check).
pub fn check_spans(text: &[char], spans: &[Span]) -> Result<(), String> {
    let mut last = 0;
    for &(a, b) in spans {
        if !(last <= a && a < b && b <= text.len()) {
            return Err(format!("span ({a}, {b}) after {last} of {}", text.len()));
        }
        if is_space(text[a]) || is_space(text[b - 1]) {
            return Err(format!("span ({a}, {b}) is not stripped"));
        }
        last = b;
    }
    Ok(())
}

/// `python_split` of `articlediff/segment.py` on plain text, with its word lists (from Python, once).
#[pyclass(frozen, module = "articlediff_native", name = "Segmenter")]
pub struct Segmenter {
    rules: Rules,
    punkt: Py<PyAny>,
}

#[pymethods]
impl Segmenter {
    /// The rules' word lists and limits as `articlediff/segment.py` holds them; `punkt(context)`
    /// is Punkt's `text_contains_sentbreak` (asked about the contexts the shortcut leaves to it).
    #[new]
    #[pyo3(signature = (*, abbrevs, starters, name_ends, name_goes_on, clause, speech, max_tail, max_unit, wrap_widths, wrap_share, punkt))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        abbrevs: Vec<String>,
        starters: Vec<String>,
        name_ends: Vec<String>,
        name_goes_on: Vec<String>,
        clause: Vec<String>,
        speech: Vec<String>,
        max_tail: usize,
        max_unit: usize,
        wrap_widths: (f64, f64),
        wrap_share: f64,
        punkt: Py<PyAny>,
    ) -> Segmenter {
        let words = Words {
            abbrevs,
            starters,
            name_ends,
            name_goes_on,
            clause,
            speech,
            max_tail,
            max_unit,
            wrap_widths,
            wrap_share,
        };
        Segmenter { rules: Rules::new(words), punkt }
    }

    /// The sentence spans of `text[start:end]` (`0 <= start <= end <= len(text)`, as Python's `re`
    /// clamps them), in code points of `text`; None unless every character there is plain.
    fn split(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyString>,
        start: usize,
        end: usize,
    ) -> PyResult<Option<Vec<Span>>> {
        let Ok(s) = text.to_str() else { return Ok(None) }; // a lone surrogate: the reference
        if start > end {
            return Err(pyo3::exceptions::PyValueError::new_err(format!("start {start} is after end {end}")));
        }
        let chars: Vec<char> = if s.is_ascii() {
            s.as_bytes().get(start..end).map(|b| b.iter().map(|&c| c as char).collect()).unwrap_or_default()
        } else {
            s.chars().skip(start).take(end - start).collect()
        };
        if chars.len() != end - start {
            return Err(pyo3::exceptions::PyValueError::new_err(format!("end {end} is past the text's end")));
        }
        if !chars.iter().all(|&c| is_plain(c)) {
            return Ok(None);
        }
        let punkt = self.punkt.bind(py);
        let mut ask = |context: &[char]| -> PyResult<bool> {
            let context: String = context.iter().collect();
            punkt.call1((context,))?.is_truthy()
        };
        let spans = self.rules.split(&chars, &mut ask)?;
        Ok(Some(spans.into_iter().map(|(a, b)| (a + start, b + start)).collect()))
    }

    /// For each logical line `(a, b)` of `text` (`logical_lines` of the reference), the sentence
    /// spans `_split` finds in it, or None for a line that is not plain (the caller splits it).
    fn split_lines(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyString>,
        lines: Vec<Span>,
    ) -> PyResult<Option<Vec<Option<Vec<Span>>>>> {
        let Ok(s) = text.to_str() else { return Ok(None) }; // a lone surrogate: the reference
        let chars: Vec<char> = s.chars().collect();
        let punkt = self.punkt.bind(py);
        let mut ask = |context: &[char]| -> PyResult<bool> {
            let context: String = context.iter().collect();
            punkt.call1((context,))?.is_truthy()
        };
        let mut out = Vec::with_capacity(lines.len());
        for (a, b) in lines {
            if a > b || b > chars.len() {
                return Err(pyo3::exceptions::PyValueError::new_err(format!(
                    "line ({a}, {b}) is not within the text's {} characters",
                    chars.len()
                )));
            }
            if !chars[a..b].iter().all(|&c| is_plain(c)) {
                out.push(None);
                continue;
            }
            let mut spans = Vec::new();
            self.rules.line(&chars, a, b, &mut ask, &mut spans)?;
            out.push(Some(spans));
        }
        Ok(Some(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Rules {
        Rules::sample()
    }

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// The sentences of `text`, Punkt asked only about the contexts of `punkt` (with its answers).
    fn sentences_asking(text: &str, punkt: &[(&str, bool)]) -> Vec<String> {
        let text = chars(text);
        let mut ask = |c: &[char]| -> Result<bool, ()> {
            let c: String = c.iter().collect();
            Ok(punkt.iter().find(|p| p.0 == c).unwrap_or_else(|| panic!("Punkt asked about {c:?}")).1)
        };
        let spans = rules().split(&text, &mut ask).unwrap();
        spans.iter().map(|&(a, b)| text[a..b].iter().collect()).collect()
    }

    fn sentences(text: &str) -> Vec<String> {
        sentences_asking(text, &[])
    }

    #[test]
    fn the_shortcut_decides_as_fast_punkt() {
        let r = rules();
        let ask = |s: &str| r.shortcut(&chars(s));
        assert_eq!(ask("left. The"), Some(true));
        assert_eq!(ask("left? the"), Some(true));
        assert_eq!(ask("U.S. His"), Some(true)); // an abbreviation, then a sentence starter
        assert_eq!(ask("U.S. envoys"), Some(false));
        assert_eq!(ask("Gen. Smith"), Some(false));
        assert_eq!(ask("Co. Republicans"), Some(true)); // a company, then a word that starts a sentence
        assert_eq!(ask("Co. Chief"), Some(false)); // ... or goes on naming
        assert_eq!(ask("Co. IBM"), Some(false));
        assert_eq!(ask("Co. It's"), None); // a capital, but not a word of letters: Punkt's
        assert_eq!(ask("7. The"), Some(true));
        assert_eq!(ask("7. the"), Some(false));
        assert_eq!(ask("them.\u{201d}"), Some(true));
        assert_eq!(ask("J.D. Power"), None); // two initials: Punkt's
        assert_eq!(ask("J. Smith"), None); // an initial
        assert_eq!(ask("end. Next."), None); // the next token has an end of its own
        assert_eq!(ask("caf\u{e9}. The"), None);
    }

    #[test]
    fn the_rules_of_the_reference() {
        assert_eq!(
            sentences(
                "MOSCOW \u{2014} Gen. Smith met U.S. envoys today. \u{201c}We agreed.\u{201d} he said.\nMore soon"
            ),
            [
                "MOSCOW \u{2014}",
                "Gen. Smith met U.S. envoys today.",
                "\u{201c}We agreed.\u{201d} he said.",
                "More soon"
            ]
        );
        assert_eq!(
            sentences_asking(
                "\"We agreed.\" Kyiv told reporters. \"No.\" He said that it would.",
                &[("reporters. \"No.\"", true), ("\"No.\"", true)]
            ),
            ["\"We agreed.\" Kyiv told reporters.", "\"No.\"", "He said that it would."]
        );
        // Punkt cuts at each dot; the ellipsis is decided as "...", before a word in lowercase
        let dots = [(". .", true), (". the", true), ("... the", false)];
        assert_eq!(sentences_asking("Left . . . the rest.", &dots), ["Left . . . the rest."]);
        assert_eq!(sentences("one two three\r\n\r\nfour"), ["one two three", "four"]);
    }

    #[test]
    fn a_spaced_ellipsis_and_its_word() {
        let text = chars("x word. . . .");
        assert_eq!(spaced_ellipsis(&text, 0, text.len()), Some(((2, 6), (6, 13))));
        assert_eq!(spaced_ellipsis(&text, 3, text.len()), Some(((8, 8), (8, 13)))); // the word starts before s
        assert_eq!(spaced_ellipsis(&text, 9, text.len()), None);
        let text = chars(". .");
        assert_eq!(spaced_ellipsis(&text, 0, text.len()), None);
    }

    #[test]
    fn spans_are_ordered_and_stripped_whatever_punkt_answers() {
        let pieces = [
            "Gen.",
            "U.S.",
            "J.D.",
            "7.",
            "the",
            "The",
            "said",
            "He",
            "\"",
            "\u{201c}",
            "\u{201d}",
            "\u{2019}",
            ".",
            "?",
            "!",
            ",",
            ")",
            "(",
            "--",
            "\u{2014}",
            "\u{2026}",
            ". . .",
            " ",
            " ",
            " ",
            "  ",
            "\t",
            "\n",
            "\r\n",
            "\r",
            "MOSCOW \u{2014} ",
            "x",
        ];
        let r = rules();
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..20_000 {
            let n = (next() % 40) as usize;
            let text: String = (0..n).map(|_| pieces[(next() % pieces.len() as u64) as usize]).collect();
            let text = chars(&text);
            let bits = next();
            let mut ask = |c: &[char]| -> Result<bool, ()> { Ok(bits >> (c.len() % 64) & 1 == 1) };
            let spans = r.split(&text, &mut ask).unwrap();
            if let Err(e) = check_spans(&text, &spans) {
                panic!("{e}: {:?}", text.iter().collect::<String>());
            }
        }
    }

    #[test]
    fn a_long_unit_is_cut_at_spaces() {
        let text = "word ".repeat(260);
        let got = sentences(&text);
        assert!(got.len() == 2 && got.iter().all(|s| s.chars().count() <= 1000), "{:?}", got.len());
        let blob = "x".repeat(2500);
        assert_eq!(sentences(&blob).iter().map(String::len).collect::<Vec<_>>(), [1000, 1000, 500]);
    }
}
