import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { en } from '../../i18n/en';
import { vi as viStrings } from '../../i18n/vi';
import type { ArticleFields, Finding } from '../../ipc';
import { deferred } from '../../test/backend';
import { LiveChecklist, type ChecklistRequest } from './checklist.svelte';
import { fieldLabel, movesFor, sortFindings } from './workflow';
import { WORKFLOW_RULES } from './testing';

const finding = (rule: string, severity: Finding['severity']): Finding => ({
  rule,
  severity,
  field: 'headline',
  message: rule,
});

describe('field labels', () => {
  it('name each field as the editor labels it, counting photos and people from 1', () => {
    const label = (field: string) => [fieldLabel(viStrings, field), fieldLabel(en, field)];
    expect(label('headline')).toEqual(['Tiêu đề', 'Headline']);
    expect(label('published_at')).toEqual(['Thời gian xuất bản', 'Publish time']);
    expect(label('keywords')).toEqual(['Từ khóa', 'Keywords']);
    expect(label('keywords[1]')).toEqual(['Từ khóa 2', 'Keyword 2']);
    expect(label('authors[0]')).toEqual(['Người thực hiện 1', 'Contributor 1']);
    expect(label('photos')).toEqual(['Ảnh', 'Photos']);
    expect(label('photos[1].caption')).toEqual(['Ảnh 2 · Chú thích', 'Photo 2 · Caption']);
    expect(label('photos[0].alt')).toEqual(['Ảnh 1 · Mô tả ảnh (alt)', 'Photo 1 · Alt text']);
    expect(label('related[2]')).toEqual(['Bài liên quan 3', 'Related article 3']);
    // A field this UI does not know yet is shown as the backend names it.
    expect(label('subtitle')).toEqual(['subtitle', 'subtitle']);
  });
});

describe('moves and findings', () => {
  it('lists the way forward first and spiking last', () => {
    expect(movesFor(WORKFLOW_RULES, 'in_review', 'editor').map((rule) => rule.to)).toEqual([
      'approved',
      'changes_requested',
      'spiked',
    ]);
    expect(movesFor(WORKFLOW_RULES, 'in_review', 'reporter')).toEqual([]);
  });

  it('puts blocking findings first, keeping the backend order within each', () => {
    const sorted = sortFindings([finding('a', 'warning'), finding('b', 'blocking'), finding('c', 'warning'), finding('d', 'blocking')]);
    expect(sorted.map((f) => f.rule)).toEqual(['b', 'd', 'a', 'c']);
  });
});

describe('live checklist', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const request = (headline: string): ChecklistRequest => ({
    id: 'a1',
    fields: { headline } as ArticleFields,
    publishing: false,
    language: 'vi',
  });

  it('checks once changes pause for 300 ms', async () => {
    const check = vi.fn(async () => [finding('x', 'warning')]);
    const checklist = new LiveChecklist({ check });
    checklist.schedule(request('a'));
    await vi.advanceTimersByTimeAsync(200);
    checklist.schedule(request('ab'));
    await vi.advanceTimersByTimeAsync(299);
    expect(check).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(check).toHaveBeenCalledTimes(1);
    expect(check).toHaveBeenCalledWith(request('ab'));
    expect(checklist.findings.map((f) => f.rule)).toEqual(['x']);
    expect(checklist.checking).toBe(false);
  });

  it('drops an answer that arrives after a newer one, and anything in flight when cleared', async () => {
    const slow = deferred<Finding[]>();
    const fast = deferred<Finding[]>();
    const answers = [slow, fast];
    const checklist = new LiveChecklist({ check: () => answers.shift()!.promise });
    void checklist.now(request('old'));
    void checklist.now(request('new'));
    fast.resolve([finding('new', 'blocking')]);
    await vi.advanceTimersByTimeAsync(0);
    slow.resolve([finding('old', 'warning')]);
    await vi.advanceTimersByTimeAsync(0);
    expect(checklist.findings.map((f) => f.rule)).toEqual(['new']);
    expect(checklist.blocking).toBe(1);

    const late = deferred<Finding[]>();
    answers.push(late);
    void checklist.now(request('closed'));
    checklist.clear();
    late.resolve([finding('late', 'blocking')]);
    await vi.advanceTimersByTimeAsync(0);
    expect(checklist.findings).toEqual([]);
    expect(checklist.blocking).toBe(0);
  });

  it('follows the open article: at once when opened, after a pause when typed in, never twice for the same', async () => {
    const check = vi.fn(async (r: ChecklistRequest) => [finding(r.fields.headline, 'blocking')]);
    const checklist = new LiveChecklist({ check });
    checklist.follow(request('a'), 1);
    expect(check).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(checklist.findings.map((f) => f.rule)).toEqual(['a']);

    // Typed in: once the pause is over.
    checklist.follow(request('ab'), 1);
    expect(check).toHaveBeenCalledTimes(1);
    expect(checklist.checking).toBe(true);
    await vi.advanceTimersByTimeAsync(300);
    expect(check).toHaveBeenCalledTimes(2);
    expect(checklist.findings.map((f) => f.rule)).toEqual(['ab']);

    // The same request and context again: nothing; another context: checked again.
    checklist.follow(request('ab'), 1);
    await vi.advanceTimersByTimeAsync(300);
    expect(check).toHaveBeenCalledTimes(2);
    checklist.follow(request('ab'), 2);
    await vi.advanceTimersByTimeAsync(300);
    expect(check).toHaveBeenCalledTimes(3);

    // Another article: at once.
    checklist.follow({ ...request('b'), id: 'a2' }, 2);
    expect(check).toHaveBeenCalledTimes(4);
    await vi.advanceTimersByTimeAsync(0);

    // None open: cleared; the next one opened is checked at once again.
    checklist.follow(null);
    expect(checklist.findings).toEqual([]);
    expect(checklist.blocking).toBe(0);
    checklist.follow({ ...request('b'), id: 'a2' }, 2);
    expect(check).toHaveBeenCalledTimes(5);
  });

  it("keeps the backend's message when a check fails", async () => {
    const checklist = new LiveChecklist({
      check: () => Promise.reject({ code: 'internal', message: 'CSDL bị khóa' }),
    });
    await checklist.now(request('a'));
    expect(checklist.error).toBe('CSDL bị khóa');
    expect(checklist.checking).toBe(false);
  });
});
