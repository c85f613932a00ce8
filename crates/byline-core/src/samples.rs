//! The articles a new library starts with, so a first-time user sees real
//! content. They are the files in `samples/` at the top of the repository,
//! compiled in and read by the same importer as any other article file.

use crate::{error::Result, import::front_matter, store::Store};

/// (name shown in messages, file text)
const SAMPLES: &[(&str, &str)] = &[
    (
        "samples/related/lop-ky-nang-so.md",
        include_str!("../../../samples/related/lop-ky-nang-so.md"),
    ),
    (
        "samples/related/hoi-nong-dan.md",
        include_str!("../../../samples/related/hoi-nong-dan.md"),
    ),
    (
        "samples/english/harbour.md",
        include_str!("../../../samples/english/harbour.md"),
    ),
    (
        "samples/an-thinh/article.md",
        include_str!("../../../samples/an-thinh/article.md"),
    ),
];

/// Adds the samples in one transaction. What the importer cannot keep yet
/// (photos, related articles) is logged, not shown: the user did not ask for it.
pub(crate) fn seed(store: &Store) -> Result<()> {
    let mut batch = Vec::new();
    for (name, text) in SAMPLES {
        let parsed = front_matter::parse(name, text)?;
        for warning in parsed.warnings {
            tracing::debug!("first-run sample: {warning}");
        }
        batch.push(parsed.incoming);
    }
    store.save_incoming(batch)?;
    Ok(())
}
