//! IPTC ninjs 3.1: the article as the JSON news agencies and CMSs exchange.
