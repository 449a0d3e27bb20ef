//! Blocking of the aligner: each sentence's few likely counterparts on the other side.
//!
//! The same computation as `python_propose` in `articlediff/align/candidates.py`, on interned
//! stems: each side's inverted index (stem -> sentences holding it, ascending), the rank of every
//! stem found on both sides (fewest sentences first, ties by spelling), then for each sentence not
//! skipped its `probes` rarest stems found on the other side probe that side's index (postings
//! longer than `max_postings` are not scanned); every counterpart found gains the stem's weight,
//! and the `k` heaviest are proposed, ties in order of discovery. The proposed pairs come back
//! sorted, each with the exactly rounded sums (Python's `math.fsum`) of the weights of the stems
//! the two sentences share and of each sentence's stems, so no result depends on an order of a set.

use rustc_hash::FxHashMap as HashMap;

/// `(left sentence, right sentence, shared weight, left sentence's weight, right sentence's weight)`.
pub type Row = (usize, usize, f64, f64, f64);

/// Python's `math.fsum`: the correctly rounded sum of `values` (Shewchuk's partials, with CPython's
/// half-even correction across partials; CPython 3.11 `Modules/mathmodule.c`). Values are finite.
pub fn fsum(values: impl IntoIterator<Item = f64>) -> f64 {
    let mut partials: Vec<f64> = Vec::new();
    for mut x in values {
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        if x != 0.0 {
            partials.push(x);
        }
    }
    let mut n = partials.len();
    if n == 0 {
        return 0.0;
    }
    n -= 1;
    let mut hi = partials[n];
    let mut lo = 0.0;
    while n > 0 {
        let x = hi;
        n -= 1;
        let y = partials[n];
        hi = x + y;
        lo = y - (hi - x);
        if lo != 0.0 {
            break;
        }
    }
    if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
        let y = lo * 2.0;
        let x = hi + y;
        if y == x - hi {
            hi = x;
        }
    }
    hi
}

/// Numbers for strings: equal strings get equal ids, each id keeps its spelling.
#[derive(Default)]
pub struct Interner {
    ids: HashMap<String, u32>,
    spelling: Vec<String>,
}

impl Interner {
    /// The id of `word`, numbered now if it is new.
    pub fn id(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.spelling.len() as u32;
        self.spelling.push(word.to_owned());
        self.ids.insert(word.to_owned(), id);
        id
    }

    /// The spelling of `id`.
    pub fn spelling(&self, id: u32) -> &str {
        &self.spelling[id as usize]
    }
}

/// One text's side of the index: its stems (interned ids, ascending), the sentences holding each
/// (ascending), and each sentence's stems as positions in `stems` (ascending, each once).
pub struct TextIndex {
    pub stems: Vec<u32>,
    pub postings: Vec<Vec<u32>>,
    pub content: Vec<Vec<u32>>,
}

impl TextIndex {
    /// The index of sentences given as their stems, numbered by `interner`.
    pub fn new<S: AsRef<str>>(sentences: &[Vec<S>], interner: &mut Interner) -> Self {
        let global: Vec<Vec<u32>> =
            sentences.iter().map(|row| row.iter().map(|s| interner.id(s.as_ref())).collect()).collect();
        Self::from_ids(global)
    }

    /// The index of sentences given as their stems' interned ids (in any order, repeats allowed).
    pub fn from_ids(global: Vec<Vec<u32>>) -> Self {
        // every (stem, sentence) once, by stem then sentence: a stem's run lists its sentences in order
        let mut pairs: Vec<(u32, u32)> =
            global.iter().enumerate().flat_map(|(n, row)| row.iter().map(move |&id| (id, n as u32))).collect();
        pairs.sort_unstable();
        pairs.dedup();
        let mut stems: Vec<u32> = Vec::new();
        let mut postings: Vec<Vec<u32>> = Vec::new();
        let mut content: Vec<Vec<u32>> = vec![Vec::new(); global.len()];
        for (id, n) in pairs {
            if stems.last() != Some(&id) {
                stems.push(id);
                postings.push(Vec::new());
            }
            let local = stems.len() as u32 - 1;
            postings[local as usize].push(n);
            content[n as usize].push(local); // stems come in ascending order: each row stays sorted
        }
        TextIndex { stems, postings, content }
    }
}

/// The sorted rows of the proposed pairs (see the module comment). `sides` are both texts'
/// indexes, numbered by `interner`; `by_count[c]` is the weight of a stem found in `c` sentences of
/// both sides together; `skip[s][n]` marks sentences that need no candidates.
pub fn propose_indexed(
    sides: [&TextIndex; 2],
    interner: &Interner,
    by_count: &[f64],
    skip: [&[bool]; 2],
    k: usize,
    probes: usize,
    max_postings: usize,
) -> Vec<Row> {
    // Number the stems of the pair (a merge of the two sorted stem lists): `of[s]` maps a side's
    // positions to the pair's numbers, in the same order, so each sentence's list stays sorted.
    let (a, b) = (&sides[0].stems, &sides[1].stems);
    let mut of: [Vec<u32>; 2] = [Vec::with_capacity(a.len()), Vec::with_capacity(b.len())];
    let mut global: Vec<u32> = Vec::with_capacity(a.len() + b.len());
    let mut postings: [Vec<&[u32]>; 2] = [Vec::new(), Vec::new()];
    let (mut x, mut y) = (0, 0);
    while x < a.len() || y < b.len() {
        let take_a = y >= b.len() || (x < a.len() && a[x] <= b[y]);
        let take_b = x >= a.len() || (y < b.len() && b[y] <= a[x]);
        let id = global.len() as u32;
        global.push(if take_a { a[x] } else { b[y] });
        postings[0].push(if take_a { &sides[0].postings[x] } else { &[] });
        postings[1].push(if take_b { &sides[1].postings[y] } else { &[] });
        if take_a {
            of[0].push(id);
            x += 1;
        }
        if take_b {
            of[1].push(id);
            y += 1;
        }
    }
    let content: [Vec<Vec<u32>>; 2] =
        [0, 1].map(|s| sides[s].content.iter().map(|row| row.iter().map(|&l| of[s][l as usize]).collect()).collect());
    let vocabulary = global.len();
    let weight: Vec<f64> = (0..vocabulary).map(|id| by_count[postings[0][id].len() + postings[1][id].len()]).collect();
    // Rank of the stems found on both sides: fewest sentences first, ties by spelling.
    let mut both: Vec<(usize, &str, u32)> = (0..vocabulary)
        .filter(|&id| !postings[0][id].is_empty() && !postings[1][id].is_empty())
        .map(|id| (postings[0][id].len() + postings[1][id].len(), interner.spelling(global[id]), id as u32))
        .collect();
    both.sort_unstable();
    let mut rank = vec![u32::MAX; vocabulary];
    for (r, &(_, _, id)) in both.iter().enumerate() {
        rank[id as usize] = r as u32;
    }

    let mut proposed: Vec<(u32, u32)> = Vec::new();
    for side in 0..2 {
        let theirs = &postings[1 - side];
        let mut gained = vec![0.0f64; content[1 - side].len()];
        let mut seen = vec![false; content[1 - side].len()];
        let mut order: Vec<u32> = Vec::new();
        let mut common: Vec<u32> = Vec::new();
        for (n, row) in content[side].iter().enumerate() {
            if skip[side].get(n).copied().unwrap_or(false) {
                continue; // an exact match needs no candidates
            }
            common.clear();
            common.extend(row.iter().copied().filter(|&id| rank[id as usize] != u32::MAX));
            if common.is_empty() {
                continue;
            }
            common.sort_unstable_by_key(|&id| rank[id as usize]);
            order.clear();
            for &id in common.iter().take(probes) {
                let hits = theirs[id as usize];
                if hits.len() <= max_postings {
                    let w = weight[id as usize];
                    for &m in hits {
                        let m = m as usize;
                        if !seen[m] {
                            seen[m] = true;
                            gained[m] = 0.0;
                            order.push(m as u32);
                        }
                        gained[m] += w;
                    }
                }
            }
            // stable: ties keep the order of discovery
            order.sort_by(|&a, &b| gained[b as usize].partial_cmp(&gained[a as usize]).unwrap());
            for &m in order.iter().take(k) {
                proposed.push(if side == 0 { (n as u32, m) } else { (m, n as u32) });
            }
            for &m in &order {
                seen[m as usize] = false;
            }
        }
    }
    proposed.sort_unstable();
    proposed.dedup();

    let mut mass: [Vec<Option<f64>>; 2] = [vec![None; content[0].len()], vec![None; content[1].len()]];
    let mut mass_of = |s: usize, n: usize| -> f64 {
        *mass[s][n].get_or_insert_with(|| fsum(content[s][n].iter().map(|&id| weight[id as usize])))
    };
    let mut out = Vec::with_capacity(proposed.len());
    for (i, j) in proposed {
        let (i, j) = (i as usize, j as usize);
        let (a, b) = (&content[0][i], &content[1][j]);
        let shared = fsum(shared_ids(a, b).map(|id| weight[id as usize]));
        out.push((i, j, shared, mass_of(0, i), mass_of(1, j)));
    }
    out
}

/// The ids found in both sorted lists.
pub fn shared_ids<'a>(a: &'a [u32], b: &'a [u32]) -> impl Iterator<Item = u32> + 'a {
    let (mut x, mut y) = (0, 0);
    std::iter::from_fn(move || {
        while x < a.len() && y < b.len() {
            match a[x].cmp(&b[y]) {
                std::cmp::Ordering::Less => x += 1,
                std::cmp::Ordering::Greater => y += 1,
                std::cmp::Ordering::Equal => {
                    x += 1;
                    y += 1;
                    return Some(a[x - 1]);
                }
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_lists_each_stem_and_sentence_once_in_order() {
        let mut interner = Interner::default();
        let index = TextIndex::new(&[vec!["b", "a", "b"], vec![], vec!["c", "a"]], &mut interner);
        let (a, b, c) = (interner.id("a"), interner.id("b"), interner.id("c"));
        assert_eq!(index.stems, [b, a, c]);
        assert_eq!(index.postings, [vec![0], vec![0, 2], vec![2]]);
        assert_eq!(index.content, [vec![0, 1], vec![], vec![1, 2]]);
    }

    /// [`propose_indexed`] on sentences given as their stems, interned for this call.
    fn propose(
        sides: [&[Vec<&str>]; 2],
        by_count: &[f64],
        skip: [&[bool]; 2],
        k: usize,
        probes: usize,
        max_postings: usize,
    ) -> Vec<Row> {
        let mut interner = Interner::default();
        let left = TextIndex::new(sides[0], &mut interner);
        let right = TextIndex::new(sides[1], &mut interner);
        propose_indexed([&left, &right], &interner, by_count, skip, k, probes, max_postings)
    }

    fn side(rows: &[&[&'static str]]) -> Vec<Vec<&'static str>> {
        rows.iter().map(|r| r.to_vec()).collect()
    }

    #[test]
    fn fsum_is_correctly_rounded() {
        assert_eq!(fsum([]), 0.0);
        assert_eq!(fsum([0.1; 10]), 1.0);
        assert_eq!(fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]), 1e-100);
        assert_eq!(fsum([1.0, 1e-16, 1e-16]), 1.0000000000000002);
    }

    #[test]
    fn each_sentence_proposes_its_best_counterparts() {
        let left = side(&[&["putin", "trump", "met"], &["oil", "price", "fell"]]);
        let right = side(&[&["oil", "price", "rose"], &["putin", "trump", "talk"], &["weather"]]);
        let by_count: Vec<f64> = (0..=5).map(|c| if c == 0 { 0.0 } else { 1.0 / c as f64 }).collect();
        let rows = propose([&left, &right], &by_count, [&[false, false], &[false, false, false]], 1, 6, 32);
        let pairs: Vec<(usize, usize)> = rows.iter().map(|r| (r.0, r.1)).collect();
        assert_eq!(pairs, vec![(0, 1), (1, 0)]);
        assert_eq!(rows[0].2, 1.0); // putin, trump: each in two sentences
        assert_eq!(rows[0].3, 2.0); // and met, in one
    }

    #[test]
    fn skipped_sentences_propose_nothing_but_can_be_found() {
        let left = side(&[&["a", "b"], &["c"]]);
        let right = side(&[&["a", "b"], &["c", "d"]]);
        let by_count = vec![0.0, 1.0, 0.5, 0.3, 0.2];
        let rows = propose([&left, &right], &by_count, [&[true, true], &[false, true]], 3, 6, 32);
        let pairs: Vec<(usize, usize)> = rows.iter().map(|r| (r.0, r.1)).collect();
        assert_eq!(pairs, vec![(0, 0)]);
    }
}
