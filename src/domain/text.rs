//! Byte-level text helpers the rules, the offline demo and the server share: a constant-time
//! comparison for secrets, the one percent-decoder and the one percent-encoder.

/// Whether `a` and `b` hold the same bytes, without an early exit on the first difference (the
/// time taken depends on the lengths only, not on where a guess goes wrong). Unequal lengths are
/// unequal at once: callers compare values whose length is public (tokens, check codes, digests).
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// What a `+` means to [`percent_decode`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plus {
    /// A literal `+` (URL parts other than a form-encoded query).
    Literal,
    /// A space, as in `application/x-www-form-urlencoded` query strings.
    Space,
}

/// Decodes `%XX` escapes (either case of hex digit) into bytes; a `%` not followed by two hex
/// digits stays literal. The caller decides what bytes that are not UTF-8 mean.
pub fn percent_decode(s: &str, plus: Plus) -> Vec<u8> {
    let b = s.as_bytes();
    let hex = |c: Option<&u8>| c.and_then(|c| (*c as char).to_digit(16));
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => match (hex(b.get(i + 1)), hex(b.get(i + 2))) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                }
                _ => {
                    out.push(b'%');
                    i += 1;
                }
            },
            b'+' if plus == Plus::Space => {
                out.push(b' ');
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// Percent-encodes everything but RFC 3986 unreserved characters (UTF-8 bytes), so the value
/// is safe as one path segment or one query value.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn equal_bytes_only() {
        assert!(constant_time_eq(b"", b""));
        assert!(constant_time_eq(b"K7M2QX", b"K7M2QX"));
        assert!(!constant_time_eq(b"K7M2QX", b"K7M2QY"));
        assert!(!constant_time_eq(b"K7M2QX", b"k7m2qx"));
        assert!(!constant_time_eq(b"K7M2Q", b"K7M2QX"));
        assert!(!constant_time_eq(b"K7M2QX", b""));
    }

    #[test]
    fn escapes_are_decoded_and_broken_ones_kept() {
        assert_eq!(percent_decode("%E4%b8%AD", Plus::Literal), "中".as_bytes());
        assert_eq!(percent_decode("1.2.156%2E3", Plus::Literal), b"1.2.156.3");
        assert_eq!(percent_decode("%", Plus::Literal), b"%");
        assert_eq!(percent_decode("%4", Plus::Literal), b"%4");
        assert_eq!(percent_decode("%zz", Plus::Literal), b"%zz");
        assert_eq!(percent_decode("%%41", Plus::Literal), b"%A");
        assert_eq!(percent_decode("%FF", Plus::Literal), [0xFF]);
    }

    #[test]
    fn plus_is_a_space_only_in_form_encoding() {
        assert_eq!(percent_decode("ab+c", Plus::Space), b"ab c");
        assert_eq!(percent_decode("ab+c", Plus::Literal), b"ab+c");
        assert_eq!(percent_decode("%2B", Plus::Space), b"+");
    }

    proptest! {
        #[test]
        fn compare_is_equality(a in proptest::collection::vec(any::<u8>(), 0..16),
                               b in proptest::collection::vec(any::<u8>(), 0..16)) {
            prop_assert_eq!(constant_time_eq(&a, &b), a == b);
            prop_assert!(constant_time_eq(&a, &a.clone()));
        }

        #[test]
        fn encoded_text_decodes_back(s in "\\PC{0,24}") {
            let encoded: String = s.bytes().map(|b| format!("%{b:02X}")).collect();
            prop_assert_eq!(percent_decode(&encoded, Plus::Space), s.as_bytes());
        }

        #[test]
        fn text_without_escapes_is_unchanged(s in "[^%+]{0,24}") {
            prop_assert_eq!(percent_decode(&s, Plus::Literal), s.as_bytes());
        }
    }

    #[test]
    fn only_unreserved_characters_stay() {
        assert_eq!(encode_component("1.2.156.3005.2.X"), "1.2.156.3005.2.X");
        assert_eq!(encode_component("a/b?c&d=e f"), "a%2Fb%3Fc%26d%3De%20f");
        assert_eq!(encode_component("纳"), "%E7%BA%B3");
        assert_eq!(encode_component("-_.~"), "-_.~");
    }
}
