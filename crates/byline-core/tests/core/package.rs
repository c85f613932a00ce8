//! Packages: hostile packages refused, round trips, the hand-off.
