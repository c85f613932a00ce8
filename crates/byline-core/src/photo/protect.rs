//! Source protection: the copy of a photo that leaves the library.
//!
//! A reporter's photo carries more than its pixels: the GPS position where it
//! was taken, the serial numbers of the camera and lens, the owner's name, the
//! maker notes, the edit history of the editing program (XMP `xmpMM:History`,
//! `DerivedFrom`, document and instance ids), thumbnails of the uncropped
//! frame, and whatever else a program put in a private block. Any of it can
//! lead back to a source. So the exported copy is rebuilt from an allow-list:
//! the image data and what decoding it needs (JPEG tables and frame, JFIF
//! density without its thumbnail, the Adobe colour transform, the ICC
//! profile; PNG's critical and colour chunks; WebP's bitstream, alpha,
//! animation and ICC chunks), and nothing else. Then three small blocks are
//! written fresh:
//!
//! - the orientation in an EXIF block of its own (with only the entries the
//!   EXIF standard requires beside it), when it is not "upright", so the
//!   photo still displays the right way up;
//! - an XMP packet with only the caption (`dc:description`), creator
//!   (`dc:creator`), credit line (`photoshop:Credit`) and copyright
//!   (`dc:rights`) the original carried;
//! - for a JPEG, the same four as IPTC-IIM (APP13), which many CMSs read
//!   instead of XMP.
//!
//! The result depends only on the original's bytes, so the same photo always
//! gives the same file, and protecting a protected photo changes nothing.
//! Walking the containers is `img-parts`' work; the blocks written here are a
//! few dozen bytes of fixed layout.

use image::{ImageDecoder, metadata::Orientation};
use img_parts::{
    Bytes,
    jpeg::{Jpeg, JpegSegment, markers},
    png::{Png, PngChunk},
    riff::{RiffChunk, RiffContent},
    webp::{self, WebP},
};

use super::{Kind, damaged, embedded::Embedded, xmp};
use crate::error::Result;

/// Names the photo in errors, as `render` does.
const NAME: &str = "photo";

/// The copy of `bytes` (a JPEG, PNG or WebP the library took) that an export
/// writes: its image data, its orientation, and only its caption, creator,
/// credit and copyright as metadata. Refused as [`super::inspect`] refuses.
///
/// A file whose structure the rewrite cannot keep as it is (stray bytes a
/// decoder skips between segments, and the like: found by fuzzing,
/// tests/core/fuzz_regressions.rs) is decoded and encoded again instead:
/// upright pixels with no metadata at all, and the credits put back.
pub fn protect(bytes: &[u8]) -> Result<Vec<u8>> {
    let (kind, mut decoder) = super::open(NAME, bytes)?;
    let orientation = decoder.orientation().map_err(|_| damaged(NAME, kind))?;
    let size = decoder.dimensions();
    let kept = Kept::of(&mut decoder);
    // The rewrite holds when the copy is a photo of the same size (a file
    // whose segments a decoder and the rewrite read apart, such as two
    // frame headers, can come out another image).
    let holds = |rebuilt: &[u8]| {
        super::open(NAME, rebuilt).is_ok_and(|(_, copy)| copy.dimensions() == size)
    };
    match rebuild(kind, bytes, orientation, &kept) {
        Ok(rebuilt) if holds(&rebuilt) => Ok(rebuilt),
        _ => {
            let (pixels, _) = super::render(bytes, None)?;
            protect_rendered(bytes, &pixels)
        }
    }
}

/// `rendered` (what [`super::render`] made of `original`: upright pixels and
/// no metadata at all) with the caption, creator, credit and copyright of
/// `original`, for the photos an `html-single` page inlines.
pub fn protect_rendered(original: &[u8], rendered: &[u8]) -> Result<Vec<u8>> {
    let (_, mut decoder) = super::open(NAME, original)?;
    let kept = Kept::of(&mut decoder);
    let (kind, _) = super::open(NAME, rendered)?;
    rebuild(kind, rendered, Orientation::NoTransforms, &kept)
}

/// What an exported photo keeps of the original's metadata.
#[derive(Debug, Default)]
struct Kept {
    caption: Option<String>,
    creator: Option<String>,
    credit: Option<String>,
    copyright: Option<String>,
}

impl Kept {
    /// Read as [`super::inspect`] reads caption and creator (XMP first, else
    /// IPTC); credit and copyright come from the XMP packet.
    fn of(decoder: &mut impl ImageDecoder) -> Kept {
        let (Embedded { caption, creator }, packet) = super::embedded(decoder);
        let rights = xmp::read_rights(&packet);
        Kept {
            caption,
            creator,
            credit: rights.credit,
            copyright: rights.copyright,
        }
    }

    fn is_empty(&self) -> bool {
        self.caption.is_none()
            && self.creator.is_none()
            && self.credit.is_none()
            && self.copyright.is_none()
    }
}

fn rebuild(kind: Kind, bytes: &[u8], orientation: Orientation, kept: &Kept) -> Result<Vec<u8>> {
    let exif = (orientation != Orientation::NoTransforms).then(|| orientation_tiff(orientation));
    let rebuilt = match kind {
        Kind::Jpeg => jpeg(bytes, exif, kept),
        Kind::Png => png(bytes, exif, kept),
        Kind::WebP => webp(bytes, exif, kept),
    };
    rebuilt.ok_or_else(|| damaged(NAME, kind))
}

// JPEG -----------------------------------------------------------------------

const JFIF: &[u8] = b"JFIF\0";
const ICC_PROFILE: &[u8] = b"ICC_PROFILE\0";
const ADOBE: &[u8] = b"Adobe";
const EXIF_PREFIX: &[u8] = b"Exif\0\0";
const XMP_PREFIX: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";
const PHOTOSHOP_PREFIX: &[u8] = b"Photoshop 3.0\0";
/// The most a segment holds after its length field.
const MAX_SEGMENT: usize = 65_533;

/// Segments up to the first scan are filtered; the scans themselves are kept
/// as they are up to the EOI marker, and whatever follows it (camera trailers,
/// the preview pictures of a multi-picture file, each with its own EXIF) is
/// dropped. (An APP or COM segment between two scans of a progressive JPEG,
/// which cameras and editing programs do not write, would stay.)
fn jpeg(bytes: &[u8], exif: Option<Vec<u8>>, kept: &Kept) -> Option<Vec<u8>> {
    let end = super::jpeg_end(bytes)?;
    let mut jpeg = Jpeg::from_bytes(Bytes::copy_from_slice(&bytes[..end])).ok()?;
    let mut segments: Vec<JpegSegment> = Vec::with_capacity(jpeg.segments().len() + 3);
    let mut fresh: Vec<JpegSegment> = Vec::new();
    if let Some(tiff) = exif {
        fresh.push(segment(markers::APP1, &[EXIF_PREFIX, &tiff]));
    }
    if !kept.is_empty() {
        let packet = xmp_packet(kept);
        if XMP_PREFIX.len() + packet.len() <= MAX_SEGMENT {
            fresh.push(segment(markers::APP1, &[XMP_PREFIX, packet.as_bytes()]));
        }
        let resources = photoshop_iptc(kept);
        if PHOTOSHOP_PREFIX.len() + resources.len() <= MAX_SEGMENT {
            fresh.push(segment(markers::APP13, &[PHOTOSHOP_PREFIX, &resources]));
        }
    }
    for old in jpeg.segments_mut().drain(..) {
        let contents = old.contents();
        match old.marker() {
            markers::APP0 if contents.starts_with(JFIF) && contents.len() >= 14 => {
                // Version, units and density; the thumbnail (its size in the
                // two bytes after, its pixels beyond) would show the frame
                // before cropping.
                segments.push(segment(markers::APP0, &[&contents[..12], &[0, 0]]));
            }
            markers::APP2 if contents.starts_with(ICC_PROFILE) => segments.push(old),
            markers::APP14 if contents.starts_with(ADOBE) => segments.push(old),
            markers::APP0..=markers::APP15 | markers::COM => {}
            _ => segments.push(old),
        }
    }
    // The fresh blocks go after JFIF's APP0, which must come first.
    let at = usize::from(
        segments
            .first()
            .is_some_and(|s| s.marker() == markers::APP0),
    );
    segments.splice(at..at, fresh);
    *jpeg.segments_mut() = segments;
    Some(jpeg.encoder().bytes().to_vec())
}

fn segment(marker: u8, parts: &[&[u8]]) -> JpegSegment {
    JpegSegment::new_with_contents(marker, Bytes::from(parts.concat()))
}

/// Photoshop image resources holding one IPTC-IIM block (resource 0x0404):
/// UTF-8 declared, then caption (2:120), by-line (2:80), credit (2:110) and
/// copyright notice (2:116), each cut to the length its dataset allows.
fn photoshop_iptc(kept: &Kept) -> Vec<u8> {
    let mut iim = Vec::new();
    let mut dataset = |record: u8, number: u8, data: &[u8]| {
        iim.extend_from_slice(&[0x1C, record, number]);
        iim.extend_from_slice(&u16::try_from(data.len()).unwrap_or(0).to_be_bytes());
        iim.extend_from_slice(data);
    };
    dataset(1, 90, b"\x1b%G");
    dataset(2, 0, &[0, 4]);
    let fields = [
        (120, &kept.caption, 2000),
        (80, &kept.creator, 32),
        (110, &kept.credit, 32),
        (116, &kept.copyright, 128),
    ];
    for (number, value, max) in fields {
        if let Some(value) = value {
            dataset(2, number, utf8_prefix(value, max).as_bytes());
        }
    }
    let mut resources = b"8BIM\x04\x04\0\0".to_vec();
    resources.extend_from_slice(&u32::try_from(iim.len()).unwrap_or(0).to_be_bytes());
    resources.extend_from_slice(&iim);
    if iim.len() % 2 == 1 {
        resources.push(0);
    }
    resources
}

/// The longest start of `text` of at most `max` bytes that ends between two
/// characters.
fn utf8_prefix(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

// PNG ------------------------------------------------------------------------

/// The chunks an exported PNG keeps: the critical ones, colour and density
/// (what decides how the pixels look), and APNG's frames. Text chunks (XMP,
/// "Raw profile" EXIF and IPTC), `eXIf`, `tIME`, C2PA and private chunks go.
const PNG_KEEP: [&[u8; 4]; 18] = [
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"cHRM", b"gAMA", b"iCCP", b"sBIT", b"sRGB",
    b"cICP", b"mDCv", b"cLLi", b"bKGD", b"pHYs", b"acTL", b"fcTL", b"fdAT",
];

fn png(bytes: &[u8], exif: Option<Vec<u8>>, kept: &Kept) -> Option<Vec<u8>> {
    let mut png = Png::from_bytes(Bytes::copy_from_slice(bytes)).ok()?;
    png.chunks_mut().retain(|c| PNG_KEEP.contains(&&c.kind()));
    // After IHDR, which must come first; eXIf must come before the image data.
    let mut fresh = Vec::new();
    if let Some(tiff) = exif {
        fresh.push(PngChunk::new(*b"eXIf", Bytes::from(tiff)));
    }
    if !kept.is_empty() {
        // iTXt: keyword, NUL, uncompressed (0, 0), no language, NUL, no
        // translated keyword, NUL, then the UTF-8 text.
        let mut itxt = b"XML:com.adobe.xmp\0\0\0\0\0".to_vec();
        itxt.extend_from_slice(xmp_packet(kept).as_bytes());
        fresh.push(PngChunk::new(*b"iTXt", Bytes::from(itxt)));
    }
    let at = png.chunks().len().min(1);
    png.chunks_mut().splice(at..at, fresh);
    Some(png.encoder().bytes().to_vec())
}

// WebP -----------------------------------------------------------------------

/// The chunks an exported WebP keeps: the bitstream, alpha, animation, the
/// ICC profile and the extended header (whose flags are set again below).
const WEBP_KEEP: [[u8; 4]; 7] = [
    webp::CHUNK_VP8X,
    webp::CHUNK_ICCP,
    webp::CHUNK_ANIM,
    webp::CHUNK_ANMF,
    webp::CHUNK_ALPH,
    webp::CHUNK_VP8,
    webp::CHUNK_VP8L,
];
/// The VP8X flags that say an EXIF and an XMP chunk are present.
const VP8X_EXIF: u8 = 0b0000_1000;
const VP8X_XMP: u8 = 0b0000_0100;

fn webp(bytes: &[u8], exif: Option<Vec<u8>>, kept: &Kept) -> Option<Vec<u8>> {
    // The image is the RIFF container, as long as its header says; what
    // follows it is no part of it (and is not sent), as after a JPEG's end.
    let size = u32::from_le_bytes(bytes.get(4..8)?.try_into().ok()?);
    let end = usize::try_from(size).ok()?.checked_add(8)?;
    let mut webp = WebP::from_bytes(Bytes::copy_from_slice(bytes.get(..end)?)).ok()?;
    webp.chunks_mut().retain(|c| WEBP_KEEP.contains(&c.id()));
    // Only the extended format (a VP8X header) can carry metadata; a simple
    // WebP had none to begin with, so it has none to keep.
    let Some(vp8x) = webp
        .chunks()
        .iter()
        .position(|c| c.id() == webp::CHUNK_VP8X)
    else {
        return Some(webp.encoder().bytes().to_vec());
    };
    let mut flags = 0;
    if let Some(tiff) = exif {
        let chunk = RiffContent::Data(Bytes::from(tiff));
        webp.chunks_mut()
            .push(RiffChunk::new(webp::CHUNK_EXIF, chunk));
        flags |= VP8X_EXIF;
    }
    if !kept.is_empty() {
        let chunk = RiffContent::Data(Bytes::from(xmp_packet(kept).into_bytes()));
        webp.chunks_mut()
            .push(RiffChunk::new(webp::CHUNK_XMP, chunk));
        flags |= VP8X_XMP;
    }
    let chunk = &mut webp.chunks_mut()[vp8x];
    let mut header = chunk.content().data()?.to_vec();
    let first = header.first_mut()?;
    *first = (*first & !(VP8X_EXIF | VP8X_XMP)) | flags;
    *chunk = RiffChunk::new(webp::CHUNK_VP8X, RiffContent::Data(Bytes::from(header)));
    Some(webp.encoder().bytes().to_vec())
}

// The blocks written fresh -----------------------------------------------------

/// A TIFF structure (as EXIF blocks hold) whose IFD0 has the orientation and
/// the four entries the EXIF standard requires beside it (72 dpi, centred
/// chroma: nothing about the photo), so that EXIF validators take it.
/// Big-endian: header, IFD0 at offset 8 with five entries (sorted by tag),
/// no next IFD, then the two resolutions' values.
fn orientation_tiff(orientation: Orientation) -> Vec<u8> {
    const SHORT: u16 = 3;
    const RATIONAL: u16 = 5;
    // After the 8-byte header, the entry count, five entries and the next-IFD offset.
    const VALUES_AT: u32 = 8 + 2 + 5 * 12 + 4;
    let mut tiff = b"MM\0\x2a\0\0\0\x08\0\x05".to_vec();
    let mut entry = |tag: u16, kind: u16, value: u32| {
        tiff.extend_from_slice(&tag.to_be_bytes());
        tiff.extend_from_slice(&kind.to_be_bytes());
        tiff.extend_from_slice(&1u32.to_be_bytes());
        // A SHORT sits in the first two bytes of the value field.
        let value = if kind == SHORT { value << 16 } else { value };
        tiff.extend_from_slice(&value.to_be_bytes());
    };
    entry(0x0112, SHORT, u32::from(orientation.to_exif()));
    entry(0x011A, RATIONAL, VALUES_AT);
    entry(0x011B, RATIONAL, VALUES_AT + 8);
    entry(0x0128, SHORT, 2);
    entry(0x0213, SHORT, 1);
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    for _ in 0..2 {
        tiff.extend_from_slice(&72u32.to_be_bytes());
        tiff.extend_from_slice(&1u32.to_be_bytes());
    }
    tiff
}

/// An XMP packet with only what an exported photo keeps.
fn xmp_packet(kept: &Kept) -> String {
    // Each property: its value, and the markup around it.
    let properties: [(&Option<String>, &str, &str); 4] = [
        (
            &kept.caption,
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">",
            "</rdf:li></rdf:Alt></dc:description>",
        ),
        (
            &kept.creator,
            "<dc:creator><rdf:Seq><rdf:li>",
            "</rdf:li></rdf:Seq></dc:creator>",
        ),
        (
            &kept.copyright,
            "<dc:rights><rdf:Alt><rdf:li xml:lang=\"x-default\">",
            "</rdf:li></rdf:Alt></dc:rights>",
        ),
        (&kept.credit, "<photoshop:Credit>", "</photoshop:Credit>"),
    ];
    let properties: String = properties
        .into_iter()
        .filter_map(|(value, open, close)| {
            let value = value.as_deref()?;
            Some(format!("   {open}{}{close}\n", escape(value)))
        })
        .collect();
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n \
         <rdf:RDF xmlns:rdf=\"{rdf}\">\n  \
         <rdf:Description rdf:about=\"\" xmlns:dc=\"{dc}\" xmlns:photoshop=\"{photoshop}\">\n\
         {properties}  \
         </rdf:Description>\n \
         </rdf:RDF>\n\
         </x:xmpmeta>\n\
         <?xpacket end=\"r\"?>",
        rdf = xmp::RDF,
        dc = xmp::DC,
        photoshop = xmp::PHOTOSHOP,
    )
}

/// Text as XML character data: the five markup characters escaped, and the
/// control characters XML 1.0 cannot hold left out.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}
