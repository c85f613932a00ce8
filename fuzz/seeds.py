#!/usr/bin/env python3
"""Builds the seed corpora of the fuzz targets in fuzz/corpus/<target>/.

    python3 fuzz/seeds.py [--byline target/debug/byline]

- render, front_matter: the sample articles (samples/**/*.md) and the small
  hand-made seeds in fuzz/seeds/<target>/ (links, photos, blocks; YAML forms);
- photo: the samples' photos (samples/**/media/*), the tests' photo fixtures,
  and the tiny JPEG/PNG/WebP seeds with EXIF, XMP and IPTC in fuzz/seeds/photo/
  (made by fuzz/make_photo_seeds.py);
- package: real packages: a fresh library (the sample articles) exported by
  `byline export ID --format package|handoff`, each as a zip (its photos
  swapped for a tiny one, the manifest to match) and unpacked into the
  package target's structured form (`BYLFUZZ`, flags, then
  `\\n@@ NAME\\nCONTENT` per file), in which the target rebuilds the zip with
  a manifest that matches whatever the fuzzer did to the files.

Files are named by the SHA-1 of their content, as libFuzzer names what it
adds, so running this again adds nothing twice and keeps what the fuzzer found.
The names written are listed in fuzz/corpus/.seeds-<target>; the seeds of the
previous run are removed first, so seeds that change from run to run (the
exported packages carry new ids each time) do not pile up.
"""

import argparse
import hashlib
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FUZZ = ROOT / "fuzz"
CORPUS = FUZZ / "corpus"

# Structured package flags (fuzz_targets/package.rs): make the manifest, deflate.
STRUCTURED_FLAGS = 0x01 | 0x02


def forget_previous_seeds():
    for listing in CORPUS.glob(".seeds-*"):
        folder = CORPUS / listing.name.removeprefix(".seeds-")
        for name in listing.read_text().split():
            (folder / name).unlink(missing_ok=True)
        listing.unlink()


def add(target, data):
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    (folder / name).write_bytes(data)
    with open(CORPUS / f".seeds-{target}", "a") as listing:
        listing.write(name + "\n")


def files(pattern_root, *patterns):
    out = []
    for pattern in patterns:
        out += sorted(p for p in pattern_root.glob(pattern) if p.is_file())
    return out


def structured(zip_bytes, photo):
    """The package target's structured form of a zip: every file, the
    manifest included (its ids are kept; its list is remade by the target).
    The photos are replaced by `photo`, a tiny one, under their own names:
    the reader checks a media file against the manifest, not its name, and
    small inputs fuzz faster."""
    out = bytearray(b"BYLFUZZ" + bytes([STRUCTURED_FLAGS]))
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as z:
        for info in z.infolist():
            if info.is_dir():
                continue
            content = photo if info.filename.startswith("media/") else z.read(info)
            out += b"\n@@ " + info.filename.encode() + b"\n" + content
    return bytes(out)


def shrunk(zip_bytes, photo):
    """A real package with each photo replaced by `photo` (under its own
    name, the manifest's size and SHA-256 made to match): the same package
    to the reader, a fraction of the size to the fuzzer."""
    src = zipfile.ZipFile(io.BytesIO(zip_bytes))
    names = [i.filename for i in src.infolist()]
    if not any(n.startswith("media/") and not n.endswith("/") for n in names):
        return zip_bytes
    manifest = json.loads(src.read("manifest.json"))
    for listed in manifest["files"]:
        if listed["path"].startswith("media/"):
            listed["size"] = len(photo)
            listed["sha256"] = hashlib.sha256(photo).hexdigest()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            if info.filename == "manifest.json":
                content = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
            elif info.filename.startswith("media/") and not info.is_dir():
                content = photo
            else:
                content = src.read(info)
            z.writestr(info.filename, content)
    return out.getvalue()


def packages(byline):
    """Real packages from a fresh library holding the sample articles."""
    made = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        library = tmp / "library.sqlite"
        run = lambda *args: subprocess.run(  # noqa: E731
            [str(byline), "--library", str(library), "--as", "Fuzz", "--role", "editor", *args],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        articles = json.loads(run("list", "--json"))
        if not articles:
            sys.exit("seeds.py: the fresh library has no sample articles")
        for article in articles:
            for fmt in ("package", "handoff"):
                out = tmp / f"{article['id']}-{fmt}.zip"
                run("export", article["id"], "--format", fmt, "--out", str(out))
                made.append(out.read_bytes())
    return made


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--byline", default=str(ROOT / "target" / "debug" / "byline"))
    args = parser.parse_args()

    byline = Path(args.byline)
    if not byline.exists():
        sys.exit(f"seeds.py: {byline} is missing: cargo build -p byline-cli first")
    CORPUS.mkdir(parents=True, exist_ok=True)
    forget_previous_seeds()
    counts = {}

    def seed(target, data):
        add(target, data)
        counts[target] = counts.get(target, 0) + 1

    articles = files(ROOT / "samples", "**/*.md")
    for target in ("render", "front_matter"):
        for path in articles + files(FUZZ / "seeds" / target, "*"):
            seed(target, path.read_bytes())

    photos = files(ROOT / "samples", "**/media/*")
    fixtures = ROOT / "crates" / "byline-core" / "tests" / "core" / "fixtures"
    photos += files(fixtures, "*.jpg", "*.png", "*.webp", "fuzz/*.webp")
    photos += files(FUZZ / "seeds" / "photo", "*")
    for path in photos:
        seed("photo", path.read_bytes())

    tiny_photo = (FUZZ / "seeds" / "photo" / "meta.jpg").read_bytes()
    for zip_bytes in packages(byline):
        seed("package", shrunk(zip_bytes, tiny_photo))
        seed("package", structured(zip_bytes, tiny_photo))

    for target, total in sorted(counts.items()):
        print(f"fuzz/corpus/{target}: {total} seeds")


if __name__ == "__main__":
    main()
