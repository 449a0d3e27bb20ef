//! Fuzz target for the text kernels that take untrusted text: word tokens and keys, difflib's
//! opcodes, MinHash signatures and band tables, the change flags' figure finder, the shared
//! order's longest increasing subsequence and the sentence segmenter (with Punkt's answers drawn
//! from the input). Each input is split in two halves and read as
//! characters with classes, token ids and word lists; the properties checked are the ones the
//! Python side relies on (spans in bounds and in order, opcodes that cover both sequences and only
//! call equal what is equal, signatures of the right length that their own band table finds).
//! The Python test suite checks the same kernels against the pure-Python reference.
#![no_main]

use articlediff_native::figures::find;
use articlediff_native::matcher::{opcodes, Tag};
use articlediff_native::order::longest_increasing;
use articlediff_native::segment::{check_spans, Rules};
use articlediff_native::sketch::{Bands, Hasher};
use articlediff_native::words::{ascii_key, tokens, Char, ALNUM, CJK, DECIMAL};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

/// A segmenter with a few of the shipped words (built once: its dateline pattern compiles).
static RULES: LazyLock<Rules> = LazyLock::new(Rules::sample);

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // characters with arbitrary classes (the kernel trusts Python's classes, whatever they are)
    let chars: Vec<Char> = text
        .chars()
        .zip(data.iter().cycle())
        .map(|(c, &b)| Char { lower: c, flags: b & (ALNUM | DECIMAL | CJK) })
        .collect();
    let mut last = 0;
    for (s, e) in tokens(&chars) {
        assert!(last <= s && s < e && e <= chars.len(), "token ({s}, {e}) after {last} of {}", chars.len());
        assert!(chars[s].flags & (ALNUM | CJK) != 0, "a token starts with a word character");
        last = e;
        if chars[s..e].iter().all(|c| c.lower.is_ascii()) {
            let token: Vec<u8> = chars[s..e].iter().map(|c| c.lower as u8).collect();
            assert!(ascii_key(&token).len() <= token.len());
        }
    }

    let half = data.len() / 2;
    let (a, b): (Vec<u32>, Vec<u32>) = (
        data[..half].iter().map(|&x| u32::from(x % 8)).collect(),
        data[half..].iter().map(|&x| u32::from(x % 8)).collect(),
    );
    let (mut i, mut j) = (0, 0);
    for op in opcodes(&a, &b) {
        assert!(op.i1 == i && op.j1 == j && op.i1 <= op.i2 && op.j1 <= op.j2, "{op:?} after ({i}, {j})");
        if op.tag == Tag::Equal {
            assert_eq!(a[op.i1..op.i2], b[op.j1..op.j2]);
        }
        (i, j) = (op.i2, op.j2);
    }
    assert_eq!((i, j), (a.len(), b.len()), "the opcodes cover both sequences");

    // figures: spans in code points, within the text after `start`, in order; none for text that
    // is not plain
    let n = text.chars().count();
    let start = data.first().map_or(0, |&x| usize::from(x % 4));
    match find(&text, start) {
        Some(found) => {
            let mut last = start;
            for f in &found {
                assert!(last <= f.start && f.start < f.end && f.end <= n, "{f:?} after {last} of {n}");
                assert!(!f.value.is_nan(), "{f:?}");
                last = f.end;
            }
        }
        None => assert!(start > n || !text.chars().all(articlediff_native::flags::is_plain)),
    }
    // sentences of plain text: ordered, stripped spans whatever Punkt answers (here: a bit of the
    // input chosen by the context's length)
    let plain: Vec<char> = text.chars().filter(|&c| articlediff_native::flags::is_plain(c)).collect();
    let mut punkt = |context: &[char]| -> Result<bool, ()> {
        Ok(data.get(context.len() % data.len().max(1)).is_some_and(|&b| b & 1 == 1))
    };
    let spans = RULES.split(&plain, &mut punkt).expect("these answers never fail");
    if let Err(e) = check_spans(&plain, &spans) {
        panic!("{e}");
    }

    let values: Vec<i64> = data.iter().map(|&x| i64::from(x % 32)).collect();
    let kept = longest_increasing(&values);
    assert!(kept.windows(2).all(|w| w[0] < w[1] && values[w[0]] < values[w[1]]), "increasing");

    let words: Vec<&str> = text.split_whitespace().collect();
    let perms = 1 + data.first().map_or(0, |&x| usize::from(x % 16));
    let (pa, pb): (Vec<u32>, Vec<u32>) =
        (0..perms as u32).map(|k| (k.wrapping_mul(2_654_435_761) | 1, k.wrapping_mul(40_503))).unzip();
    let hasher = Hasher::new(["the".to_string()].into_iter().collect(), 2, pa, pb);
    if let Some(sig) = hasher.signature(&words) {
        assert_eq!(sig.len(), perms);
        let rows = 1 + perms / 4;
        let mut bands = Bands::new(perms / rows, rows);
        bands.insert(sig.clone());
        if perms / rows > 0 {
            assert_eq!(bands.query(&sig), [(0, perms)], "a signature's own table finds it, agreeing on all values");
        }
    } else {
        assert!(words.is_empty());
    }
});
