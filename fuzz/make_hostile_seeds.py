#!/usr/bin/env python3
"""Makes the hostile seeds committed in fuzz/seeds/package/ and
fuzz/seeds/photo/ (run once, by hand; only the standard library): the shapes
of issue 13 that once exhausted memory or the stack, each a few KB, which
Byline now refuses or reads safely. The CLI tests import them too
(crates/byline-cli/tests/cli/hostile.rs).

    python3 fuzz/make_hostile_seeds.py

- photo/bomb-30000.png: a PNG whose header claims 30000 x 30000 pixels
  (900 MB once decoded) with only its first rows of pixel data; the whole
  bomb, 875 KB of zeros deflated, is built by the core tests instead;
- photo/iptc-deep.png: a 16 x 16 PNG whose IPTC text chunk repeats the
  "Photoshop 3.0" header 140,000 times (3 KB deflated): the IPTC reader once
  recursed once per copy and overflowed the stack;
- package/article-newlines.zip: a package, valid but for its size, whose
  article.md is 4 MiB of newlines (twice what an article.md may be; the
  200 MiB original took 3.7 GB to read);
- package/photo-bomb.zip: a package whose one photo is bomb-30000.png.
"""

import hashlib
import json
import struct
import zipfile
import zlib
from pathlib import Path

SEEDS = Path(__file__).resolve().parent / "seeds"
ARTICLE_ID = "0193a5e2-7c41-7b1e-9a0f-3c5d2e8b1a47"


def chunk(kind, data):
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def png(width, height, rows, extra=b""):
    """An 8-bit grey PNG of `width` x `height` whose pixel data holds only
    its first `rows` rows of zeros."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    data = zlib.compress(b"\0" * ((width + 1) * rows), 9)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + extra
        + chunk(b"IDAT", data)
        + chunk(b"IEND", b"")
    )


def package(files):
    """A Byline package of `files` with a manifest that lists each truly."""
    listed = sorted(
        (
            {"path": path, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for path, data in files.items()
        ),
        key=lambda f: f["path"],
    )
    manifest = {
        "format": "byline-package",
        "format_version": 1,
        "app_version": "0.1.0",
        "article_id": ARTICLE_ID,
        "revision": "r1",
        "base_revision": None,
        "files": listed,
    }
    out = __import__("io").BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("manifest.json", json.dumps(manifest, indent=2))
        for path, data in files.items():
            z.writestr(path, data)
    return out.getvalue()


def article(headline, photos=""):
    return f"---\nid: {ARTICLE_ID}\nheadline: {headline}\n{photos}---\n\nThân bài.\n".encode()


def main():
    bomb = png(30000, 30000, rows=2)
    deep = png(
        16,
        16,
        rows=16,
        extra=chunk(
            b"zTXt",
            b"Raw profile type iptc\0\0" + zlib.compress(b"Photoshop 3.0\0" * 140_000, 9),
        ),
    )
    ninjs = json.dumps({"uri": f"urn:byline:{ARTICLE_ID}"}).encode()
    bomb_path = f"media/{hashlib.sha256(bomb).hexdigest()}.png"
    seeds = {
        "photo/bomb-30000.png": bomb,
        "photo/iptc-deep.png": deep,
        "package/article-newlines.zip": package(
            {
                "article.md": article("Bài toàn dòng trống") + b"\n" * (4 << 20),
                "article.ninjs.json": ninjs,
            }
        ),
        "package/photo-bomb.zip": package(
            {
                "article.md": article(
                    "Ảnh bom",
                    f"photos:\n  - file: media/bom.png\n    path: {bomb_path}\n    alt: Bom\n",
                ),
                "article.ninjs.json": ninjs,
                bomb_path: bomb,
            }
        ),
    }
    for name, data in seeds.items():
        path = SEEDS / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"fuzz/seeds/{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
