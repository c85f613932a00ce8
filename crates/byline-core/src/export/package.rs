//! Writes export packages (see `crate::package` for the format).
