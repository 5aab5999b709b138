//! Search as you type over the lenient catalog.
//!
//! A query matches an entry's title by 汉字 substring, by full pinyin (with or without spaces,
//! "nashui shenbao" / "nashuishenbao"), by initials ("nssb"), or by any mix of these per
//! character ("纳税sb", "nsshenbao"); the last typed syllable may be a prefix ("nashuishen").
//! When the title does not match, the other text fields (conditions, 违法依据, 处罚依据, 处理方式,
//! 实施机关) are searched by substring. Several whitespace-separated terms that do not match
//! as one run must each match somewhere (title runs are then highlighted separately).
//!
//! Everything that does not depend on the query is computed once in [`SearchIndex::new`]:
//! normalised strings (lowercase, half-width, no whitespace), a flat table of pinyin
//! syllables per title character with their initials as a bit mask, and a small bloom
//! filter of the other fields. A keystroke allocates the normalised query, two tiny bit sets
//! and the results.
//!
//! Ranking (higher score first, ties by original order): a title match as one run, then a
//! title match in several runs, then a match in another field. Within title matches a whole
//! title beats a prefix, an earlier start beats a later one, and a larger covered share of
//! the title breaks the remaining ties.

use crate::contract::{CatalogEntry, LenientEntry, ListKind, SearchKeys, SourceDoc, Thresholds};

/// Readings kept per character (real polyphones have 2-4).
const MAX_ALTS: usize = 8;
/// Longest syllable kept (real ones have at most 6 letters).
const MAX_SYLLABLE: usize = 16;
/// More whitespace-separated terms than this are matched only as one run (bounds the work
/// for pasted text; nobody types 17 separate words on a kiosk).
const MAX_TERMS: usize = 16;
/// Separator between the other fields in the normalised text (control chars never match).
const FIELD_SEP: char = '\u{1}';

/// Which part of an entry a hit matched.
#[derive(Debug, Clone, PartialEq)]
pub enum MatchField {
    /// Empty query: every entry.
    All,
    Title,
    /// Conditions, 违法依据, 处罚依据, 处理方式 or 实施机关.
    Other,
}

/// One search result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Index into the entries slice the index was built from.
    pub pos: usize,
    /// Higher is better.
    pub score: u32,
    pub field: MatchField,
    /// Matched title char ranges `[start, end)`, sorted and disjoint.
    pub marks: Vec<(usize, usize)>,
}

/// Browse filters applied before matching.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Domain code, e.g. `tax`.
    pub domain: Option<String>,
    pub kind: Option<ListKind>,
}

/// One title character with its readings.
#[derive(Debug, Clone, Copy)]
struct PyChar {
    /// Normalised character.
    ch: char,
    /// Index of the character in the original title (whitespace is not indexed).
    orig: u32,
    /// Bit mask of the first letters/digits of its syllables (see [`key_bit`]).
    first: u64,
    /// Range into `SearchIndex::syls`.
    syl_start: u32,
    syl_len: u8,
}

/// A syllable: a range into `SearchIndex::py_bytes`.
#[derive(Debug, Clone, Copy)]
struct Syl {
    off: u32,
    len: u8,
}

#[derive(Debug, Clone)]
struct Item {
    /// Normalised title without whitespace.
    title: String,
    /// Range into `SearchIndex::chars` (one per char of `title`).
    chars_start: u32,
    chars_len: u32,
    /// Longest pinyin string the title can consume (bounds the query length).
    py_max: u32,
    /// Normalised other fields, each ended by [`FIELD_SEP`].
    other: String,
    /// Byte offsets where fields 2..=5 of `other` begin.
    other_bounds: [u32; 4],
    other_set: CharSet,
    title_set: CharSet,
    /// Union of `PyChar::first` over the title.
    first_any: u64,
    domain: u32,
    kind: ListKind,
}

/// The characters of a text: ASCII exactly (words 0-1), others as a 384-bit bloom filter.
/// A cheap "cannot contain" test before a substring scan.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct CharSet([u64; 8]);

impl CharSet {
    #[inline(always)]
    fn slot(c: char) -> usize {
        let u = c as u32;
        if u < 128 {
            u as usize
        } else {
            128 + ((u.wrapping_mul(0x9E37_79B1) >> 16) % 384) as usize
        }
    }
    fn add(&mut self, c: char) {
        let i = Self::slot(c);
        self.0[i / 64] |= 1u64 << (i % 64);
    }
    #[inline(always)]
    fn has(&self, c: char) -> bool {
        let i = Self::slot(c);
        self.0[i / 64] & (1u64 << (i % 64)) != 0
    }
    fn of(s: &str) -> CharSet {
        let mut b = CharSet::default();
        s.chars().for_each(|c| b.add(c));
        b
    }
    #[inline(always)]
    fn may_contain(&self, needle: &CharSet) -> bool {
        let (h, n) = (&self.0, &needle.0);
        let mut missing = 0;
        let mut i = 0;
        while i < 8 {
            missing |= n[i] & !h[i];
            i += 1;
        }
        missing == 0
    }
}

/// Byte offset of the first occurrence of `needle` in `hay`. Both are valid UTF-8, so a byte
/// match always starts on a char boundary. Scans for the needle's last byte (for CJK a
/// continuation byte, spread over 64 values) eight bytes at a time.
fn find_str(hay: &str, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    let (&last, &first) = (n.last()?, n.first()?);
    if n.len() > h.len() {
        return None;
    }
    let tail = n.len() - 1;
    let ones = u64::from_ne_bytes([1; 8]);
    let highs = ones << 7;
    let pattern = ones * u64::from(last);
    // candidate positions p of the last byte: p in tail..h.len()
    let mut p = tail;
    while p < h.len() {
        if let Some(chunk) = h.get(p..p + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let x = u64::from_ne_bytes(word) ^ pattern;
            if (x.wrapping_sub(ones) & !x & highs) == 0 {
                p += 8;
                continue;
            }
        }
        if h[p] == last {
            let s = p - tail;
            if h[s] == first && &h[s..=p] == n {
                return Some(s);
            }
        }
        p += 1;
    }
    None
}

/// The search index over one catalog.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    items: Vec<Item>,
    chars: Vec<PyChar>,
    syls: Vec<Syl>,
    py_bytes: Vec<u8>,
    domains: Vec<(String, usize)>,
}

/// A normalised query term.
#[derive(Debug)]
struct Term {
    /// Literal form: normalised, no whitespace.
    text: String,
    chars: usize,
    /// Pinyin form: `text` with ü → v and apostrophes removed.
    py: Vec<char>,
    /// Whether `py` has an ASCII letter (otherwise the literal match says it all).
    alpha: bool,
    set: CharSet,
}

impl Term {
    fn new(raw: &str) -> Term {
        let text: String = raw.chars().filter_map(norm_text_char).collect();
        let py: Vec<char> = text
            .chars()
            .filter(|c| !matches!(c, '\'' | '’' | '‘'))
            .map(py_char)
            .collect();
        Term {
            chars: text.chars().count(),
            alpha: py.iter().any(|c| c.is_ascii_lowercase()),
            set: CharSet::of(&text),
            text,
            py,
        }
    }
}

/// Map one character to its normalised form: full-width → half-width, lowercase (only when
/// lowercasing gives exactly one char, so char positions stay aligned). `None` for whitespace
/// and control characters, which are not indexed.
fn norm_text_char(c: char) -> Option<char> {
    if ('\u{3400}'..='\u{9FFF}').contains(&c) {
        return Some(c); // CJK ideographs: caseless, never blank
    }
    let c = match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    if c.is_whitespace() || c.is_control() {
        return None;
    }
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => Some(l),
        _ => Some(c),
    }
}

/// The pinyin spelling of a normalised char: ü is typed as v.
fn py_char(c: char) -> char {
    if c == 'ü' {
        'v'
    } else {
        c
    }
}

/// Bit for the first key of a syllable: a-z → 0..26, 0-9 → 26..36; 0 for anything else.
#[inline(always)]
fn key_bit(c: u32) -> u64 {
    match c {
        0x61..=0x7A => 1u64 << (c - 0x61),
        0x30..=0x39 => 1u64 << (26 + c - 0x30),
        _ => 0,
    }
}

/// A growable bit set of query positions, reused across entries within one search.
struct Bits {
    words: Vec<u64>,
}

impl Bits {
    fn new(bits: usize) -> Bits {
        Bits {
            words: vec![0; bits / 64 + 1],
        }
    }
}

/// A set of query positions.
trait Reach {
    fn clear(&mut self);
    fn set(&mut self, i: usize);
    fn any(&self) -> bool;
    fn for_each(&self, f: impl FnMut(usize));
}

/// Positions 0..64 (queries shorter than 64 chars).
struct Small(u64);

impl Reach for Small {
    #[inline(always)]
    fn clear(&mut self) {
        self.0 = 0;
    }
    #[inline(always)]
    fn set(&mut self, i: usize) {
        if i < 64 {
            self.0 |= 1u64 << i;
        }
    }
    #[inline(always)]
    fn any(&self) -> bool {
        self.0 != 0
    }
    #[inline(always)]
    fn for_each(&self, mut f: impl FnMut(usize)) {
        let mut bits = self.0;
        while bits != 0 {
            f(bits.trailing_zeros() as usize);
            bits &= bits - 1;
        }
    }
}

impl Reach for Bits {
    #[inline(always)]
    fn clear(&mut self) {
        self.words.iter_mut().for_each(|w| *w = 0);
    }
    #[inline(always)]
    fn set(&mut self, i: usize) {
        if let Some(w) = self.words.get_mut(i / 64) {
            *w |= 1u64 << (i % 64);
        }
    }
    #[inline(always)]
    fn any(&self) -> bool {
        self.words.iter().any(|w| *w != 0)
    }
    #[inline(always)]
    fn for_each(&self, mut f: impl FnMut(usize)) {
        for (w, &word) in self.words.iter().enumerate() {
            let mut bits = word;
            while bits != 0 {
                f(w * 64 + bits.trailing_zeros() as usize);
                bits &= bits - 1;
            }
        }
    }
}

impl SearchIndex {
    /// Precompute everything that does not depend on the query.
    pub fn new(entries: &[CatalogEntry]) -> SearchIndex {
        let mut index = SearchIndex {
            items: Vec::with_capacity(entries.len()),
            chars: Vec::new(),
            syls: Vec::new(),
            py_bytes: Vec::new(),
            domains: Vec::new(),
        };
        for ce in entries {
            let item = index.build_item(&ce.entry, &ce.keys);
            index.items.push(item);
        }
        index
    }

    fn build_item(&mut self, e: &LenientEntry, keys: &SearchKeys) -> Item {
        let chars_start = self.chars.len() as u32;
        let mut title = String::with_capacity(e.title.len());
        let mut py_max: u32 = 0;
        let mut alt = String::new();
        for (i, raw) in e.title.chars().enumerate() {
            let Some(ch) = norm_text_char(raw) else {
                continue;
            };
            title.push(ch);
            let syl_start = self.syls.len() as u32;
            let mut first = 0u64;
            let mut longest = 1u32;
            let readings = keys.title_py.get(i).map(String::as_str).unwrap_or("");
            for reading in readings.split(',').take(MAX_ALTS) {
                alt.clear();
                let mut valid = true;
                for c in reading.chars().filter_map(norm_text_char).map(py_char) {
                    if c.is_ascii_alphanumeric() {
                        alt.push(c);
                    } else {
                        valid = false;
                    }
                }
                if !valid || alt.is_empty() || alt.len() > MAX_SYLLABLE {
                    continue;
                }
                let start = syl_start as usize;
                let dup = self.syls[start..]
                    .iter()
                    .any(|s| self.syl_bytes(*s) == alt.as_bytes());
                if dup {
                    continue;
                }
                let off = self.py_bytes.len() as u32;
                self.py_bytes.extend_from_slice(alt.as_bytes());
                self.syls.push(Syl {
                    off,
                    len: alt.len() as u8,
                });
                first |= key_bit(alt.as_bytes()[0] as u32);
                longest = longest.max(alt.len() as u32);
            }
            py_max = py_max.saturating_add(longest);
            self.chars.push(PyChar {
                ch,
                orig: i as u32,
                first,
                syl_start,
                syl_len: (self.syls.len() as u32 - syl_start) as u8,
            });
        }
        let chars_len = self.chars.len() as u32 - chars_start;

        let mut other = String::new();
        let mut other_bounds = [0u32; 4];
        let push_field = |other: &mut String, s: &str| {
            other.extend(s.chars().filter_map(norm_text_char));
            other.push(FIELD_SEP);
        };
        for c in &e.conditions {
            push_field(&mut other, c);
        }
        other_bounds[0] = other.len() as u32;
        push_field(&mut other, &e.breach_basis);
        other_bounds[1] = other.len() as u32;
        push_field(&mut other, &e.penalty_basis);
        other_bounds[2] = other.len() as u32;
        for m in &e.measures {
            push_field(&mut other, m);
        }
        other_bounds[3] = other.len() as u32;
        push_field(&mut other, &e.authority);

        let domain = match self.domains.iter().position(|(d, _)| *d == e.domain) {
            Some(d) => {
                self.domains[d].1 += 1;
                d
            }
            None => {
                self.domains.push((e.domain.clone(), 1));
                self.domains.len() - 1
            }
        } as u32;

        let title_set = CharSet::of(&title);
        Item {
            title,
            chars_start,
            chars_len,
            py_max,
            other_set: CharSet::of(&other),
            title_set,
            first_any: self
                .chars
                .get(chars_start as usize..)
                .unwrap_or(&[])
                .iter()
                .fold(0, |acc, c| acc | c.first),
            other,
            other_bounds,
            domain,
            kind: e.kind,
        }
    }

    #[inline(always)]
    fn syl_bytes(&self, s: Syl) -> &[u8] {
        let start = s.off as usize;
        self.py_bytes
            .get(start..start + s.len as usize)
            .unwrap_or(&[])
    }

    /// Number of entries indexed.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Entries per domain code, in first-seen order (unfiltered).
    pub fn count_by_domain(&self) -> Vec<(String, usize)> {
        self.domains.clone()
    }

    /// Search; results sorted best first (ties in original order). An empty or blank query
    /// returns every entry that passes the filter, in original order.
    pub fn search(&self, query: &str, filter: &Filter) -> Vec<Hit> {
        let domain = match &filter.domain {
            Some(d) => match self.domains.iter().position(|(code, _)| code == d) {
                Some(i) => Some(i as u32),
                None => return Vec::new(),
            },
            None => None,
        };
        let passes = |item: &Item| {
            domain.is_none_or(|d| item.domain == d) && filter.kind.is_none_or(|k| item.kind == k)
        };

        let whole = Term::new(query);
        if whole.text.is_empty() {
            return self
                .items
                .iter()
                .enumerate()
                .filter(|(_, it)| passes(it))
                .map(|(pos, _)| Hit {
                    pos,
                    score: 0,
                    field: MatchField::All,
                    marks: Vec::new(),
                })
                .collect();
        }
        let terms: Vec<Term> = {
            let parts: Vec<&str> = query.split(|c: char| norm_text_char(c).is_none()).collect();
            let parts: Vec<&str> = parts.into_iter().filter(|p| !p.is_empty()).collect();
            if parts.len() > 1 && parts.len() <= MAX_TERMS {
                parts.into_iter().map(Term::new).collect()
            } else {
                Vec::new()
            }
        };

        let max_py = whole
            .py
            .len()
            .max(terms.iter().map(|t| t.py.len()).max().unwrap_or(0));
        let mut cur = Bits::new(max_py + 1);
        let mut next = Bits::new(max_py + 1);

        let mut hits = Vec::new();
        for (pos, item) in self.items.iter().enumerate() {
            if !passes(item) {
                continue;
            }
            if let Some(hit) = self.match_item(item, &whole, &terms, &mut cur, &mut next) {
                hits.push(Hit { pos, ..hit });
            }
        }
        // Stable: hits are in original order, so equal scores keep it.
        hits.sort_by_key(|h| std::cmp::Reverse(h.score));
        hits
    }

    fn match_item(
        &self,
        item: &Item,
        whole: &Term,
        terms: &[Term],
        cur: &mut Bits,
        next: &mut Bits,
    ) -> Option<Hit> {
        let n = item.chars_len as usize;
        if let Some((s, e)) = self.title_match(item, whole, cur, next) {
            return Some(Hit {
                pos: 0,
                score: title_score(true, s, e - s, n, s == 0 && e == n),
                field: MatchField::Title,
                marks: vec![self.orig_range(item, s, e)],
            });
        }
        if terms.is_empty() {
            let field = self.other_match(item, whole)?;
            return Some(Hit {
                pos: 0,
                score: other_score(field, 0),
                field: MatchField::Other,
                marks: Vec::new(),
            });
        }

        // Several terms: each must match the title or another field.
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        let mut best_field = usize::MAX;
        for t in terms {
            if let Some(r) = self.title_match(item, t, cur, next) {
                ranges.push(r);
            } else {
                best_field = best_field.min(self.other_match(item, t)?);
            }
        }
        ranges.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
        for (s, e) in ranges {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        let in_title = merged.len();
        let marks: Vec<(usize, usize)> = merged
            .iter()
            .map(|&(s, e)| self.orig_range(item, s, e))
            .collect();
        if best_field == usize::MAX {
            let first = merged.first().map(|r| r.0).unwrap_or(0);
            let covered: usize = merged.iter().map(|(s, e)| e - s).sum();
            let whole_title = covered == n;
            Some(Hit {
                pos: 0,
                score: title_score(false, first, covered, n, whole_title),
                field: MatchField::Title,
                marks,
            })
        } else {
            Some(Hit {
                pos: 0,
                score: other_score(best_field, in_title),
                field: MatchField::Other,
                marks,
            })
        }
    }

    /// Map a range of indexed title chars back to a range of original title chars.
    fn orig_range(&self, item: &Item, s: usize, e: usize) -> (usize, usize) {
        let base = item.chars_start as usize;
        let start = self
            .chars
            .get(base + s)
            .map(|c| c.orig as usize)
            .unwrap_or(0);
        let end = match e.checked_sub(1) {
            Some(last) => self
                .chars
                .get(base + last)
                .map(|c| c.orig as usize + 1)
                .unwrap_or(start),
            None => start,
        };
        (start, end.max(start))
    }

    /// Earliest title match of a term: `(start, end)` in indexed chars.
    fn title_match(
        &self,
        item: &Item,
        t: &Term,
        cur: &mut Bits,
        next: &mut Bits,
    ) -> Option<(usize, usize)> {
        let literal = if item.title_set.may_contain(&t.set) {
            find_str(&item.title, &t.text).map(|b| {
                let s = item.title.get(..b).map(|p| p.chars().count()).unwrap_or(0);
                (s, s + t.chars)
            })
        } else {
            None
        };
        if !t.alpha {
            return literal;
        }
        let limit = literal.map(|(s, _)| s).unwrap_or(item.chars_len as usize);
        match self.pinyin_match(item, &t.py, limit, cur, next) {
            Some(m) => Some(m),
            None => literal,
        }
    }

    /// Earliest contiguous run of title chars starting before `limit` that consumes the whole
    /// query, each char by its own character, a full syllable, an initial (zh/ch/sh too), or,
    /// for the last char, a prefix of a syllable. Returns `(start, end)` with the largest end.
    fn pinyin_match(
        &self,
        item: &Item,
        q: &[char],
        limit: usize,
        cur: &mut Bits,
        next: &mut Bits,
    ) -> Option<(usize, usize)> {
        let m = q.len();
        let q0 = *q.first()?;
        if m > item.py_max as usize {
            return None;
        }
        let q0_bit = key_bit(q0 as u32);
        if item.first_any & q0_bit == 0 && !item.title_set.has(q0) {
            return None;
        }
        let base = item.chars_start as usize;
        let chars = self.chars.get(base..base + item.chars_len as usize)?;
        if m < 64 {
            let (mut a, mut b) = (Small(0), Small(0));
            self.run_dp(chars, q, limit, &mut a, &mut b)
        } else {
            self.run_dp(chars, q, limit, cur, next)
        }
    }

    fn run_dp<R: Reach>(
        &self,
        chars: &[PyChar],
        q: &[char],
        limit: usize,
        cur: &mut R,
        next: &mut R,
    ) -> Option<(usize, usize)> {
        // Plain index loops: the release profile optimises for size and leaves iterator
        // adapters un-inlined in this hot path.
        let m = q.len();
        let q0 = *q.first()?;
        let q0_bit = key_bit(q0 as u32);
        let limit = limit.min(chars.len());
        let mut i = 0;
        while i < limit {
            let c = chars[i];
            i += 1;
            if c.ch != q0 && c.first & q0_bit == 0 {
                continue;
            }
            cur.clear();
            cur.set(0);
            let mut end = 0;
            let mut j = i - 1;
            while j < chars.len() {
                let cj = chars[j];
                j += 1;
                next.clear();
                cur.for_each(|k| {
                    self.advance(cj, q, k, &mut |k2| {
                        if k2 >= m {
                            end = j;
                        } else {
                            next.set(k2);
                        }
                    })
                });
                std::mem::swap(cur, next);
                if !cur.any() {
                    break;
                }
            }
            if end > 0 {
                return Some((i - 1, end));
            }
        }
        None
    }

    /// Every query position reachable by matching char `c` at query position `k`.
    #[inline(always)]
    fn advance(&self, c: PyChar, q: &[char], k: usize, emit: &mut impl FnMut(usize)) {
        let Some(rest) = q.get(k..) else {
            return;
        };
        let Some(&r0) = rest.first() else {
            return;
        };
        if r0 == c.ch {
            emit(k + 1);
        }
        if c.first & key_bit(r0 as u32) == 0 {
            return;
        }
        let start = c.syl_start as usize;
        let syls = self
            .syls
            .get(start..start + c.syl_len as usize)
            .unwrap_or(&[]);
        let mut si = 0;
        while si < syls.len() {
            let b = self.syl_bytes(syls[si]);
            si += 1;
            if b.first().map(|&x| x as char) != Some(r0) {
                continue;
            }
            emit(k + 1); // initial
            let retroflex = b.len() >= 2 && b[1] == b'h' && matches!(b[0], b'z' | b'c' | b's');
            if retroflex && rest.get(1) == Some(&'h') {
                emit(k + 2); // zh/ch/sh initial
            }
            let mut common = 0;
            while common < b.len() && common < rest.len() && rest[common] == b[common] as char {
                common += 1;
            }
            if common == b.len() {
                emit(k + b.len()); // full syllable
            } else if common == rest.len() {
                emit(q.len()); // the last typed syllable is a prefix
            }
        }
    }

    /// Index of the first other field (0 conditions … 4 authority) containing the term.
    fn other_match(&self, item: &Item, t: &Term) -> Option<usize> {
        if !item.other_set.may_contain(&t.set) {
            return None;
        }
        let b = find_str(&item.other, &t.text)? as u32;
        Some(item.other_bounds.iter().filter(|&&x| x <= b).count())
    }
}

/// Score of a title match; see the module docs for the order.
fn title_score(contiguous: bool, start: usize, covered: usize, n: usize, whole: bool) -> u32 {
    let base = if contiguous { 3_000_000 } else { 2_000_000 };
    let whole = if whole { 500_000 } else { 0 };
    let early = (1000 - start.min(999) as u32) * 100;
    let cover = (covered.min(n) * 99).checked_div(n).unwrap_or(0) as u32;
    base + whole + early + cover
}

/// Score of a match outside the title: earlier fields first, then more terms in the title.
fn other_score(field: usize, title_terms: usize) -> u32 {
    1_000_000 + (title_terms.min(50) as u32) * 1000 + (5 - field.min(4) as u32) * 100
}

/// Split a title into (text, highlighted) runs for rendering as text nodes (never HTML).
/// Marks are char ranges `[start, end)`; they may be unsorted, overlapping or out of range.
pub fn highlight(title: &str, marks: &[(usize, usize)]) -> Vec<(String, bool)> {
    let n = title.chars().count();
    let mut ranges: Vec<(usize, usize)> = marks
        .iter()
        .map(|&(s, e)| (s.min(n), e.min(n)))
        .filter(|(s, e)| s < e)
        .collect();
    ranges.sort_unstable();
    let mut runs: Vec<(String, bool)> = Vec::new();
    let push = |runs: &mut Vec<(String, bool)>, c: char, on: bool| match runs.last_mut() {
        Some((s, flag)) if *flag == on => s.push(c),
        _ => runs.push((c.to_string(), on)),
    };
    let mut r = 0;
    for (i, c) in title.chars().enumerate() {
        while r < ranges.len() && ranges[r].1 <= i {
            r += 1;
        }
        let on = r < ranges.len() && ranges[r].0 <= i;
        push(&mut runs, c, on);
    }
    runs
}

// ---------------------------------------------------------------------------------------------
// Synthetic catalog (benchmarks, native and in the browser)
// ---------------------------------------------------------------------------------------------

/// Legal terms with one pinyin item per char (alternatives of polyphones joined by `,`).
const VOCAB: &[(&str, &str)] = &[
    ("未按规定", "wei an gui ding"),
    ("办理", "ban li"),
    ("税务登记", "shui wu deng ji"),
    ("纳税申报", "na shui shen bao"),
    ("报送", "bao song"),
    ("银行账号", "yin hang,xing zhang hao"),
    ("发票", "fa piao"),
    ("缴销", "jiao xiao"),
    ("扣缴义务人", "kou jiao yi wu ren"),
    ("账簿", "zhang bu"),
    ("记账凭证", "ji zhang ping zheng"),
    ("营业执照", "ying ye zhi zhao"),
    ("悬挂", "xuan gua"),
    ("变更登记", "bian geng deng ji"),
    ("广告", "guang gao"),
    ("药品", "yao pin"),
    ("批准文号", "pi zhun wen hao"),
    ("明码标价", "ming ma biao jia"),
    ("食品标签", "shi pin biao qian"),
    ("危险废物", "wei xian fei wu"),
    ("识别标志", "shi,zhi bie biao zhi"),
    ("排污许可", "pai wu xu ke"),
    ("环境影响评价", "huan jing ying xiang ping jia"),
    ("自行监测", "zi xing,hang jian ce"),
    ("应急预案", "ying ji yu an"),
    ("备案", "bei an"),
    ("安全生产", "an quan sheng chan"),
    ("特种作业", "te zhong zuo ye"),
    ("操作证", "cao zuo zheng"),
    ("消防设施", "xiao fang she shi"),
    ("疏散通道", "shu san tong dao"),
    ("占用", "zhan yong"),
    ("公路", "gong lu"),
    ("车辆", "che,ju liang"),
    ("道路运输证", "dao lu yun shu zheng"),
    ("随车携带", "sui che,ju xie dai"),
    ("从业资格", "cong ye zi ge"),
    ("超限", "chao xian"),
    ("施工", "shi gong"),
    ("噪声", "zao sheng"),
    ("扰民", "rao min"),
    ("户外广告", "hu wai guang gao"),
    ("设置", "she zhi"),
    ("城市道路", "cheng shi dao lu"),
    ("取水许可", "qu shui xu ke"),
    ("河道管理", "he dao guan li"),
    ("渔业", "yu ye"),
    ("农药", "nong yao"),
    ("兽药", "shou yao"),
    ("经营", "jing ying"),
    ("网络游戏", "wang luo you xi"),
    ("娱乐场所", "yu le,yue chang suo"),
    ("劳动合同", "lao dong he tong"),
    ("社会保险", "she hui bao xian"),
    ("工资支付", "gong zi zhi fu"),
    ("台账", "tai zhang"),
    ("重大", "zhong,chong da"),
    ("价格", "jia ge"),
    ("计量器具", "ji liang qi ju"),
    ("检定", "jian ding"),
    ("卫生许可证", "wei sheng xu ke zheng"),
    ("首次", "shou ci"),
    ("逾期", "yu qi"),
    ("行政", "xing,hang zheng"),
    ("长期", "chang,zhang qi"),
    ("未及时", "wei ji shi"),
    ("信息公示", "xin xi gong shi"),
    ("30日内", "3 0 ri nei"),
];

const SYN_DOMAINS: &[(&str, &str)] = &[
    ("tax", "税务机关"),
    ("market", "市场监督管理部门"),
    ("eco", "生态环境主管部门"),
    ("safety", "应急管理部门"),
    ("water", "水行政主管部门"),
    ("culture", "文化和旅游主管部门"),
    ("police", "公安机关"),
    ("fire", "消防救援机构"),
    ("health", "卫生健康行政部门"),
    ("hrss", "人力资源社会保障行政部门"),
    ("agri", "农业农村主管部门"),
    ("transport", "交通运输主管部门"),
    ("urban", "城市管理综合执法部门"),
    ("price", "发展改革部门"),
    ("housing", "住房城乡建设主管部门"),
];

const SYN_LAWS: &[&str] = &[
    "《中华人民共和国税收征收管理法》",
    "《中华人民共和国广告法》",
    "《中华人民共和国环境保护法》",
    "《中华人民共和国安全生产法》",
    "《中华人民共和国消防法》",
    "《中华人民共和国道路运输条例》",
    "《中华人民共和国价格法》",
    "《中华人民共和国水法》",
    "《公路安全保护条例》",
    "《无证无照经营查处办法》",
];

const SYN_CONDITIONS: &[&str] = &[
    "首次发生清单所列违法行为",
    "危害后果轻微",
    "没有造成危害后果",
    "在执法机关发现前主动改正",
    "在责令限期改正的期限内改正",
    "未造成人身伤害或者财产损失",
    "违法行为持续时间不超过30日",
    "未拒绝、阻碍执法人员调查",
    "涉及金额不超过5000元",
    "不涉及食品、药品、特种设备安全",
    "两年内未因同类违法行为受到行政处罚",
    "及时消除违法行为影响",
];

const SYN_MEASURES: &[&str] = &[
    "责令改正",
    "批评教育",
    "签订承诺书",
    "行政提醒",
    "行政指导",
    "告诫约谈",
    "法律宣传和辅导",
];

/// Deterministic splitmix64.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// `n` synthetic catalog entries with their pinyin keys, the same for the same `n`.
#[doc(hidden)]
pub fn synthetic_catalog(n: usize) -> Vec<CatalogEntry> {
    let mut rng = Rng(0x5EED_CA7A_1065);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let parts = 2 + rng.below(3);
        let mut title = String::new();
        let mut title_py: Vec<String> = Vec::new();
        for _ in 0..parts {
            let (zh, py) = *rng.pick(VOCAB);
            title.push_str(zh);
            title_py.extend(py.split(' ').map(str::to_owned));
        }
        let (domain, authority) = *rng.pick(SYN_DOMAINS);
        let kind = ListKind::ALL[rng.below(ListKind::ALL.len())];
        let law = rng.pick(SYN_LAWS);
        let article = 10 + rng.below(80);
        let n_cond = 2 + rng.below(3);
        let conditions = (0..n_cond)
            .map(|_| (*rng.pick(SYN_CONDITIONS)).to_owned())
            .collect();
        let n_meas = 1 + rng.below(3);
        let measures = (0..n_meas)
            .map(|_| (*rng.pick(SYN_MEASURES)).to_owned())
            .collect();
        let fine = [2000, 5000, 10000, 30000][rng.below(4)];
        let question_zh = (rng.below(4) == 0).then(|| "违法行为持续时间不超过30日？".to_owned());
        let question_en = question_zh
            .as_ref()
            .map(|_| "Did the violation last no more than 30 days?".to_owned());
        out.push(CatalogEntry {
            entry: LenientEntry {
                id: format!("syn-{i:05}"),
                domain: domain.to_owned(),
                kind,
                title,
                breach_basis: format!("{law}第{article}条"),
                penalty_basis: format!("{law}第{}条：处{fine}元以下罚款", article + 20),
                penalty_range: format!("处{fine}元以下罚款"),
                conditions,
                thresholds: Thresholds {
                    lookback_months: [None, Some(12), Some(24)][rng.below(3)],
                    correction_days: None,
                    question_zh,
                    question_en,
                },
                measures,
                authority: authority.to_owned(),
                region: "全国".to_owned(),
                region_codes: vec![crate::domain::region::NATIONAL.to_owned()],
                source: SourceDoc {
                    name: "演示用合成清单".to_owned(),
                    number: String::new(),
                    date: "2025-01-01".to_owned(),
                },
                valid_from: "2025-01-01".to_owned(),
                valid_to: None,
                version: 1,
                synthetic: true,
                no_fault_rule: None,
                requirements: None,
            },
            keys: SearchKeys { title_py },
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// An entry whose pinyin keys are given as one space-separated item per title char.
    fn entry(id: &str, domain: &str, kind: ListKind, title: &str, py: &str) -> CatalogEntry {
        let title_py: Vec<String> = py.split(' ').map(str::to_owned).collect();
        assert_eq!(
            title_py.len(),
            title.chars().count(),
            "test data for {title}"
        );
        CatalogEntry {
            entry: LenientEntry {
                id: id.into(),
                domain: domain.into(),
                kind,
                title: title.into(),
                authority: "税务机关".into(),
                ..Default::default()
            },
            keys: SearchKeys { title_py },
        }
    }

    fn sample() -> Vec<CatalogEntry> {
        let mut v = vec![
            // 0
            entry(
                "tax-001",
                "tax",
                ListKind::FirstViolation,
                "未按规定期限办理纳税申报",
                "wei an gui ding qi xian ban li na shui shen bao",
            ),
            // 1
            entry(
                "tax-002",
                "tax",
                ListKind::FirstViolation,
                "未向税务机关报送全部银行账号",
                "wei xiang shui wu ji guan bao song quan bu yin hang,xing zhang hao",
            ),
            // 2
            entry(
                "mkt-001",
                "market",
                ListKind::Minor,
                "未在经营场所悬挂营业执照",
                "wei zai jing ying chang,zhang suo xuan gua ying ye zhi zhao",
            ),
            // 3
            entry(
                "eco-001",
                "eco",
                ListKind::Minor,
                "危险废物识别标志不规范",
                "wei xian fei wu shi,zhi bie biao zhi bu gui fan",
            ),
            // 4: "纳税申报" only in a condition
            entry(
                "tax-003",
                "tax",
                ListKind::Minor,
                "扣缴义务人未按期报送资料",
                "kou jiao yi wu ren wei an qi bao song zi liao",
            ),
            // 5: whole title
            entry(
                "tax-004",
                "tax",
                ListKind::Minor,
                "纳税申报",
                "na shui shen bao",
            ),
            // 6: mixed scripts, digits
            entry(
                "eco-002",
                "eco",
                ListKind::NoCoercion,
                "ABC标签30日内更正",
                "a b c biao qian 3 0 ri nei geng zheng",
            ),
            // 7: polyphone at the start
            entry(
                "cul-001",
                "culture",
                ListKind::Lighter,
                "行政许可证件未随身携带",
                "xing,hang zheng xu ke zheng jian wei sui shen xie dai",
            ),
        ];
        v[4].entry.conditions = vec!["逾期进行纳税申报".into(), "首次发生".into()];
        v[3].entry.penalty_basis = "《固体废物污染环境防治法》第一百一十二条".into();
        v
    }

    fn positions(hits: &[Hit]) -> Vec<usize> {
        hits.iter().map(|h| h.pos).collect()
    }

    fn find(hits: &[Hit], pos: usize) -> &Hit {
        hits.iter().find(|h| h.pos == pos).expect("hit present")
    }

    #[test]
    fn hanzi_substring_with_char_ranges() {
        let idx = SearchIndex::new(&sample());
        let hits = idx.search("纳税申报", &Filter::default());
        assert_eq!(positions(&hits), vec![5, 0, 4]);
        assert_eq!(find(&hits, 5).marks, vec![(0, 4)]);
        assert_eq!(find(&hits, 0).marks, vec![(8, 12)]);
        assert_eq!(find(&hits, 0).field, MatchField::Title);
        assert_eq!(find(&hits, 4).field, MatchField::Other);
        assert!(find(&hits, 4).marks.is_empty());
    }

    #[test]
    fn full_pinyin_with_and_without_spaces() {
        let idx = SearchIndex::new(&sample());
        for q in [
            "nashuishenbao",
            "nashui shenbao",
            "na shui shen bao",
            " NaShui  ShenBao ",
        ] {
            let hits = idx.search(q, &Filter::default());
            assert_eq!(positions(&hits), vec![5, 0], "{q}");
            assert_eq!(find(&hits, 0).marks, vec![(8, 12)], "{q}");
        }
    }

    #[test]
    fn initials_and_zh_ch_sh_initials() {
        let idx = SearchIndex::new(&sample());
        let hits = idx.search("nssb", &Filter::default());
        assert_eq!(positions(&hits), vec![5, 0]);
        assert_eq!(find(&hits, 0).marks, vec![(8, 12)]);
        let hits = idx.search("nshshb", &Filter::default());
        assert_eq!(positions(&hits), vec![5, 0]);
        // 营业执照: y y zh zh
        let hits = idx.search("yyzz", &Filter::default());
        assert_eq!(positions(&hits), vec![2]);
        assert_eq!(hits[0].marks, vec![(8, 12)]);
    }

    #[test]
    fn prefix_of_last_syllable_and_mixed_forms() {
        let idx = SearchIndex::new(&sample());
        for q in [
            "nashuishen",
            "nashuish",
            "nashuis",
            "nsshenbao",
            "纳税sb",
            "纳shuishenb",
        ] {
            let hits = idx.search(q, &Filter::default());
            assert_eq!(positions(&hits), vec![5, 0], "{q}");
        }
        // "sh" is the two-letter initial of 税
        assert_eq!(
            positions(&idx.search("nashshenbao", &Filter::default())),
            vec![5, 0]
        );
        assert!(idx.search("nashuishenbaox", &Filter::default()).is_empty());
    }

    #[test]
    fn non_initial_prefix_in_the_middle_does_not_match() {
        let idx = SearchIndex::new(&sample());
        // "shu" is neither a full syllable, an initial nor the last syllable.
        let hits = idx.search("nashushenbao", &Filter::default());
        assert!(hits.is_empty(), "{hits:?}");
    }

    #[test]
    fn polyphones_match_every_reading() {
        let idx = SearchIndex::new(&sample());
        for q in ["yinhang", "yinxing", "yh", "yx"] {
            let hits = idx.search(q, &Filter::default());
            assert!(positions(&hits).contains(&1), "{q}: {hits:?}");
            assert_eq!(find(&hits, 1).marks, vec![(10, 12)], "{q}");
        }
        let hits = idx.search("hangzheng", &Filter::default());
        assert_eq!(positions(&hits), vec![7]);
        assert_eq!(hits[0].marks, vec![(0, 2)]);
        let hits = idx.search("xingzheng", &Filter::default());
        assert_eq!(positions(&hits), vec![7]);
        // 场 chang/zhang
        assert!(positions(&idx.search("jingyingzhangsuo", &Filter::default())).contains(&2));
    }

    #[test]
    fn ranking_title_before_other_and_earlier_before_later() {
        let idx = SearchIndex::new(&sample());
        let hits = idx.search("纳税申报", &Filter::default());
        // whole title (5) > title at char 8 (0) > condition (4)
        assert!(hits[0].score > hits[1].score && hits[1].score > hits[2].score);
        // "未" starts entries 0, 1, 2 and sits at 5 in entry 4, at 6 in entry 7; among equal
        // starts a shorter title (a larger matched share) first, then the original order.
        let hits = idx.search("未", &Filter::default());
        assert_eq!(positions(&hits), vec![0, 2, 1, 4, 7]);
        assert_eq!(find(&hits, 7).marks, vec![(6, 7)]);
        assert_eq!(find(&hits, 0).score, find(&hits, 2).score);
        assert!(find(&hits, 2).score > find(&hits, 1).score);
    }

    #[test]
    fn other_fields_by_substring() {
        let idx = SearchIndex::new(&sample());
        let hits = idx.search("第一百一十二条", &Filter::default());
        assert_eq!(positions(&hits), vec![3]);
        assert_eq!(hits[0].field, MatchField::Other);
        let hits = idx.search("税务机关", &Filter::default());
        // title of entry 1 first, then every authority match in original order
        assert_eq!(hits[0].pos, 1);
        assert_eq!(hits[0].field, MatchField::Title);
        assert_eq!(positions(&hits[1..]), vec![0, 2, 3, 4, 5, 6, 7]);
    }

    #[test]
    fn several_terms_match_separately() {
        let idx = SearchIndex::new(&sample());
        let hits = idx.search("申报 未按", &Filter::default());
        // entry 4 has 未按 in its title and 申报 only in a condition
        assert_eq!(positions(&hits), vec![0, 4]);
        assert_eq!(hits[1].field, MatchField::Other);
        assert_eq!(hits[0].field, MatchField::Title);
        assert_eq!(hits[0].marks, vec![(0, 2), (10, 12)]);
        // contiguous beats split
        let hits = idx.search("纳税 申报", &Filter::default());
        assert_eq!(find(&hits, 0).marks, vec![(8, 12)]);
        // one term in the title, one in the conditions
        let hits = idx.search("报送 首次发生", &Filter::default());
        assert_eq!(positions(&hits), vec![4]);
        assert_eq!(hits[0].field, MatchField::Other);
        assert_eq!(hits[0].marks, vec![(8, 10)]);
        // every term must match
        assert!(idx.search("申报 营业执照", &Filter::default()).is_empty());
    }

    #[test]
    fn case_and_full_width_insensitive() {
        let idx = SearchIndex::new(&sample());
        for q in ["abc", "ABC", "ＡＢＣ", "ａｂｃ"] {
            let hits = idx.search(q, &Filter::default());
            assert_eq!(positions(&hits), vec![6], "{q}");
            assert_eq!(hits[0].marks, vec![(0, 3)], "{q}");
        }
        let hits = idx.search("３０日", &Filter::default());
        assert_eq!(positions(&hits), vec![6]);
        assert_eq!(hits[0].marks, vec![(5, 8)]);
        let hits = idx.search("30ri", &Filter::default());
        assert_eq!(hits[0].marks, vec![(5, 8)]);
        let hits = idx.search("ＮＳＳＢ", &Filter::default());
        assert_eq!(positions(&hits), vec![5, 0]);
    }

    #[test]
    fn whitespace_in_titles_is_skipped_but_marks_use_original_chars() {
        let mut e = entry(
            "x-1",
            "tax",
            ListKind::Minor,
            "纳税申报表",
            "na shui shen bao biao",
        );
        e.entry.title = "纳税 申报表".into();
        e.keys.title_py.insert(2, " ".into());
        let idx = SearchIndex::new(&[e]);
        let hits = idx.search("nashuishenbao", &Filter::default());
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].marks, vec![(0, 5)]);
        let hits = idx.search("申报", &Filter::default());
        assert_eq!(hits[0].marks, vec![(3, 5)]);
    }

    #[test]
    fn filters_by_domain_and_kind() {
        let idx = SearchIndex::new(&sample());
        let tax = Filter {
            domain: Some("tax".into()),
            kind: None,
        };
        assert_eq!(positions(&idx.search("", &tax)), vec![0, 1, 4, 5]);
        let tax_minor = Filter {
            domain: Some("tax".into()),
            kind: Some(ListKind::Minor),
        };
        assert_eq!(positions(&idx.search("", &tax_minor)), vec![4, 5]);
        assert_eq!(positions(&idx.search("nssb", &tax_minor)), vec![5]);
        let minor = Filter {
            domain: None,
            kind: Some(ListKind::Minor),
        };
        // both at 0; the shorter title 3 first
        assert_eq!(positions(&idx.search("wei", &minor)), vec![3, 2, 4]);
        let nowhere = Filter {
            domain: Some("mars".into()),
            kind: None,
        };
        assert!(idx.search("", &nowhere).is_empty());
        assert!(idx.search("纳税", &nowhere).is_empty());
    }

    #[test]
    fn empty_query_lists_everything_in_order() {
        let idx = SearchIndex::new(&sample());
        for q in ["", "   ", "\u{3000}\t\n"] {
            let hits = idx.search(q, &Filter::default());
            assert_eq!(positions(&hits), (0..8).collect::<Vec<_>>());
            assert!(hits
                .iter()
                .all(|h| h.field == MatchField::All && h.marks.is_empty()));
        }
    }

    #[test]
    fn no_results() {
        let idx = SearchIndex::new(&sample());
        assert!(idx.search("qqqq", &Filter::default()).is_empty());
        assert!(idx.search("增值税", &Filter::default()).is_empty());
        assert!(SearchIndex::new(&[])
            .search("a", &Filter::default())
            .is_empty());
        assert!(SearchIndex::new(&[]).is_empty());
    }

    #[test]
    fn counts_by_domain_in_first_seen_order() {
        let idx = SearchIndex::new(&sample());
        assert_eq!(idx.len(), 8);
        assert_eq!(
            idx.count_by_domain(),
            vec![
                ("tax".to_string(), 4),
                ("market".to_string(), 1),
                ("eco".to_string(), 2),
                ("culture".to_string(), 1)
            ]
        );
    }

    #[test]
    fn missing_or_short_keys_still_match_hanzi() {
        let mut e = entry(
            "x-1",
            "tax",
            ListKind::Minor,
            "纳税申报",
            "na shui shen bao",
        );
        e.keys.title_py.truncate(2);
        let idx = SearchIndex::new(&[e]);
        assert_eq!(idx.search("申报", &Filter::default()).len(), 1);
        assert_eq!(idx.search("nashui", &Filter::default()).len(), 1);
        assert!(idx.search("nashuishen", &Filter::default()).is_empty());
    }

    #[test]
    fn find_str_on_known_vectors() {
        let hay = "未按规定期限办理纳税申报，逾期进行纳税申报abc";
        assert_eq!(find_str(hay, "纳税申报"), Some(24));
        assert_eq!(find_str(hay, "逾期"), Some(39));
        assert_eq!(find_str(hay, "abc"), Some(hay.len() - 3));
        assert_eq!(find_str(hay, "abcd"), None);
        assert_eq!(find_str(hay, "申报表"), None);
        assert_eq!(find_str("", "a"), None);
        assert_eq!(find_str("a", ""), None);
    }

    #[test]
    fn highlight_splits_runs_by_chars() {
        assert_eq!(
            highlight("未按规定期限办理纳税申报", &[(8, 12)]),
            vec![
                ("未按规定期限办理".to_string(), false),
                ("纳税申报".to_string(), true)
            ]
        );
        assert_eq!(
            highlight("纳税申报表", &[(3, 5), (0, 1), (1, 2)]),
            vec![
                ("纳税".to_string(), true),
                ("申".to_string(), false),
                ("报表".to_string(), true)
            ]
        );
        assert_eq!(highlight("abc", &[]), vec![("abc".to_string(), false)]);
        assert_eq!(
            highlight("abc", &[(2, 99), (5, 1)]),
            vec![("ab".to_string(), false), ("c".to_string(), true)]
        );
        assert!(highlight("", &[(0, 3)]).is_empty());
    }

    #[test]
    fn highlight_of_search_marks_reproduces_the_title() {
        let entries = sample();
        let idx = SearchIndex::new(&entries);
        let hits = idx.search("nssb", &Filter::default());
        let title = &entries[hits[1].pos].entry.title;
        let runs = highlight(title, &hits[1].marks);
        let joined: String = runs.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(&joined, title);
        assert_eq!(
            runs.iter()
                .filter(|(_, on)| *on)
                .map(|(s, _)| s.as_str())
                .collect::<Vec<_>>(),
            vec!["纳税申报"]
        );
    }

    #[test]
    fn synthetic_catalog_is_deterministic_and_consistent() {
        let a = synthetic_catalog(200);
        let b = synthetic_catalog(200);
        assert_eq!(a, b);
        for (zh, py) in VOCAB {
            assert_eq!(zh.chars().count(), py.split(' ').count(), "{zh}");
        }
        for e in &a {
            assert_eq!(
                e.entry.title.chars().count(),
                e.keys.title_py.len(),
                "{}",
                e.entry.title
            );
        }
        let idx = SearchIndex::new(&a);
        let by_pinyin = idx.search("nashuishenbao", &Filter::default());
        let by_hanzi = idx.search("纳税申报", &Filter::default());
        assert!(!by_hanzi.is_empty());
        let title_hits: Vec<usize> = by_hanzi
            .iter()
            .filter(|h| h.field == MatchField::Title)
            .map(|h| h.pos)
            .collect();
        assert_eq!(positions(&by_pinyin), title_hits);
    }

    #[test]
    fn ten_thousand_entries_search_quickly_enough_in_debug() {
        // A smoke test, not a benchmark: a query must not degrade to quadratic work.
        let idx = SearchIndex::new(&synthetic_catalog(10_000));
        let hits = idx.search("a", &Filter::default());
        assert!(hits.len() > 100);
        let long = "a".repeat(5_000);
        assert!(idx.search(&long, &Filter::default()).is_empty());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn never_panics_and_marks_are_in_range(q in "\\PC{0,40}", spaces in " {0,3}") {
            let entries = sample();
            let idx = SearchIndex::new(&entries);
            let q = format!("{spaces}{q}{spaces}");
            for h in idx.search(&q, &Filter::default()) {
                let n = entries[h.pos].entry.title.chars().count();
                for &(s, e) in &h.marks {
                    prop_assert!(s < e && e <= n);
                }
                let runs = highlight(&entries[h.pos].entry.title, &h.marks);
                let joined: String = runs.iter().map(|(s, _)| s.as_str()).collect();
                prop_assert_eq!(&joined, &entries[h.pos].entry.title);
            }
        }

        #[test]
        fn weird_titles_and_keys_never_panic(
            title in "\\PC{0,30}",
            keys in proptest::collection::vec("[a-zü,ÀÉ ]{0,12}", 0..40),
            q in "[a-z纳税 😀]{0,20}",
        ) {
            let e = CatalogEntry {
                entry: LenientEntry { title: title.clone(), ..Default::default() },
                keys: SearchKeys { title_py: keys },
            };
            let idx = SearchIndex::new(&[e]);
            for h in idx.search(&q, &Filter::default()) {
                let n = title.chars().count();
                prop_assert!(h.marks.iter().all(|&(s, e)| s < e && e <= n));
            }
        }

        #[test]
        fn pinyin_of_any_title_slice_finds_it(start in 0usize..12, len in 1usize..6, initials in any::<bool>()) {
            let entries = sample();
            let e = &entries[0];
            let n = e.keys.title_py.len();
            let start = start.min(n - 1);
            let end = (start + len).min(n);
            let q: String = e.keys.title_py[start..end]
                .iter()
                .map(|p| {
                    let first = p.split(',').next().unwrap_or("");
                    if initials { first[..1].to_string() } else { first.to_string() }
                })
                .collect();
            let idx = SearchIndex::new(&entries);
            let hits = idx.search(&q, &Filter::default());
            prop_assert!(hits.iter().any(|h| h.pos == 0), "{}", q);
        }

        #[test]
        fn find_str_agrees_with_std(h in "[ab纳税申报😀]{0,60}", n in "[ab纳税申报😀]{1,5}") {
            prop_assert_eq!(find_str(&h, &n), h.find(n.as_str()));
        }

        #[test]
        fn very_long_queries(rep in 1usize..2000) {
            let idx = SearchIndex::new(&sample());
            let q = "纳税申报 nssb 😀".repeat(rep);
            let _ = idx.search(&q, &Filter::default());
        }
    }
}
