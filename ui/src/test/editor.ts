// Test-only: reaching the editor's fields as a person does.
import { EditorView } from '@codemirror/view';
import { screen } from '@testing-library/svelte';
import type userEvent from '@testing-library/user-event';

export type User = ReturnType<typeof userEvent.setup>;

/** The field `id` of the editor (`field-headline`, `field-body`…). */
export const field = (id: string) => screen.getByTestId(`field-${id}`) as HTMLInputElement;

/** The body's CodeMirror view. */
export function bodyView(): EditorView {
  const view = EditorView.findFromDOM(field('body').closest('.cm-editor') as HTMLElement);
  if (!view) throw new Error('no CodeMirror view');
  return view;
}

/** Puts the cursor (or a selection) in the body, focused, as a click would. */
export function placeInBody(anchor: number, head = anchor): void {
  const view = bodyView();
  view.focus();
  view.dispatch({ selection: { anchor, head } });
}

/** Types at the end of the body, key by key, like a reporter would. */
export async function typeInBody(user: User, text: string): Promise<void> {
  placeInBody(bodyView().state.doc.length);
  await user.type(field('body'), text, { skipClick: true });
}
