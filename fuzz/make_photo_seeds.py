#!/usr/bin/env python3
"""Makes the tiny photo seeds committed in fuzz/seeds/photo/ (run once, by hand;
`make fuzz` only copies them). Needs ImageMagick's `convert` for the pixels;
the metadata is written here byte by byte, so that each seed carries what
photo.rs reads: EXIF orientation, XMP (dc:description, dc:creator) and IPTC
(2:120, 2:80) in each container's own way. Each seed is a few hundred bytes:
libFuzzer mutates small inputs much faster than the 80 KB sample photos.

    python3 fuzz/make_photo_seeds.py
"""

import struct
import subprocess
import tempfile
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parent / "seeds" / "photo"

XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF'
    ' xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/">'
    '<dc:description><rdf:Alt><rdf:li xml:lang="x-default">Hội nghị</rdf:li>'
    '<rdf:li xml:lang="en">Meeting</rdf:li></rdf:Alt></dc:description>'
    "<dc:creator><rdf:Seq><rdf:li>Lê Văn A</rdf:li><rdf:li>B</rdf:li></rdf:Seq>"
    "</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>"
).encode()

# The same, in the attribute form, for the WebP seed.
XMP_ATTR = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF'
    ' xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"'
    ' dc:description="Cảng" dc:creator="C"/></rdf:RDF></x:xmpmeta>'
).encode()


def dataset(record, number, data):
    return bytes([0x1C, record, number]) + struct.pack(">H", len(data)) + data


IIM = (
    dataset(1, 90, b"\x1b%G")
    + dataset(2, 120, "Chú thích".encode())
    + dataset(2, 80, "Phóng viên".encode())
    + dataset(2, 80, b"Tr\xe1n")  # Latin-1 would be wrong here: declared UTF-8.
)


def photoshop(iim):
    """Photoshop image resources: 8BIM, id 0x0404, empty name, size, data."""
    data = iim + (b"\0" if len(iim) % 2 else b"")
    return b"Photoshop 3.0\0" + b"8BIM" + struct.pack(">HHI", 0x0404, 0, len(iim)) + data


def exif(orientation):
    """A big-endian TIFF header with one IFD entry: Orientation."""
    ifd = struct.pack(">H", 1) + struct.pack(">HHIHH", 0x0112, 3, 1, orientation, 0)
    return b"MM\0*" + struct.pack(">I", 8) + ifd + struct.pack(">I", 0)


def convert(args, suffix):
    with tempfile.TemporaryDirectory() as d:
        out = Path(d) / ("x." + suffix)
        subprocess.run(["convert", *args, "-strip", str(out)], check=True)
        return out.read_bytes()


def jpeg_segment(marker, payload):
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def with_jpeg_metadata(jpeg):
    assert jpeg[:2] == b"\xff\xd8"
    segments = (
        jpeg_segment(0xE1, b"Exif\0\0" + exif(6))
        + jpeg_segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0" + XMP)
        + jpeg_segment(0xED, photoshop(IIM))
    )
    return jpeg[:2] + segments + jpeg[2:]


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def with_png_metadata(png):
    # After IHDR (8-byte signature, then the 25-byte IHDR chunk).
    at = 8 + 25
    hex_iim = IIM.hex()
    raw = f"\niptc\n{len(IIM):8d}\n{hex_iim}\n".encode()
    chunks = (
        png_chunk(b"eXIf", exif(8))
        + png_chunk(b"iTXt", b"XML:com.adobe.xmp\0\0\0\0\0" + XMP)
        + png_chunk(b"zTXt", b"Raw profile type iptc\0\0" + zlib.compress(raw))
    )
    return png[:at] + chunks + png[at:]


def riff_chunk(kind, data):
    return kind + struct.pack("<I", len(data)) + data + (b"\0" if len(data) % 2 else b"")


def with_webp_metadata(webp, width, height):
    assert webp[:4] == b"RIFF" and webp[8:12] == b"WEBP"
    image = webp[12:]  # the VP8 or VP8L chunk
    flags = 0x08 | 0x04  # EXIF, XMP
    vp8x = struct.pack("<I", flags) + (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    body = b"WEBP" + riff_chunk(b"VP8X", vp8x) + image + riff_chunk(b"EXIF", exif(6)) + riff_chunk(b"XMP ", XMP_ATTR)
    return b"RIFF" + struct.pack("<I", len(body)) + body


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    grad = ["-size", "8x6", "gradient:red-blue"]
    seeds = {
        "meta.jpg": with_jpeg_metadata(convert([*grad, "-quality", "50"], "jpg")),
        "progressive.jpg": convert([*grad, "-interlace", "JPEG", "-quality", "50"], "jpg"),
        "gray.jpg": convert([*grad, "-colorspace", "Gray", "-quality", "50"], "jpg"),
        "meta.png": with_png_metadata(convert(grad, "png")),
        "alpha-interlaced.png": convert([*grad, "-alpha", "set", "-channel", "A", "-evaluate", "set", "50%", "-interlace", "PNG"], "png"),
        "palette.png": convert([*grad, "-colors", "4"], "png8"),
        "lossless.webp": convert([*grad, "-define", "webp:lossless=true"], "webp"),
        "meta.webp": with_webp_metadata(convert([*grad, "-quality", "50"], "webp"), 8, 6),
    }
    for name, data in seeds.items():
        (OUT / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
