//! The order two texts share, read off the aligner's groups: `run`, `gaps_of` of
//! `articlediff/align/shared_order.py` and the longest increasing subsequence of
//! `articlediff/order.py` they rest on. Called a few times an alignment pass, on every group:
//! integer work the reference spends Python objects on.

use pyo3::prelude::*;
use pyo3::types::PyTuple;

/// One group as the passes hold it: its left and its right sentence ids.
pub type Group = (Vec<i64>, Vec<i64>);
/// A group in the shared order: `(first left, first right, last left, last right, group id)`.
pub type Span = (i64, i64, i64, i64, i64);

/// `longest_increasing` of `order.py`: the positions of one longest strictly increasing
/// subsequence, the one whose values are smallest at every step from the end.
pub fn longest_increasing(values: &[i64]) -> Vec<usize> {
    let mut tails: Vec<i64> = Vec::new();
    let mut tail_pos: Vec<usize> = Vec::new();
    let mut before: Vec<Option<usize>> = Vec::with_capacity(values.len());
    for (i, &v) in values.iter().enumerate() {
        let k = tails.partition_point(|&t| t < v); // bisect_left
        before.push(if k > 0 { Some(tail_pos[k - 1]) } else { None });
        if k == tails.len() {
            tails.push(v);
            tail_pos.push(i);
        } else {
            tails[k] = v;
            tail_pos[k] = i;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut at = tail_pos.last().copied();
    while let Some(i) = at {
        out.push(i);
        at = before[i];
    }
    out.reverse();
    out
}

/// `run(links)`: the groups in the order both texts share (groups must be non-empty on both sides).
pub fn run_of(groups: &[Group]) -> Option<Vec<Span>> {
    let mut spans = Vec::with_capacity(groups.len());
    for (gid, (ls, rs)) in groups.iter().enumerate() {
        let (l0, l1) = (*ls.iter().min()?, *ls.iter().max()?);
        let (r0, r1) = (*rs.iter().min()?, *rs.iter().max()?);
        spans.push((l0, r0, l1, r1, gid as i64));
    }
    spans.sort_unstable();
    let firsts: Vec<i64> = spans.iter().map(|s| s.1).collect();
    Some(longest_increasing(&firsts).into_iter().map(|k| spans[k]).collect())
}

fn empty_group() -> PyErr {
    pyo3::exceptions::PyValueError::new_err("a group without sentences on one side")
}

/// `run(links)` of `shared_order.py` for `links.groups`.
#[pyfunction]
pub fn shared_run(groups: Vec<Group>) -> PyResult<Vec<Span>> {
    run_of(&groups).ok_or_else(empty_group)
}

/// A gap as Python gets it: left ids, right ids, the bounding group ids as a tuple.
type PyGap<'py> = (Vec<i64>, Vec<i64>, Bound<'py, PyTuple>);

/// A gap: left ids, right ids, the ids of the groups bounding it (one at a text's start or end).
pub type Gap = (Vec<i64>, Vec<i64>, Vec<i64>);

/// `gaps_of` of `shared_order.py` on groups whose ids are all below the side lengths `n_left`,
/// `n_right` (others are ignored); `order` is `run_of(groups)`.
pub fn gaps(groups: &[Group], n_left: i64, n_right: i64, max_gap: usize, order: Vec<Span>) -> Vec<Gap> {
    let linked = |side: usize, n: i64| -> Vec<bool> {
        let mut seen = vec![false; n.max(0) as usize];
        for group in groups {
            for &id in if side == 0 { &group.0 } else { &group.1 } {
                if let Some(slot) = usize::try_from(id).ok().and_then(|k| seen.get_mut(k)) {
                    *slot = true;
                }
            }
        }
        seen
    };
    let (linked_l, linked_r) = (linked(0, n_left), linked(1, n_right));
    let lone = |seen: &[bool], lo: i64, hi: i64| -> Vec<i64> {
        (lo..hi).filter(|&k| !usize::try_from(k).ok().and_then(|k| seen.get(k).copied()).unwrap_or(false)).collect()
    };
    let mut ends = Vec::with_capacity(order.len() + 2);
    ends.push((-1, -1, -1, -1, -1));
    ends.extend(order);
    ends.push((n_left, n_right, n_left, n_right, -1));
    let mut out = Vec::new();
    for pair in ends.windows(2) {
        let ((_, _, i0, j0, before), (i1, j1, _, _, after)) = (pair[0], pair[1]);
        let gap_l = lone(&linked_l, i0 + 1, i1);
        let gap_r = lone(&linked_r, j0 + 1, j1);
        if (!gap_l.is_empty() || !gap_r.is_empty()) && gap_l.len() <= max_gap && gap_r.len() <= max_gap {
            let bounds: Vec<i64> = [before, after].into_iter().filter(|&g| g >= 0).collect();
            out.push((gap_l, gap_r, bounds));
        }
    }
    out
}

/// `gaps_of(cands, links, order)` of `shared_order.py`: `n_left` and `n_right` are the side lengths,
/// `order` is `run(links)` or None to compute it; gaps with more than `max_gap` sentences on a side
/// are left out.
#[pyfunction]
#[pyo3(signature = (groups, n_left, n_right, max_gap, order=None))]
pub fn shared_gaps<'py>(
    py: Python<'py>,
    groups: Vec<Group>,
    n_left: i64,
    n_right: i64,
    max_gap: usize,
    order: Option<Vec<Span>>,
) -> PyResult<Vec<PyGap<'py>>> {
    let order = match order {
        Some(order) => order,
        None => run_of(&groups).ok_or_else(empty_group)?,
    };
    gaps(&groups, n_left, n_right, max_gap, order)
        .into_iter()
        .map(|(l, r, bounds)| Ok((l, r, PyTuple::new(py, bounds)?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_increasing_as_the_reference() {
        assert_eq!(longest_increasing(&[0, 1, 2, 3, 4, 6, 7, 8, 9, 5, 10]), [0, 1, 2, 3, 4, 5, 6, 7, 8, 10]);
        assert_eq!(longest_increasing(&[1, 0]), [1]);
        assert_eq!(longest_increasing(&[]), Vec::<usize>::new());
    }
}
