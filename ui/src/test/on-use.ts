// The parts the app loads on first use (lib/session/on-use.ts), loaded
// ahead: a test that opens a dialog then finds it at once, as the app has
// it after the first time, instead of waiting for a module to be read.
import { loadOnUse } from '../lib/session/on-use';

export async function loadPartsOnUse(): Promise<void> {
  await Promise.all(Object.values(loadOnUse).map((load) => load()));
}
