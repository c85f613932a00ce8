//! Photos: check one before Byline takes it ([`inspect`]), make the copy that is
//! shown and inlined ([`render`]), and the copy an export writes, without what
//! could locate a source ([`protect`]).
//!
//! Dependencies added for this module:
//! - `image` (0.25, only the jpeg, png and webp codecs): pure-Rust decoders and
//!   encoders for exactly the three formats we take, plus EXIF orientation, XMP and
//!   IPTC extraction and resizing — one well-kept crate instead of three codecs.
//! - `roxmltree`: a small, read-only XML parser with no unsafe code, for the XMP
//!   packet (caption and creator); it refuses DTDs, so no entity expansion attacks.
//! - `sha2`: SHA-256 for the content address of a photo (RustCrypto, already in the
//!   lock file through other crates).
//!
//! What `inspect` decodes: the size is checked first, then the format is recognised
//! from the first bytes, then the container is walked to its end marker (JPEG
//! segments and entropy-coded data up to EOI, PNG chunks up to IEND, the WebP RIFF
//! length and its chunks) so that a file cut short in a copy or download, or a
//! chunk that claims more than the file holds, is refused, then the
//! decoder reads the headers (dimensions, EXIF orientation, XMP, IPTC). Pixels are
//! not decoded: that walk is a single pass over the bytes with no allocation, while a
//! full decode of a 50 MB photo takes a second and a few hundred MB. Damage inside the
//! compressed pixel data itself is found only by [`render`].

mod embedded;
mod iptc;
mod protect;
mod xmp;

pub use protect::{protect, protect_rendered};

use std::io::Cursor;

use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use sha2::{Digest, Sha256};

use embedded::Embedded;

use crate::{
    error::{CoreError, Message, Result},
    msg,
};

/// Largest photo Byline takes.
pub const MAX_PHOTO_BYTES: usize = 50 * 1024 * 1024;

/// Most pixels a photo may have. A 60 MP camera photo (9504 × 6336) is half
/// of it and a 100 MP medium-format one (11648 × 8736) fits; a decompression
/// bomb (a PNG of 30000 × 30000 zeros is under 1 MB) does not.
pub const MAX_PIXELS: u64 = 120_000_000;

/// Most memory a photo may take once decoded. A 60 MP photo takes 180 MB
/// as 8-bit RGB (every JPEG) and 480 MB as a 16-bit RGBA PNG; 120 MP of
/// 8-bit RGBA take 480 MB. The decoder is held to it too.
pub const MAX_DECODED_BYTES: u64 = 512 * 1024 * 1024;

/// Longest side a photo may have: the most a JPEG can have (a WebP has at
/// most 16383); only a PNG could claim more, and no camera makes one.
pub const MAX_SIDE: u32 = 65_535;

/// JPEG quality of [`render`]'s output.
const JPEG_QUALITY: u8 = 85;

/// What [`inspect`] found in a photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoInfo {
    /// Lowercase hex SHA-256 of the file bytes: the photo's content address.
    pub sha256: String,
    /// `"image/jpeg"`, `"image/png"` or `"image/webp"`.
    pub mime: &'static str,
    /// Width as displayed, after the EXIF orientation (a photo stored portrait with
    /// orientation 6 or 8 is as wide as its stored height).
    pub width: u32,
    /// Height as displayed, after the EXIF orientation.
    pub height: u32,
    /// Size of the file in bytes.
    pub byte_len: usize,
    /// Embedded caption: XMP `dc:description` first, else IPTC 2:120 Caption-Abstract.
    pub caption: Option<String>,
    /// Embedded creator: XMP `dc:creator` (items joined with ", ") first, else IPTC
    /// 2:80 By-line (repeated datasets joined with ", ").
    pub creator: Option<String>,
}

/// Checks and describes a photo. `name` (the file name as the user knows it) names
/// the file in errors. Refuses a file larger than [`MAX_PHOTO_BYTES`] (checked before
/// anything is decoded), anything that is not a JPEG, PNG or WebP image, and a JPEG,
/// PNG or WebP that is cut short or whose headers are damaged. All returned text is
/// NFC, trimmed, and `None` when empty.
///
/// Refuses, from the headers alone, a photo of more than [`MAX_PIXELS`]
/// pixels, more than [`MAX_SIDE`] on a side, or more than
/// [`MAX_DECODED_BYTES`] once decoded.
pub fn inspect(name: &str, bytes: &[u8]) -> Result<PhotoInfo> {
    let (kind, mut decoder) = open(name, bytes)?;

    let (stored_width, stored_height) = decoder.dimensions();
    let orientation = decoder.orientation().map_err(|_| damaged(name, kind))?;
    let (width, height) = if swaps_axes(orientation) {
        (stored_height, stored_width)
    } else {
        (stored_width, stored_height)
    };

    let (embedded, _) = embedded(&mut decoder);

    Ok(PhotoInfo {
        sha256: sha256_hex(bytes),
        mime: kind.mime(),
        width,
        height,
        byte_len: bytes.len(),
        caption: embedded.caption,
        creator: embedded.creator,
    })
}

/// Caption and creator from the headers `decoder` read: XMP first, else IPTC;
/// and the XMP packet (empty when none), for what else is read from it.
/// Metadata that cannot be read is no caption, never a refusal: the pixels
/// are fine.
fn embedded(decoder: &mut impl ImageDecoder) -> (Embedded, Vec<u8>) {
    let packet = decoder.xmp_metadata().ok().flatten().unwrap_or_default();
    let xmp = xmp::read(&packet);
    let iptc = decoder
        .iptc_metadata()
        .ok()
        .flatten()
        .map(|block| iptc::read(&block))
        .unwrap_or_default();
    let embedded = Embedded {
        caption: xmp.caption.or(iptc.caption),
        creator: xmp.creator.or(iptc.creator),
    };
    (embedded, packet)
}

/// The photo as it should be displayed: decoded, EXIF orientation applied, scaled
/// down (never up) to at most `max_width` pixels wide when given (keeping the aspect
/// ratio), and encoded as JPEG (quality 85), or as PNG when the source is a PNG or
/// WebP with an alpha channel. Returns `(bytes, mime)`. Errors name the file "photo".
pub fn render(bytes: &[u8], max_width: Option<u32>) -> Result<(Vec<u8>, &'static str)> {
    const NAME: &str = "photo";
    let (kind, mut decoder) = open(NAME, bytes)?;
    let orientation = decoder.orientation().map_err(|_| damaged(NAME, kind))?;
    // `open` checked the size; the image itself is held to the same budget
    // (as ImageReader::decode does: from_decoder alone would not).
    let too_big = || {
        photo_error(
            NAME,
            msg!(
                "photoTooLargeToDecode",
                limit = megabytes(MAX_DECODED_BYTES)
            ),
        )
    };
    decode_limits()
        .reserve(decoder.total_bytes())
        .map_err(|_| too_big())?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| match e {
        image::ImageError::Limits(_) => too_big(),
        _ => damaged(NAME, kind),
    })?;
    image.apply_orientation(orientation);

    // A max_width of 0 is read as 1: there is no empty image to give.
    if let Some(max_width) = max_width.map(|w| w.max(1))
        && image.width() > max_width
    {
        let height = scaled_height(image.width(), image.height(), max_width);
        image = image.resize_exact(max_width, height, image::imageops::FilterType::CatmullRom);
    }

    let mut out = Vec::new();
    let encoded = if kind != Kind::Jpeg && image.color().has_alpha() {
        image
            .to_rgba8()
            .write_with_encoder(image::codecs::png::PngEncoder::new(&mut out))
            .map(|()| "image/png")
    } else {
        image
            .to_rgb8()
            .write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
                &mut out,
                JPEG_QUALITY,
            ))
            .map(|()| "image/jpeg")
    };
    let mime =
        encoded.map_err(|e| photo_error(NAME, msg!("photoEncodeFailed", error = e.to_string())))?;
    Ok((out, mime))
}

/// The three formats Byline takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Jpeg,
    Png,
    WebP,
}

impl Kind {
    /// What the first bytes say the photo is.
    fn of(bytes: &[u8]) -> Option<Kind> {
        match image::guess_format(bytes) {
            Ok(ImageFormat::Jpeg) => Some(Kind::Jpeg),
            Ok(ImageFormat::Png) => Some(Kind::Png),
            Ok(ImageFormat::WebP) => Some(Kind::WebP),
            _ => None,
        }
    }

    fn mime(self) -> &'static str {
        match self {
            Kind::Jpeg => "image/jpeg",
            Kind::Png => "image/png",
            Kind::WebP => "image/webp",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Kind::Jpeg => "JPEG",
            Kind::Png => "PNG",
            Kind::WebP => "WebP",
        }
    }
}

/// Refuses a photo of `len` bytes when it is over [`MAX_PHOTO_BYTES`]; lets a
/// caller refuse a file on disk before reading it.
pub fn check_size(name: &str, len: u64) -> Result<()> {
    match usize::try_from(len) {
        Ok(len) if len <= MAX_PHOTO_BYTES => Ok(()),
        _ => Err(photo_error(
            name,
            msg!(
                "photoTooLarge",
                size = megabytes(len),
                max = MAX_PHOTO_BYTES / MIB
            ),
        )),
    }
}

/// The MIME type the first bytes of a photo say, for a JPEG, PNG or WebP;
/// nothing is checked beyond them.
pub fn mime_of(bytes: &[u8]) -> Option<&'static str> {
    Kind::of(bytes).map(Kind::mime)
}

/// Size check, format check, completeness check, then a decoder that has read the
/// headers. Nothing is decoded before the size is known to be acceptable.
fn open<'a>(name: &str, bytes: &'a [u8]) -> Result<(Kind, impl ImageDecoder + 'a)> {
    check_size(name, bytes.len() as u64)?;
    let not_an_image = || photo_error(name, msg!("photoNotImage"));
    let kind = Kind::of(bytes).ok_or_else(not_an_image)?;
    let complete = match kind {
        Kind::Jpeg => jpeg_is_complete(bytes),
        Kind::Png => png_is_complete(bytes),
        Kind::WebP => webp_is_complete(bytes),
    };
    if !complete {
        return Err(damaged(name, kind));
    }
    let format = match kind {
        Kind::Jpeg => ImageFormat::Jpeg,
        Kind::Png => ImageFormat::Png,
        Kind::WebP => ImageFormat::WebP,
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    // The dimensions are checked below, where the message can say them; the
    // decoder's own buffers (PNG's) are held to the budget from the start.
    let mut limits = decode_limits();
    limits.max_image_width = None;
    limits.max_image_height = None;
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| damaged(name, kind))?;
    check_dimensions(name, decoder.dimensions(), decoder.total_bytes())?;
    // From here the decoder enforces the limits itself.
    decoder
        .set_limits(decode_limits())
        .map_err(|_| damaged(name, kind))?;
    Ok((kind, decoder))
}

/// What every decode is held to: [`MAX_SIDE`] and [`MAX_DECODED_BYTES`].
fn decode_limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODED_BYTES);
    limits
}

/// Refuses a photo whose header declares more pixels, a longer side or
/// more decoded bytes than Byline opens, saying which and the limit.
fn check_dimensions(name: &str, (width, height): (u32, u32), decoded: u64) -> Result<()> {
    let pixels = u64::from(width) * u64::from(height);
    let problem = if pixels > MAX_PIXELS {
        msg!(
            "photoTooManyPixels",
            width,
            height,
            megapixels = format!("{:.1}", pixels as f64 / 1e6),
            max = MAX_PIXELS / 1_000_000
        )
    } else if width.max(height) > MAX_SIDE {
        msg!("photoSideTooLong", width, height, max = MAX_SIDE)
    } else if decoded > MAX_DECODED_BYTES {
        msg!(
            "photoDecodedTooLarge",
            width,
            height,
            decoded = megabytes(decoded),
            limit = megabytes(MAX_DECODED_BYTES)
        )
    } else {
        return Ok(());
    };
    Err(photo_error(name, problem))
}

const MIB: usize = 1024 * 1024;

/// "63.2 MB", rounded up to the tenth so that a file just over the limit never reads
/// as "50.0 MB".
fn megabytes(len: u64) -> String {
    let tenths = len.saturating_mul(10).div_ceil(MIB as u64);
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

fn photo_error(name: &str, message: Message) -> CoreError {
    CoreError::Photo {
        file: name.to_owned(),
        message,
    }
}

fn damaged(name: &str, kind: Kind) -> CoreError {
    photo_error(name, msg!("photoDamaged", format = kind.label()))
}

/// Orientations 5 to 8 turn the photo a quarter: width and height trade places.
fn swaps_axes(orientation: Orientation) -> bool {
    matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

/// The height that keeps the aspect ratio at `new_width`, rounded, at least 1.
fn scaled_height(width: u32, height: u32, new_width: u32) -> u32 {
    let scaled =
        (u64::from(height) * u64::from(new_width) + u64::from(width) / 2) / u64::from(width);
    u32::try_from(scaled).unwrap_or(u32::MAX).max(1)
}

/// The SHA-256 of `bytes` in lowercase hex: how the library names a photo.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// JPEG: the segments from SOI, then the entropy-coded data of each scan, must
/// reach an EOI marker. Bytes after EOI (camera trailers) are allowed.
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    jpeg_end(bytes).is_some()
}

/// Where the image of a JPEG ends: just after its EOI marker, found by walking
/// the segments and the entropy-coded data; `None` when it is never reached.
/// What follows (camera trailers, the other pictures of a multi-picture file)
/// is not part of the image.
fn jpeg_end(bytes: &[u8]) -> Option<usize> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut i = 2;
    loop {
        // Stray bytes between segments are tolerated, as decoders do.
        while bytes.get(i).is_some_and(|&b| b != 0xFF) {
            i += 1;
        }
        // Any number of 0xFF fill bytes precede a marker.
        while bytes.get(i) == Some(&0xFF) {
            i += 1;
        }
        let &marker = bytes.get(i)?;
        i += 1;
        match marker {
            0xD9 => return Some(i),
            // Markers without a length: TEM, RST0..7, and a stray SOI.
            0x01 | 0xD0..=0xD8 => continue,
            // No marker at all, or a reserved one: damage. A decoder that
            // skips it reads the image, but what it skipped over is read as
            // segments by the export's metadata cleaning, which then cannot
            // write the photo (found by fuzzing: tests/core/fuzz_regressions.rs).
            0x00 | 0x02..=0xBF => return None,
            _ => {}
        }
        let length = bytes.get(i..i + 2)?;
        let length = usize::from(u16::from_be_bytes([length[0], length[1]]));
        if length < 2 || i + length > bytes.len() {
            return None;
        }
        i += length;
        if marker == 0xDA {
            // Entropy-coded data: 0xFF is followed by 0x00 (a stuffed byte) or a
            // restart marker; anything else is the next marker.
            loop {
                while bytes.get(i).is_some_and(|&b| b != 0xFF) {
                    i += 1;
                }
                match bytes.get(i + 1) {
                    None => return None,
                    Some(0x00 | 0xD0..=0xD7) => i += 2,
                    Some(_) => break,
                }
            }
        }
    }
}

/// PNG: the chunks after the signature must fit in the file up to IEND,
/// each with the CRC it carries. The decoder forgives a wrong CRC in a chunk
/// it does not read for the headers; the export's metadata cleaning
/// (`protect`) rewrites every chunk and does not, so a photo taken here
/// could not be exported (found by fuzzing: tests/core/fuzz_regressions.rs).
fn png_is_complete(bytes: &[u8]) -> bool {
    let mut i = 8;
    while let Some(header) = bytes.get(i..i + 8) {
        let length = u32::from_be_bytes([header[0], header[1], header[2], header[3]]);
        let Some(end) = usize::try_from(length)
            .ok()
            .and_then(|length| i.checked_add(12)?.checked_add(length))
        else {
            return false;
        };
        if end > bytes.len() {
            return false;
        }
        let (kind_and_data, crc) = bytes[i + 4..end].split_at(end - i - 8);
        if crc32fast::hash(kind_and_data).to_be_bytes() != crc {
            return false;
        }
        if &header[4..8] == b"IEND" {
            return true;
        }
        i = end;
    }
    false
}

/// WebP: the RIFF container must be as long as its header says, and each of
/// its chunks must fit in it. The decoder allocates what a chunk's header
/// claims before reading it (the XMP and EXIF chunks), so a chunk claiming
/// 4 GiB in a file of a few hundred bytes would be a 4 GiB allocation (found
/// by fuzzing: tests/core/fuzz_regressions.rs).
fn webp_is_complete(bytes: &[u8]) -> bool {
    let Some(size) = bytes.get(4..8) else {
        return false;
    };
    let size = u32::from_le_bytes([size[0], size[1], size[2], size[3]]);
    let Some(end) = usize::try_from(size)
        .ok()
        .and_then(|size| size.checked_add(8))
        .filter(|&end| end <= bytes.len())
    else {
        return false;
    };
    // The chunks follow "RIFF", the size and "WEBP"; each is a four-letter
    // name, a 32-bit length and the data, padded to an even length.
    let mut i = 12;
    while let Some(header) = bytes.get(i..i + 8).filter(|_| i + 8 <= end) {
        let length = u32::from_le_bytes([header[4], header[5], header[6], header[7]]);
        let Some(data_end) = usize::try_from(length)
            .ok()
            .and_then(|length| (i + 8).checked_add(length))
        else {
            return false;
        };
        if data_end > end {
            return false;
        }
        i = data_end + (length % 2) as usize;
    }
    // Nothing but chunks: a few bytes too short to be one are damage (the
    // decoder skips them; the export's metadata cleaning cannot, found by
    // fuzzing: tests/core/fuzz_regressions.rs). A last chunk's missing pad
    // byte is forgiven.
    i >= end
}

/// Reads a photo file from disk ([`crate::bounded_file`]): a regular file
/// of at most [`MAX_PHOTO_BYTES`], its size checked before it is read.
pub fn read_file(path: &std::path::Path) -> Result<Vec<u8>> {
    use crate::bounded_file::{self, Refusal};
    let name = path.display().to_string();
    bounded_file::read(path, MAX_PHOTO_BYTES as u64).map_err(|e| match e {
        Refusal::NotRegular => photo_error(&name, msg!("photoNotRegular")),
        Refusal::TooLarge(len) => check_size(&name, len)
            .err()
            .unwrap_or_else(|| photo_error(&name, msg!("photoGrew"))),
        Refusal::Io(e) => CoreError::io(path, e),
    })
}
