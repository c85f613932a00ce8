//! IPTC-IIM: caption (2:120 Caption-Abstract) and creator (2:80 By-line).
//!
//! The block handed over by the decoder comes in one of three wrappings, all
//! accepted: a JPEG's APP13 gives the Photoshop image resources ("8BIM" blocks, the
//! IIM stream in resource 0x0404); a PNG written by ImageMagick or ExifTool gives a
//! "Raw profile" text (a header, then the bytes in hex) of either of the others;
//! some writers give the bare IIM stream. Anything unreadable is no metadata.

use super::embedded::{Embedded, clean, join_clean};

/// Photoshop image resource that holds the IPTC-IIM stream.
const IPTC_RESOURCE: u16 = 0x0404;
/// The value of 1:90 CodedCharacterSet that declares UTF-8.
const UTF8_DECLARATION: &[u8] = b"\x1b%G";

/// The Photoshop header of an APP13 block.
const PHOTOSHOP_HEADER: &[u8] = b"Photoshop 3.0\0";

/// At most this many By-line datasets are read: IIM lets the dataset
/// repeat, and a photo has a handful of photographers, not thousands.
const MAX_BYLINES: usize = 64;

/// Each wrapping is unwrapped at most once, in a fixed order (raw profile
/// text, then the Photoshop header, then the resources), without
/// recursion: a text chunk that repeats the Photoshop header 100,000 times
/// once made this reader recurse 100,000 deep and overflow the stack.
pub(super) fn read(block: &[u8]) -> Embedded {
    let decoded;
    let iim = match iim_of(block) {
        Some(iim) => Some(iim),
        None => {
            decoded = raw_profile(block);
            decoded.as_deref().and_then(iim_of)
        }
    };
    iim.map(from_iim).unwrap_or_default()
}

/// The IIM stream in `block`: bare, or in Photoshop image resources, with
/// or without the Photoshop header (once: a block that repeats it is no
/// IPTC a camera or an editor writes).
fn iim_of(block: &[u8]) -> Option<&[u8]> {
    let block = block.strip_prefix(PHOTOSHOP_HEADER).unwrap_or(block);
    if block.first() == Some(&0x1C) {
        Some(block)
    } else if block.starts_with(b"8BIM") {
        photoshop_resource(block, IPTC_RESOURCE)
    } else {
        None
    }
}

/// The data of resource `id` in a run of Photoshop image resources.
fn photoshop_resource(mut block: &[u8], id: u16) -> Option<&[u8]> {
    // Each: 4-byte signature, u16 id, Pascal name padded to even, u32 size, data
    // padded to even.
    while block.len() >= 6 {
        let this_id = u16::from_be_bytes([block[4], block[5]]);
        let name_len = usize::from(*block.get(6)?);
        let name_field = (1 + name_len).next_multiple_of(2);
        let size_at = 6 + name_field;
        let size = block.get(size_at..size_at + 4)?;
        let size =
            usize::try_from(u32::from_be_bytes([size[0], size[1], size[2], size[3]])).ok()?;
        let data_at = size_at + 4;
        let data = block.get(data_at..data_at.checked_add(size)?)?;
        if this_id == id {
            return Some(data);
        }
        block = block
            .get(data_at + size.next_multiple_of(2)..)
            .unwrap_or_default();
    }
    None
}

/// ImageMagick's "Raw profile type …" text: "\n<type>\n<length>\n<hex…>".
fn raw_profile(text: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(text).ok()?;
    let mut lines = text.trim_start_matches('\n').splitn(3, '\n');
    let _kind = lines.next()?;
    let length: usize = lines.next()?.trim().parse().ok()?;
    let digits: Vec<u8> = lines
        .next()?
        .bytes()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    let bytes = digits
        .chunks(2)
        .map(|pair| {
            let pair = std::str::from_utf8(pair).ok()?;
            u8::from_str_radix(pair, 16).ok()
        })
        .collect::<Option<Vec<u8>>>()?;
    (bytes.len() == length).then_some(bytes)
}

/// Caption and creator from an IIM stream.
fn from_iim(iim: &[u8]) -> Embedded {
    let mut utf8 = false;
    let mut caption: Option<&[u8]> = None;
    let mut bylines: Vec<&[u8]> = Vec::new();

    let mut i = 0;
    while let Some(&[0x1C, record, dataset, high, low]) = iim.get(i..i + 5) {
        // An extended length (high bit set) only occurs for binary data far larger
        // than any text dataset: stop there.
        if high & 0x80 != 0 {
            break;
        }
        let start = i + 5;
        let Some(data) = iim.get(start..start + usize::from(u16::from_be_bytes([high, low])))
        else {
            break;
        };
        i = start + data.len();
        match (record, dataset) {
            (1, 90) => utf8 = data.starts_with(UTF8_DECLARATION),
            (2, 120) => caption = caption.or(Some(data)),
            (2, 80) if bylines.len() < MAX_BYLINES => bylines.push(data),
            _ => {}
        }
    }

    let decode = |data: &[u8]| decode(data, utf8);
    Embedded {
        caption: caption.map(decode).as_deref().and_then(clean),
        creator: join_clean(bylines.into_iter().map(decode)),
    }
}

/// A dataset's text: UTF-8 when declared or when the bytes are valid UTF-8, else
/// Latin-1 (ISO 8859-1, each byte one char).
fn decode(data: &[u8], declared_utf8: bool) -> String {
    match std::str::from_utf8(data) {
        Ok(text) => text.to_owned(),
        Err(_) if declared_utf8 => String::from_utf8_lossy(data).into_owned(),
        Err(_) => data.iter().map(|&b| char::from(b)).collect(),
    }
}
