// The suggestion box alone: what a keyboard, mouse, screen-reader or IME
// user meets, with the backend's answers under the test's control.
import { fireEvent, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { ComponentProps } from 'svelte';
import { describe, expect, it, vi } from 'vitest';

import { deferred } from '../test/backend';
import Combobox from './Combobox.svelte';

const DELAY = 150;
const pause = (ms = DELAY + 20) => new Promise((resolve) => setTimeout(resolve, ms));

const PLACES = ['Hà Nội', 'Hà Giang', 'Hà Tĩnh'];

function setup(props: Partial<ComponentProps<typeof Combobox>> = {}) {
  const onpick = vi.fn();
  const onkeydown = vi.fn();
  const onblur = vi.fn();
  const suggest = vi.fn(async (_query: string) => PLACES);
  const user = userEvent.setup();
  render(Combobox, { props: { id: 'place', listLabel: 'Places', suggest, onpick, onkeydown, onblur, ...props } });
  const box = screen.getByRole('combobox');
  return { user, box, onpick, onkeydown, onblur, suggest };
}

const options = () => screen.queryAllByRole('option');
const highlighted = () => options().find((o) => o.getAttribute('aria-selected') === 'true')?.textContent?.trim();

describe('Combobox', () => {
  it('asks once typing pauses, and shows the answer as a listbox the box controls', async () => {
    const { user, box, suggest } = setup();
    expect(box).toHaveAttribute('aria-expanded', 'false');
    expect(box).toHaveAttribute('aria-autocomplete', 'list');
    await user.type(box, ' ha ');
    expect(suggest).not.toHaveBeenCalled();
    expect(screen.queryByRole('listbox')).toBeNull();

    await pause();
    expect(suggest).toHaveBeenCalledTimes(1);
    expect(suggest).toHaveBeenCalledWith('ha');
    const list = screen.getByRole('listbox', { name: 'Places' });
    expect(box).toHaveAttribute('aria-expanded', 'true');
    expect(box).toHaveAttribute('aria-controls', list.id);
    expect(list.id).toBe('place-suggestions');
    expect(options().map((o) => o.textContent?.trim())).toEqual(PLACES);
    expect(options().map((o) => o.id)).toEqual(['place-suggestion-0', 'place-suggestion-1', 'place-suggestion-2']);
    expect(box).not.toHaveAttribute('aria-activedescendant');
  });

  it('the arrows move the highlight round the list; Enter picks it and closes the list', async () => {
    const { user, box, onpick } = setup();
    await user.type(box, 'ha');
    await pause();

    await user.keyboard('{ArrowDown}');
    expect(highlighted()).toBe('Hà Nội');
    expect(box).toHaveAttribute('aria-activedescendant', 'place-suggestion-0');
    await user.keyboard('{ArrowUp}');
    expect(highlighted()).toBe('Hà Tĩnh');
    await user.keyboard('{ArrowDown}');
    expect(highlighted()).toBe('Hà Nội');
    await user.keyboard('{ArrowDown}');
    expect(highlighted()).toBe('Hà Giang');
    expect(box).toHaveAttribute('aria-activedescendant', 'place-suggestion-1');

    await user.keyboard('{Enter}');
    expect(onpick).toHaveBeenCalledExactlyOnceWith('Hà Giang');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(box).toHaveAttribute('aria-expanded', 'false');
  });

  it('Enter with nothing highlighted picks what is typed', async () => {
    const { user, box, onpick } = setup();
    await user.type(box, 'hà tây');
    await pause();
    await user.keyboard('{Enter}');
    expect(onpick).toHaveBeenCalledExactlyOnceWith('hà tây');
  });

  it('Escape closes the list and keeps the text; keys it does not take go to the owner', async () => {
    const { user, box, onpick, onkeydown } = setup();
    await user.type(box, 'ha');
    await pause();
    await user.keyboard('{ArrowDown}{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(box).toHaveValue('ha');
    expect(onpick).not.toHaveBeenCalled();
    expect(onkeydown).not.toHaveBeenCalledWith(expect.objectContaining({ key: 'Escape' }));

    // Closed, the arrows and Escape are the owner's, as Backspace always is.
    await user.keyboard('{ArrowDown}{Escape}{Backspace}');
    expect(onkeydown.mock.calls.map(([event]) => event.key)).toEqual(
      expect.arrayContaining(['ArrowDown', 'Escape', 'Backspace']),
    );
    expect(box).toHaveValue('h');
  });

  it('a suggestion clicked is picked, and the box keeps the focus', async () => {
    const { user, box, onpick, onblur } = setup();
    await user.type(box, 'ha');
    await pause();
    await user.click(screen.getByRole('option', { name: 'Hà Tĩnh' }));
    expect(onpick).toHaveBeenCalledExactlyOnceWith('Hà Tĩnh');
    expect(box).toHaveFocus();
    expect(onblur).not.toHaveBeenCalled();
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('leaving the box tells the owner, then closes the list', async () => {
    const { user, box, onblur } = setup();
    await user.type(box, 'ha');
    await pause();
    await user.tab();
    expect(onblur).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('keys of an IME composition (Telex, VNI) are left to it', async () => {
    const { user, box, onpick, onkeydown } = setup();
    await user.type(box, 'ha');
    await pause();
    onkeydown.mockClear();
    for (const key of ['ArrowDown', 'Enter', 'Escape', 'Backspace']) {
      fireEvent.keyDown(box, { key, isComposing: true });
      fireEvent.keyDown(box, { key, keyCode: 229 });
    }
    expect(highlighted()).toBeUndefined();
    expect(screen.getByRole('listbox')).toBeInTheDocument();
    expect(onpick).not.toHaveBeenCalled();
    expect(onkeydown).not.toHaveBeenCalled();
  });

  it('a suggestion clicked during a composition is picked once the composition ends', async () => {
    const { user, box, onpick } = setup();
    await user.type(box, 'ha');
    await pause();
    fireEvent.compositionStart(box);
    fireEvent.mouseDown(screen.getByRole('option', { name: 'Hà Nội' }));
    expect(onpick).not.toHaveBeenCalled();
    expect(box).toHaveValue('ha');

    fireEvent.compositionEnd(box);
    expect(onpick).toHaveBeenCalledExactlyOnceWith('Hà Nội');
  });

  it('an answer to an older text never replaces the answer to a newer one', async () => {
    const answers = new Map<string, ReturnType<typeof deferred<string[]>>>();
    const suggest = vi.fn((query: string) => {
      const d = deferred<string[]>();
      answers.set(query, d);
      return d.promise;
    });
    const { user, box } = setup({ suggest });
    await user.type(box, 'ha');
    await pause();
    await user.type(box, ' n');
    await pause();
    expect(suggest.mock.calls.map(([q]) => q)).toEqual(['ha', 'ha n']);

    answers.get('ha n')!.resolve(['Hà Nội']);
    await pause(0);
    answers.get('ha')!.resolve(PLACES);
    await pause(0);
    expect(options().map((o) => o.textContent?.trim())).toEqual(['Hà Nội']);
  });

  it('a failed answer shows no list and typing goes on', async () => {
    const suggest = vi.fn(async () => {
      throw new Error('backend down');
    });
    const { user, box } = setup({ suggest });
    await user.type(box, 'ha');
    await pause();
    expect(suggest).toHaveBeenCalled();
    expect(screen.queryByRole('listbox')).toBeNull();
    await user.type(box, 'n');
    expect(box).toHaveValue('han');
  });

  it('offers only what `offer` lets through, and picks among those', async () => {
    const { user, box, onpick } = setup({ offer: (s: string) => s !== 'Hà Nội', optionId: 'tinh' });
    await user.type(box, 'ha');
    await pause();
    expect(screen.getAllByTestId('tinh').map((o) => o.textContent?.trim())).toEqual(['Hà Giang', 'Hà Tĩnh']);
    await user.keyboard('{ArrowDown}{Enter}');
    expect(onpick).toHaveBeenCalledExactlyOnceWith('Hà Giang');
  });

  it('emptied, the box closes its list without asking', async () => {
    const { user, box, suggest } = setup();
    await user.type(box, 'ha');
    await pause();
    await user.clear(box);
    await pause();
    expect(suggest).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('listbox')).toBeNull();
  });
});
