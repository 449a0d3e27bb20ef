//! The batch layer's blocking: MinHash signatures of shingle sets and the banded LSH lookup.
//!
//! The same computation as `articlediff/syndication/blocking.py` does with datasketch 2.0
//! (`MinHash(scheme="affine32", hashfunc=zlib.crc32)` and `MinHashLSH.query`): each shingle (runs
//! of consecutive content words joined by single spaces) is hashed with CRC-32 of its UTF-8 bytes,
//! passed through MurmurHash3's 32-bit finalizer and mapped by every affine permutation
//! `h -> a*h + b (mod 2^32)`; a signature keeps each permutation's minimum. An original is a
//! candidate for a copy when, in any band of `r` consecutive values, the two signatures agree.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// MurmurHash3's 32-bit finalizer (datasketch's `_fmix` at width 32).
fn fmix32(mut h: u32) -> u32 {
    h ^= h >> 16;
    h = h.wrapping_mul(0x85EB_CA6B);
    h ^= h >> 13;
    h = h.wrapping_mul(0xC2B2_AE35);
    h ^ (h >> 16)
}

/// Signatures of word key lists under one set of permutations, stopwords and shingle size.
pub struct Hasher {
    stop: HashSet<String>,
    size: usize,
    a: Vec<u32>,
    b: Vec<u32>,
}

impl Hasher {
    pub fn new(stop: HashSet<String>, size: usize, a: Vec<u32>, b: Vec<u32>) -> Hasher {
        assert_eq!(a.len(), b.len());
        Hasher { stop, size: size.max(1), a, b }
    }

    /// The signature of the shingles of `keys` (see `shingles` in the reference: runs of `size`
    /// content words; of all words when there are fewer content words than `size`), or None when
    /// there is no shingle (no words).
    pub fn signature<S: AsRef<str>>(&self, keys: &[S]) -> Option<Vec<u32>> {
        let content: Vec<&str> = keys.iter().map(AsRef::as_ref).filter(|k| !self.stop.contains(*k)).collect();
        let words: Vec<&str> =
            if content.len() < self.size { keys.iter().map(AsRef::as_ref).collect() } else { content };
        if words.is_empty() {
            return None;
        }
        let size = self.size.min(words.len());
        let mut values = vec![u32::MAX; self.a.len()];
        let mut seen = HashSet::default();
        for run in words.windows(size) {
            let mut crc = crc32fast::Hasher::new();
            for (n, word) in run.iter().enumerate() {
                if n > 0 {
                    crc.update(b" ");
                }
                crc.update(word.as_bytes());
            }
            let h = fmix32(crc.finalize());
            if !seen.insert(h) {
                continue; // an equal hash changes no minimum
            }
            for ((v, &a), &b) in values.iter_mut().zip(&self.a).zip(&self.b) {
                *v = (*v).min(h.wrapping_mul(a).wrapping_add(b));
            }
        }
        Some(values)
    }
}

/// The banded LSH tables of the originals' signatures.
pub struct Bands {
    bands: usize,
    rows: usize,
    signatures: Vec<Vec<u32>>,
    tables: Vec<HashMap<Vec<u32>, Vec<usize>>>,
}

impl Bands {
    pub fn new(bands: usize, rows: usize) -> Bands {
        Bands { bands, rows, signatures: Vec::new(), tables: (0..bands).map(|_| HashMap::default()).collect() }
    }

    pub fn len(&self) -> usize {
        self.signatures.len()
    }

    pub fn is_empty(&self) -> bool {
        self.signatures.is_empty()
    }

    /// Whether `signature` has enough values for every band.
    pub fn fits(&self, signature: &[u32]) -> bool {
        signature.len() >= self.bands * self.rows
    }

    /// Add the next original (numbered in order of insertion).
    pub fn insert(&mut self, signature: Vec<u32>) {
        let n = self.signatures.len();
        for (band, table) in self.tables.iter_mut().enumerate() {
            let key = signature[band * self.rows..(band + 1) * self.rows].to_vec();
            table.entry(key).or_default().push(n);
        }
        self.signatures.push(signature);
    }

    /// Every original that agrees with `signature` on a whole band, ascending, each with the number
    /// of positions where the two signatures agree (the estimated Jaccard similarity times their length).
    pub fn query(&self, signature: &[u32]) -> Vec<(usize, usize)> {
        let mut found: Vec<usize> = Vec::new();
        for (band, table) in self.tables.iter().enumerate() {
            if let Some(hits) = table.get(&signature[band * self.rows..(band + 1) * self.rows]) {
                found.extend(hits);
            }
        }
        found.sort_unstable();
        found.dedup();
        found
            .into_iter()
            .map(|n| {
                let theirs = &self.signatures[n];
                (n, theirs.iter().zip(signature).filter(|(x, y)| x == y).count())
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fmix_is_murmur3_finalizer() {
        assert_eq!(fmix32(0), 0);
        assert_eq!(fmix32(1), 0x514E_28B7);
    }

    #[test]
    fn bands_find_agreeing_signatures() {
        let mut bands = Bands::new(2, 2);
        bands.insert(vec![1, 2, 3, 4]);
        bands.insert(vec![1, 2, 9, 9]);
        bands.insert(vec![5, 5, 5, 5]);
        assert_eq!(bands.query(&[1, 2, 0, 0]), [(0, 2), (1, 2)]);
        assert_eq!(bands.query(&[0, 0, 3, 4]), [(0, 2)]);
        assert!(bands.query(&[0, 0, 0, 0]).is_empty());
    }

    #[test]
    fn short_texts_shingle_all_words() {
        let stop: HashSet<String> = ["the".to_string()].into_iter().collect();
        let h = Hasher::new(stop, 2, vec![1, 3], vec![0, 7]);
        assert!(h.signature::<&str>(&[]).is_none());
        let x = fmix32(crc32fast::hash(b"the cat"));
        assert_eq!(h.signature(&["the", "cat"]), Some(vec![x, x.wrapping_mul(3).wrapping_add(7)]));
        let y = fmix32(crc32fast::hash(b"cat"));
        assert_eq!(h.signature(&["cat"]), Some(vec![y, y.wrapping_mul(3).wrapping_add(7)]));
    }
}
