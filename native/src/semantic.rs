//! Sentence-embedding evidence for the alignment (the `semantic` preset): `Semantic` of
//! `articlediff/align/semantic.py`, which stays the reference, without its neighbours (the kernel
//! runs only when `Options.embedding_candidates` is 0).
//!
//! Cosines are taken as the reference takes them: rows summed in float64 in the order given, every
//! product and sum in float64 one term after another (`numpy.cumsum`), so the floats are the same.

/// Both sides' sentence vectors (L2-normalised float32 rows) and the cosine at which a pair counts
/// as having the evidence a link needs (`Options.embedding_evidence`).
pub struct Semantic {
    rows: [Vec<f32>; 2],
    dims: [usize; 2],
    pub evidence: f64,
}

/// The dot product of two equally long sequences of floats, summed in order.
fn dot(a: impl Iterator<Item = f64>, b: impl Iterator<Item = f64>) -> f64 {
    let mut terms = a.zip(b).map(|(x, y)| x * y);
    let Some(first) = terms.next() else {
        return 0.0;
    };
    terms.fold(first, |acc, t| acc + t)
}

impl Semantic {
    /// The vectors of each side, `rows[s]` holding `sizes[s]` rows of `dims[s]` floats; an error when
    /// they do not, or when two non-empty sides differ in dimension.
    pub fn new(rows: [Vec<f32>; 2], sizes: [usize; 2], dims: [usize; 2], evidence: f64) -> Result<Self, String> {
        for s in 0..2 {
            if rows[s].len() != sizes[s] * dims[s] {
                return Err(format!(
                    "side {s}: {} floats for {} sentences of {} dimensions",
                    rows[s].len(),
                    sizes[s],
                    dims[s]
                ));
            }
        }
        if sizes[0] > 0 && sizes[1] > 0 && dims[0] != dims[1] {
            return Err(format!("the sides' vectors differ in dimension: {} and {}", dims[0], dims[1]));
        }
        Ok(Semantic { rows, dims, evidence })
    }

    fn row(&self, s: usize, n: usize) -> &[f32] {
        let d = self.dims[s];
        &self.rows[s][n * d..(n + 1) * d]
    }

    /// Cosine of left sentence `i` and right sentence `j` (`Semantic.cosine`).
    pub fn cosine(&self, i: usize, j: usize) -> f64 {
        let (a, b) = (self.row(0, i), self.row(1, j));
        dot(a.iter().map(|&x| f64::from(x)), b.iter().map(|&x| f64::from(x)))
    }

    /// Rows `ids` of side `s` summed in float64 in the order given (`semantic.summed`).
    fn summed(&self, s: usize, ids: &[usize]) -> Vec<f64> {
        let mut out: Vec<f64> = self.row(s, ids[0]).iter().map(|&x| f64::from(x)).collect();
        for &n in &ids[1..] {
            for (o, &x) in out.iter_mut().zip(self.row(s, n)) {
                *o += f64::from(x);
            }
        }
        out
    }

    /// Cosine of the summed vectors of left sentences `lids` and right sentences `rids` (`Semantic.group_cosine`).
    pub fn group_cosine(&self, lids: &[usize], rids: &[usize]) -> f64 {
        let (a, b) = (self.summed(0, lids), self.summed(1, rids));
        let na = dot(a.iter().copied(), a.iter().copied()).sqrt();
        let nb = dot(b.iter().copied(), b.iter().copied()).sqrt();
        if na != 0.0 && nb != 0.0 {
            dot(a.iter().copied(), b.iter().copied()) / (na * nb)
        } else {
            0.0
        }
    }

    /// Whether sentence `n` of side `s` may join a group whose other side holds `there`
    /// (`Candidates._vouched`): its cosine with them, read as one, reaches `evidence`.
    pub fn vouches(&self, s: usize, n: usize, there: &[usize]) -> bool {
        let mut there = there.to_vec();
        there.sort_unstable();
        let cos = if s == 0 { self.group_cosine(&[n], &there) } else { self.group_cosine(&there, &[n]) };
        cos >= self.evidence
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_of_one_is_the_pair_and_zero_rows_give_zero() {
        let left = vec![0.6, 0.8, 0.0, 0.0];
        let right = vec![0.8, 0.6];
        let sem = Semantic::new([left, right], [2, 1], [2, 2], 0.8).unwrap();
        assert_eq!(sem.cosine(0, 0), 0.6f32 as f64 * 0.8f32 as f64 + 0.8f32 as f64 * 0.6f32 as f64);
        assert_eq!(sem.group_cosine(&[1], &[0]), 0.0);
        assert!(sem.vouches(0, 0, &[0]));
        assert!(Semantic::new([vec![0.0; 3], vec![]], [1, 0], [2, 2], 0.8).is_err());
    }
}
