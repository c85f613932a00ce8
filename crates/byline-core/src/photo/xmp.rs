//! XMP: caption (`dc:description`) and creator (`dc:creator`), and for an
//! exported photo its credit line (`photoshop:Credit`) and copyright
//! (`dc:rights`).
//!
//! Elements are matched by namespace URI, never by prefix. `dc:description` is a
//! language alternative (`rdf:Alt` of `rdf:li xml:lang=…`): the `x-default` item is
//! taken, else the first. `dc:creator` is an ordered list (`rdf:Seq`): its items are
//! joined with ", ". The simple forms (plain element text, or an attribute on
//! `rdf:Description`) are read too. A packet that is not well-formed XML is no
//! metadata, never an error.

use roxmltree::{Document, Node, ParsingOptions};

use super::embedded::{Embedded, clean, join_clean};

pub(super) const DC: &str = "http://purl.org/dc/elements/1.1/";
pub(super) const PHOTOSHOP: &str = "http://ns.adobe.com/photoshop/1.0/";
pub(super) const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

/// A packet larger than this is no metadata: real ones are a few KB, and
/// some hundred KB with a long Photoshop edit history; a PNG text chunk
/// could otherwise hand over the whole 50 MB file.
const MAX_PACKET_BYTES: usize = 4 << 20;

/// A packet of more XML nodes than this is no metadata: the tree takes some
/// 80 bytes a node, and `<a/>` is four bytes of packet.
const MAX_NODES: u32 = 200_000;
const XML: &str = "http://www.w3.org/XML/1998/namespace";

pub(super) fn read(packet: &[u8]) -> Embedded {
    parsed(packet, |doc| Embedded {
        caption: first_value(doc, DC, "description", caption_of),
        creator: first_value(doc, DC, "creator", creator_of),
    })
}

/// Credit line and copyright notice, for what an exported photo keeps.
#[derive(Debug, Default)]
pub(super) struct Rights {
    pub credit: Option<String>,
    pub copyright: Option<String>,
}

pub(super) fn read_rights(packet: &[u8]) -> Rights {
    parsed(packet, |doc| Rights {
        credit: first_value(doc, PHOTOSHOP, "Credit", |node| clean(&text_of(node))),
        // A language alternative, as the caption is.
        copyright: first_value(doc, DC, "rights", caption_of),
    })
}

/// `read` of the parsed packet; the default when it is not well-formed XML.
fn parsed<T: Default>(packet: &[u8], read: impl FnOnce(&Document) -> T) -> T {
    if packet.len() > MAX_PACKET_BYTES {
        return T::default();
    }
    let Ok(text) = std::str::from_utf8(packet) else {
        return T::default();
    };
    // Writers pad packets with NULs and whitespace, and some start with a BOM.
    let text = text.trim_matches(|c: char| c == '\0' || c == '\u{feff}' || c.is_whitespace());
    // roxmltree refuses DTDs by default, so no entity can expand.
    let options = ParsingOptions {
        nodes_limit: MAX_NODES,
        ..ParsingOptions::default()
    };
    match Document::parse_with_options(text, options) {
        Ok(doc) => read(&doc),
        Err(_) => T::default(),
    }
}

/// The first non-empty value of the property `name` in `namespace`, as an
/// element (read with `of`) or as an attribute of `rdf:Description`.
///
/// A property read and found empty is not searched again for a nested one:
/// 100,000 empty `dc:description` elements, each inside the last, would
/// otherwise be read 100,000 times over.
fn first_value(
    doc: &Document,
    namespace: &str,
    name: &str,
    of: fn(Node) -> Option<String>,
) -> Option<String> {
    let mut read_up_to = 0;
    doc.descendants().filter(Node::is_element).find_map(|node| {
        let tag = node.tag_name();
        if node.range().start < read_up_to {
            None
        } else if tag.namespace() == Some(namespace) && tag.name() == name {
            read_up_to = node.range().end;
            of(node)
        } else if tag.namespace() == Some(RDF) && tag.name() == "Description" {
            node.attribute((namespace, name)).and_then(clean)
        } else {
            None
        }
    })
}

/// `dc:description`: the `x-default` item of its `rdf:Alt`, else the first item
/// with text, else the element's own text.
fn caption_of(property: Node) -> Option<String> {
    let Some(items) = container_items(property) else {
        return clean(&text_of(property));
    };
    let default = items.iter().find(|li| {
        li.attribute((XML, "lang"))
            .is_some_and(|lang| lang.eq_ignore_ascii_case("x-default"))
    });
    default
        .and_then(|li| clean(&text_of(*li)))
        .or_else(|| items.iter().find_map(|li| clean(&text_of(*li))))
}

/// `dc:creator`: the items of its `rdf:Seq` joined with ", ", else the element's
/// own text.
fn creator_of(property: Node) -> Option<String> {
    match container_items(property) {
        Some(items) => join_clean(items.into_iter().map(text_of)),
        None => clean(&text_of(property)),
    }
}

/// The `rdf:li` items of the `rdf:Alt`, `rdf:Seq` or `rdf:Bag` inside `property`.
fn container_items<'a, 'i>(property: Node<'a, 'i>) -> Option<Vec<Node<'a, 'i>>> {
    let container = property.children().find(|child| {
        child.tag_name().namespace() == Some(RDF)
            && matches!(child.tag_name().name(), "Alt" | "Seq" | "Bag")
    })?;
    Some(
        container
            .children()
            .filter(|li| li.tag_name().namespace() == Some(RDF) && li.tag_name().name() == "li")
            .collect(),
    )
}

/// All the text inside a node.
fn text_of(node: Node) -> String {
    node.descendants()
        .filter(Node::is_text)
        .filter_map(|text| text.text())
        .collect()
}
