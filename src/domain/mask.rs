//! Masking of personal data before it leaves the server or reaches a screen (domain.md §4.4,
//! GB/T 35273 §7.2). All functions work on `char`s (never byte offsets), so any UTF-8 input is
//! safe, and none of them panics.

use crate::domain::ids::{self, normalize};

const MASK: char = '*';

/// Compound (two-character) surnames recognised by [`mask_name`].
const COMPOUND_SURNAMES: [&str; 16] = [
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "夏侯", "轩辕", "令狐", "钟离",
];

fn stars(n: usize) -> String {
    std::iter::repeat_n(MASK, n).collect()
}

/// Keeps the first `head` and last `tail` chars and replaces the rest with one `*` each.
/// The caller guarantees `head + tail <= chars.len()`.
fn keep_ends(chars: &[char], head: usize, tail: usize) -> String {
    let n = chars.len();
    let mut out = String::with_capacity(n * 3);
    out.extend(&chars[..head]);
    out.push_str(&stars(n - head - tail));
    out.extend(&chars[n - tail..]);
    out
}

/// First 3 + last 4 visible: `110***********002X`. Works on any length ≥ 8; shorter → all `*`.
pub fn mask_id_number(id: &str) -> String {
    let chars: Vec<char> = id.trim().chars().collect();
    if chars.len() < 8 {
        return stars(chars.len());
    }
    keep_ends(&chars, 3, 4)
}

/// `138****5678`. A valid mobile number (any accepted spelling, e.g. `+86 138-1234-5678`) is
/// masked in its bare 11-digit form; anything else keeps first 3 + last 4 when it has at least
/// 8 chars, otherwise it is all `*`.
pub fn mask_mobile(phone: &str) -> String {
    if let Ok(bare) = ids::validate_mobile(phone) {
        let chars: Vec<char> = bare.chars().collect();
        return keep_ends(&chars, 3, 4);
    }
    let chars: Vec<char> = phone.trim().chars().collect();
    if chars.len() < 8 {
        return stars(chars.len());
    }
    keep_ends(&chars, 3, 4)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Separators inside transliterated minority names (`阿依古丽·买买提`) stay visible.
fn is_name_separator(c: char) -> bool {
    matches!(c, '·' | '•' | '・' | '.' | '-')
}

/// Keeps the surname: `张*`, `张*三` (3 chars: first and last), `欧阳**` / `王***` (4+ chars:
/// the surname, compound ones from a short list, then `*`). A single character becomes `*`.
/// Latin names: first letter + `*` per remaining letter, per word (`J*** S****`).
pub fn mask_name(name: &str) -> String {
    let name = name.trim();
    if name.chars().any(is_cjk) {
        mask_chinese_name(name)
    } else {
        name.split_whitespace()
            .map(|word| {
                let mut chars = word.chars();
                let mut out: String = chars.next().into_iter().collect();
                out.extend(chars.map(|c| if is_name_separator(c) { c } else { MASK }));
                out
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn mask_chinese_name(name: &str) -> String {
    let chars: Vec<char> = name.chars().filter(|c| !c.is_whitespace()).collect();
    let n = chars.len();
    let hide = |c: &char| if is_name_separator(*c) { *c } else { MASK };
    match n {
        0 => String::new(),
        1 => stars(1),
        2 => keep_ends(&chars, 1, 0),
        3 => keep_ends(&chars, 1, 1),
        _ => {
            let surname_len = if COMPOUND_SURNAMES.iter().any(|s| name.starts_with(s)) {
                2
            } else {
                1
            };
            let mut out: String = chars[..surname_len].iter().collect();
            out.extend(chars[surname_len..].iter().map(hide));
            out
        }
    }
}

/// 持证主体代码 as shown: an ID number (or anything that could be one, incl. 15-digit
/// first-generation numbers) is masked; a valid USCC (organisation, public register data) is
/// returned unchanged; any other code (passport, 通行证 …) is masked like a personal
/// certificate number.
pub fn mask_holder_code(code: &str) -> String {
    let n = normalize(code).to_ascii_uppercase();
    if ids::is_id_number_shaped(&n) {
        // An all-digit USCC has the ID shape: keep it only if it is a USCC and not a plausible
        // ID number (privacy first when both would pass).
        if ids::validate_uscc(&n).is_ok() && !plausible_id_number(&n) {
            return code.to_string();
        }
        return mask_id_number(&n);
    }
    if n.len() == 15 && n.bytes().all(|b| b.is_ascii_digit()) {
        return mask_id_number(&n);
    }
    if ids::validate_uscc(&n).is_ok() {
        return code.to_string();
    }
    mask_cert_number(code)
}

/// Region, calendar date and check character of an 18-char ID number (today is not known here,
/// so a future birth date still counts as plausible).
fn plausible_id_number(n: &str) -> bool {
    let far_future = crate::domain::date::Date {
        year: 9999,
        month: 12,
        day: 31,
    };
    ids::validate_id_number(n, far_future).is_ok()
}

/// Personal certificate number: keep the first 4 and last 4 chars and mask the middle (at
/// least one `*`); 3–8 chars keep only the last 2; 1–2 chars are all `*`. A number with the
/// shape of an ID number (驾驶证, 社保卡 …) is masked like one.
pub fn mask_cert_number(number: &str) -> String {
    let trimmed = number.trim();
    if ids::is_id_number_shaped(&normalize(trimmed).to_ascii_uppercase()) {
        return mask_id_number(trimmed);
    }
    let chars: Vec<char> = trimmed.chars().collect();
    match chars.len() {
        0..=2 => stars(chars.len()),
        3..=8 => keep_ends(&chars, 0, 2),
        _ => keep_ends(&chars, 4, 4),
    }
}

/// ASCII or full-width digit.
fn digit(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '０'..='９' => Some((c as u32 - '０' as u32) as u8),
        _ => None,
    }
}

fn is_x(c: char) -> bool {
    matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ')
}

/// Mobile shape on digit values: `1[3-9]` + 9 digits.
fn mobile_shaped(d: &[u8]) -> bool {
    d.len() == 11 && d[0] == 1 && (3..=9).contains(&d[1])
}

/// Replaces ID-number-shaped runs (18 digits, or 17 digits + X) and mobile-shaped runs
/// (`1[3-9]` + 9 digits, optionally after `86`/`0086`, or written `138-1234-5678` /
/// `138 1234 5678`) in free text with their masked form. Digit runs are maximal (a 20-digit
/// case number is left alone); full-width digits count as digits. Everything else is kept.
pub fn mask_all_ids_in_text(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < n {
        if digit(chars[i]).is_none() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let mut j = i;
        while j < n && digit(chars[j]).is_some() {
            j += 1;
        }
        let run = &chars[i..j];
        let values: Vec<u8> = run.iter().filter_map(|&c| digit(c)).collect();
        let len = run.len();
        let next_is_digit = |k: usize| k < n && digit(chars[k]).is_some();
        if len == 17 && j < n && is_x(chars[j]) && !next_is_digit(j + 1) {
            out.push_str(&mask_id_number(&chars[i..=j].iter().collect::<String>()));
            i = j + 1;
        } else if len == 18 {
            out.push_str(&mask_id_number(&run.iter().collect::<String>()));
            i = j;
        } else if mobile_shaped(&values) {
            out.push_str(&keep_ends(run, 3, 4));
            i = j;
        } else if (len == 13 && values[..2] == [8, 6]) || (len == 15 && values[..4] == [0, 0, 8, 6])
        {
            let p = len - 11;
            if mobile_shaped(&values[p..]) {
                out.extend(&run[..p]);
                out.push_str(&keep_ends(&run[p..], 3, 4));
            } else {
                out.extend(run);
            }
            i = j;
        } else if let Some(end) = separated_mobile_end(&chars, i, j) {
            // 3-4-4 with one consistent separator: keep separators, mask the middle group.
            out.extend(&chars[i..j]);
            out.push(chars[j]);
            out.push_str(&stars(4));
            out.extend(&chars[j + 5..end]);
            i = end;
        } else {
            out.extend(run);
            i = j;
        }
    }
    out
}

/// For a 3-digit run `chars[i..j]` starting a `1[3-9]x-xxxx-xxxx` (or space-separated) number,
/// the end index of the whole number.
fn separated_mobile_end(chars: &[char], i: usize, j: usize) -> Option<usize> {
    if j - i != 3 {
        return None;
    }
    let sep = *chars.get(j)?;
    if !matches!(sep, '-' | ' ' | '－') {
        return None;
    }
    let group = |from: usize| -> Option<Vec<u8>> {
        let g: Option<Vec<u8>> = (from..from + 4)
            .map(|k| chars.get(k).and_then(|&c| digit(c)))
            .collect();
        g
    };
    let g2 = group(j + 1)?;
    if *chars.get(j + 5)? != sep {
        return None;
    }
    let g3 = group(j + 6)?;
    let end = j + 10;
    if end < chars.len() && digit(chars[end]).is_some() {
        return None;
    }
    let mut values: Vec<u8> = chars[i..j].iter().filter_map(|&c| digit(c)).collect();
    values.extend(g2);
    values.extend(g3);
    mobile_shaped(&values).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn id_numbers() {
        assert_eq!(mask_id_number("11010519491231002X"), "110***********002X");
        assert_eq!(mask_id_number("440524188001010014"), "440***********0014");
        assert_eq!(mask_id_number(" 110105199003071239 "), "110***********1239");
        assert_eq!(mask_id_number("110105491231002"), "110********1002");
        assert_eq!(mask_id_number("12345678"), "123*5678");
        assert_eq!(mask_id_number("1234567"), "*******");
        assert_eq!(mask_id_number(""), "");
        assert_eq!(mask_id_number("一二三四五六七八九"), "一二三**六七八九");
    }

    #[test]
    fn mobiles() {
        assert_eq!(mask_mobile("13812345678"), "138****5678");
        assert_eq!(mask_mobile("+86 138-1234-5678"), "138****5678");
        assert_eq!(mask_mobile("１３８１２３４５６７８"), "138****5678");
        assert_eq!(mask_mobile("0591-87654321"), "059******4321");
        assert_eq!(mask_mobile("12345"), "*****");
        assert_eq!(mask_mobile(""), "");
    }

    #[test]
    fn names() {
        let cases = [
            ("张三", "张*"),
            ("张三丰", "张*丰"),
            ("欧阳娜娜", "欧阳**"),
            ("司马相如", "司马**"),
            ("诸葛孔明", "诸葛**"),
            ("钟离春华", "钟离**"),
            ("王小明明", "王***"),
            ("欧阳锋", "欧*锋"),
            ("张", "*"),
            (" 李四 ", "李*"),
            ("阿依古丽·买买提", "阿***·***"),
            ("", ""),
            ("John Smith", "J*** S****"),
            ("  Zoë   Müller ", "Z** M*****"),
            ("Jean-Luc Picard", "J***-*** P*****"),
            ("A", "A"),
        ];
        for (input, want) in cases {
            assert_eq!(mask_name(input), want, "input {input:?}");
        }
    }

    #[test]
    fn holder_codes() {
        // ID numbers are masked, USCCs (public register data) are not.
        assert_eq!(mask_holder_code("11010519491231002X"), "110***********002X");
        assert_eq!(mask_holder_code("11010519491231002x"), "110***********002X");
        assert_eq!(mask_holder_code("110105199003071230"), "110***********1230"); // bad check: still masked
        assert_eq!(mask_holder_code("110105491231002"), "110********1002");
        assert_eq!(mask_holder_code("91110108MA7Q2K9B6D"), "91110108MA7Q2K9B6D");
        assert_eq!(mask_holder_code("913502115628130384"), "913502115628130384"); // all-digit USCC
        assert_eq!(mask_holder_code("123502001549897397"), "123502001549897397");
        assert_eq!(mask_holder_code("11100000000013127D"), "11100000000013127D");
        // anything else is treated as a personal document number
        assert_eq!(mask_holder_code("E12345678"), "E123*5678");
        assert_eq!(mask_holder_code("91350203M0001QAY9B"), "9135**********AY9B");
        assert_eq!(mask_holder_code(""), "");
    }

    #[test]
    fn cert_numbers() {
        let cases = [
            ("吉A042012000939", "吉A04******0939"),
            (
                "苏（2020）泰州市不动产权第0096403号",
                "苏（20***************403号",
            ),
            ("JY11108071215650", "JY11********5650"),
            ("D151101420", "D151**1420"),
            ("123456789", "1234*6789"),
            ("12345678", "******78"),
            ("ABC", "*BC"),
            ("AB", "**"),
            ("", ""),
            ("11010519491231002X", "110***********002X"), // 驾驶证 number = ID number
            ("11010519491231002X11", "1101************2X11"), // 残疾人证: ID + 2
        ];
        for (input, want) in cases {
            assert_eq!(mask_cert_number(input), want, "input {input:?}");
        }
    }

    #[test]
    fn free_text() {
        let cases = [
            (
                "申请人身份证号110105199003071239，电话13812345678。",
                "申请人身份证号110***********1239，电话138****5678。",
            ),
            ("id=11010519491231002x;", "id=110***********002x;"),
            (
                "tel:+8613812345678 or 008613912345678",
                "tel:+86138****5678 or 0086139****5678",
            ),
            (
                "call 138-1234-5678 / 139 8765 4321",
                "call 138-****-5678 / 139 **** 4321",
            ),
            ("１３８１２３４５６７８", "１３８****５６７８"),
            // not shaped like an ID number or a mobile: untouched
            (
                "case 20240101000123456789 and 12812345678",
                "case 20240101000123456789 and 12812345678",
            ),
            ("1234567890123456789", "1234567890123456789"),
            ("11010519491231002X1", "11010519491231002X1"),
            ("138-1234-56789", "138-1234-56789"),
            ("138-1234 5678", "138-1234 5678"),
            ("no digits at all 张三", "no digits at all 张三"),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(mask_all_ids_in_text(input), want, "input {input:?}");
        }
    }

    fn anything() -> impl Strategy<Value = String> {
        prop_oneof![
            proptest::collection::vec(any::<char>(), 0..64)
                .prop_map(|v| v.into_iter().collect::<String>()),
            "[0-9Xx０-９ｘ \\-－·张欧阳]{0,40}",
        ]
    }

    proptest! {
        #[test]
        fn no_input_panics_and_lengths_are_kept(s in anything()) {
            let id = mask_id_number(&s);
            prop_assert_eq!(id.chars().count(), s.trim().chars().count());
            let _ = mask_mobile(&s);
            let _ = mask_name(&s);
            let _ = mask_holder_code(&s);
            let cert = mask_cert_number(&s);
            prop_assert_eq!(cert.chars().count(), s.trim().chars().count());
            let text = mask_all_ids_in_text(&s);
            prop_assert_eq!(text.chars().count(), s.chars().count());
        }

        #[test]
        fn embedded_ids_and_mobiles_never_survive(
            prefix in "[a-z张 ：:]{0,8}",
            id in "[1-9][0-9]{16}[0-9X]",
            mobile in "1[3-9][0-9]{9}",
            suffix in "[a-z张 。]{0,8}",
        ) {
            let text = format!("{prefix}{id}{suffix} {mobile}{suffix}");
            let masked = mask_all_ids_in_text(&text);
            prop_assert!(!masked.contains(&id));
            prop_assert!(!masked.contains(&mobile));
            prop_assert!(masked.contains(&mask_id_number(&id)));
            prop_assert!(masked.contains(&mask_mobile(&mobile)));
            prop_assert!(masked.starts_with(&prefix));
        }
    }
}
