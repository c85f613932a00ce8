// Commenting on a selection from the editor: the body (CodeMirror) and the
// photo captions hand over UTF-16 offsets of the text the user selected,
// and the body draws commented spans and selects one on request.
import { syntaxTree } from '@codemirror/language';
import { EditorView, runScopeHandlers } from '@codemirror/view';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { i18n } from '../i18n/index.svelte';
import type { PhotoPlacement } from '../ipc';
import { clearMocks } from '../ipc/testing';
import { FakeBackend } from '../test/backend';
import type { EditorDraft } from './draft';
import Editor from './Editor.svelte';

const PHOTO: PhotoPlacement = {
  sha256: 'e'.repeat(64),
  file: 'media/ben-thanh.jpg',
  caption: 'Nhà ga Bến Thành sáng nay.',
  credit: 'Quốc Tuấn',
  alt: '',
  featured: true,
  width: 1600,
  height: 900,
  mime: 'image/jpeg',
};

function draft(body: string, photos: PhotoPlacement[] = []): EditorDraft {
  return {
    headline: 'Giá xăng giảm',
    sapo: '',
    body,
    byline: '',
    authors: [],
    keywords: [],
    category: '',
    published_at: null,
    slug: null,
    editor_note: '',
    photos,
    related: [],
  };
}

function renderEditor(body: string, extra: Record<string, unknown> = {}, photos: PhotoPlacement[] = []) {
  const props = {
    articleId: 'a1',
    language: 'vi',
    draft: draft(body, photos),
    settings: null,
    savedSlug: 'gia-xang-giam',
    slugError: '',
    photoBusy: false,
    photoErrors: [],
    selectedPhoto: null,
    onedit: vi.fn(),
    onflush: vi.fn(),
    onaddfiles: vi.fn(),
    onchoosephotos: vi.fn(),
    onselectphoto: vi.fn(),
    ...extra,
  };
  return { props, ...render(Editor, { props }) };
}

function bodyView(): EditorView {
  const view = EditorView.findFromDOM(screen.getByTestId('field-body').closest('.cm-editor') as HTMLElement);
  if (!view) throw new Error('no CodeMirror view');
  return view;
}

beforeEach(() => {
  localStorage.clear();
  i18n.reload();
  new FakeBackend([]);
});

afterEach(() => clearMocks());

describe('commenting on the body', () => {
  // Vietnamese letters are one UTF-16 unit each in NFC, the newspaper emoji two.
  const BODY = '📰 Hà Nội: giá xăng giảm mạnh.\n\nĐoạn hai.';

  it('hands over the selection as UTF-16 offsets of the body, with the quoted text', async () => {
    const onCommentSelection = vi.fn();
    renderEditor(BODY, { onCommentSelection });
    const button = screen.getByTestId('comment-selection');
    expect(button).toHaveTextContent('Bình luận đoạn chọn');
    expect(button).toBeDisabled();

    const start = BODY.indexOf('giá xăng');
    expect(start).toBe(11); // 📰 is two code units, the letters one each
    const view = bodyView();
    view.focus();
    view.dispatch({ selection: { anchor: start, head: start + 'giá xăng'.length } });
    await waitFor(() => expect(button).toBeEnabled());

    await fireEvent.click(button);
    expect(onCommentSelection).toHaveBeenCalledWith({
      target: { kind: 'body' },
      start: 11,
      end: 19,
      quote: 'giá xăng',
    });

    // A selection made backwards is the same span.
    view.dispatch({ selection: { anchor: start + 8, head: start } });
    await fireEvent.click(button);
    expect(onCommentSelection).toHaveBeenLastCalledWith(expect.objectContaining({ start: 11, end: 19 }));

    // Only a cursor: nothing to comment on.
    view.dispatch({ selection: { anchor: 3 } });
    await waitFor(() => expect(button).toBeDisabled());
  });

  it('has no comment button when nobody listens for it', () => {
    renderEditor(BODY);
    expect(screen.queryByTestId('comment-selection')).toBeNull();
    expect(screen.queryByTestId('comment-caption-selection')).toBeNull();
  });

  it('draws commented spans and keeps them on their text while typing', async () => {
    const { rerender } = renderEditor(BODY, { highlights: [{ start: 11, end: 19 }] });
    const marked = () => [...document.querySelectorAll('.cm-comment-highlight')].map((el) => el.textContent);
    expect(marked()).toEqual(['giá xăng']);
    // Styled by a class from CodeMirror's theme: no inline style (the CSP refuses them).
    expect(document.querySelector('.cm-comment-highlight')).not.toHaveAttribute('style');

    const view = bodyView();
    view.dispatch({ changes: { from: 0, insert: 'Tin mới. ' } });
    await waitFor(() => expect(marked()).toEqual(['giá xăng']));

    // New highlights (offsets of the text as it is now) replace the old ones;
    // spans past the end are clamped, empty ones dropped.
    const doc = view.state.doc.toString();
    const at = doc.indexOf('Đoạn hai');
    await rerender({
      highlights: [
        { start: at, end: at + 4 },
        { start: 5, end: 5 },
        { start: doc.length - 1, end: doc.length + 50 },
      ],
    });
    await waitFor(() => expect(marked()).toEqual(['Đoạn', '.']));
  });

  it('selects a span of the body on request', async () => {
    const { component } = renderEditor(BODY);
    const view = bodyView();
    (component as unknown as { selectBodyRange: (start: number, end: number) => void }).selectBodyRange(11, 19);
    const { from, to } = view.state.selection.main;
    expect(view.state.sliceDoc(from, to)).toBe('giá xăng');
    expect(view.hasFocus).toBe(true);
  });
});

describe('commenting on a caption', () => {
  it('hands over the selection inside the caption with its photo file', async () => {
    const onCommentSelection = vi.fn();
    renderEditor('Bài có ảnh.', { onCommentSelection }, [PHOTO]);
    const button = screen.getByTestId('comment-caption-selection');
    expect(button).toBeDisabled();

    const caption = screen.getByTestId('photo-caption') as HTMLTextAreaElement;
    caption.focus();
    caption.setSelectionRange(7, 16);
    await fireEvent.select(caption);
    await waitFor(() => expect(button).toBeEnabled());
    await fireEvent.click(button);

    expect(onCommentSelection).toHaveBeenCalledWith({
      target: { kind: 'caption', file: 'media/ben-thanh.jpg' },
      start: 7,
      end: 16,
      quote: 'Bến Thành',
    });

    caption.setSelectionRange(3, 3);
    await fireEvent.keyUp(caption, { key: 'ArrowLeft' });
    expect(button).toBeDisabled();
  });

  it('selects a span of a caption on request', async () => {
    const { component } = renderEditor('Bài có ảnh.', {}, [PHOTO]);
    (
      component as unknown as { selectCaptionRange: (file: string, start: number, end: number) => void }
    ).selectCaptionRange('media/ben-thanh.jpg', 7, 16);
    const caption = screen.getByTestId('photo-caption') as HTMLTextAreaElement;
    expect(caption).toHaveFocus();
    expect(caption.value.slice(caption.selectionStart, caption.selectionEnd)).toBe('Bến Thành');
  });
});

describe('a read-only library', () => {
  const BODY = 'Hà Nội: giá xăng giảm mạnh.';

  function bodyEdits(onedit: unknown) {
    return (onedit as ReturnType<typeof vi.fn>).mock.calls.filter(([field]) => field === 'body');
  }

  /** Types into the body, runs shortcuts and the toolbar: everything that could change the text. */
  async function tryToChangeBody(component: unknown) {
    const user = userEvent.setup();
    const content = screen.getByTestId('field-body');
    const view = bodyView();
    view.focus();
    view.dispatch({ selection: { anchor: 0, head: 6 } });
    await user.click(content);
    view.dispatch({ selection: { anchor: 0, head: 6 } });
    await user.keyboard('Tin mới ');
    await fireEvent.keyDown(content, { key: 'b', ctrlKey: true });
    view.dispatch({ selection: { anchor: 3 } });
    await fireEvent.keyDown(content, { key: '\n' });
    await fireEvent.click(screen.getByTestId('tool-italic'));
    (component as { insertParagraph: (text: string) => void }).insertParagraph('![](media/anh.jpg)');
  }

  it('disables every field and the toolbar, and typing into the body changes nothing', async () => {
    const { props, component } = renderEditor(BODY, { readOnly: true, onCommentSelection: vi.fn() }, [PHOTO]);
    const headline = screen.getByTestId('field-headline');
    expect(headline).toBeDisabled();
    expect(headline).toHaveValue('Giá xăng giảm');
    for (const id of [
      'field-sapo',
      'field-byline',
      'field-category',
      'field-slug',
      'field-editor-note',
      'author-add',
      'photo-add',
      'photo-caption',
      'comment-selection',
    ]) {
      expect(screen.getByTestId(id)).toBeDisabled();
    }
    for (const tool of ['bold', 'italic', 'heading', 'quote', 'link', 'bullet', 'numbered', 'photo', 'table']) {
      expect(screen.getByTestId(`tool-${tool}`)).toBeDisabled();
    }

    const content = screen.getByTestId('field-body');
    expect(content).toHaveAttribute('contenteditable', 'false');
    expect(content).toHaveAttribute('aria-readonly', 'true');

    await tryToChangeBody(component);
    const view = bodyView();
    expect(view.state.doc.toString()).toBe(BODY);
    expect(bodyEdits(props.onedit)).toEqual([]);

    // Reading goes on: text can be selected (and so copied), and a comment's span shown.
    view.dispatch({ selection: { anchor: 8, head: 16 } });
    expect(view.state.sliceDoc(view.state.selection.main.from, view.state.selection.main.to)).toBe('giá xăng');
    (component as unknown as { selectBodyRange: (start: number, end: number) => void }).selectBodyRange(0, 6);
    expect(view.state.sliceDoc(view.state.selection.main.from, view.state.selection.main.to)).toBe('Hà Nội');
    expect(view.hasFocus).toBe(true);
  });

  it('leaves everything editable in a writable library', async () => {
    const { props, component } = renderEditor(BODY, { onCommentSelection: vi.fn() });
    expect(screen.getByTestId('field-headline')).toBeEnabled();
    expect(screen.getByTestId('field-sapo')).toBeEnabled();
    expect(screen.getByTestId('tool-bold')).toBeEnabled();
    expect(screen.getByTestId('field-body')).toHaveAttribute('contenteditable', 'true');
    expect(screen.getByTestId('field-body')).not.toHaveAttribute('aria-readonly');

    await tryToChangeBody(component);
    expect(bodyView().state.doc.toString()).not.toBe(BODY);
    expect(bodyEdits(props.onedit).length).toBeGreaterThan(0);
  });

  it('switches without rebuilding the body editor', async () => {
    const { props, rerender } = renderEditor(BODY, { readOnly: true });
    const view = bodyView();
    expect(view.state.readOnly).toBe(true);

    await rerender({ readOnly: false });
    expect(bodyView()).toBe(view);
    expect(view.state.readOnly).toBe(false);
    expect(screen.getByTestId('field-headline')).toBeEnabled();
    expect(screen.getByTestId('tool-bold')).toBeEnabled();
    await fireEvent.click(screen.getByTestId('tool-bold'));
    await waitFor(() => expect(bodyEdits(props.onedit).length).toBe(1));

    await rerender({ readOnly: true });
    expect(bodyView()).toBe(view);
    expect(view.state.readOnly).toBe(true);
    expect(screen.getByTestId('field-body')).toHaveAttribute('contenteditable', 'false');
    expect(screen.getByTestId('tool-bold')).toBeDisabled();
  });
});

describe("the body's Markdown", () => {
  const nodeAt = (pos: number) => syntaxTree(bodyView().state).resolveInner(pos, 1).name;

  it('reads a tag in the body as HTML once the HTML grammar has loaded', async () => {
    const body = 'Giá <b>xăng</b> giảm';
    renderEditor(body);
    await waitFor(() => expect(nodeAt(body.indexOf('b>'))).toBe('TagName'));
  });

  it('loads the HTML grammar when the first `<` is typed', async () => {
    renderEditor('Giá xăng giảm');
    expect(nodeAt(4)).not.toBe('TagName');
    const view = bodyView();
    view.dispatch({ changes: { from: 4, insert: '<i>' }, userEvent: 'input.type' });
    await waitFor(() => expect(nodeAt(5)).toBe('TagName'));
  });

  it('continues a list on Enter before and after the HTML grammar has loaded', async () => {
    renderEditor('- xăng');
    const view = bodyView();
    const enter = () => {
      view.dispatch({ selection: { anchor: view.state.doc.length } });
      runScopeHandlers(view, new KeyboardEvent('keydown', { key: 'Enter' }), 'editor');
    };
    enter();
    expect(view.state.doc.toString()).toBe('- xăng\n- ');

    view.dispatch({ changes: { from: view.state.doc.length, insert: 'dầu <b>' } });
    await waitFor(() => expect(nodeAt(view.state.doc.length - 2)).toBe('TagName'));
    enter();
    expect(view.state.doc.toString()).toBe('- xăng\n- dầu <b>\n- ');
  });
});
