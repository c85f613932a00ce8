//! Files a person picked or dropped, named by number: what the photo and
//! package choosers (`commands/photos.rs`, `commands/exchange.rs`) and a
//! drop on the window ([`crate::FILES_DROPPED_EVENT`]) all hand the UI.

use serde::Serialize;
use ts_rs::TS;

/// Files a person chose in a desktop dialog or dropped on the window, kept
/// by the app under `id` (`chosen.rs`). The UI names a file by its place in
/// `names` and never sees or sends its path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ChosenFiles {
    pub id: u32,
    /// The files' names, in the order chosen, to show and to tell a package
    /// (`.zip`) from a photo.
    pub names: Vec<String>,
}
