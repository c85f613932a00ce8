// Photos added to the open article, without the window: picked in the
// desktop's chooser (opened by the backend), dropped or pasted; stored one
// at a time and placed in the article they were added to.
import { describe, expect, it } from 'vitest';

import type { AddedPhoto, ArticleFields } from '../../ipc';
import { deferred, FakeBackend } from '../../test/backend';
import { freshEachTest, settle } from '../../test/fresh';
import { FLOOD_PHOTO, newsroomSample } from '../../test/sample';
import { openedIn, workspaceOver } from '../../test/workspace';

const lastSaved = (backend: FakeBackend) => backend.callsTo('update_article').at(-1)?.args.fields as ArticleFields;
/** Awaits `work` while fake time passes (jsdom reads a File's bytes on a timer). */
async function whileTimePasses<T>(work: Promise<T>): Promise<T> {
  await settle(5);
  return work;
}
const jpeg = (name = 'Lũ về Huế.jpg') => new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], name, { type: 'image/jpeg' });

const opened = (backend = new FakeBackend(newsroomSample()), readOnly = false) =>
  openedIn(backend, 'a1', { readOnly: () => readOnly });

freshEachTest();

describe('adding photos', () => {
  it('"add photos": the backend opens the chooser and stores the file; its placement is prefilled and saved', async () => {
    const backend = new FakeBackend(newsroomSample());
    const sha = FLOOD_PHOTO.sha256;
    const hold = deferred<void>();
    backend.overrides.set('add_photo_files', () => hold.promise.then(() => [FLOOD_PHOTO]));
    const { session, photos } = await opened(backend);
    backend.chooser.push(['Lũ về Huế.jpg']);
    const adding = photos.choose();
    await settle();
    expect(photos.busy).toBe(1);
    expect(backend.chooserTitles).toEqual(['Chọn ảnh (JPEG, PNG, WebP)']);
    expect(backend.callsTo('add_photo_files')).toEqual([
      { cmd: 'add_photo_files', args: { chosen: expect.any(Number), indexes: [0] } },
    ]);

    hold.resolve();
    await adding;
    expect(photos.busy).toBe(0);
    expect(photos.selected).toBe(sha);
    expect(session.draft?.photos).toEqual([
      {
        sha256: sha,
        file: 'abababab.jpg',
        caption: 'Nước lên cao',
        credit: 'Ngọc Thắng',
        alt: '',
        featured: false,
        width: 1200,
        height: 800,
        mime: 'image/jpeg',
      },
    ]);
    await settle(1000);
    expect(lastSaved(backend).photos).toEqual([
      { sha256: sha, file: 'abababab.jpg', caption: 'Nước lên cao', credit: 'Ngọc Thắng', alt: '', featured: false },
    ]);
  });

  it('a photo without embedded metadata gets an empty caption and credit', async () => {
    const { backend, session, photos } = await opened();
    backend.chooser.push(['Lũ về Huế.jpg']);
    await photos.choose();
    expect(session.draft?.photos.map(({ caption, credit }) => [caption, credit])).toEqual([['', '']]);
  });

  it('cancel in the chooser adds nothing', async () => {
    const { backend, session, photos } = await opened();
    await photos.choose();
    expect(backend.callsTo('choose_photos')).toHaveLength(1);
    expect(backend.callsTo('add_photo_files')).toHaveLength(0);
    expect(session.draft?.photos).toEqual([]);
  });

  it('a refused file is named with the backend message; the others are added, in order', async () => {
    const backend = new FakeBackend(newsroomSample());
    backend.photoFiles.set('notes.png', { error: 'Tệp notes.png không phải là ảnh' });
    backend.photoFiles.set('mau.png', { error: 'không đọc được' });
    const { session, photos } = await opened(backend);
    backend.chooser.push(['notes.png', 'Lũ về Huế.jpg', 'mau.png', 'b.png']);
    await photos.choose();
    expect(photos.errors).toEqual(['Tệp notes.png không phải là ảnh', 'mau.png: không đọc được']);
    expect(session.draft?.photos).toHaveLength(2);
    // The next batch starts with no errors.
    backend.chooser.push(['c.png']);
    await photos.choose();
    expect(photos.errors).toEqual([]);
  });

  it('pasted files are stored and put into the body at the cursor, each once', async () => {
    const { backend, session, photos, body } = await opened();
    await whileTimePasses(photos.addFiles([jpeg()], true));
    expect(backend.callsTo('add_photo')).toHaveLength(1);
    const file = session.draft!.photos[0]!.file;
    expect(body.inserted).toEqual([`![](${file})`]);
    // The same photo again is placed only once, and still put in the body.
    await whileTimePasses(photos.addFiles([jpeg()], true));
    expect(session.draft?.photos).toHaveLength(1);
    expect(body.inserted).toHaveLength(2);
  });

  it('files picked or dropped go to the article open when they were added, never to one opened meanwhile', async () => {
    const backend = new FakeBackend(newsroomSample());
    const hold = deferred<AddedPhoto[]>();
    backend.overrides.set('add_photo_files', () => hold.promise);
    const { session, photos } = await opened(backend);
    const adding = photos.addChosen(backend.choose(['anh.jpg']), [0]);
    await session.open('a3');
    hold.resolve([{ sha256: 'cd'.repeat(32), file: 'cdcd.jpg', width: 1, height: 1, mime: 'image/jpeg', caption: null, creator: null }]);
    await adding;
    expect(session.draft?.photos).toEqual([]);
    await settle(1000);
    expect(backend.callsTo('update_article')).toHaveLength(0);
  });

  it('a read-only library, or no article open, stores nothing', async () => {
    const { backend, photos } = await opened(new FakeBackend(newsroomSample()), true);
    await photos.addFiles([jpeg()], false);
    await photos.choose();
    expect(backend.callsTo('add_photo')).toHaveLength(0);
    expect(backend.callsTo('choose_photos')).toHaveLength(0);

    const none = workspaceOver(new FakeBackend(newsroomSample()));
    await none.photos.addFiles([jpeg()], false);
    expect(none.photos.busy).toBe(0);
  });

  it('another article opened forgets the errors and the photo selected', async () => {
    const backend = new FakeBackend(newsroomSample());
    backend.photoFiles.set('notes.png', { error: 'Tệp notes.png không phải là ảnh' });
    const { session, photos } = await opened(backend);
    backend.chooser.push(['notes.png', 'a.jpg']);
    await photos.choose();
    expect(photos.errors).toHaveLength(1);
    expect(photos.selected).not.toBeNull();
    await session.open('a3');
    expect(photos.errors).toEqual([]);
    expect(photos.selected).toBeNull();
  });
});
