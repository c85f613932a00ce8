//! ninjs export: the fields and types IPTC ninjs 3.1 defines for what Byline emits.
