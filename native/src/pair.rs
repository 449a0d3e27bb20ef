//! The number, name and attribution flags of one aligned group on plain text, in one call:
//! `python_flag_pair` of `articlediff/signals/pair.py` (the reference), built from the scans of
//! [`crate::flags`] and [`crate::figures`].
//!
//! Python hands each sentence as the slice `text[max(0, a - 2):b]` (the scans' look-behinds see
//! the two characters before it) with its span; every span a flag points at lies inside one
//! sentence, so the messages are cut from those slices. A group with any sentence that is not
//! plain (`flags::is_plain`) returns `None` and the reference runs on the whole group.

use crate::figures;
use crate::flags::{is_plain, word_key, FlagScanner, Slice};
use aho_corasick::AhoCorasick;
use pyo3::prelude::*;
use rustc_hash::FxHashSet as HashSet;
use std::collections::BTreeMap;

pub(crate) type Span = (usize, usize);
/// A flag as Python gets it: `(kind, message, left span, right span)`.
pub(crate) type Row = (&'static str, String, Option<Span>, Option<Span>);

/// One sentence of a side: its slice and where it sits in the text.
pub(crate) struct Sentence<'t> {
    text: &'t str,
    slice: Slice,
    /// Code point offset in the text of the slice's first character.
    lo: usize,
    a: usize,
    b: usize,
}

impl Sentence<'_> {
    /// `text[x:y]` (offsets in the text, within the slice).
    fn cut(&self, x: usize, y: usize) -> String {
        self.slice.chars[x - self.lo..y - self.lo].iter().collect()
    }

    /// The slice `text[x:y]` as a `&str` (offsets in the text, within the slice).
    fn sub(&self, x: usize, y: usize) -> &str {
        let byte = |i: usize| self.text.char_indices().nth(i - self.lo).map_or(self.text.len(), |(p, _)| p);
        if self.text.is_ascii() {
            &self.text[x - self.lo..y - self.lo]
        } else {
            &self.text[byte(x)..byte(y)]
        }
    }
}

/// A figure with the words around it (`_Figure` of `numbers.py`).
struct Figure {
    value: f64,
    unit: &'static str,
    kind: &'static str,
    span: Span,
    before: Vec<String>,
    after: Option<String>,
    context: Vec<String>,
}

fn meets(x: &[String], y: &[String]) -> bool {
    x.iter().any(|w| y.contains(w))
}

/// `_near` of `numbers.py`.
fn near(g: &Figure, n: &Figure) -> bool {
    (g.after.is_some() && g.after == n.after) || meets(&g.before, &n.before)
}

/// `_same_slot` of `numbers.py`.
fn same_slot(g: &Figure, n: &Figure) -> bool {
    let dated = |k: &str| matches!(k, "year" | "duration");
    if dated(g.kind) && dated(n.kind) {
        return near(g, n);
    }
    if let Some(after) = &g.after {
        if Some(after) == n.after.as_ref() {
            return g.context.iter().any(|w| w != after && n.context.contains(w));
        }
    }
    g.after.is_none() && n.after.is_none() && meets(&g.before, &n.before)
}

/// `_number_swaps` of `numbers.py`: pairs of indices into `left` and `right`.
fn number_swaps(left: &[Figure], right: &[Figure]) -> Vec<(usize, usize)> {
    let mut gone: Vec<usize> = (0..left.len()).collect();
    let mut new: Vec<usize> = (0..right.len()).collect();
    for pass in 0..2 {
        for g in gone.clone() {
            let (lg, equal) = (&left[g], new.iter().copied());
            let equal: Vec<usize> =
                equal.filter(|&n| lg.value == right[n].value && (pass == 1 || lg.unit == right[n].unit)).collect();
            if let Some(&first) = equal.first() {
                gone.retain(|&x| x != g);
                // max() by _near: the first in the same slot, else the first
                let pick = if equal.len() == 1 {
                    first
                } else {
                    equal.iter().copied().find(|&n| near(lg, &right[n])).unwrap_or(first)
                };
                new.retain(|&x| x != pick);
            }
        }
    }
    let compatible = |x: &str, y: &str| x == y || matches!((x, y), ("duration", "year") | ("year", "duration"));
    let mut out = Vec::new();
    for &g in &gone {
        for &n in &new {
            if compatible(left[g].kind, right[n].kind) && same_slot(&left[g], &right[n]) {
                out.push((g, n));
            }
        }
    }
    out
}

/// The spans of `flags` sorted and without repeats, with the text of each.
fn sorted_spans(spans: impl Iterator<Item = Span>) -> Vec<Span> {
    let mut v: Vec<Span> = spans.collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// The sentence of `side` holding `span` (every flag's span lies in one).
fn holder<'s, 't>(side: &'s [Sentence<'t>], span: Span) -> &'s Sentence<'t> {
    side.iter().find(|s| s.a <= span.0 && span.1 <= s.b).unwrap_or(&side[0])
}

/// `_outside_quotes` of `attribution.py`.
fn outside_quotes(span: Span, quotes: &[Span]) -> Vec<Span> {
    let (a, b) = span;
    let (mut pieces, mut pos) = (Vec::new(), a);
    for &(qa, qb) in quotes {
        if qb <= a || qa >= b {
            continue;
        }
        if qa > pos {
            pieces.push((pos, qa - 1));
        }
        pos = pos.max(qb + 1);
    }
    if pos < b {
        pieces.push((pos, b));
    }
    pieces
}

/// The change flags of one group on plain text, given once the reference's word lists.
#[pyclass(frozen, module = "articlediff_native", name = "PairFlagger")]
pub struct PairFlagger {
    scanner: FlagScanner,
    not_names: HashSet<String>,
    noise: HashSet<String>,
    /// `_HEDGE_HINTS` of `attribution.py`: no hedge in a sentence holding none (its lowercase form)
    hedge_hints: AhoCorasick,
    /// the speech verbs: no speaker in a piece holding none (`_may_hold`)
    speech_verbs: AhoCorasick,
}

/// Whether `text`, lowercased (plain: ASCII lowercase), holds any of `words`.
fn holds(words: &AhoCorasick, text: &str) -> bool {
    words.is_match(&text.to_ascii_lowercase())
}

impl PairFlagger {
    /// `_context` of `numbers.py` on `text[x:y]`: its runs of three letters or more, lowercased,
    /// without the noise words, plural -s dropped.
    fn context(&self, s: &Sentence, x: usize, y: usize) -> Vec<String> {
        let chars = &s.slice.chars[x - s.lo..y - s.lo];
        let mut out = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            if !chars[i].is_ascii_alphabetic() {
                i += 1;
                continue;
            }
            let j = i + chars[i..].iter().take_while(|c| c.is_ascii_alphabetic()).count();
            if j - i >= 3 {
                let w: String = chars[i..j].iter().map(|c| c.to_ascii_lowercase()).collect();
                if !self.noise.contains(&w) {
                    out.push(w.trim_end_matches('s').to_string());
                }
            }
            i = j;
        }
        out
    }

    /// `_figures` of `numbers.py` on the sentences of one side.
    fn figures(&self, side: &[Sentence]) -> Option<Vec<Figure>> {
        let mut out = Vec::new();
        for s in side {
            for f in figures::find(s.text, s.a - s.lo)? {
                if f.name.as_ref().is_some_and(|n| !self.not_names.contains(n)) {
                    continue; // part of a name: "Boeing 747"
                }
                let (start, end) = (s.lo + f.start, s.lo + f.end);
                let before = self.context(s, s.a.max(start.saturating_sub(80)), start);
                let after = self.context(s, end, s.b.min(end + 60));
                let dedup = |words: &[String]| {
                    let mut v: Vec<String> = Vec::new();
                    for w in words {
                        if !v.contains(w) {
                            v.push(w.clone());
                        }
                    }
                    v
                };
                let context: Vec<String> =
                    before[before.len().saturating_sub(4)..].iter().chain(after.iter().take(4)).cloned().collect();
                out.push(Figure {
                    value: f.value,
                    unit: f.unit,
                    kind: f.kind,
                    span: (start, end),
                    before: dedup(&before[before.len().saturating_sub(2)..]),
                    after: after.first().cloned(),
                    context: dedup(&context),
                });
            }
        }
        Some(out)
    }

    /// `mentions` of `scan.py` on the sentences of one side.
    fn mentions(&self, side: &[Sentence]) -> Vec<(Vec<String>, Span)> {
        let mut out = Vec::new();
        for s in side {
            for (keys, (x, y)) in self.scanner.mentions_in(&s.slice, s.a - s.lo) {
                out.push((keys, (x + s.lo, y + s.lo)));
            }
        }
        out
    }

    /// `speakers` of `scan.py` on the sentences of one side.
    fn speakers(&self, side: &[Sentence], quotes: &[Span]) -> Option<Vec<(String, Span)>> {
        let mut out = Vec::new();
        for s in side {
            if !quotes.iter().any(|&(qa, _)| s.a <= qa && qa < s.b) {
                continue; // as the reference: only statements with a quotation have a speaker
            }
            for (pa, pb) in outside_quotes((s.a, s.b), quotes) {
                if !holds(&self.speech_verbs, s.sub(pa, pb)) {
                    continue; // both patterns need a speech verb: most pieces have none
                }
                let lo = pa.saturating_sub(2);
                for (key, (x, y)) in self.scanner.speakers_at(s.sub(lo, pb), pa - lo)? {
                    out.push((key, (x + lo, y + lo)));
                }
            }
        }
        Some(out)
    }

    /// `_outside_text` of `attribution.py`.
    fn outside_text(side: &[Sentence], quotes: &[Span]) -> HashSet<String> {
        let mut out = HashSet::default();
        for s in side {
            for (pa, pb) in outside_quotes((s.a, s.b), quotes) {
                let chars = &s.slice.chars[pa - s.lo..pb - s.lo];
                for word in chars.split(|&c| !(c.is_ascii_alphanumeric() || c == '_')) {
                    if !word.is_empty() {
                        out.insert(word_key(&word.iter().collect::<String>()));
                    }
                }
            }
        }
        out
    }

    /// `hedges` of `scan.py` on the sentences of one side: the first place of each.
    fn hedges(&self, side: &[Sentence]) -> Option<BTreeMap<String, Span>> {
        let mut out = BTreeMap::new();
        for s in side {
            if !holds(&self.hedge_hints, s.sub(s.a, s.b)) {
                continue; // as the reference: a cheap test first
            }
            for (hedge, (x, y)) in self.scanner.hedges_at(s.text, s.a - s.lo)? {
                out.entry(hedge).or_insert((x + s.lo, y + s.lo));
            }
        }
        Some(out)
    }

    /// `_speaker_changed` of `attribution.py`, the words outside quotations found only if needed.
    fn speaker_changed(
        &self,
        left: &HashSet<&str>,
        right: &HashSet<&str>,
        left_words: impl FnOnce() -> HashSet<String>,
        right_words: impl FnOnce() -> HashSet<String>,
    ) -> bool {
        if left == right {
            return false;
        }
        let pronoun = |w: &&&str| self.scanner.pronouns.contains(**w);
        let names_l: Vec<&&str> = left.iter().filter(|w| !pronoun(w)).collect();
        let names_r: Vec<&&str> = right.iter().filter(|w| !pronoun(w)).collect();
        if names_r.is_empty() && !names_l.is_empty() {
            let words = right_words();
            return names_l.iter().any(|w| words.contains(**w));
        }
        if names_l.is_empty() && !names_r.is_empty() {
            let words = left_words();
            return names_r.iter().any(|w| words.contains(**w));
        }
        true
    }

    pub(crate) fn flag(
        &self,
        left: &[Sentence],
        right: &[Sentence],
        left_quotes: &[Span],
        right_quotes: &[Span],
    ) -> Option<Vec<Row>> {
        let mut flags = Vec::new();
        // numbers
        let lf = self.figures(left)?;
        if !lf.is_empty() {
            let rf = self.figures(right)?;
            let swaps = number_swaps(&lf, &rf);
            if !swaps.is_empty() {
                let olds = sorted_spans(swaps.iter().map(|&(g, _)| lf[g].span));
                let news = sorted_spans(swaps.iter().map(|&(_, n)| rf[n].span));
                let join = |side: &[Sentence], spans: &[Span]| {
                    spans.iter().map(|&(x, y)| holder(side, (x, y)).cut(x, y)).collect::<Vec<_>>().join(", ")
                };
                let message = format!("number changed: {} \u{2192} {}", join(left, &olds), join(right, &news));
                let (o, n) = ((olds[0].0, olds[olds.len() - 1].1), (news[0].0, news[news.len() - 1].1));
                flags.push(("number_changed", message, Some(o), Some(n)));
            }
        }
        // names
        let lm = self.mentions(left);
        let lkeys: HashSet<&[String]> = lm.iter().map(|(k, _)| k.as_slice()).collect();
        let is_title = |w: &String| self.scanner.titles.contains(w);
        for (keys, span) in self.mentions(right) {
            if lkeys.contains(keys.as_slice()) {
                continue;
            }
            let kset: HashSet<&String> = keys.iter().collect();
            let mut best: Option<((usize, isize, isize), usize)> = None;
            for (i, (k, sp)) in lm.iter().enumerate() {
                let lset: HashSet<&String> = k.iter().collect();
                let shared = lset.intersection(&kset).count();
                if shared == 0 {
                    continue;
                }
                let score = (shared, -(lset.symmetric_difference(&kset).count() as isize), -(sp.0 as isize));
                if best.is_none_or(|(b, _)| score > b) {
                    best = Some((score, i));
                }
            }
            let Some((_, i)) = best else { continue };
            let (k, sp) = &lm[i];
            let lset: HashSet<&String> = k.iter().collect();
            let added: Vec<&&String> = kset.difference(&lset).collect();
            let removed: Vec<&&String> = lset.difference(&kset).collect();
            if removed.is_empty() && !added.iter().any(|w| is_title(w) || self.scanner.title_nouns.contains(**w)) {
                continue; // the copy spelled out the name
            }
            if added.is_empty() && !removed.iter().any(|w| is_title(w)) {
                continue; // the copy shortened the name
            }
            let message = format!(
                "name changed: \u{201c}{}\u{201d} \u{2192} \u{201c}{}\u{201d}",
                holder(left, *sp).cut(sp.0, sp.1),
                holder(right, span).cut(span.0, span.1)
            );
            flags.push(("name_changed", message, Some(*sp), Some(span)));
        }
        // attribution: the speaker of a quotation, and hedges
        let ls = self.speakers(left, left_quotes)?;
        let rs = self.speakers(right, right_quotes)?;
        if !ls.is_empty() && !rs.is_empty() {
            let lk: HashSet<&str> = ls.iter().map(|(k, _)| k.as_str()).collect();
            let rk: HashSet<&str> = rs.iter().map(|(k, _)| k.as_str()).collect();
            let changed = self.speaker_changed(
                &lk,
                &rk,
                || Self::outside_text(left, left_quotes),
                || Self::outside_text(right, right_quotes),
            );
            if changed {
                let names = |side: &[Sentence], found: &[(String, Span)]| {
                    let mut seen: Vec<String> = Vec::new();
                    for &(_, (x, y)) in found {
                        let w = holder(side, (x, y)).cut(x, y);
                        if !seen.contains(&w) {
                            seen.push(w);
                        }
                    }
                    seen.join(", ")
                };
                let message = format!("speaker changed: {} \u{2192} {}", names(left, &ls), names(right, &rs));
                flags.push(("attribution_changed", message, Some(ls[0].1), Some(rs[0].1)));
            }
        }
        let lh = self.hedges(left)?;
        let rh = self.hedges(right)?;
        let mut either: Vec<&String> = lh.keys().filter(|h| !rh.contains_key(*h)).collect();
        either.extend(rh.keys().filter(|h| !lh.contains_key(*h)));
        either.sort_unstable();
        for hedge in either {
            if let Some(&where_) = lh.get(hedge) {
                flags.push((
                    "attribution_changed",
                    format!("hedge removed: \u{201c}{hedge}\u{201d}"),
                    Some(where_),
                    None,
                ));
            } else {
                let message = format!("hedge added: \u{201c}{hedge}\u{201d}");
                flags.push(("attribution_changed", message, None, Some(rh[hedge])));
            }
        }
        Some(flags)
    }
}

/// One sentence, `text` being `text[max(0, a - 2):b]` of the whole text, or `None` if it is not
/// plain or its span does not fit its slice.
pub(crate) fn sentence(text: &str, a: usize, b: usize) -> Option<Sentence<'_>> {
    let lo = a.saturating_sub(2);
    let slice = Slice::new(text, a - lo)?;
    (a < b && slice.chars.len() == b - lo && slice.chars.iter().all(|&c| is_plain(c))).then_some(Sentence {
        text,
        slice,
        lo,
        a,
        b,
    })
}

/// The sentences of one side, or `None` if one is not plain or its span does not fit its slice.
fn sentences<'t>(pieces: &'t [String], spans: &[Span]) -> Option<Vec<Sentence<'t>>> {
    if pieces.len() != spans.len() {
        return None;
    }
    pieces.iter().zip(spans).map(|(text, &(a, b))| sentence(text, a, b)).collect()
}

#[pymethods]
impl PairFlagger {
    #[new]
    #[allow(clippy::too_many_arguments)]
    fn new(
        function_words: Vec<String>,
        openers: Vec<String>,
        titles: Vec<String>,
        title_nouns: Vec<String>,
        pronouns: Vec<String>,
        hedges: &str,
        speaker_before: &str,
        speaker_after: &str,
        not_names: Vec<String>,
        noise: Vec<String>,
        hedge_hints: Vec<String>,
        speech_verbs: Vec<String>,
    ) -> PyResult<Self> {
        let words = |words: Vec<String>| {
            if let Some(bad) = words.iter().find(|w| w.is_empty() || w.bytes().any(|b| b.is_ascii_uppercase())) {
                return Err(pyo3::exceptions::PyValueError::new_err(format!("{bad:?} is empty or not lowercase")));
            }
            AhoCorasick::new(words).map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
        };
        let scanner = FlagScanner::new(
            function_words,
            openers,
            titles,
            title_nouns,
            pronouns,
            hedges,
            speaker_before,
            speaker_after,
        )?;
        Ok(PairFlagger {
            scanner,
            not_names: not_names.into_iter().collect(),
            noise: noise.into_iter().collect(),
            hedge_hints: words(hedge_hints)?,
            speech_verbs: words(speech_verbs)?,
        })
    }

    /// `python_flag_pair` of one group: each side's sentences as `text[max(0, a - 2):b]` with their
    /// spans `(a, b)`, and each side's quotations; the flags as `(kind, message, left span, right
    /// span)`, or `None` when a sentence is not plain.
    fn flag_pair(
        &self,
        left: Vec<String>,
        left_spans: Vec<Span>,
        right: Vec<String>,
        right_spans: Vec<Span>,
        left_quotes: Vec<Span>,
        right_quotes: Vec<Span>,
    ) -> Option<Vec<Row>> {
        let (l, r) = (sentences(&left, &left_spans)?, sentences(&right, &right_spans)?);
        if l.is_empty() || r.is_empty() {
            return None;
        }
        self.flag(&l, &r, &left_quotes, &right_quotes)
    }
}
