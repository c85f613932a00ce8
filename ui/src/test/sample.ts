// Test-only: a small newsroom library, the articles most UI tests start from.
import type { AddedPhoto, Article } from '../ipc';
import { article } from './backend';

/** Four articles, newest first: a full one, an untitled one, two about a storm. */
export function newsroomSample(): Article[] {
  return [
    article({
      id: 'a1',
      headline: 'Giá xăng giảm lần thứ ba',
      sapo: 'Từ 15h chiều nay, giá xăng giảm.',
      body: 'Đoạn **một**.',
      byline: 'Duy Huy',
      keywords: ['xăng', 'giá cả'],
      category: 'Kinh tế',
      slug: 'gia-xang-giam-lan-thu-ba',
      updated_at: '2026-11-27T13:15:00Z',
    }),
    article({ id: 'a2', headline: '', updated_at: '2026-11-26T01:05:00Z' }),
    article({
      id: 'a3',
      headline: 'Bão số 9 đổ bộ',
      sapo: 'Chiều nay bão số 9 đổ bộ vào đất liền các tỉnh miền Trung.',
      slug: 'bao-so-9-do-bo',
      updated_at: '2026-11-25T08:00:00Z',
    }),
    article({
      id: 'a4',
      headline: 'Bão tan, miền Trung khắc phục hậu quả',
      slug: 'bao-tan',
      updated_at: '2026-11-24T08:00:00Z',
    }),
  ];
}

/** A photo as the backend stores it, with the caption and creator embedded in it. */
export const FLOOD_PHOTO: AddedPhoto = {
  sha256: 'ab'.repeat(32),
  file: 'abababab.jpg',
  width: 1200,
  height: 800,
  mime: 'image/jpeg',
  caption: 'Nước lên cao',
  creator: 'Ngọc Thắng',
};
