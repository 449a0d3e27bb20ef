//! The aligner's group passes without embeddings: `grow` of `articlediff/align/joins.py` and
//! `grow_in_gaps` of `articlediff/align/gaps.py` (the references), on a [`Pair`]'s scorer.
//!
//! Each pass takes the current groups and returns the joins it made, in the order it made them
//! (`(side, sentence, group id)`), which Python applies to its own `Links`. Moves are chosen and
//! applied as the reference does: each round, every lone sentence's best join (the first group id
//! of most gain), then the best moves first, one per group (`join_best`).

use crate::order::{gaps, run_of, Group as OrderGroup};
use crate::scorer::Pair;
use crate::semantic::Semantic;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeMap;

/// A join: `(side, sentence, group id)`.
pub type Join = (usize, usize, usize);

/// `(side, sentence)` -> the ids of the groups bounding the gap the sentence is in.
type Places = HashMap<(usize, usize), Vec<usize>>;

/// `(side, sentence, group id, its left and right sizes, need, share)`: a group's members by its state.
type GainKey = (usize, usize, usize, usize, usize, u64, u64);

/// Groups under construction (`Links` of `articlediff/align/links.py`).
#[derive(Clone)]
pub struct Links {
    pub groups: Vec<[Vec<usize>; 2]>,
    partner: [Vec<Option<usize>>; 2],
}

impl Links {
    /// Groups given as `(left ids, right ids)`, on sides of `sizes` sentences; None if an id is out
    /// of range, a group is empty on a side or a sentence is in two groups.
    pub fn new(groups: Vec<(Vec<usize>, Vec<usize>)>, sizes: [usize; 2]) -> Option<Self> {
        let mut partner = [vec![None; sizes[0]], vec![None; sizes[1]]];
        let mut out = Vec::with_capacity(groups.len());
        for (gid, (l, r)) in groups.into_iter().enumerate() {
            if l.is_empty() || r.is_empty() {
                return None;
            }
            for (s, ids) in [(0, &l), (1, &r)] {
                for &n in ids {
                    let slot = partner[s].get_mut(n)?;
                    if slot.replace(gid).is_some() {
                        return None;
                    }
                }
            }
            out.push([l, r]);
        }
        Some(Links { groups: out, partner })
    }

    /// No groups yet, on sides of `sizes` sentences.
    pub fn empty(sizes: [usize; 2]) -> Self {
        Links { groups: Vec::new(), partner: [vec![None; sizes[0]], vec![None; sizes[1]]] }
    }

    /// `Links.link`: a new one-to-one group of left sentence `i` and right sentence `j` (both unlinked).
    pub fn link(&mut self, i: usize, j: usize) {
        let gid = self.groups.len();
        self.groups.push([vec![i], vec![j]]);
        self.partner[0][i] = Some(gid);
        self.partner[1][j] = Some(gid);
    }

    /// How many sentences each side has.
    pub fn sizes(&self) -> [usize; 2] {
        [self.partner[0].len(), self.partner[1].len()]
    }

    /// The group of sentence `n` of side `s`, if it is linked.
    pub fn partner(&self, s: usize, n: usize) -> Option<usize> {
        self.partner[s][n]
    }

    /// `Links.together`: whether left sentence `i` and right sentence `j` are in the same group
    /// (ids may be out of range, as `i - 1` of the first sentence is).
    pub fn together(&self, i: Option<usize>, j: Option<usize>) -> bool {
        let of = |s: usize, n: Option<usize>| n.and_then(|n| self.partner[s].get(n).copied().flatten());
        of(0, i).is_some_and(|g| of(1, j) == Some(g))
    }

    /// `Links.next_to_link`: whether `(i - 1, j - 1)` or `(i + 1, j + 1)` are together.
    pub fn next_to_link(&self, i: usize, j: usize) -> bool {
        self.together(i.checked_sub(1), j.checked_sub(1)) || self.together(Some(i + 1), Some(j + 1))
    }

    fn join(&mut self, (s, n, gid): Join) {
        self.groups[gid][s].push(n);
        self.partner[s][n] = Some(gid);
    }

    /// `run(links)` of `shared_order.py`: the ids of the groups in the shared order.
    pub fn in_run(&self) -> HashSet<usize> {
        let order = run_of(&self.order_groups()).expect("groups are never empty on a side");
        order.iter().map(|span| span.4 as usize).collect()
    }

    fn order_groups(&self) -> Vec<OrderGroup> {
        let ids = |v: &[usize]| v.iter().map(|&n| n as i64).collect();
        self.groups.iter().map(|[l, r]| (ids(l), ids(r))).collect()
    }

    /// `placed` of `shared_order.py`: the bounding groups of each lone sentence in a gap, keyed by
    /// `(side, sentence)`, and the ids of the groups in the shared order.
    fn placed(&self, max_gap: usize) -> (Places, HashSet<usize>) {
        let groups = self.order_groups();
        let order = run_of(&groups).expect("groups are never empty on a side");
        let in_run = order.iter().map(|span| span.4 as usize).collect();
        let mut place = HashMap::default();
        let sizes = (self.partner[0].len() as i64, self.partner[1].len() as i64);
        for (gap_l, gap_r, bounds) in gaps(&groups, sizes.0, sizes.1, max_gap, order) {
            let bounds: Vec<usize> = bounds.iter().map(|&g| g as usize).collect();
            for (s, gap) in [(0, &gap_l), (1, &gap_r)] {
                for &n in gap {
                    place.insert((s, n as usize), bounds.clone());
                }
            }
        }
        (place, in_run)
    }

    /// `gaps_of` of `shared_order.py`: `(left ids, right ids, bounding group ids)`.
    pub fn gaps(&self, max_gap: usize) -> Vec<(Vec<usize>, Vec<usize>, Vec<usize>)> {
        let groups = self.order_groups();
        let order = run_of(&groups).expect("groups are never empty on a side");
        let sizes = (self.partner[0].len() as i64, self.partner[1].len() as i64);
        let ids = |v: Vec<i64>| v.into_iter().map(|n| n as usize).collect();
        gaps(&groups, sizes.0, sizes.1, max_gap, order).into_iter().map(|(l, r, b)| (ids(l), ids(r), ids(b))).collect()
    }
}

/// What the passes ask of the scorer, with `join_gain` remembered per group state (groups only
/// grow within a pass, so a group id and its sizes name its members).
pub struct Gains<'a> {
    pair: &'a Pair<'a>,
    sem: Option<&'a Semantic>,
    fusion: f64,
    max_group: usize,
    memo: HashMap<GainKey, Option<f64>>,
}

impl<'a> Gains<'a> {
    pub fn new(pair: &'a Pair<'a>, fusion: f64, max_group: usize) -> Self {
        Gains { pair, sem: None, fusion, max_group, memo: HashMap::default() }
    }

    /// With sentence-embedding evidence: a sentence with content that shares too little with a group
    /// joins it when the embeddings vouch for it (`Candidates.join_gain`, `_vouched`).
    pub fn with_semantic(mut self, sem: Option<&'a Semantic>) -> Self {
        self.sem = sem;
        self
    }

    /// `join_gain` of `joins.py`: None when the group already has `max_group` sentences on side `s`.
    fn gain(&mut self, links: &Links, s: usize, n: usize, gid: usize, need: f64, share: f64) -> Option<f64> {
        let [l, r] = &links.groups[gid];
        if links.groups[gid][s].len() >= self.max_group {
            return None;
        }
        let key = (s, n, gid, l.len(), r.len(), need.to_bits(), share.to_bits());
        if let Some(&got) = self.memo.get(&key) {
            return got;
        }
        let mut got = self.pair.join_gain(s, n, [l, r], need, share, self.fusion);
        if let Some(sem) = self.sem {
            // asked only where the lexical evidence fell short, as the reference does
            let there = if s == 0 { r } else { l };
            if got.is_none() && !self.pair.units[s][n].content.is_empty() && sem.vouches(s, n, there) {
                got = self.pair.join_gain_vouched(s, n, [l, r], need, share, self.fusion, true);
            }
        }
        self.memo.insert(key, got);
        got
    }
}

/// `join_best` of `joins.py`: the best moves `(-gain, side, sentence, group)` first, one per group.
fn join_best(links: &mut Links, mut moves: Vec<(f64, usize, usize, usize)>, joins: &mut Vec<Join>) -> bool {
    moves.sort_by(|a, b| a.0.total_cmp(&b.0).then((a.1, a.2, a.3).cmp(&(b.1, b.2, b.3))));
    let mut touched = HashSet::default();
    for (_, s, n, gid) in moves {
        if touched.insert(gid) {
            links.join((s, n, gid));
            joins.push((s, n, gid));
        }
    }
    !touched.is_empty()
}

/// The first group of most gain among `gids`, as the reference picks it (a later one must gain more).
fn best_of(gains: impl Iterator<Item = (usize, Option<f64>)>) -> Option<(f64, usize)> {
    let mut best: Option<(f64, usize)> = None;
    for (gid, gain) in gains {
        if let Some(g) = gain {
            if best.is_none_or(|(b, _)| g > b) {
                best = Some((g, gid));
            }
        }
    }
    best
}

/// `grow` of `joins.py`: `pairs` are the candidate pairs (the keys of `Candidates.scores`), `against`
/// the share a join against the shared order asks (None: the order is not read).
pub fn grow(
    gains: &mut Gains<'_>,
    pairs: &[(usize, usize)],
    links: &mut Links,
    (need, share, against): (f64, f64, Option<f64>),
    max_gap: usize,
) -> Vec<Join> {
    let mut by_sentence: [BTreeMap<usize, Vec<usize>>; 2] = Default::default();
    for &(i, j) in pairs {
        by_sentence[0].entry(i).or_default().push(j);
        by_sentence[1].entry(j).or_default().push(i);
    }
    let against_share = against.unwrap_or(share);
    let mut joins = Vec::new();
    loop {
        let (place, in_run) = if against.is_some() { links.placed(max_gap) } else { Default::default() };
        let mut moves = Vec::new();
        for (s, side) in by_sentence.iter().enumerate() {
            for (&n, others) in side {
                if links.partner[s][n].is_some() {
                    continue;
                }
                let bounds = place.get(&(s, n));
                let mut gids: Vec<usize> = others.iter().filter_map(|&m| links.partner[1 - s][m]).collect();
                gids.sort_unstable();
                gids.dedup();
                let found = gids.into_iter().map(|gid| {
                    let go_against = bounds.is_some_and(|b| in_run.contains(&gid) && !b.contains(&gid));
                    (gid, gains.gain(links, s, n, gid, need, if go_against { against_share } else { share }))
                });
                if let Some((g, gid)) = best_of(found) {
                    moves.push((-g, s, n, gid));
                }
            }
        }
        if !join_best(links, moves, &mut joins) {
            return joins;
        }
    }
}

/// `grow_in_gaps` of `gaps.py`: each sentence alone in a gap may join a group bounding the gap
/// whose other side holds one sentence.
pub fn grow_in_gaps(gains: &mut Gains<'_>, links: &mut Links, need: f64, share: f64, max_gap: usize) -> Vec<Join> {
    let mut joins = Vec::new();
    loop {
        let mut moves = Vec::new();
        for (gap_l, gap_r, bounds) in links.gaps(max_gap) {
            for (s, gap) in [(0, &gap_l), (1, &gap_r)] {
                for &n in gap {
                    let mut found = Vec::with_capacity(bounds.len());
                    for &gid in &bounds {
                        if links.groups[gid][1 - s].len() > 1 {
                            continue;
                        }
                        found.push((gid, gains.gain(links, s, n, gid, need, share)));
                    }
                    if let Some((g, gid)) = best_of(found.into_iter()) {
                        moves.push((-g, s, n, gid));
                    }
                }
            }
        }
        if !join_best(links, moves, &mut joins) {
            return joins;
        }
    }
}
