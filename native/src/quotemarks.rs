//! Where a text's quotations are: `python_quotations` of `articlediff/signals/quotes.py` (the
//! reference), its two patterns `_QUOTE` and `_OPEN_QUOTE` read by hand, since their look-arounds
//! are beyond the `regex` crate.
//!
//! Offsets are code points. The patterns test `\s` (here exactly: `str.isspace`) and `\w` (next to
//! a single curly quote or a closing `”`); a `\w` test on a character that is not ASCII and not one
//! of the known non-word marks makes [`quotations`] return `None`, and the caller runs the reference.

type Span = (usize, usize);

/// `\s` of Python's `re` on `str` (`str.isspace`), for every character.
pub fn py_space(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | '\u{1c}'..='\u{20}'
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// Non-ASCII characters that are surely not `\w`: the quotation marks, dashes, the ellipsis and the
/// spaces above.
pub fn known_not_word(c: char) -> bool {
    matches!(
        c,
        '\u{2018}'
            ..='\u{201f}'
                | '\u{2013}'
                | '\u{2014}'
                | '\u{2026}'
                | '\u{ab}'
                | '\u{bb}'
                | '\u{a3}'
                | '\u{20ac}'
                | '\u{feff}'
    ) || py_space(c)
}

/// `\w` on `c`, or `Err(())` when it is not ASCII and not known (the kernel does not decide).
fn word(c: char) -> Result<bool, ()> {
    if c.is_ascii() {
        Ok(c.is_ascii_alphanumeric() || c == '_')
    } else if known_not_word(c) {
        Ok(false)
    } else {
        Err(())
    }
}

/// `(?![\w])` at `i`.
fn no_word_at(chars: &[char], i: usize) -> Result<bool, ()> {
    match chars.get(i) {
        Some(&c) => word(c).map(|w| !w),
        None => Ok(true),
    }
}

/// `[^stops]{2,}?` from `s` followed by one of `closes` (each in `stops`): the closing mark's index.
fn closed(chars: &[char], s: usize, stops: &[char], closes: &[char]) -> Option<usize> {
    let j = s + chars.get(s..)?.iter().position(|c| stops.contains(c))?;
    (j - s >= 2 && closes.contains(&chars[j])).then_some(j)
}

/// `(group start, group end, match end)` of `_QUOTE` matched at `i`, if it matches there.
fn quote_at(chars: &[char], i: usize) -> Result<Option<(usize, usize, usize)>, ()> {
    let at = |j: usize, s: usize| (s, j, j + 1);
    Ok(match chars[i] {
        '\u{201c}' => closed(chars, i + 1, &['\u{201c}', '\u{201d}', '\n'], &['\u{201d}']).map(|j| at(j, i + 1)),
        '"' => closed(chars, i + 1, &['"', '\n'], &['"']).map(|j| at(j, i + 1)),
        '\u{201e}' => closed(chars, i + 1, &['\u{201e}', '\u{201c}', '\u{201d}', '\n'], &['\u{201c}', '\u{201d}'])
            .map(|j| at(j, i + 1)),
        '\u{ab}' => guillemets(chars, i),
        '\u{2018}' => {
            if i > 0 && word(chars[i - 1])? {
                return Ok(None);
            }
            match closed(chars, i + 1, &['\u{2018}', '\u{2019}', '\n'], &['\u{2019}']) {
                Some(j) if no_word_at(chars, j + 1)? => Some(at(j, i + 1)),
                _ => None,
            }
        }
        '\u{201d}' => {
            // ”\s?(?P<r>[^“”\n]{2,}?)”(?![\w]): the space taken first, then left to the words
            let spaced = chars.get(i + 1).is_some_and(|&c| py_space(c));
            for s in [i + 2, i + 1].into_iter().skip(usize::from(!spaced)) {
                if let Some(j) = closed(chars, s, &['\u{201c}', '\u{201d}', '\n'], &['\u{201d}']) {
                    if no_word_at(chars, j + 1)? {
                        return Ok(Some(at(j, s)));
                    }
                }
            }
            None
        }
        _ => None,
    })
}

/// `«\s?(?P<e>[^«»\n]{2,}?)\s?»` at `i` (a `«`).
fn guillemets(chars: &[char], i: usize) -> Option<(usize, usize, usize)> {
    let stop = |c: char| matches!(c, '\u{ab}' | '\u{bb}' | '\n');
    let spaced = chars.get(i + 1).is_some_and(|&c| py_space(c));
    for s in [i + 2, i + 1].into_iter().skip(usize::from(!spaced)) {
        if s + 2 > chars.len() || chars[s..s + 2].iter().any(|&c| stop(c)) {
            continue;
        }
        let mut e = s + 2;
        while e < chars.len() {
            let c = chars[e];
            if py_space(c) && chars.get(e + 1) == Some(&'\u{bb}') {
                return Some((s, e, e + 2));
            }
            if c == '\u{bb}' {
                return Some((s, e, e + 1));
            }
            if stop(c) {
                break;
            }
            e += 1;
        }
    }
    None
}

/// `python_quotations(text)` on the text's characters, or `None` if it cannot decide.
pub fn quotations(chars: &[char]) -> Option<Vec<Span>> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match quote_at(chars, i).ok()? {
            Some((s, e, end)) => {
                spans.push((s, e));
                i = end;
            }
            None => i += 1,
        }
    }
    // _OPEN_QUOTE: a line opening with a quotation mark that runs to its end unclosed
    let quoted = spans.len();
    let mut line = 0;
    while line < chars.len() {
        let end = line + chars[line..].iter().position(|&c| c == '\n').unwrap_or(chars.len() - line);
        let k = line + chars[line..end].iter().take_while(|&&c| c == ' ' || c == '\t').count();
        if k < end && matches!(chars[k], '\u{201c}' | '\u{201e}' | '\u{ab}' | '"') {
            let d = k + 1;
            let bad =
                |c: &char| matches!(c, '"' | '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{ab}' | '\u{bb}');
            if end - d >= 8 && !chars[d..end].iter().any(bad) && !spans[..quoted].iter().any(|&(a, b)| a <= d && d < b)
            {
                spans.push((d, end));
            }
        }
        line = end + 1;
    }
    spans.sort_unstable();
    Some(spans)
}
