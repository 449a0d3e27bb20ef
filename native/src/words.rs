//! Word tokens of a text and their comparison keys: `keys` of `articlediff/normalize.py`.
//!
//! The reference lowercases the text and runs the regular expression `_WORD` over it:
//!
//! ```text
//! (?=[^\W_]|[CJK])(?:\d+(?:[.,]\d+)+|[CJK]|[^\W_CJK]+(?:['’.][^\W_CJK]+)*)
//! ```
//!
//! where `[^\W_]` is a character Python calls alphanumeric (`str.isalnum`), `\d` one it calls a
//! decimal digit (`str.isdecimal`) and `CJK` the kana and ideograph ranges. This module matches the
//! same tokens by hand on a sequence of [`Char`]s (each character already lowercased, with the
//! classes of its lowercase form): the character classes come from Python itself (see
//! `articlediff.normalize`), so they follow the interpreter's Unicode version, not this crate's.

/// The lowercase character is alphanumeric (`str.isalnum`).
pub const ALNUM: u8 = 1;
/// The lowercase character is a decimal digit (`str.isdecimal`).
pub const DECIMAL: u8 = 2;
/// The lowercase character is in the kana and ideograph ranges (`_CJK` of the reference).
pub const CJK: u8 = 4;

/// One character of the lowercased text and its classes (the bits above).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Char {
    pub lower: char,
    pub flags: u8,
}

impl Char {
    /// The ASCII character `c` (lowercased) and its classes.
    pub fn ascii(c: u8) -> Char {
        let lower = c.to_ascii_lowercase();
        let flags = if lower.is_ascii_digit() {
            ALNUM | DECIMAL
        } else if lower.is_ascii_alphanumeric() {
            ALNUM
        } else {
            0
        };
        Char { lower: lower as char, flags }
    }

    fn decimal(self) -> bool {
        self.flags & DECIMAL != 0
    }

    /// `[^\W_CJK]`: alphanumeric and not kana or ideograph.
    fn plain(self) -> bool {
        self.flags & (ALNUM | CJK) == ALNUM
    }
}

/// The `(start, end)` indexes in `s` of each token, in order (the reference's `findall`).
pub fn tokens(s: &[Char]) -> Vec<(usize, usize)> {
    let n = s.len();
    let mut out = Vec::new();
    let mut p = 0;
    while p < n {
        let first = s[p];
        if first.flags & (ALNUM | CJK) == 0 {
            p += 1;
            continue;
        }
        // \d+(?:[.,]\d+)+ : a figure with separators, only if one separator is followed by a digit
        if first.decimal() {
            let run = |mut e: usize| {
                while e < n && s[e].decimal() {
                    e += 1;
                }
                e
            };
            let mut e = run(p);
            let mut grouped = false;
            while e + 1 < n && matches!(s[e].lower, '.' | ',') && s[e + 1].decimal() {
                e = run(e + 1);
                grouped = true;
            }
            if grouped {
                out.push((p, e));
                p = e;
                continue;
            }
        }
        if first.flags & CJK != 0 {
            out.push((p, p + 1));
            p += 1;
            continue;
        }
        // [^\W_CJK]+(?:['’.][^\W_CJK]+)* (the lookahead passed and the character is not CJK: it is plain)
        let run = |mut e: usize| {
            while e < n && s[e].plain() {
                e += 1;
            }
            e
        };
        let mut e = run(p);
        while e + 1 < n && matches!(s[e].lower, '\'' | '\u{2019}' | '.') && s[e + 1].plain() {
            e = run(e + 1);
        }
        out.push((p, e));
        p = e;
    }
    out
}

/// `word_key` of the reference for an ASCII token (already lowercase): the token itself when it
/// is all letters and digits; a figure (digits, no letters) without its commas; anything else
/// without its apostrophes and dots.
pub fn ascii_key(token: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if token.iter().all(u8::is_ascii_alphanumeric) {
        return token.into();
    }
    let figure = token.iter().any(u8::is_ascii_digit) && !token.iter().any(u8::is_ascii_alphabetic);
    let drop: &[u8] = if figure { b"," } else { b"'." };
    token.iter().copied().filter(|c| !drop.contains(c)).collect::<Vec<u8>>().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(text: &str) -> Vec<Char> {
        text.chars()
            .map(|c| {
                if c.is_ascii() {
                    Char::ascii(c as u8)
                } else if c == '\u{2019}' {
                    Char { lower: c, flags: 0 }
                } else if c == '\u{4e00}' {
                    Char { lower: c, flags: ALNUM | CJK }
                } else {
                    Char { lower: c, flags: if c.is_alphanumeric() { ALNUM } else { 0 } }
                }
            })
            .collect()
    }

    fn words(text: &str) -> Vec<String> {
        let s = chars(text);
        tokens(&s).into_iter().map(|(a, b)| s[a..b].iter().map(|c| c.lower).collect()).collect()
    }

    #[test]
    fn matches_the_reference_pattern() {
        assert_eq!(words("The U.S. sent 1,000 troops’ gear."), ["the", "u.s", "sent", "1,000", "troops", "gear"]);
        assert_eq!(words("12.ab 3.5m don’t x_y 1."), ["12.ab", "3.5", "m", "don’t", "x", "y", "1"]);
        assert_eq!(words("a\u{4e00}\u{4e00}b"), ["a", "\u{4e00}", "\u{4e00}", "b"]);
        assert_eq!(words("''.. ,"), Vec::<String>::new());
    }

    #[test]
    fn keys_of_ascii_tokens() {
        assert_eq!(&*ascii_key(b"u.s"), b"us");
        assert_eq!(&*ascii_key(b"1,000"), b"1000");
        assert_eq!(&*ascii_key(b"3.5"), b"3.5");
        assert_eq!(&*ascii_key(b"1'000"), b"1'000");
        assert_eq!(&*ascii_key(b"don't"), b"dont");
        assert_eq!(&*ascii_key(b"abc"), b"abc");
    }
}
