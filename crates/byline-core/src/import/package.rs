//! Reads and checks an export package before anything of it reaches the library.
