//! What the command prints for a person is text from articles, packages and
//! comments that came from outside. A terminal obeys control characters in
//! that text (ESC sequences move the cursor, rewrite lines, set the window
//! title, on some terminals write files or answer back as typed input), so
//! they are shown escaped, `\u{1b}`, never sent raw. The bidi overrides and
//! isolates are shown too: they make a line read in another order than it
//! is stored ("Trojan Source"), and Vietnamese text has no use for them.
//! Line breaks and tabs pass where the output is many lines.

use std::borrow::Cow;

/// `text` with every character a terminal would act on escaped; `\n` and
/// `\t` pass when `multi_line`.
pub fn safe(text: &str, multi_line: bool) -> Cow<'_, str> {
    let acts = |c: char| {
        let layout = multi_line && matches!(c, '\n' | '\t');
        (c.is_control() && !layout) || is_bidi_control(c)
    };
    if !text.chars().any(acts) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if acts(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::safe;

    #[test]
    fn escape_sequences_and_bidi_overrides_are_shown_not_obeyed() {
        assert_eq!(
            safe("Tin \u{1b}]0;pwned\u{7}mới\u{202e}", false),
            "Tin \\u{1b}]0;pwned\\u{7}mới\\u{202e}"
        );
        assert_eq!(safe("a\nb\tc\u{9b}", true), "a\nb\tc\\u{9b}");
        assert_eq!(safe("a\nb", false), "a\\u{a}b");
        assert_eq!(safe("Thứ 3, 06/12/2022", false), "Thứ 3, 06/12/2022");
    }
}
