//! The only types, with `ipc_error.rs`, that cross IPC. Core types never reach
//! the UI directly: if it is serialisable, it is a boundary, and it lives here.
//! TypeScript twins are generated into `ui/src/ipc/bindings/` by `cargo test`
//! (ts-rs), and CI fails when the committed ones drift.
//!
//! One file per area, the same areas as `commands/`: a command in
//! `commands/articles.rs` takes and returns types of `dto/articles.rs`. A
//! type several areas use lives in the area it describes ([`ArticleStatus`]
//! in `articles`, the word diff in `workflow` with the revisions it came
//! from); [`chosen::ChosenFiles`] has a file of its own, as it is no area's:
//! photos, packages and the drop on the window all name files by it.
//!
//! # Naming
//!
//! An IPC type is named for what the UI sees, with no suffix: `Article`,
//! `Comment`, `Settings`, `ExportFormat`. The UI reads these names far more
//! often than Rust does (every component imports them), so they are the
//! ones worth keeping plain. On the Rust side, a type named without a path
//! in `dto/` or `commands/` is therefore always the IPC type; a core type is
//! always named by its path (`byline_core::Article`, `store::Comment`) and
//! never imported under another name with `as`.
//!
//! # Conversions
//!
//! Every `From`/`TryFrom` between a core type and an IPC type takes its
//! source apart with a `let` that lists every field, without `..`, and
//! builds its target with every field named: a field added on either side
//! fails the build here until someone decides whether the UI gets it. A
//! field deliberately left out is bound as `field: _`, with the reason.
//! Enums are matched variant by variant, both ways, for the same reason.
//!
//! [`ArticleStatus`]: articles::ArticleStatus

pub mod articles;
pub mod chosen;
pub mod exchange;
pub mod library;
pub mod photos;
pub mod settings;
pub mod workflow;
