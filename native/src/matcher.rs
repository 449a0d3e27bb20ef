//! difflib's `SequenceMatcher` with `isjunk=None, autojunk=False`, on interned tokens.
//!
//! The same algorithm as CPython's `Lib/difflib.py` (find_longest_match, get_matching_blocks,
//! get_opcodes), step by step, so the opcodes are the same for the same token lists: the longest
//! matching block of a range is the one that starts earliest in `a`, then earliest in `b`; ranges
//! are processed from a stack in difflib's order; adjacent blocks are merged the same way.

use rustc_hash::FxHashMap as HashMap;

/// What an opcode does; the numbers are what Python receives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tag {
    Equal = 0,
    Replace = 1,
    Delete = 2,
    Insert = 3,
}

/// One opcode: `a[i1..i2]` becomes `b[j1..j2]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpCode {
    pub tag: Tag,
    pub i1: usize,
    pub i2: usize,
    pub j1: usize,
    pub j2: usize,
}

/// Number the distinct strings of both lists (equal strings get equal numbers).
pub fn intern<'s, S: AsRef<str>>(a: &'s [S], b: &'s [S]) -> (Vec<u32>, Vec<u32>) {
    let mut ids: HashMap<&'s str, u32> = HashMap::with_capacity_and_hasher(a.len() + b.len(), Default::default());
    let mut number = |s: &'s S| -> u32 {
        let next = ids.len() as u32;
        *ids.entry(s.as_ref()).or_insert(next)
    };
    let ia: Vec<u32> = a.iter().map(&mut number).collect();
    let ib: Vec<u32> = b.iter().map(&mut number).collect();
    (ia, ib)
}

struct Matcher<'a> {
    a: &'a [u32],
    b: &'a [u32],
    /// for each token, the positions in `b` holding it, ascending (difflib's `b2j`)
    b2j: HashMap<u32, Vec<usize>>,
    // j2len of difflib, as arrays indexed by j + 1, with the indices set so far (to reset them)
    j2len: Vec<usize>,
    newj2len: Vec<usize>,
    touched: Vec<usize>,
    newtouched: Vec<usize>,
}

impl<'a> Matcher<'a> {
    fn new(a: &'a [u32], b: &'a [u32]) -> Self {
        let mut b2j: HashMap<u32, Vec<usize>> = HashMap::default();
        for (j, &t) in b.iter().enumerate() {
            b2j.entry(t).or_default().push(j);
        }
        Matcher {
            a,
            b,
            b2j,
            j2len: vec![0; b.len() + 1],
            newj2len: vec![0; b.len() + 1],
            touched: Vec::new(),
            newtouched: Vec::new(),
        }
    }

    /// difflib's `find_longest_match(alo, ahi, blo, bhi)` without junk: `(i, j, k)`.
    fn find_longest_match(&mut self, alo: usize, ahi: usize, blo: usize, bhi: usize) -> (usize, usize, usize) {
        let (mut besti, mut bestj, mut bestsize) = (alo, blo, 0usize);
        for i in alo..ahi {
            if let Some(js) = self.b2j.get(&self.a[i]) {
                for &j in js {
                    if j < blo {
                        continue;
                    }
                    if j >= bhi {
                        break;
                    }
                    // j2len[j - 1] of difflib lives at index j
                    let k = self.j2len[j] + 1;
                    self.newj2len[j + 1] = k;
                    self.newtouched.push(j + 1);
                    if k > bestsize {
                        besti = i + 1 - k;
                        bestj = j + 1 - k;
                        bestsize = k;
                    }
                }
            }
            for &t in &self.touched {
                self.j2len[t] = 0;
            }
            self.touched.clear();
            std::mem::swap(&mut self.j2len, &mut self.newj2len);
            std::mem::swap(&mut self.touched, &mut self.newtouched);
        }
        for &t in &self.touched {
            self.j2len[t] = 0;
        }
        self.touched.clear();
        // difflib extends the match over equal neighbours (a no-op without junk, kept for parity)
        let (a, b) = (self.a, self.b);
        while besti > alo && bestj > blo && a[besti - 1] == b[bestj - 1] {
            besti -= 1;
            bestj -= 1;
            bestsize += 1;
        }
        while besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] == b[bestj + bestsize] {
            bestsize += 1;
        }
        (besti, bestj, bestsize)
    }

    /// difflib's `get_matching_blocks()`, ending with the `(len(a), len(b), 0)` sentinel.
    fn matching_blocks(&mut self) -> Vec<(usize, usize, usize)> {
        let (la, lb) = (self.a.len(), self.b.len());
        let mut queue = vec![(0usize, la, 0usize, lb)];
        let mut blocks = Vec::new();
        while let Some((alo, ahi, blo, bhi)) = queue.pop() {
            let (i, j, k) = self.find_longest_match(alo, ahi, blo, bhi);
            if k > 0 {
                blocks.push((i, j, k));
                if alo < i && blo < j {
                    queue.push((alo, i, blo, j));
                }
                if i + k < ahi && j + k < bhi {
                    queue.push((i + k, ahi, j + k, bhi));
                }
            }
        }
        blocks.sort_unstable();
        let mut out = Vec::with_capacity(blocks.len() + 1);
        let (mut i1, mut j1, mut k1) = (0usize, 0usize, 0usize);
        for (i2, j2, k2) in blocks {
            if i1 + k1 == i2 && j1 + k1 == j2 {
                k1 += k2;
            } else {
                if k1 > 0 {
                    out.push((i1, j1, k1));
                }
                i1 = i2;
                j1 = j2;
                k1 = k2;
            }
        }
        if k1 > 0 {
            out.push((i1, j1, k1));
        }
        out.push((la, lb, 0));
        out
    }
}

/// difflib's `get_opcodes()` for token lists `a` and `b`.
pub fn opcodes(a: &[u32], b: &[u32]) -> Vec<OpCode> {
    let blocks = Matcher::new(a, b).matching_blocks();
    let (mut i, mut j) = (0usize, 0usize);
    let mut out = Vec::with_capacity(2 * blocks.len());
    for (ai, bj, size) in blocks {
        let tag = if i < ai && j < bj {
            Some(Tag::Replace)
        } else if i < ai {
            Some(Tag::Delete)
        } else if j < bj {
            Some(Tag::Insert)
        } else {
            None
        };
        if let Some(tag) = tag {
            out.push(OpCode { tag, i1: i, i2: ai, j1: j, j2: bj });
        }
        i = ai + size;
        j = bj + size;
        if size > 0 {
            out.push(OpCode { tag: Tag::Equal, i1: ai, i2: i, j1: bj, j2: j });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(a: &str, b: &str) -> Vec<(Tag, usize, usize, usize, usize)> {
        let a: Vec<&str> = a.split_whitespace().collect();
        let b: Vec<&str> = b.split_whitespace().collect();
        let (ia, ib) = intern(&a, &b);
        opcodes(&ia, &ib).into_iter().map(|o| (o.tag, o.i1, o.i2, o.j1, o.j2)).collect()
    }

    /// A small deterministic generator (xorshift), so the test needs no crate.
    fn tokens(seed: &mut u64, len: usize, alphabet: u64) -> Vec<u32> {
        (0..len)
            .map(|_| {
                *seed ^= *seed << 13;
                *seed ^= *seed >> 7;
                *seed ^= *seed << 17;
                (*seed % alphabet) as u32
            })
            .collect()
    }

    #[test]
    fn opcodes_rebuild_b_from_a_and_cover_both() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for case in 0..2000 {
            let (la, lb) = (case % 23, (case * 7) % 31);
            let a = tokens(&mut seed, la, 1 + (case as u64 % 6));
            let b = tokens(&mut seed, lb, 1 + (case as u64 % 6));
            let ops = opcodes(&a, &b);
            let (mut i, mut j) = (0, 0);
            let mut rebuilt = Vec::new();
            for op in &ops {
                assert_eq!((op.i1, op.j1), (i, j), "opcodes are contiguous");
                match op.tag {
                    Tag::Equal => {
                        assert_eq!(a[op.i1..op.i2], b[op.j1..op.j2]);
                        rebuilt.extend_from_slice(&a[op.i1..op.i2]);
                    }
                    Tag::Delete => assert_eq!(op.j1, op.j2),
                    Tag::Insert => {
                        assert_eq!(op.i1, op.i2);
                        rebuilt.extend_from_slice(&b[op.j1..op.j2]);
                    }
                    Tag::Replace => {
                        assert!(op.i1 < op.i2 && op.j1 < op.j2);
                        rebuilt.extend_from_slice(&b[op.j1..op.j2]);
                    }
                }
                i = op.i2;
                j = op.j2;
            }
            assert_eq!((i, j), (a.len(), b.len()), "opcodes cover both sequences");
            assert_eq!(rebuilt, b);
        }
    }

    #[test]
    fn difflib_examples() {
        // difflib.SequenceMatcher(None, "q a b x c d".split(), "a b y c d f".split()).get_opcodes()
        assert_eq!(
            ops("q a b x c d", "a b y c d f"),
            vec![
                (Tag::Delete, 0, 1, 0, 0),
                (Tag::Equal, 1, 3, 0, 2),
                (Tag::Replace, 3, 4, 2, 3),
                (Tag::Equal, 4, 6, 3, 5),
                (Tag::Insert, 6, 6, 5, 6),
            ]
        );
        assert_eq!(ops("", ""), vec![]);
        assert_eq!(ops("a", ""), vec![(Tag::Delete, 0, 1, 0, 0)]);
        assert_eq!(ops("", "a b"), vec![(Tag::Insert, 0, 0, 0, 2)]);
    }
}
