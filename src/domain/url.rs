//! Building URLs from data: percent-encoding for path segments and query values.

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

    #[test]
    fn only_unreserved_characters_stay() {
        assert_eq!(encode_component("1.2.156.3005.2.X"), "1.2.156.3005.2.X");
        assert_eq!(encode_component("a/b?c&d=e f"), "a%2Fb%3Fc%26d%3De%20f");
        assert_eq!(encode_component("纳"), "%E7%BA%B3");
        assert_eq!(encode_component("-_.~"), "-_.~");
    }
}
