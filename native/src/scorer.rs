//! The aligner's similarity of sentences and of groups of sentences, and the join test of its group
//! passes, on interned stems: `score` of `articlediff/profile.py` and the scoring methods of
//! `Candidates` in `articlediff/align/candidates.py` (`pair_score`, `pair_evidence`, `groups_score`,
//! `join_gain` without embeddings), which stay the reference.
//!
//! A sentence is a [`Unit`]: its word keys, its keys sorted, its number keys and whether its text
//! holds a digit (as Python computed them), and its content stems (the `TextIndex`'s). Several
//! sentences read as one (`joined` of the reference) are a [`View`] made on demand. Every float is
//! computed as the reference computes it: the same integer ratios, the logistic model's terms in the
//! same order, `exp` from the same C library, and evidence as exactly rounded sums (`math.fsum`).

use crate::candidates::{fsum, shared_ids};
use std::borrow::Cow;
use std::sync::OnceLock;

/// What `score` reads of one sentence, or of several read as one.
#[derive(Clone, Debug, Default)]
pub struct View {
    /// the word keys joined by single spaces (`Profile.text`)
    pub text: String,
    /// the word keys sorted, joined by single spaces (`Profile.sorted_text`)
    pub sorted: String,
    /// how many word keys
    pub keys: usize,
    /// content stems, global ids, ascending
    pub content: Vec<u32>,
    /// number keys, interned ids, ascending (`Profile.numbers`: empty when the text has no digit)
    pub numbers: Vec<u32>,
}

/// One sentence as Python described it, with what joining it with others needs.
#[derive(Debug)]
pub struct Unit {
    /// the word keys, in reading order, one after another (`ends`: where each ends)
    buf: String,
    ends: Vec<usize>,
    /// keys whose first character is a digit (`str.isdigit`), interned, ascending, whether or not
    /// the text holds a digit (`\d`): a group's numbers are its members' when any member's text does
    pub digit_keys: Vec<u32>,
    /// whether the text holds a digit
    pub has_digit: bool,
    /// content stems, global ids, ascending
    pub content: Vec<u32>,
    /// the sentence's own view, made when it is first scored (most sentences never are)
    view: OnceLock<View>,
}

impl Unit {
    /// A sentence of `keys` with `content` (global stem ids, ascending).
    pub fn new<S: AsRef<str>>(keys: &[S], mut digit_keys: Vec<u32>, has_digit: bool, content: Vec<u32>) -> Self {
        digit_keys.sort_unstable();
        digit_keys.dedup();
        let mut buf = String::with_capacity(keys.iter().map(|k| k.as_ref().len()).sum());
        let mut ends = Vec::with_capacity(keys.len());
        for k in keys {
            buf.push_str(k.as_ref());
            ends.push(buf.len());
        }
        Unit { buf, ends, digit_keys, has_digit, content, view: OnceLock::new() }
    }

    /// The word keys, in reading order.
    pub fn keys(&self) -> impl Iterator<Item = &str> + Clone + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(&self.ends).map(|(a, &b)| &self.buf[a..b])
    }

    /// What `score` reads of this sentence alone.
    pub fn view(&self) -> &View {
        self.view.get_or_init(|| {
            let keys: Vec<&str> = self.keys().collect();
            let mut sorted = keys.clone();
            sorted.sort_unstable();
            View {
                text: keys.join(" "),
                sorted: sorted.join(" "),
                keys: keys.len(),
                content: self.content.clone(),
                numbers: if self.has_digit { self.digit_keys.clone() } else { Vec::new() },
            }
        })
    }
}

/// The view of sentences `ids` (ascending) of `units` read as one, in that order (`joined`).
pub fn joined<'a>(units: &'a [Unit], ids: &[usize]) -> Cow<'a, View> {
    if ids.len() == 1 {
        return Cow::Borrowed(units[ids[0]].view());
    }
    let parts: Vec<&Unit> = ids.iter().map(|&n| &units[n]).collect();
    let keys: Vec<&str> = parts.iter().flat_map(|u| u.keys()).collect();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    let numbers = if parts.iter().any(|u| u.has_digit) {
        union(parts.iter().map(|u| u.digit_keys.as_slice()))
    } else {
        Vec::new()
    };
    Cow::Owned(View {
        text: keys.join(" "),
        sorted: sorted.join(" "),
        keys: keys.len(),
        content: union(parts.iter().map(|u| u.content.as_slice())),
        numbers,
    })
}

/// The ascending union of ascending lists.
pub fn union<'a>(lists: impl Iterator<Item = &'a [u32]>) -> Vec<u32> {
    let mut out: Vec<u32> = lists.flatten().copied().collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// How many ids two ascending lists share.
fn shared_count(a: &[u32], b: &[u32]) -> usize {
    shared_ids(a, b).count()
}

/// One sentence's sorted-key text prepared for Indel against many others: rapidfuzz's
/// `BatchComparator`, whose pattern-match vector is built once, giving [`indel`]'s very values
/// (the exact longest common subsequence either way).
pub struct IndelOf<'a> {
    text: &'a str,
    bytes: Option<rapidfuzz::distance::indel::BatchComparator<u8>>,
}

impl<'a> IndelOf<'a> {
    pub fn new(text: &'a str) -> Self {
        let bytes = text.is_ascii().then(|| rapidfuzz::distance::indel::BatchComparator::new(text.bytes()));
        IndelOf { text, bytes }
    }

    /// [`indel`] of this text and `b`.
    pub fn with(&self, b: &str) -> f64 {
        match &self.bytes {
            Some(cmp) if b.is_ascii() => cmp.normalized_similarity(b.bytes()),
            _ => indel(self.text, b),
        }
    }
}

/// rapidfuzz's `Indel.normalized_similarity` of two strings (over code points; bytes when both are ASCII).
fn indel(a: &str, b: &str) -> f64 {
    use rapidfuzz::distance::indel::normalized_similarity;
    if a.is_ascii() && b.is_ascii() {
        normalized_similarity(a.bytes(), b.bytes())
    } else {
        normalized_similarity(a.chars(), b.chars())
    }
}

/// `model_features` of `articlediff/profile.py`: sorted-key Indel, Dice and containment of the
/// content stems, agreement of the numbers.
pub fn model_features(a: &View, b: &View) -> [f64; 4] {
    model_features_by(a, b, indel)
}

/// [`model_features`] with the sorted-key Indel of the two views' sorted texts taken by `sorted_indel`.
fn model_features_by(a: &View, b: &View, sorted_indel: impl FnOnce(&str, &str) -> f64) -> [f64; 4] {
    let (ca, cb) = (&a.content, &b.content);
    let (dice, containment) = if !ca.is_empty() && !cb.is_empty() {
        let shared = shared_count(ca, cb);
        ((2 * shared) as f64 / (ca.len() + cb.len()) as f64, shared as f64 / ca.len().min(cb.len()) as f64)
    } else if ca == cb {
        (1.0, 1.0)
    } else {
        (0.0, 0.0)
    };
    let (na, nb) = (&a.numbers, &b.numbers);
    let numbers = if na.is_empty() && nb.is_empty() {
        1.0
    } else {
        let shared = shared_count(na, nb);
        shared as f64 / (na.len() + nb.len() - shared) as f64
    };
    [sorted_indel(&a.sorted, &b.sorted), dice, containment, numbers]
}

/// The logistic model of `score`: its four weights, then its bias.
pub type Model = [f64; 5];

/// `score` of `articlediff/profile.py`: the calibrated similarity of two views.
pub fn score(a: &View, b: &View, model: &Model) -> f64 {
    score_by(a, b, model, indel)
}

/// [`score`] with the sorted-key Indel taken by `sorted_indel`.
fn score_by(a: &View, b: &View, model: &Model, sorted_indel: impl FnOnce(&str, &str) -> f64) -> f64 {
    if a.text == b.text {
        return if a.text.is_empty() { 0.0 } else { 1.0 };
    }
    if a.keys == 0 || b.keys == 0 {
        return 0.0;
    }
    let [f1, f2, f3, f4] = model_features_by(a, b, sorted_indel);
    let [w1, w2, w3, w4, bias] = *model;
    1.0 / (1.0 + (-(bias + w1 * f1 + w2 * f2 + w3 * f3 + w4 * f4)).exp())
}

/// Two texts' sentences and the document-pair weight of every stem of each (by its position in the
/// side's `TextIndex` stems), as `Candidates` holds them.
pub struct Pair<'a> {
    pub units: [&'a [Unit]; 2],
    /// for each side, each sentence's content stems as positions into `weight[side]`, ascending
    pub local: [&'a [Vec<u32>]; 2],
    pub weight: [&'a [f64]; 2],
    pub model: &'a Model,
}

impl Pair<'_> {
    /// `pair_score` for a pair that is not a candidate (and any other).
    pub fn score(&self, i: usize, j: usize) -> f64 {
        score(self.units[0][i].view(), self.units[1][j].view(), self.model)
    }

    /// [`Pair::score`] with left sentence `i`'s sorted text prepared once (`left`, an [`IndelOf`] of it)
    /// for the many right sentences it is scored against.
    pub fn score_from(&self, left: &IndelOf<'_>, i: usize, j: usize) -> f64 {
        score_by(self.units[0][i].view(), self.units[1][j].view(), self.model, |_, b| left.with(b))
    }

    /// `groups_score`: left sentences `lids` and right sentences `rids` (any order), each read as one.
    pub fn groups_score(&self, lids: &[usize], rids: &[usize]) -> f64 {
        let (l, r) = (sorted(lids), sorted(rids));
        score(&joined(self.units[0], &l), &joined(self.units[1], &r), self.model)
    }

    /// The summed weight (exactly rounded) of the stems of sentence `n` of side `s` found in `there`
    /// (global ids, ascending), or of all its stems when `there` is None.
    pub fn weight_in(&self, s: usize, n: usize, there: Option<&[u32]>) -> f64 {
        let (stems, local, weight) = (&self.units[s][n].content, &self.local[s][n], self.weight[s]);
        let Some(there) = there else {
            return fsum(local.iter().map(|&l| weight[l as usize]));
        };
        let mut y = 0;
        let mut picked = Vec::new();
        for (x, g) in stems.iter().enumerate() {
            while y < there.len() && there[y] < *g {
                y += 1;
            }
            if y < there.len() && there[y] == *g {
                picked.push(weight[local[x] as usize]);
            }
        }
        fsum(picked)
    }

    /// `pair_evidence` without embeddings: the summed weight of the stems the two sentences share.
    pub fn evidence(&self, i: usize, j: usize) -> f64 {
        self.weight_in(0, i, Some(&self.units[1][j].content))
    }

    /// `Candidates.join_gain` without embeddings: what the group of `members` gains when sentence `n`
    /// of side `s` joins it, or None (see the reference for the tests).
    pub fn join_gain(
        &self,
        s: usize,
        n: usize,
        members: [&[usize]; 2],
        need: f64,
        share: f64,
        fusion: f64,
    ) -> Option<f64> {
        self.join_gain_vouched(s, n, members, need, share, fusion, false)
    }

    /// [`Pair::join_gain`], or with `vouched` (the embeddings vouch for the sentence: the reference's
    /// cosine test passed) the gain of any sentence with content, as if it shared enough.
    #[allow(clippy::too_many_arguments)]
    pub fn join_gain_vouched(
        &self,
        s: usize,
        n: usize,
        members: [&[usize]; 2],
        need: f64,
        share: f64,
        fusion: f64,
        vouched: bool,
    ) -> Option<f64> {
        let o = 1 - s;
        let there = union(members[o].iter().map(|&m| self.units[o][m].content.as_slice()));
        let total = self.weight_in(s, n, None);
        let shared = self.weight_in(s, n, Some(&there));
        let mut ok = total != 0.0 && shared >= need && shared / total >= share;
        if !ok && total != 0.0 && vouched {
            ok = true;
        }
        if !ok && total != 0.0 && fusion != 0.0 {
            let here = union(members[s].iter().map(|&m| self.units[s][m].content.as_slice()));
            let rest: Vec<u32> = there.iter().copied().filter(|g| here.binary_search(g).is_err()).collect();
            ok = self.weight_in(s, n, Some(&rest)) >= fusion;
        }
        if !ok {
            return None;
        }
        let here = sorted(members[s]);
        let other = joined(self.units[o], &sorted(members[o]));
        let before = score(&joined(self.units[s], &here), &other, self.model);
        let mut grown = here.clone();
        grown.push(n);
        grown.sort_unstable();
        let after = score(&joined(self.units[s], &grown), &other, self.model);
        (after > before).then_some(after - before)
    }
}

fn sorted(ids: &[usize]) -> Vec<usize> {
    let mut out = ids.to_vec();
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(keys: &str, content: &[u32]) -> Unit {
        let keys: Vec<&str> = keys.split(' ').filter(|k| !k.is_empty()).collect();
        Unit::new(&keys, vec![], false, content.to_vec())
    }

    #[test]
    fn a_prepared_text_gives_indel_s_values() {
        let texts = [
            "",
            "a",
            "kyiv met putin said the talks",
            "putin said talks the",
            "café kyiv putin",
            "ünïcödé said",
            &"abcdefghij klmnopqrst uvwxyz ".repeat(9),
            &"zyxwvu tsrq ponm lkji hgfedcba ".repeat(7),
        ];
        for a in texts {
            let prepared = IndelOf::new(a);
            for b in texts {
                assert_eq!(prepared.with(b).to_bits(), indel(a, b).to_bits(), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn same_text_scores_one_and_empty_zero() {
        let model = [1.0, 1.0, 1.0, 1.0, -2.0];
        let a = unit("putin met trump", &[1, 2]);
        assert_eq!(score(a.view(), &a.view().clone(), &model), 1.0);
        let e = unit("", &[]);
        assert_eq!(score(e.view(), &e.view().clone(), &model), 0.0);
        assert_eq!(score(a.view(), e.view(), &model), 0.0);
    }

    #[test]
    fn features_are_symmetric_ratios() {
        let a = unit("a b c", &[1, 2, 3]);
        let b = unit("a b d e", &[1, 2, 4, 5]);
        let [_, dice, containment, numbers] = model_features(a.view(), b.view());
        assert_eq!(dice, 4.0 / 7.0);
        assert_eq!(containment, 2.0 / 3.0);
        assert_eq!(numbers, 1.0);
        assert_eq!(model_features(a.view(), b.view()), model_features(b.view(), a.view()));
    }

    #[test]
    fn joined_reads_members_in_order() {
        let units = [unit("b a", &[2]), unit("c", &[1])];
        let v = joined(&units, &[0, 1]);
        assert_eq!((v.text.as_str(), v.sorted.as_str(), v.keys), ("b a c", "a b c", 3));
        assert_eq!(v.content, vec![1, 2]);
    }
}
