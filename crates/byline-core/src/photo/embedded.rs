//! What a photo's embedded metadata says about it, as the XMP and IPTC
//! readers return it: caption and creator, each cleaned to the one-line text
//! Byline stores. Below the readers and the photo module that runs them.

/// Text from a photo's metadata as Byline stores it in the one-line fields
/// it fills (caption, credit): NFC, white space folded, no control
/// character (an IPTC field may hold a NUL, which no XMP an export writes
/// can carry, and which a terminal would obey), `None` when empty.
pub(super) fn clean(text: &str) -> Option<String> {
    let text = crate::text::line_text(text);
    (!text.is_empty()).then_some(text)
}

/// Items joined with ", " after cleaning each; `None` when none is left.
pub(super) fn join_clean<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> Option<String> {
    let items: Vec<String> = items
        .into_iter()
        .filter_map(|item| clean(item.as_ref()))
        .collect();
    (!items.is_empty()).then(|| items.join(", "))
}

/// Caption and creator found in one metadata block.
#[derive(Debug, Default)]
pub(super) struct Embedded {
    pub(super) caption: Option<String>,
    pub(super) creator: Option<String>,
}
