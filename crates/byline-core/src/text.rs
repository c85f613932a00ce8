//! Text rules that hold everywhere: Unicode NFC, Vietnamese folding, slugs,
//! language tags and the printed dateline.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDateTime, TimeZone, Weekday};
use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

use crate::{error::Message, msg};

/// The offset used when a time arrives without one: Asia/Ho_Chi_Minh. Vietnam has
/// kept +07:00 without daylight saving since 1975, so a fixed offset is exact and
/// spares us a time-zone database.
pub const DEFAULT_OFFSET_SECONDS: i32 = 7 * 3600;

pub fn default_offset() -> FixedOffset {
    FixedOffset::east_opt(DEFAULT_OFFSET_SECONDS).expect("+07:00 is a valid offset")
}

/// Every piece of text that enters the core goes through here: typed, pasted,
/// imported or passed on the command line. Stored text is always NFC, so
/// `hoà` typed on one keyboard equals `hoà` pasted from another.
pub fn nfc(s: &str) -> String {
    // Nearly all text arrives in NFC already; the quick check spares
    // recomposing it.
    match unicode_normalization::is_nfc_quick(s.chars()) {
        unicode_normalization::IsNormalized::Yes => s.to_owned(),
        _ => s.nfc().collect(),
    }
}

/// Lower-cases and strips every tone and vowel mark, with `đ` as `d`:
/// "Đảng ủy" → "dang uy". Unicode has no decomposition for đ, so it is mapped by hand.
pub fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

/// Longest slug we derive; long enough for any headline's first dozen words.
const SLUG_MAX: usize = 80;

/// URL slug from a headline: folded to ASCII, words joined by `-`, cut at a word
/// boundary. Returns an empty string when nothing usable is left.
pub fn slugify(s: &str) -> String {
    let mut slug = String::new();
    for word in fold(s)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let extra = usize::from(!slug.is_empty()) + word.len();
        if slug.len() + extra > SLUG_MAX {
            if slug.is_empty() {
                slug.push_str(&word[..SLUG_MAX]);
            }
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    slug
}

/// A slug given by hand must already be in slug form, so that what the writer
/// typed is exactly what the URL shows.
pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 200
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// A BCP 47 tag in its common shape (`vi`, `en-GB`, `zh-Hant-TW`). We check the
/// form only, not the registry, and keep the writer's casing.
pub fn is_valid_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let Some(primary) = parts.next() else {
        return false;
    };
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Reads a publish time: RFC 3339 with its offset kept, or a local time without
/// offset, taken as Vietnam time (+07:00).
pub fn parse_time(s: &str) -> Result<DateTime<FixedOffset>, Message> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t);
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(s, format) {
            return default_offset()
                .from_local_datetime(&naive)
                .single()
                .ok_or_else(|| msg!("timeInvalid", time = s));
        }
    }
    Err(msg!("timeUnreadable", time = s))
}

/// The dateline as printed under the headline. Vietnamese papers print
/// `Thứ 3, 06/12/2022 | 00:00:00` (Monday is Thứ 2, Sunday Chủ nhật); other
/// languages get the English weekday in the same layout.
pub fn dateline(t: &DateTime<FixedOffset>, language: &str) -> String {
    let day = if is_vietnamese(language) {
        match t.weekday() {
            Weekday::Sun => "Chủ nhật".to_owned(),
            other => format!("Thứ {}", other.number_from_monday() + 1),
        }
    } else {
        t.format("%A").to_string()
    };
    format!("{day}, {}", t.format("%d/%m/%Y | %H:%M:%S"))
}

pub fn is_vietnamese(language: &str) -> bool {
    language
        .split('-')
        .next()
        .is_some_and(|p| p.eq_ignore_ascii_case("vi"))
}

/// Longest excerpt of a related article under a published page, "…" included:
/// about two lines of a news site's related-articles box.
pub const EXCERPT_MAX_CHARS: usize = 160;

/// The start of `s` in at most `max_chars` characters (not bytes), "…"
/// included: all of it when it fits, else cut where a word ends, so no
/// syllable is left half-written. Only a first word longer than the limit is
/// cut inside. Punctuation left dangling before the "…" goes.
pub fn excerpt(s: &str, max_chars: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= max_chars {
        return s.to_owned();
    }
    let Some(room) = max_chars.checked_sub(1) else {
        return String::new();
    };
    let end = s.char_indices().nth(room).map_or(s.len(), |(i, _)| i);
    let head = &s[..end];
    let at_word_end = s[end..].starts_with(char::is_whitespace);
    let cut = if at_word_end {
        head
    } else {
        head.rfind(char::is_whitespace).map_or(head, |i| &head[..i])
    };
    let dangling = |c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.' | '-' | '–' | '—' | '(' | '“' | '"')
    };
    let cut = match cut.trim_end_matches(dangling) {
        "" => head,
        trimmed => trimmed,
    };
    format!("{cut}…")
}

/// Two keywords are the same keyword when they differ only by case, tone
/// marks or Unicode form: "Hòa Bình", "hoà bình" and "HOA BINH" are one.
pub fn keyword_key(keyword: &str) -> String {
    fold(&line_text(keyword))
}

/// Keywords as a writer means them: NFC, trimmed, inner spaces folded, no
/// empties, and no two that are the same keyword (the first spelling wins).
pub fn clean_keywords<I, S>(keywords: I) -> Vec<String>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut out: Vec<String> = Vec::new();
    let mut keys = std::collections::HashSet::new();
    for k in keywords {
        let k = line_text(k.as_ref());
        if !k.is_empty() && keys.insert(fold(&k)) {
            out.push(k);
        }
    }
    out
}

/// Decodes `%XX` escapes (a URL path, a header value) as UTF-8; `None` when
/// an escape is broken or the bytes are not UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A one-line field: NFC, trimmed, inner runs of white space (a pasted line
/// break, a double space) folded to one space, and no control character
/// (ESC, NUL, DEL, C1): a headline is printed on terminals and in lists,
/// where such a character would be obeyed, never shown.
pub fn line_text(s: &str) -> String {
    let words: Vec<String> = s
        .split_whitespace()
        .map(|w| w.chars().filter(|c| !c.is_control()).collect::<String>())
        .filter(|w| !w.is_empty())
        .collect();
    nfc(&words.join(" "))
}

/// The Vietnamese alphabet in dictionary order. Letters with a vowel mark
/// are letters of their own (ă after a, đ after d); tones are not letters.
const ALPHABET: &str = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";

/// A sort key for `s` in Vietnamese dictionary order, comparable as bytes
/// (so SQLite can index it): letters first, with đ after d and ă, â after a;
/// then tones, in the order ngang, huyền, hỏi, ngã, sắc, nặng; then case.
/// "Dương" < "Đà", "ma" < "mà" < "má" < "mạ" < "mai", and "hoà" and "hòa"
/// sort together because the tone belongs to the syllable.
pub fn collation_key(s: &str) -> Vec<u8> {
    let mut letters: Vec<u8> = Vec::with_capacity(s.len());
    let mut tones: Vec<u8> = Vec::new();
    let mut cases: Vec<u8> = Vec::new();
    let mut word_tone = 0u8;
    let mut in_word = false;
    // Whether the last byte of `letters` is a letter of ALPHABET.
    let mut last_in_alphabet = false;
    let end_word = |tones: &mut Vec<u8>, tone: &mut u8| {
        tones.push(1 + *tone);
        *tone = 0;
    };
    for c in s.nfd() {
        if is_combining_mark(c) {
            match c {
                '\u{300}' => word_tone = 1,
                '\u{309}' => word_tone = 2,
                '\u{303}' => word_tone = 3,
                '\u{301}' => word_tone = 4,
                '\u{323}' => word_tone = 5,
                // A vowel mark makes a letter of its own: fold it into the
                // letter just pushed (a + breve = ă).
                '\u{306}' | '\u{302}' | '\u{31b}' => {
                    if let Some(last) = letters.last_mut().filter(|_| last_in_alphabet) {
                        let base = ALPHABET.chars().nth(usize::from(*last - 0x20));
                        let marked = match (base, c) {
                            (Some('a'), '\u{306}') => Some('ă'),
                            (Some('a'), '\u{302}') => Some('â'),
                            (Some('e'), '\u{302}') => Some('ê'),
                            (Some('o'), '\u{302}') => Some('ô'),
                            (Some('o'), '\u{31b}') => Some('ơ'),
                            (Some('u'), '\u{31b}') => Some('ư'),
                            _ => None,
                        };
                        if let Some(i) = marked.and_then(|m| ALPHABET.chars().position(|a| a == m))
                        {
                            *last = 0x20 + i as u8;
                        }
                    }
                }
                _ => {}
            }
            continue;
        }
        if c.is_alphanumeric() {
            in_word = true;
            let lower = c.to_lowercase().next().unwrap_or(c);
            cases.push(u8::from(lower != c) + 1);
            last_in_alphabet = false;
            match ALPHABET.chars().position(|a| a == lower) {
                Some(i) => {
                    letters.push(0x20 + i as u8);
                    last_in_alphabet = true;
                }
                None if lower.is_ascii_digit() => letters.push(0x10 + (lower as u8 - b'0')),
                // Another script: after every Vietnamese letter, by code point.
                None => {
                    letters.push(0xF0);
                    letters.extend_from_slice(&(lower as u32).to_be_bytes()[1..]);
                }
            }
        } else if c.is_whitespace() && in_word {
            // A word ends: "An" < "An Giang" < "Anh".
            in_word = false;
            last_in_alphabet = false;
            letters.push(0x01);
            end_word(&mut tones, &mut word_tone);
        }
    }
    if in_word {
        end_word(&mut tones, &mut word_tone);
    }
    while letters.last() == Some(&0x01) {
        letters.pop();
    }
    letters.push(0);
    letters.extend(tones);
    letters.push(0);
    letters.extend(cases);
    letters
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_dictionary_order() {
        let mut words = vec![
            "mạ",
            "Đà Nẵng",
            "mai",
            "má",
            "Dương",
            "ma",
            "mà",
            "An Giang",
            "Anh",
            "ăn",
            "An",
            "mã",
            "mả",
            "bà",
            "zalo",
            "2022",
        ];
        words.sort_by_key(|w| collation_key(w));
        assert_eq!(
            words,
            [
                "2022",
                "An",
                "An Giang",
                "Anh",
                "ăn",
                "bà",
                "Dương",
                "Đà Nẵng",
                "ma",
                "mà",
                "mả",
                "mã",
                "má",
                "mạ",
                "mai",
                "zalo"
            ]
        );
        assert_eq!(collation_key("hoà bình"), collation_key("hòa bình"));
        assert!(collation_key("an") < collation_key("An"));
    }

    #[test]
    fn fold_strips_marks_and_maps_d_stroke() {
        assert_eq!(fold("Đảng ủy xã An Thịnh"), "dang uy xa an thinh");
        // Old and new tone placement fold to the same letters.
        assert_eq!(fold("hoà"), fold("hòa"));
        assert_eq!(fold("uỷ"), fold("ủy"));
    }

    #[test]
    fn slugs_are_ascii_words() {
        assert_eq!(
            slugify("Xã An Thịnh ra mắt mô hình “Dân vận khéo” trong chuyển đổi số"),
            "xa-an-thinh-ra-mat-mo-hinh-dan-van-kheo-trong-chuyen-doi-so"
        );
        assert_eq!(slugify("  ?!  "), "");
        assert!(slugify(&"chuyển đổi số ".repeat(30)).len() <= SLUG_MAX);
        assert!(is_valid_slug("an-thinh-2023"));
        assert!(!is_valid_slug("An-Thinh"));
        assert!(!is_valid_slug("a--b"));
    }

    #[test]
    fn dateline_matches_the_printed_form() {
        let t = DateTime::parse_from_rfc3339("2022-12-06T00:00:00+07:00").unwrap();
        assert_eq!(dateline(&t, "vi"), "Thứ 3, 06/12/2022 | 00:00:00");
        let sunday = DateTime::parse_from_rfc3339("2022-12-11T18:05:09+07:00").unwrap();
        assert_eq!(dateline(&sunday, "vi"), "Chủ nhật, 11/12/2022 | 18:05:09");
        assert_eq!(dateline(&t, "en"), "Tuesday, 06/12/2022 | 00:00:00");
    }

    #[test]
    fn times_without_offset_are_vietnam_time() {
        let t = parse_time("2023-03-14 09:30").unwrap();
        assert_eq!(t.to_rfc3339(), "2023-03-14T09:30:00+07:00");
        let london = parse_time("2023-05-06T10:00:00+01:00").unwrap();
        assert_eq!(london.offset().local_minus_utc(), 3600);
        assert!(parse_time("14/03/2023").is_err());
    }

    #[test]
    fn language_tags() {
        for ok in ["vi", "en", "en-GB", "zh-Hant-TW"] {
            assert!(is_valid_language_tag(ok), "{ok}");
        }
        for bad in ["", "v", "vietnamese", "en_GB", "en-"] {
            assert!(!is_valid_language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn excerpts_end_at_a_word_within_the_limit() {
        // Fits: untouched, even at exactly the limit.
        assert_eq!(
            excerpt("Hơn 60 người cao tuổi.", 160),
            "Hơn 60 người cao tuổi."
        );
        let exact = "ắ".repeat(160);
        assert_eq!(excerpt(&exact, 160), exact);
        // Counted in characters: "ị" is three bytes, and a cut by bytes
        // would keep a word fewer.
        let words = "Thịnh ".repeat(10);
        let cut = excerpt(&words, 20);
        assert_eq!(cut, "Thịnh Thịnh Thịnh…");
        assert!(cut.chars().count() <= 20);
        // A word that would end exactly at the limit is kept whole.
        assert_eq!(excerpt("một hai ba bốn", 8), "một hai…");
        assert_eq!(excerpt("một hai ba bốn", 11), "một hai ba…");
        // Punctuation before the cut does not stay in front of the "…".
        assert_eq!(excerpt("Sáng 14/3, Đảng ủy xã An Thịnh", 12), "Sáng 14/3…");
        // One word longer than the limit is the only thing cut inside.
        assert_eq!(excerpt("chuyểnđổisốtoàndiện", 6), "chuyể…");
    }

    #[test]
    fn a_long_sapo_becomes_an_excerpt_of_at_most_160_characters() {
        let sapo = "Sáng 14/3, Đảng ủy xã An Thịnh tổ chức hội nghị ra mắt mô hình “Dân vận khéo” hỗ trợ người dân sử dụng dịch vụ công trực tuyến, với sự tham dự của hơn 120 đại biểu là cán bộ, đoàn viên, hội viên và người dân các thôn.";
        let cut = excerpt(sapo, EXCERPT_MAX_CHARS);
        assert!(cut.chars().count() <= EXCERPT_MAX_CHARS, "{cut}");
        assert!(cut.ends_with("…"), "{cut}");
        let kept = cut.trim_end_matches('…');
        assert!(sapo.starts_with(kept), "{cut}");
        // The cut falls between two words of the sapo.
        assert!(sapo[kept.len()..].starts_with([' ', ',']), "{cut}");
        // Cutting again changes nothing: the store's excerpt can pass through.
        assert_eq!(excerpt(&cut, EXCERPT_MAX_CHARS), cut);
    }

    #[test]
    fn keywords_are_cleaned() {
        assert_eq!(
            clean_keywords([
                "  a ",
                "",
                "b",
                "A",
                "hoa\u{0300}",
                "hoà",
                "Hòa",
                "HOA",
                "đô  thị",
                "do thi"
            ]),
            vec!["a", "b", "hoà", "đô thị"]
        );
        assert_eq!(keyword_key("Uỷ ban"), keyword_key("ủy  BAN"));
    }
}
