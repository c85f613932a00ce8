// Words the backend sends (a key of the catalogue, messages/*.json, and the
// values of its placeholders), shown in the UI's language: the core's errors
// and the app's own, worded once for the UI and the CLI alike.
import { toIpcError, type IpcArg, type IpcMessage } from '../ipc';
import type { Strings } from './vi';

/**
 * `words` in the language of `t`; undefined when a key (its own or a nested
 * one's) is not in the catalogue, so the caller can fall back to the
 * backend's English. A placeholder without a value stays as written.
 */
export function renderWords(words: IpcMessage, t: Strings): string | undefined {
  const template = (t as Record<string, unknown>)[words.key];
  if (typeof template !== 'string') return undefined;
  let complete = true;
  const text = template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = Object.hasOwn(words.args, name) ? words.args[name] : undefined;
    if (value === undefined) return placeholder;
    const rendered = renderArg(value, t);
    if (rendered === undefined) complete = false;
    return rendered ?? placeholder;
  });
  return complete ? text : undefined;
}

function renderArg(value: IpcArg, t: Strings): string | undefined {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) return renderWords(value, t);
  const parts = value.map((words) => renderWords(words, t));
  return parts.every((part) => part !== undefined) ? parts.join('; ') : undefined;
}

/**
 * What a failed command says, in the UI's language: the backend's words
 * rendered from the catalogue, else its English `message`.
 */
export function errorText(error: unknown, t: Strings): string {
  const failure = toIpcError(error);
  return renderWords(failure, t) ?? failure.message;
}
