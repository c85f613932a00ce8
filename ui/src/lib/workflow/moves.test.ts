// Who is at the keyboard and the workflow's moves of the open article,
// without the window: the stores behind the top bar's profile, the workflow
// bar and the move dialog.
import { describe, expect, it } from 'vitest';

import { i18n } from '../../i18n/index.svelte';
import { verbatimError, type Article } from '../../ipc';
import { deferred } from '../../test/backend';
import { freshEachTest, settle } from '../../test/fresh';
import { newsroomSample } from '../../test/sample';
import { openedIn } from '../../test/workspace';
import { WORKFLOW_RULES, WorkflowBackend } from './testing';

const submit = WORKFLOW_RULES.find((rule) => rule.from === 'draft' && rule.to === 'submitted')!;

async function opened(backend = new WorkflowBackend(newsroomSample())) {
  const stores = await openedIn(backend);
  await Promise.all([stores.profile.load(), stores.moves.load()]);
  return stores;
}

freshEachTest();

describe('who is at the keyboard', () => {
  it('a library without a profile asks, and keeps asking until it has one', async () => {
    const backend = new WorkflowBackend(newsroomSample());
    backend.profile = null;
    const { profile } = await opened(backend);
    expect(profile.who).toBeNull();
    expect(profile.required).toBe(true);
    expect(profile.asking).toBe(true);
    // Closing the dialog does not stop the asking.
    profile.editing = false;
    expect(profile.asking).toBe(true);

    await profile.save({ name: 'Nguyễn Thu Hà', role: 'editor' });
    expect(backend.callsTo('set_profile').map((call) => call.args)).toEqual([
      { profile: { name: 'Nguyễn Thu Hà', role: 'editor' } },
    ]);
    expect(profile.who).toEqual({ name: 'Nguyễn Thu Hà', role: 'editor' });
    expect(profile.asking).toBe(false);
  });

  it('a library with a profile does not ask; a change refused keeps the dialog open', async () => {
    const backend = new WorkflowBackend(newsroomSample());
    const { profile } = await opened(backend);
    expect(profile.who).toEqual({ name: 'Duy Huy', role: 'reporter' });
    expect(profile.asking).toBe(false);

    profile.editing = true;
    backend.overrides.set('set_profile', () => {
      throw { code: 'invalid', message: 'name: empty' };
    });
    await expect(profile.save({ name: 'x', role: 'editor' })).rejects.toMatchObject({ message: 'name: empty' });
    expect(profile.asking).toBe(true);
    expect(profile.who?.role).toBe('reporter');
  });

  it('a profile that cannot be read is shown as an error', async () => {
    const backend = new WorkflowBackend(newsroomSample());
    backend.overrides.set('get_profile', () => {
      throw { code: 'internal', message: 'CSDL bị khóa' };
    });
    const { status } = await opened(backend);
    expect(status.text(i18n.t)).toBe('Lỗi: CSDL bị khóa');
  });
});

describe('a move', () => {
  it('the rules are the backend’s table', async () => {
    const { moves } = await opened();
    expect(moves.rules).toEqual(WORKFLOW_RULES);
  });

  it('starting one saves the pending typing at once and opens its dialog', async () => {
    const { backend, session, moves } = await opened();
    session.edit('headline', 'Giá xăng giảm lần thứ ba nữa');
    moves.start(submit);
    expect(moves.current).toEqual(submit);
    await settle();
    expect(backend.callsTo('update_article')).toHaveLength(1);
  });

  it('is made on the fields as saved; one whose edits were refused is not made', async () => {
    const backend = new WorkflowBackend(newsroomSample());
    const held = deferred<unknown>();
    backend.overrides.set('update_article', () => held.promise);
    const { session, moves } = await opened(backend);
    session.edit('headline', 'Giá xăng giảm lần thứ ba nữa');
    moves.start(submit);
    const preparing = moves.prepare();
    held.resolve({ ...structuredClone(backend.articles[0]!), headline: 'Giá xăng giảm lần thứ ba nữa' });
    expect((await preparing).headline).toBe('Giá xăng giảm lần thứ ba nữa');

    backend.overrides.set('update_article', () => {
      throw { code: 'invalid', message: 'Tiêu đề quá dài' };
    });
    session.edit('headline', 'Giá xăng giảm lần thứ ba nữa!');
    await expect(moves.prepare()).rejects.toEqual(
      verbatimError('invalid', 'Bài còn thay đổi chưa lưu được, nên chưa chuyển được. Xem thông báo lỗi ở trên.'),
    );
  });

  it('once made, the dialog closes, the status and the list row follow, the history is read again', async () => {
    const { backend, session, moves, list } = await opened();
    const history = session.historyVersion;
    moves.start(submit);
    const moved: Article = { ...structuredClone(backend.articles[0]!), status: 'submitted' };
    moves.moved(moved);
    expect(moves.current).toBeNull();
    expect(session.articleStatus).toBe('submitted');
    expect(list.savedRows.at(-1)).toMatchObject({ id: 'a1', status: 'submitted' });
    expect(session.historyVersion).toBe(history + 1);
  });

  it('the dialog closes with the article: cancelled, or another article opened', async () => {
    const { session, moves } = await opened();
    moves.start(submit);
    moves.cancel();
    expect(moves.current).toBeNull();
    moves.start(submit);
    await session.open('a3');
    expect(moves.current).toBeNull();
  });
});
