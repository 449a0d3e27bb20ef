//! The whole alignment in one call: `_align` of `articlediff/align/__init__.py` (with the
//! embeddings' evidence when given vectors, `semantic.rs`; not their neighbours), on sides already in canonical order, with the passes of `exact.py`,
//! `candidates.py` (`candidates_of`), `pairing.py`, `story.py`, `moves.py`, `joins.py`, `gaps.py`
//! and `_groups`, which stay the reference.
//!
//! Every threshold and constant comes from Python ([`Settings`]), so the Python modules stay their
//! one definition. Ties are broken as the reference breaks them: candidate pairs are kept in the
//! order of the sorted proposal rows (`Candidates.scores`' insertion order), sorts by similarity
//! compare floats as Python does (`-0.0 == 0.0`; no similarity is NaN), and sums are `math.fsum`
//! where the reference uses it and integer where it counts words.

use crate::candidates::{propose_indexed, Interner, TextIndex};
use crate::passes::{self, Gains, Links};
use crate::scorer::{IndelOf, Pair};
use crate::semantic::Semantic;
use pyo3::FromPyObject;
use rustc_hash::FxHashMap as HashMap;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// The options and module constants `_align` reads (names as in Python, see the dispatch in
/// `articlediff/align/__init__.py`).
#[derive(Clone, Debug, FromPyObject)]
#[pyo3(from_item_all)]
pub struct Settings {
    /// `Options.candidates`
    pub candidates: usize,
    /// `candidates.PROBES`, `candidates.MAX_POSTINGS`
    pub probes: usize,
    pub max_postings: usize,
    /// `candidates.MOSTLY`, `candidates.SHORT_EVIDENCE`: the row filter of `candidates_of`
    pub mostly: f64,
    pub short_evidence: f64,
    /// `Options.min_evidence`
    pub min_evidence: f64,
    pub link_threshold: f64,
    pub unrelated_evidence: f64,
    pub story_threshold: f64,
    pub mutual_threshold: f64,
    pub context_threshold: f64,
    pub related_relief: f64,
    pub join_containment: f64,
    pub fusion_evidence: f64,
    /// `story.FAIR_COUNTERPART`
    pub fair_counterpart: f64,
    /// `joins.MAX_GROUP`, `shared_order.MAX_GAP`
    pub max_group: usize,
    pub max_gap: usize,
    /// `gaps.GAP_EVIDENCE`, `gaps.EVEN_GAP_SHARE`, `gaps.EVEN_GAP`
    pub gap_evidence: f64,
    pub even_gap_share: f64,
    pub even_gap: usize,
}

/// What `Alignment` is made of: the groups `(left ids, right ids, similarity)` (ids ascending,
/// groups by first left sentence), every sentence's best similarity, and whether the texts tell one story.
pub type Output = (Vec<(Vec<usize>, Vec<usize>, f64)>, [Vec<f64>; 2], bool);

/// Python's comparison of two floats that are not NaN (`-0.0 == 0.0`).
fn cmp(a: f64, b: f64) -> Ordering {
    a.partial_cmp(&b).unwrap_or(Ordering::Equal)
}

/// One candidate pair as `Candidates` holds it.
struct Cand {
    i: usize,
    j: usize,
    score: f64,
    /// shared evidence as the link passes read it (a short pair raised to `min_evidence`)
    evidence: f64,
    short: bool,
}

/// `Candidates` without embeddings: the pairs in the order they were scored, and a way to find one.
struct Cands {
    pairs: Vec<Cand>,
    at: HashMap<(usize, usize), usize>,
    best: [Vec<f64>; 2],
}

impl Cands {
    fn get(&self, i: usize, j: usize) -> Option<&Cand> {
        self.at.get(&(i, j)).map(|&k| &self.pairs[k])
    }

    /// `pair_score`: the candidate's similarity, or the pair scored now.
    fn pair_score(&self, pair: &Pair<'_>, i: usize, j: usize) -> f64 {
        self.get(i, j).map_or_else(|| pair.score(i, j), |c| c.score)
    }

    /// The pairs best first, ties by position (`sorted(..., key=lambda kv: (-kv[1], kv[0]))`).
    fn by_score<'a>(&self, pairs: impl Iterator<Item = &'a Cand>) -> Vec<&'a Cand> {
        let mut out: Vec<&Cand> = pairs.collect();
        out.sort_by(|a, b| cmp(b.score, a.score).then((a.i, a.j).cmp(&(b.i, b.j))));
        out
    }
}

/// `exact_links` of `exact.py`: sentences whose joined word keys are identical, repetitions in order
/// (a left sentence needs keys; a right one is looked up by its text whatever it holds).
fn exact_links(pair: &Pair<'_>) -> Links {
    let [left, right] = pair.units;
    let mut links = Links::empty([left.len(), right.len()]);
    let mut waiting: HashMap<&str, (usize, Vec<usize>)> = HashMap::default();
    for (i, u) in left.iter().enumerate() {
        if u.keys().next().is_some() {
            waiting.entry(u.view().text.as_str()).or_default().1.push(i);
        }
    }
    for (j, u) in right.iter().enumerate() {
        if let Some((next, queue)) = waiting.get_mut(u.view().text.as_str()) {
            if let Some(&i) = queue.get(*next) {
                *next += 1;
                links.link(i, j);
            }
        }
    }
    links
}

/// `candidates_of` of `candidates.py` without embedding neighbours: propose, filter, score.
///
/// With embeddings (`sem`), a pair that shares too little rare content is kept when its cosine
/// reaches their evidence (it is "vouched" for, and counts as having `min_evidence`), and the
/// second value is the lexical view (`Candidates.lexical`: what the default preset sees), on which
/// whether the texts tell one story is judged; without, the candidates are their own lexical view.
#[allow(clippy::too_many_arguments)]
fn candidates_of(
    pair: &Pair<'_>,
    indexes: [&TextIndex; 2],
    interner: &Interner,
    by_count: &[f64],
    headings: [&[bool]; 2],
    exact: &Links,
    set: &Settings,
    sem: Option<&Semantic>,
) -> (Cands, Option<Cands>) {
    let sizes = [pair.units[0].len(), pair.units[1].len()];
    let mut best = [vec![0.0; sizes[0]], vec![0.0; sizes[1]]];
    for (s, side) in best.iter_mut().enumerate() {
        for (n, b) in side.iter_mut().enumerate() {
            if exact.partner(s, n).is_some() {
                *b = 1.0;
            }
        }
    }
    let skip: [Vec<bool>; 2] = [0, 1].map(|s| best[s].iter().map(|&b| b == 1.0).collect());
    let rows = propose_indexed(
        indexes,
        interner,
        by_count,
        [&skip[0], &skip[1]],
        set.candidates,
        set.probes,
        set.max_postings,
    );
    let need = set.min_evidence;
    let mut pairs = Vec::with_capacity(rows.len());
    // with embeddings: for each kept pair, whether lexical evidence alone keeps it, and its shared evidence
    let mut lexical: Vec<(bool, f64)> = Vec::new();
    // rows come by left sentence: each one's sorted text is prepared once for its candidates
    let mut from: Option<(usize, IndelOf<'_>)> = None;
    for (i, j, shared, mass_i, mass_j) in rows {
        let head = headings[0][i];
        if head != headings[1][j] {
            continue; // a heading and a sentence
        }
        let most = set.mostly * mass_i.max(mass_j);
        if head && shared < most {
            continue; // headings are linked only when most of their words are the same
        }
        let lex = shared >= need || (shared >= set.short_evidence && shared >= most);
        let vouched = sem.is_some_and(|sem| shared < need && sem.cosine(i, j) >= sem.evidence);
        if !lex && !vouched {
            continue; // too little in common to ever be linked
        }
        let short = shared < need && !vouched;
        if from.as_ref().is_none_or(|(at, _)| *at != i) {
            from = Some((i, IndelOf::new(&pair.units[0][i].view().sorted)));
        }
        let score = from.as_ref().map_or_else(|| pair.score(i, j), |(_, left)| pair.score_from(left, i, j));
        let evidence = if shared < need { shared.max(need) } else { shared };
        pairs.push(Cand { i, j, score, evidence, short });
        if sem.is_some() {
            lexical.push((lex, shared));
        }
    }
    let view = sem.map(|_| {
        let mut lbest = best.clone();
        let mut lpairs = Vec::new();
        for (c, &(lex, shared)) in pairs.iter().zip(&lexical) {
            if lex {
                let short = shared < need;
                let evidence = if short { shared.max(need) } else { shared };
                lpairs.push(Cand { i: c.i, j: c.j, score: c.score, evidence, short });
            }
        }
        for c in &lpairs {
            if c.score > lbest[0][c.i] {
                lbest[0][c.i] = c.score;
            }
            if c.score > lbest[1][c.j] {
                lbest[1][c.j] = c.score;
            }
        }
        let at = lpairs.iter().enumerate().map(|(k, c)| ((c.i, c.j), k)).collect();
        Cands { pairs: lpairs, at, best: lbest }
    });
    for c in &pairs {
        if c.score > best[0][c.i] {
            best[0][c.i] = c.score;
        }
        if c.score > best[1][c.j] {
            best[1][c.j] = c.score;
        }
    }
    let at = pairs.iter().enumerate().map(|(k, c)| ((c.i, c.j), k)).collect();
    (Cands { pairs, at, best }, view)
}

/// `pair_sure` of `pairing.py`.
fn pair_sure(cands: &Cands, links: &Links, threshold: f64, need: f64, short_ok: bool) -> Links {
    let mut out = links.clone();
    for c in cands.by_score(cands.pairs.iter()) {
        if c.score < threshold {
            break;
        }
        if out.partner(0, c.i).is_none()
            && out.partner(1, c.j).is_none()
            && c.evidence >= need
            && (short_ok || !c.short)
        {
            out.link(c.i, c.j);
        }
    }
    out
}

/// `same_story` of `story.py` (on the candidates themselves: without embeddings they are the lexical view).
fn same_story(pair: &Pair<'_>, cands: &Cands, sure: &Links, set: &Settings) -> bool {
    let (need, rare, threshold, fair_s) =
        (set.min_evidence, set.unrelated_evidence, set.story_threshold, set.fair_counterpart);
    let linked =
        sure.groups.iter().any(|[l, r]| cands.get(l[0], r[0]).is_some() || pair.weight_in(0, l[0], None) >= need);
    if !linked && !cands.pairs.iter().any(|c| c.score >= fair_s && c.evidence >= rare) {
        return false;
    }
    let (mut fair, mut held, mut rest) = (Vec::new(), Vec::new(), Vec::new());
    for s in 0..2 {
        let units = pair.units[s];
        let words = |n: usize| units[n].keys().count();
        let total = (0..units.len()).map(words).sum::<usize>().max(1);
        let on_links: usize = (0..units.len()).filter(|&n| sure.partner(s, n).is_some()).map(words).sum();
        let others: usize =
            (0..units.len()).filter(|&n| sure.partner(s, n).is_none() && cands.best[s][n] >= fair_s).map(words).sum();
        fair.push((on_links + others) as f64 / total as f64);
        held.push(on_links as f64 / total as f64);
        rest.push(if total > on_links { others as f64 / (total - on_links) as f64 } else { 0.0 });
    }
    let max = |v: &[f64]| v[0].max(v[1]);
    max(&fair) >= threshold && (held[0].min(held[1]) >= threshold || max(&rest) >= threshold / 2.0)
}

/// `pair_mutual` of `pairing.py`.
fn pair_mutual(cands: &Cands, links: &mut Links, threshold: f64, need: f64) {
    let free: Vec<&Cand> =
        cands.pairs.iter().filter(|c| links.partner(0, c.i).is_none() && links.partner(1, c.j).is_none()).collect();
    // each sentence's best free counterpart: most similar, ties to the earlier one
    let mut best: [HashMap<usize, (f64, usize)>; 2] = Default::default();
    for c in &free {
        for (s, n, m) in [(0, c.i, c.j), (1, c.j, c.i)] {
            let better = best[s].get(&n).is_none_or(|&(b, bm)| cmp(b, c.score).then(m.cmp(&bm)) == Ordering::Less);
            if better {
                best[s].insert(n, (c.score, m));
            }
        }
    }
    for c in cands.by_score(free.into_iter()) {
        if c.score < threshold {
            break;
        }
        if best[0][&c.i].1 == c.j
            && best[1][&c.j].1 == c.i
            && links.partner(0, c.i).is_none()
            && links.partner(1, c.j).is_none()
            && c.evidence >= need
        {
            links.link(c.i, c.j);
        }
    }
}

/// An entry of `pair_in_context`'s heap: `(-s, i, j)`, the least popped first.
struct Entry(f64, usize, usize);

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Entry {
    /// Reversed, so that `BinaryHeap` pops the least `(-s, i, j)` first as `heapq` does.
    fn cmp(&self, other: &Self) -> Ordering {
        cmp(other.0, self.0).then((other.1, other.2).cmp(&(self.1, self.2)))
    }
}

/// `pair_in_context` of `pairing.py`.
fn pair_in_context(cands: &Cands, links: &mut Links, threshold: f64, need: f64) {
    let weak: HashMap<(usize, usize), f64> = cands
        .pairs
        .iter()
        .filter(|c| threshold <= c.score && c.evidence >= need)
        .map(|c| ((c.i, c.j), c.score))
        .collect();
    let mut heap: BinaryHeap<Entry> = cands
        .pairs
        .iter()
        .filter(|c| weak.contains_key(&(c.i, c.j)) && links.next_to_link(c.i, c.j))
        .map(|c| Entry(-c.score, c.i, c.j))
        .collect();
    while let Some(Entry(_, i, j)) = heap.pop() {
        if links.partner(0, i).is_some() || links.partner(1, j).is_some() || !links.next_to_link(i, j) {
            continue;
        }
        links.link(i, j);
        let before = i.checked_sub(1).zip(j.checked_sub(1));
        for ij in before.into_iter().chain([(i + 1, j + 1)]) {
            if let Some(&s) = weak.get(&ij) {
                heap.push(Entry(-s, ij.0, ij.1));
            }
        }
    }
}

/// `undo_weak_moves` of `moves.py`.
fn undo_weak_moves(cands: &Cands, links: Links, threshold: f64) -> Links {
    let in_run = links.in_run();
    let mut kept = Vec::with_capacity(links.groups.len());
    for (gid, [l, r]) in links.groups.iter().enumerate() {
        let (i, j) = (l[0], r[0]);
        let weak = cands.get(i, j).is_some_and(|c| c.score < threshold);
        if in_run.contains(&gid) || !weak || links.next_to_link(i, j) {
            kept.push((i, j));
        }
    }
    if kept.len() == links.groups.len() {
        return links;
    }
    let mut out = Links::empty(links.sizes());
    for (i, j) in kept {
        out.link(i, j);
    }
    out
}

/// `gap_pairs` of `gaps.py`: the monotone pairing of one gap of most summed gain over `threshold`.
#[allow(clippy::too_many_arguments)]
fn gap_pairs(
    pair: &Pair<'_>,
    sem: Option<&Semantic>,
    min_evidence: f64,
    cands: &Cands,
    headings: [&[bool]; 2],
    (gap_l, gap_r): (&[usize], &[usize]),
    threshold: f64,
    need: f64,
) -> Vec<(usize, usize)> {
    let (n, m) = (gap_l.len(), gap_r.len());
    let mut gain: Vec<Option<f64>> = vec![None; n * m];
    let mut any = false;
    for (a, &i) in gap_l.iter().enumerate() {
        for (b, &j) in gap_r.iter().enumerate() {
            if headings[0][i] != headings[1][j] || evidence(pair, sem, min_evidence, i, j) < need {
                continue;
            }
            let s = cands.pair_score(pair, i, j);
            if s >= threshold {
                gain[a * m + b] = Some(s - threshold);
                any = true;
            }
        }
    }
    if !any {
        return Vec::new();
    }
    let g = |a: usize, b: usize| gain[(a - 1) * m + (b - 1)];
    let w = m + 1;
    let mut most = vec![0.0f64; (n + 1) * w];
    for a in 1..=n {
        for b in 1..=m {
            let diagonal = g(a, b).map_or(0.0, |g| most[(a - 1) * w + b - 1] + g);
            most[a * w + b] = most[(a - 1) * w + b].max(most[a * w + b - 1]).max(diagonal);
        }
    }
    let mut out = Vec::new();
    let (mut a, mut b) = (n, m);
    while a > 0 && b > 0 {
        // ties prefer the pair, then skipping a left sentence
        let here = most[a * w + b];
        if g(a, b).is_some_and(|g| here == most[(a - 1) * w + b - 1] + g) {
            out.push((gap_l[a - 1], gap_r[b - 1]));
            a -= 1;
            b -= 1;
        } else if here == most[(a - 1) * w + b] {
            a -= 1;
        } else {
            b -= 1;
        }
    }
    out.reverse();
    out
}

/// `Candidates.pair_evidence`: the pair's shared evidence, or `min_evidence` where the embeddings
/// vouch for a pair that shares less.
fn evidence(pair: &Pair<'_>, sem: Option<&Semantic>, min_evidence: f64, i: usize, j: usize) -> f64 {
    let got = pair.evidence(i, j);
    match sem {
        Some(sem) if got < min_evidence && sem.cosine(i, j) >= sem.evidence => min_evidence,
        _ => got,
    }
}

/// `pair_gaps` of `gaps.py`.
#[allow(clippy::too_many_arguments)]
fn pair_gaps(
    pair: &Pair<'_>,
    sem: Option<&Semantic>,
    cands: &Cands,
    headings: [&[bool]; 2],
    links: &mut Links,
    (threshold, need): (f64, f64),
    set: &Settings,
) {
    for (gap_l, gap_r, bounds) in links.gaps(set.max_gap) {
        if gap_l.is_empty() || gap_r.is_empty() {
            continue;
        }
        let even = gap_l.len() == gap_r.len() && gap_l.len() <= set.even_gap && bounds.len() == 2;
        let share = if even { set.even_gap_share } else { set.gap_evidence };
        let gap = (gap_l.as_slice(), gap_r.as_slice());
        for (i, j) in gap_pairs(pair, sem, set.min_evidence, cands, headings, gap, threshold, need * share) {
            links.link(i, j);
        }
    }
}

/// `_align` of `articlediff/align/__init__.py` without embedding neighbours (see the module
/// comment); `indexes` are the two sides' blocking indexes the `pair` was made from, `by_count` its
/// weights, `sem` the sentence-embedding evidence if any.
#[allow(clippy::too_many_arguments)]
pub fn align(
    pair: &Pair<'_>,
    indexes: [&TextIndex; 2],
    interner: &Interner,
    by_count: &[f64],
    headings: [&[bool]; 2],
    set: &Settings,
    sem: Option<&Semantic>,
) -> Output {
    let exact = exact_links(pair);
    let (cands, lexical) = candidates_of(pair, indexes, interner, by_count, headings, &exact, set, sem);
    let need = set.min_evidence;
    let sure = pair_sure(&cands, &exact, set.link_threshold, need, true);
    // whether the texts are versions of one story is judged on lexical evidence, as by default
    let related = match &lexical {
        Some(story) => same_story(pair, story, &pair_sure(story, &exact, set.link_threshold, need, true), set),
        None => same_story(pair, &cands, &sure, set),
    };
    let (mut links, relief) = if related {
        let relief = set.related_relief;
        let mut links = sure;
        pair_mutual(&cands, &mut links, set.mutual_threshold - relief, need);
        pair_in_context(&cands, &mut links, set.context_threshold - relief, need);
        (undo_weak_moves(&cands, links, set.link_threshold), relief)
    } else {
        // between different stories the sure links are redone on rare shared content only
        (pair_sure(&cands, &exact, set.link_threshold, set.unrelated_evidence, false), 0.0)
    };
    let share = set.join_containment - relief;
    let against = related.then(|| 1.0f64.min(set.join_containment + set.related_relief));
    let keys: Vec<(usize, usize)> = cands.pairs.iter().map(|c| (c.i, c.j)).collect();
    // one memo for every pass: from here on groups only grow, so an id and its sizes name its members
    let mut gains = Gains::new(pair, set.fusion_evidence, set.max_group).with_semantic(sem);
    passes::grow(&mut gains, &keys, &mut links, (need, share, against), set.max_gap);
    if related {
        pair_gaps(pair, sem, &cands, headings, &mut links, (set.context_threshold - relief, need), set);
        passes::grow(&mut gains, &keys, &mut links, (need, share, against), set.max_gap);
        passes::grow_in_gaps(&mut gains, &mut links, need * set.gap_evidence, share, set.max_gap);
    }
    let mut groups: Vec<(Vec<usize>, Vec<usize>, f64)> = links
        .groups
        .iter()
        .map(|[l, r]| {
            let (mut l, mut r) = (l.clone(), r.clone());
            l.sort_unstable();
            r.sort_unstable();
            let s = if l.len() == 1 && r.len() == 1 {
                cands.pair_score(pair, l[0], r[0])
            } else {
                pair.groups_score(&l, &r)
            };
            (l, r, s)
        })
        .collect();
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    (groups, cands.best, related)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_heap_pops_as_heapq_does() {
        let mut heap: BinaryHeap<Entry> =
            [Entry(-0.3, 2, 2), Entry(-0.5, 4, 1), Entry(-0.5, 1, 3), Entry(-0.5, 1, 2)].into_iter().collect();
        let order: Vec<(usize, usize)> = std::iter::from_fn(|| heap.pop().map(|e| (e.1, e.2))).collect();
        assert_eq!(order, [(1, 2), (1, 3), (4, 1), (2, 2)]);
    }

    #[test]
    fn floats_compare_as_in_python() {
        assert_eq!(cmp(-0.0, 0.0), Ordering::Equal);
        assert_eq!(cmp(0.25, 0.5), Ordering::Less);
    }
}
