//! The assemble stage in one native call: `native_assemble` of `articlediff/assemble.py` (the
//! reference is `python_assemble` there). Each unit's label (`classify.label_of`), its word diff
//! (`assemble.word_diff`: one `equal` op over a verbatim unit's words, difflib's opcodes over the
//! word keys of any other) and its `Pair` object, for every unit of a comparison.
//!
//! A text's word offsets are found once, when its `WordTable` is built, by the tokenizer of
//! `word_spans` (so only in sentences whose every character is plain, `flags::is_plain`); a unit
//! touching a sentence the table cannot read is handed back to Python (the `fallback` callable).

use std::sync::OnceLock;

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyBool, PyDict, PyString, PyTuple};
use rustc_hash::FxHashMap as HashMap;

use crate::flags::is_plain;
use crate::matcher;
use crate::words;

/// Word offsets `(start, end)` in code points.
type Offsets = Vec<(usize, usize)>;

/// One text's sentences as the assemble stage reads them (built once per prepared text).
#[pyclass(frozen, module = "articlediff_native", name = "WordTable")]
pub struct WordTable {
    /// the text's characters
    chars: Vec<char>,
    /// each sentence's `(start, end)`
    spans: Vec<(usize, usize)>,
    /// each sentence's word offsets in code points (what `spans(text, start, end)` gives), when
    /// every character of the sentence is plain and it has one offset per word; else None (found
    /// on first use: most sentences are in no unit that needs them)
    offsets: Vec<OnceLock<Option<Offsets>>>,
    /// each sentence's comparison key (`Sentence.key`)
    keys: Vec<String>,
    /// each sentence's number of words (`Sentence.words`)
    words: Vec<usize>,
}

/// The word offsets of `chars[start..end]` (as `word_spans` finds them), None unless every
/// character is plain.
fn sentence_offsets(chars: &[char], start: usize, end: usize) -> Option<Vec<(usize, usize)>> {
    if start > end || end > chars.len() {
        return None;
    }
    let mut seq = Vec::with_capacity(end - start);
    for &c in &chars[start..end] {
        seq.push(match c {
            c if c.is_ascii() => words::Char::ascii(c as u8),
            c if is_plain(c) => words::Char { lower: c, flags: 0 },
            _ => return None,
        });
    }
    Some(words::tokens(&seq).into_iter().map(|(a, b)| (a + start, b + start)).collect())
}

#[pymethods]
impl WordTable {
    /// The table of `text` and its `sentences` (`Sentence` objects: `start`, `end`, `key` and
    /// `words` are read). A `UnicodeEncodeError` for text with a lone surrogate.
    #[new]
    fn new(text: &Bound<'_, PyString>, sentences: Vec<Bound<'_, PyAny>>) -> PyResult<Self> {
        let chars: Vec<char> = text.to_str()?.chars().collect();
        let n = sentences.len();
        let (mut spans, mut keys, mut counts) = (Vec::with_capacity(n), Vec::with_capacity(n), Vec::with_capacity(n));
        for s in &sentences {
            let start: usize = s.getattr(pyo3::intern!(s.py(), "start"))?.extract()?;
            let end: usize = s.getattr(pyo3::intern!(s.py(), "end"))?.extract()?;
            let count: usize = s.getattr(pyo3::intern!(s.py(), "words"))?.extract()?;
            let key: String = s.getattr(pyo3::intern!(s.py(), "key"))?.extract()?;
            spans.push((start, end));
            keys.push(key);
            counts.push(count);
        }
        let offsets = (0..n).map(|_| OnceLock::new()).collect();
        Ok(WordTable { chars, spans, offsets, keys, words: counts })
    }

    fn __len__(&self) -> usize {
        self.keys.len()
    }
}

impl WordTable {
    /// The word offsets of sentence `i` (see `offsets`).
    fn sentence(&self, i: usize) -> Option<&Vec<(usize, usize)>> {
        self.offsets[i]
            .get_or_init(|| {
                let (start, end) = self.spans[i];
                sentence_offsets(&self.chars, start, end).filter(|o| o.len() == self.words[i])
            })
            .as_ref()
    }

    fn check(&self, ids: &[usize]) -> PyResult<()> {
        match ids.iter().find(|&&i| i >= self.keys.len()) {
            Some(i) => Err(pyo3::exceptions::PyIndexError::new_err(format!(
                "sentence {i} of a text with {} sentences",
                self.keys.len()
            ))),
            None => Ok(()),
        }
    }

    /// `" ".join(s.key for s in sentences)` of the sentences `ids`.
    fn joined(&self, ids: &[usize]) -> String {
        ids.iter().map(|&i| self.keys[i].as_str()).collect::<Vec<_>>().join(" ")
    }

    /// The sentences of `ids` that have words.
    fn worded<'a>(&'a self, ids: &'a [usize]) -> impl Iterator<Item = usize> + 'a {
        ids.iter().copied().filter(|&i| self.words[i] > 0)
    }

    /// `_bounds` of assemble.py: the start of the first word and the end of the last word of the
    /// sentences `ids`; `Some(None)` when none has words, None when the table cannot say.
    fn bounds(&self, ids: &[usize]) -> Option<Option<(usize, usize)>> {
        let mut worded = self.worded(ids);
        let Some(first) = worded.next() else { return Some(None) };
        let last = worded.last().unwrap_or(first);
        // plain text: every word ends with a letter or digit, and every letter or digit is in a
        // word, so `word_bounds` of a sentence is its first word's start and last word's end
        let a = self.sentence(first)?.first()?.0;
        let b = self.sentence(last)?.last()?.1;
        Some(Some((a, b)))
    }

    /// `_words` of assemble.py's offsets for the sentences `ids`, None when the table cannot say.
    fn offsets_of(&self, ids: &[usize]) -> Option<Vec<(usize, usize)>> {
        let mut out = Vec::new();
        for i in self.worded(ids) {
            out.extend_from_slice(self.sentence(i)?);
        }
        Some(out)
    }
}

/// `_words` of assemble.py's keys: each worded sentence's profile keys, in order; read from the
/// text's `TextIndex` when it holds its sentences' keys (the keys the profiles are read from, see
/// `UnitProfile`), else from the profiles (kept in `store`).
fn keys_of<'a>(
    index: Option<&'a crate::TextIndex>,
    profiles: &Bound<'_, PyAny>,
    table: &WordTable,
    ids: &[usize],
    store: &'a mut Vec<PyBackedStr>,
) -> PyResult<Vec<&'a str>> {
    if let Some(units) = index.and_then(|x| x.units.as_deref()).filter(|u| u.len() == table.keys.len()) {
        return Ok(table.worded(ids).flat_map(|i| units[i].keys()).collect());
    }
    for i in table.worded(ids) {
        let keys = profiles.get_item(i)?.getattr(pyo3::intern!(profiles.py(), "keys"))?;
        for k in keys.try_iter()? {
            store.push(k?.extract::<PyBackedStr>()?);
        }
    }
    Ok(store.iter().map(|k| &**k).collect())
}

/// A `tuple` of integers, no longer tracked by Python's cyclic garbage collector: what the
/// collector does itself to a tuple of atoms the first time it passes over it (it can be in no
/// cycle), done when it is made. A comparison's result holds tens of thousands of these (each
/// word diff's spans, each lone sentence's index); the collector's first pass over a large result
/// took a tenth of the time of a 100k-word comparison.
pub(crate) fn atoms(t: Bound<'_, PyTuple>) -> Bound<'_, PyTuple> {
    // SAFETY: `t` is a live tuple we just made; untracking an object that is tracked (or not) is
    // what `PyObject_GC_UnTrack` allows, and a tuple of integers holds no reference a cycle could use.
    unsafe { pyo3::ffi::PyObject_GC_UnTrack(t.as_ptr().cast()) };
    t
}

/// `_span` of worddiff.py: first word's start to last word's end; an empty range sits before the
/// word where the change happens, or after the last word.
pub(crate) fn span(offsets: &[(usize, usize)], lo: usize, hi: usize) -> (usize, usize) {
    if lo < hi {
        (offsets[lo].0, offsets[hi - 1].1)
    } else if lo < offsets.len() {
        (offsets[lo].0, offsets[lo].0)
    } else {
        let end = offsets.last().map_or(0, |o| o.1);
        (end, end)
    }
}

/// What the stage makes the pairs of: the classes and enum members of the Python model.
#[pyclass(frozen, module = "articlediff_native", name = "Assembler")]
pub struct Assembler {
    object_new: Py<PyAny>,
    tuple_new: Py<PyAny>,
    pair: Py<PyAny>,
    /// the names of `Pair`'s fields, in their order: label, left, right, score, diff, flags,
    /// boilerplate, moved
    fields: Vec<Py<PyString>>,
    /// `Label.VERBATIM`, `PARAPHRASE`, `ADDED`, `DROPPED`
    labels: Vec<Py<PyAny>>,
    diff_op: Py<PyAny>,
    /// the `OpCode` of each tag number of `matcher::Tag`
    tags: Vec<Py<PyAny>>,
}

const VERBATIM: usize = 0;
const PARAPHRASE: usize = 1;
const ADDED: usize = 2;
const DROPPED: usize = 3;

#[pymethods]
impl Assembler {
    #[new]
    fn new(
        py: Python<'_>,
        pair: Py<PyAny>,
        fields: Vec<Py<PyString>>,
        labels: Vec<Py<PyAny>>,
        diff_op: Py<PyAny>,
        tags: Vec<Py<PyAny>>,
    ) -> PyResult<Self> {
        if fields.len() != 8 || labels.len() != 4 || tags.len() != 4 {
            return Err(pyo3::exceptions::PyValueError::new_err("8 fields, 4 labels and 4 tags expected"));
        }
        let builtins = py.import("builtins")?;
        let object_new = builtins.getattr("object")?.getattr("__new__")?.unbind();
        let tuple_new = builtins.getattr("tuple")?.getattr("__new__")?.unbind();
        Ok(Assembler { object_new, tuple_new, pair, fields, labels, diff_op, tags })
    }

    /// The pairs of `units` (each `(left ids, right ids, score)`): `flags` and the boilerplate reasons of each side (`boiler_left`, `boiler_right`) as `assemble` takes them.
    /// `fallback(k, verbatim)` gives the word diff of unit `k` when the tables cannot. `indexes`
    /// are the texts' `TextIndex`es (None where a text has none): the words are read from them.
    #[allow(clippy::too_many_arguments)]
    fn pairs<'py>(
        &self,
        py: Python<'py>,
        tables: (PyRef<'py, WordTable>, PyRef<'py, WordTable>),
        indexes: (Option<PyRef<'py, crate::TextIndex>>, Option<PyRef<'py, crate::TextIndex>>),
        profiles: (Bound<'py, PyAny>, Bound<'py, PyAny>),
        units: Vec<Bound<'py, PyTuple>>,
        flags: Vec<Bound<'py, PyAny>>,
        boilerplate: (Bound<'py, PyAny>, Bound<'py, PyAny>),
        details: bool,
        fallback: Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let (lt, rt) = (&*tables.0, &*tables.1);
        if flags.len() != units.len() {
            return Err(pyo3::exceptions::PyValueError::new_err("one flag list per unit"));
        }
        let empty = PyTuple::empty(py);
        let none = py.None();
        let mut out = Vec::with_capacity(units.len());
        let mut sides = Vec::with_capacity(units.len());
        for unit in &units {
            let (left, right) = (unit.get_item(0)?, unit.get_item(1)?);
            let (li, ri): (Vec<usize>, Vec<usize>) = (left.extract()?, right.extract()?);
            lt.check(&li)?;
            rt.check(&ri)?;
            sides.push((left, right, li, ri));
        }
        let origins: Vec<Option<usize>> = sides
            .iter()
            .map(|(_, _, li, ri)| if li.is_empty() || ri.is_empty() { None } else { Some(li[0]) })
            .collect();
        let moved = out_of_order(&origins);
        for (k, (unit, (left, right, li, ri))) in units.iter().zip(sides).enumerate() {
            let label = if li.is_empty() {
                ADDED
            } else if ri.is_empty() {
                DROPPED
            } else if lt.joined(&li) == rt.joined(&ri) {
                VERBATIM
            } else {
                PARAPHRASE
            };
            let (ops, boiler) = if li.is_empty() || ri.is_empty() {
                let reason =
                    if li.is_empty() { boilerplate.1.get_item(ri[0])? } else { boilerplate.0.get_item(li[0])? };
                (empty.clone(), reason)
            } else if !details {
                (empty.clone(), none.bind(py).clone())
            } else {
                let ops = match self.diff(
                    py,
                    (lt, rt),
                    (indexes.0.as_deref(), indexes.1.as_deref()),
                    &profiles,
                    (&li, &ri),
                    label == VERBATIM,
                )? {
                    Some(ops) => ops,
                    None => {
                        let got = fallback.call1((k, label == VERBATIM))?;
                        PyTuple::new(py, got.try_iter()?.collect::<PyResult<Vec<_>>>()?)?
                    }
                };
                (ops, none.bind(py).clone())
            };
            let pair_flags = &flags[k];
            let pair_flags = if pair_flags.is_exact_instance_of::<PyTuple>() {
                pair_flags.clone()
            } else {
                PyTuple::new(py, pair_flags.try_iter()?.collect::<PyResult<Vec<_>>>()?)?.into_any()
            };
            let values: [Bound<'py, PyAny>; 8] = [
                self.labels[label].bind(py).clone(),
                left,
                right,
                unit.get_item(2)?,
                ops.into_any(),
                pair_flags,
                boiler,
                PyBool::new(py, moved[k]).to_owned().into_any(),
            ];
            let pair = self.object_new.bind(py).call1((self.pair.bind(py),))?;
            let dict = pair.getattr(pyo3::intern!(py, "__dict__"))?.cast_into::<PyDict>()?;
            for (name, value) in self.fields.iter().zip(values) {
                dict.set_item(name.bind(py), value)?;
            }
            out.push(pair);
        }
        PyTuple::new(py, out)
    }
}

impl Assembler {
    /// `word_diff` of one aligned unit as a tuple of `DiffOp`s, None when the tables cannot say.
    fn diff<'py>(
        &self,
        py: Python<'py>,
        (lt, rt): (&WordTable, &WordTable),
        (lx, rx): (Option<&crate::TextIndex>, Option<&crate::TextIndex>),
        profiles: &(Bound<'py, PyAny>, Bound<'py, PyAny>),
        (li, ri): (&[usize], &[usize]),
        verbatim: bool,
    ) -> PyResult<Option<Bound<'py, PyTuple>>> {
        if verbatim {
            let (Some(lb), Some(rb)) = (lt.bounds(li), rt.bounds(ri)) else { return Ok(None) };
            let ops = match (lb, rb) {
                (Some(lb), Some(rb)) => vec![self.op(py, matcher::Tag::Equal as usize, lb, rb)?],
                _ => Vec::new(),
            };
            return Ok(Some(PyTuple::new(py, ops)?));
        }
        let (Some(lo), Some(ro)) = (lt.offsets_of(li), rt.offsets_of(ri)) else { return Ok(None) };
        let (mut ls, mut rs) = (Vec::new(), Vec::new());
        let (lk, rk) = (keys_of(lx, &profiles.0, lt, li, &mut ls)?, keys_of(rx, &profiles.1, rt, ri, &mut rs)?);
        if lk.len() != lo.len() || rk.len() != ro.len() {
            return Ok(None); // keys and offsets that do not pair up: the reference decides
        }
        let (ia, ib) = matcher::intern(&lk, &rk);
        let ops = matcher::opcodes(&ia, &ib)
            .into_iter()
            .map(|op| self.op(py, op.tag as usize, span(&lo, op.i1, op.i2), span(&ro, op.j1, op.j2)))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(Some(PyTuple::new(py, ops)?))
    }

    /// `DiffOp(tag, left, right)`, made as the reference's `tuple.__new__(DiffOp, ...)` makes it.
    fn op<'py>(
        &self,
        py: Python<'py>,
        tag: usize,
        left: (usize, usize),
        right: (usize, usize),
    ) -> PyResult<Bound<'py, PyAny>> {
        let (left, right) = (atoms(PyTuple::new(py, [left.0, left.1])?), atoms(PyTuple::new(py, [right.0, right.1])?));
        let fields = PyTuple::new(py, [self.tags[tag].bind(py).clone(), left.into_any(), right.into_any()])?;
        self.tuple_new.bind(py).call1((self.diff_op.bind(py), fields))
    }
}

/// `out_of_order` of `articlediff/order.py`: for each item, whether it is outside the longest
/// strictly increasing run of `origins` that `longest_increasing` picks (patience sorting, the run
/// whose values are smallest at every step from the end); None items are never moved.
pub fn out_of_order(origins: &[Option<usize>]) -> Vec<bool> {
    let (at, values): (Vec<usize>, Vec<i64>) =
        origins.iter().enumerate().filter_map(|(i, o)| o.map(|v| (i, v as i64))).unzip();
    let mut moved: Vec<bool> = origins.iter().map(Option::is_some).collect();
    for k in crate::order::longest_increasing(&values) {
        moved[at[k]] = false;
    }
    moved
}

/// A unit-to-be with its place in the reading order: `(copy sentence, 0 or 1 for dropped, original
/// sentence)` and its fields (left, right, score).
type Keyed<'py> = ((i64, u8, i64), [Bound<'py, PyAny>; 3]);

/// `python_reading_order` of `articlediff/assemble.py`: every sentence in exactly one `unit`
/// (the `Unit` class), in the copy's reading order: each group (objects with `left`, `right`,
/// `score`) at its first copy sentence, each copy sentence in no group at its place (with its
/// `best_right` score), each original sentence in no group after the group of the original
/// sentence before it (with its `best_left` score). Ties keep the reference's order: a stable
/// sort of groups, then added, then dropped sentences.
#[pyfunction]
pub fn reading_order<'py>(
    py: Python<'py>,
    unit: Bound<'py, PyAny>,
    groups: Vec<Bound<'py, PyAny>>,
    best_left: Vec<Bound<'py, PyAny>>,
    best_right: Vec<Bound<'py, PyAny>>,
) -> PyResult<Vec<Bound<'py, PyAny>>> {
    let tuple_new = py.import("builtins")?.getattr("tuple")?.getattr("__new__")?;
    let empty = PyTuple::empty(py).into_any();
    let mut keyed: Vec<Keyed<'py>> = Vec::with_capacity(best_left.len() + best_right.len());
    let mut anchor: HashMap<i64, i64> = HashMap::default();
    let mut in_right = vec![false; best_right.len()];
    for g in &groups {
        let left = g.getattr(pyo3::intern!(py, "left"))?;
        let right = g.getattr(pyo3::intern!(py, "right"))?;
        let score = g.getattr(pyo3::intern!(py, "score"))?;
        let (li, ri): (Vec<i64>, Vec<i64>) = (left.extract()?, right.extract()?);
        let (Some(&l0), Some(&r0)) = (li.first(), ri.first()) else {
            return Err(pyo3::exceptions::PyIndexError::new_err("tuple index out of range"));
        };
        for &i in &li {
            anchor.insert(i, r0);
        }
        for &j in &ri {
            if let Some(seen) = usize::try_from(j).ok().and_then(|j| in_right.get_mut(j)) {
                *seen = true;
            }
        }
        keyed.push(((r0, 0, l0), [left, right, score]));
    }
    for (j, score) in best_right.iter().enumerate() {
        if !in_right[j] {
            keyed.push(((j as i64, 0, -1), [empty.clone(), atoms(PyTuple::new(py, [j])?).into_any(), score.clone()]));
        }
    }
    let mut last = -1i64;
    for (i, score) in best_left.iter().enumerate() {
        match anchor.get(&(i as i64)) {
            Some(&a) => last = a,
            None => keyed
                .push(((last, 1, i as i64), [atoms(PyTuple::new(py, [i])?).into_any(), empty.clone(), score.clone()])),
        }
    }
    keyed.sort_by_key(|(key, _)| *key); // stable, as list.sort
    keyed.into_iter().map(|(_, fields)| tuple_new.call1((&unit, PyTuple::new(py, fields)?))).collect()
}

/// Add the classes of this stage to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(reading_order, m)?)?;
    m.add_class::<WordTable>()?;
    m.add_class::<Assembler>()
}

#[cfg(test)]
mod tests {
    use super::out_of_order;

    #[test]
    fn moved_items_are_outside_the_longest_run() {
        // the doctests of order.py
        assert_eq!(out_of_order(&[Some(2), None, Some(0), Some(1)]), vec![true, false, false, false]);
        let run = [0, 1, 2, 3, 4, 6, 7, 8, 9, 5, 10].map(Some);
        let moved: Vec<usize> = out_of_order(&run).iter().enumerate().filter(|(_, &m)| m).map(|(i, _)| i).collect();
        assert_eq!(moved, vec![9]); // the 5 that comes late
        assert_eq!(out_of_order(&[Some(1), Some(0)]), vec![true, false]);
        assert_eq!(out_of_order(&[]), Vec::<bool>::new());
    }
}
