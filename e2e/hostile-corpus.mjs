// The hostile-text corpus and the article files that carry it, shared by
// hostile-preview.test.mjs (the app) and hostile-exports.test.mjs (the
// exports in Chromium).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

/**
 * [{name, text, remoteImage?}]: `remoteImage` is the web address a vector
 * names as a body image, which a page shows as a link to it and never loads.
 */
export const vectors = JSON.parse(readFileSync(path.join(import.meta.dirname, 'hostile-vectors.json'), 'utf8'));
export const slugOf = (i) => `hv-${String(i).padStart(3, '0')}`;
export const markerOf = (i) => `Vectơ ${slugOf(i)}.`;
/** The photo every article places; one vector names it (`media/anh.png`) in an inline image. */
export const PHOTO = 'media/anh.png';

/** A small solid PNG, so that every article can place a photo (small: html-single re-encodes photos). */
export function png(width, height) {
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([head, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x5a)]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array(height).fill(row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * The article file for vector `i`: the vector in every text field. Values are
 * written as JSON strings, which YAML reads as double-quoted scalars, so the
 * vector is the value whatever it holds. The body starts with a marker and
 * the photo, then the vector, so a vector that swallows what follows it (an
 * unclosed code fence) swallows nothing else. Each article relates to the one
 * before, whose headline and sapo then show under "Tin liên quan".
 */
export function articleFile({ text }, i) {
  const q = JSON.stringify;
  return [
    '---',
    `headline: ${q(text)}`,
    `sapo: ${q(text)}`,
    `byline: ${q(text)}`,
    'authors:',
    `  - name: ${q(text)}`,
    '    role: reporter',
    `keywords: [${q(text)}]`,
    `category: ${q(text)}`,
    `slug: ${slugOf(i)}`,
    'published_at: 2024-05-06T07:08:09+07:00',
    `editor_note: ${q(text)}`,
    'photos:',
    `  - file: ${PHOTO}`,
    `    caption: ${q(text)}`,
    `    credit: ${q(text)}`,
    `    alt: ${q(text)}`,
    '    featured: true',
    ...(i > 0 ? [`related: [${slugOf(i - 1)}]`] : []),
    '---',
    '',
    markerOf(i),
    '',
    `![ảnh](${PHOTO})`,
    '',
    text,
    '',
  ].join('\n');
}
