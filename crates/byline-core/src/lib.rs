//! # byline-core
//!
//! Byline without a window: the article model, the library store (one SQLite
//! file), the Markdown render pipeline, import and export. The CLI and the app
//! are thin shells over this crate.
//!
//! What lives here, and where:
//! - [`article`]: `Article` and the types that create or change one; their
//!   `normalized()` is where NFC and field rules are enforced.
//! - [`text`]: NFC, Vietnamese folding (đ → d), slugs, language tags, datelines.
//! - [`store`]: `Store::open`, connection pragmas, migrations, and all SQL.
//! - [`render`]: the only place comrak and ammonia are configured.
//! - [`import`] and [`export`]: article files in and pages out.
//! - [`error`] and [`messages`]: what went wrong, as data, and its words in
//!   Vietnamese or English from the catalogue in `messages/`.
//! - [`samples`]: the first-run samples, added only when asked (the app
//!   asks when its first start created the library; opening never adds any).
//! - `synthetic` (feature `synthetic`): made-up libraries for tests and
//!   benchmarks; the app is built without it.
//!
//! The modules form layers, lowest first: `error`; `text`, `search_text`,
//! `bounded_file`; `article`, `anchor`, `photo`, `package`, `settings`;
//! `render`, `checklist`, `revision`, `merge`, `workflow`; `store`; `import`,
//! `export`, `samples`; `synthetic`. `tests/core/layers.rs` checks them.
//!
//! Invariants (each an absence):
//! - Nothing here depends on tauri or on any UI type.
//! - No module names a module of a higher layer, and no file reaches itself
//!   through the files it names: `error.rs` names no other module; render,
//!   checklist and merge never name the store.
//! - No text reaches the store without passing through `text::nfc`.
//! - No user text becomes markup except through `render`.
//! - No write happens outside `Store::write`, which is one IMMEDIATE transaction.
//!
//! How to add a field to an article: `docs/HOWTO-ADD-A-FIELD.md` lists every
//! place, and which of them nothing checks.

pub mod anchor;
pub mod article;
mod bounded_file;
pub mod checklist;
pub mod error;
pub mod export;
pub mod import;
pub mod merge;
pub mod messages;
pub mod package;
pub mod photo;
pub mod render;
pub mod revision;
pub mod samples;
pub mod search_text;
pub mod settings;
pub mod store;
#[cfg(feature = "synthetic")]
pub mod synthetic;
pub mod text;
pub mod workflow;

pub use article::{
    Article, ArticleDraft, ArticleFields, ArticleId, ArticleSummary, Author, AuthorRole,
    PhotoPlacement, PlacementInput, Related, RelatedArticle, Status,
};
pub use error::{CoreError, Result};
pub use settings::Settings;
pub use store::{Incoming, Saved};
pub use store::{Store, default_library_path};

impl Store {
    /// The preview of an article with the editor's unsaved fields, rendered by
    /// the same function as the export.
    pub fn preview(&self, id: ArticleId, fields: ArticleFields) -> Result<String> {
        let article = self.with_fields(id, fields)?;
        Ok(render::article_fragment(&article, &render::app_photo_src))
    }
}
