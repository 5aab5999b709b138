//! Where a list applies: GB/T 2260 administrative division codes (`000000` national,
//! `320000` a province, `320500` a city, `320508` a county) and whether an entry's scope
//! covers the hall's own code. The table below holds only the provinces and the cities and
//! counties the shipped lists use, not the full division table.

/// The code for a nationwide list.
pub const NATIONAL: &str = "000000";

/// Whether `code` is six ASCII digits.
pub fn is_code(code: &str) -> bool {
    code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit())
}

/// Whether one scope `code` covers the place `here`: national covers everything, a province
/// (`xx0000`) its cities and counties, a city (`xxxx00`) its counties, a county itself.
pub fn covers(code: &str, here: &str) -> bool {
    if !is_code(code) || !is_code(here) {
        return false;
    }
    if code == NATIONAL {
        true
    } else if code.ends_with("0000") {
        code[..2] == here[..2]
    } else if code.ends_with("00") {
        code[..4] == here[..4]
    } else {
        code == here
    }
}

/// Whether an entry whose scope is `entry_codes` applies in a hall at `kiosk_region_code`:
/// a national entry, an entry of its province, its city or its county does; an entry with no
/// codes (a catalog from before codes existed) or a kiosk without a valid code applies
/// everywhere, so nothing is hidden by a missing setting.
pub fn applies_in(entry_codes: &[String], kiosk_region_code: &str) -> bool {
    if entry_codes.is_empty() || !is_code(kiosk_region_code) {
        return true;
    }
    entry_codes.iter().any(|c| covers(c, kiosk_region_code))
}

/// (name as written in lists, code). Provinces first, then the cities and counties used.
const NAMES: &[(&str, &str)] = &[
    ("全国", NATIONAL),
    ("北京", "110000"),
    ("天津", "120000"),
    ("河北", "130000"),
    ("山西", "140000"),
    ("内蒙古", "150000"),
    ("辽宁", "210000"),
    ("吉林", "220000"),
    ("黑龙江", "230000"),
    ("上海", "310000"),
    ("江苏", "320000"),
    ("浙江", "330000"),
    ("安徽", "340000"),
    ("福建", "350000"),
    ("江西", "360000"),
    ("山东", "370000"),
    ("河南", "410000"),
    ("湖北", "420000"),
    ("湖南", "430000"),
    ("广东", "440000"),
    ("广西", "450000"),
    ("海南", "460000"),
    ("重庆", "500000"),
    ("四川", "510000"),
    ("贵州", "520000"),
    ("云南", "530000"),
    ("西藏", "540000"),
    ("陕西", "610000"),
    ("甘肃", "620000"),
    ("青海", "630000"),
    ("宁夏", "640000"),
    ("新疆", "650000"),
    ("保定市", "130600"),
    ("莲池区", "130606"),
    ("太原市", "140100"),
    ("阿拉善", "152900"),
    ("铁力市", "230781"),
    ("苏州市", "320500"),
    ("姑苏区", "320508"),
    ("杭州市", "330100"),
    ("宁波市", "330200"),
    ("温州市", "330300"),
    ("嘉兴市", "330400"),
    ("丽水市", "331100"),
    ("莲都区", "331102"),
    ("广德市", "341882"),
    ("泉州市", "350500"),
    ("南昌市", "360100"),
    ("淄博市", "370300"),
    ("潍坊市", "370700"),
    ("威海市", "371000"),
    ("临沂市", "371300"),
    ("武汉市", "420100"),
    ("黄石市", "420200"),
    ("咸宁市", "421200"),
    ("衡阳市", "430400"),
    ("岳阳市", "430600"),
    ("临湘市", "430682"),
    ("广州市", "440100"),
    ("鹤山市", "440784"),
    ("中山市", "442000"),
    ("广元市", "510800"),
    ("利州区", "510802"),
    ("旺苍县", "510821"),
    ("遂宁市", "510900"),
    ("大英县", "510923"),
    ("西安市", "610100"),
    ("渭南市", "610500"),
    ("和田市", "653201"),
];

/// 华东区域 lists (沪苏浙皖闽赣鲁) name several provinces at once.
const EAST_CHINA: &[&str] = &[
    "310000", "320000", "330000", "340000", "350000", "360000", "370000",
];

fn level(code: &str) -> u8 {
    if code == NATIONAL {
        0
    } else if code.ends_with("0000") {
        1
    } else if code.ends_with("00") {
        2
    } else {
        3
    }
}

/// The codes for a scope written in words ("江苏省", "四川省遂宁市大英县", "全国",
/// "华东区域（…）"): the most specific place of the table the text names. `演示地区` (the
/// demo rows) counts as national; text naming no place of the table gives an empty list.
pub fn codes_for_region_text(text: &str) -> Vec<String> {
    if text.contains("华东区域") {
        return EAST_CHINA.iter().map(|c| c.to_string()).collect();
    }
    if text.contains("演示") {
        return vec![NATIONAL.to_string()];
    }
    NAMES
        .iter()
        .filter(|(name, _)| text.contains(name))
        .max_by_key(|(_, code)| level(code))
        .map(|(_, code)| vec![code.to_string()])
        .unwrap_or_default()
}

/// The name of a code in the table, when it has one (provinces without 省/市 suffix).
pub fn name_for_code(code: &str) -> Option<&'static str> {
    NAMES.iter().find(|(_, c)| *c == code).map(|(n, _)| *n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(codes: &[&str]) -> Vec<String> {
        codes.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn national_province_city_and_county_apply_others_not() {
        let here = "320508";
        assert!(applies_in(&v(&["000000"]), here));
        assert!(applies_in(&v(&["320000"]), here));
        assert!(applies_in(&v(&["320500"]), here));
        assert!(applies_in(&v(&["320508"]), here));
        assert!(!applies_in(&v(&["320506"]), here), "a neighbouring county");
        assert!(
            !applies_in(&v(&["320100"]), here),
            "another city of the province"
        );
        assert!(!applies_in(&v(&["610500"]), here), "陕西省渭南市");
        assert!(!applies_in(&v(&["610000"]), here));
        assert!(
            applies_in(&v(&["310000", "320000"]), here),
            "a list of provinces"
        );
        assert!(!applies_in(&v(&["310000", "330000"]), here));
        assert!(
            !applies_in(&v(&["32"]), here),
            "a malformed code covers nothing"
        );
    }

    #[test]
    fn missing_codes_or_setting_hide_nothing() {
        assert!(applies_in(&[], "320508"));
        assert!(applies_in(&v(&["610500"]), ""));
        assert!(applies_in(&v(&["610500"]), "abc"));
    }

    #[test]
    fn region_text_maps_to_the_most_specific_code() {
        assert_eq!(codes_for_region_text("全国"), v(&["000000"]));
        assert_eq!(codes_for_region_text("江苏省"), v(&["320000"]));
        assert_eq!(codes_for_region_text("上海市"), v(&["310000"]));
        assert_eq!(codes_for_region_text("陕西省渭南市"), v(&["610500"]));
        assert_eq!(codes_for_region_text("四川省遂宁市大英县"), v(&["510923"]));
        assert_eq!(
            codes_for_region_text("湖北省武汉市（经开区/汉南区）"),
            v(&["420100"])
        );
        assert_eq!(
            codes_for_region_text("华东区域（沪苏浙皖闽赣鲁及宁波、厦门、青岛）").len(),
            7
        );
        assert!(codes_for_region_text("火星").is_empty());
        assert_eq!(name_for_code("320000"), Some("江苏"));
    }
}
