// The Vietnamese catalogue, messages/vi.json: everything a person reads, in
// the newsroom's working language. It is the source of truth for the set of
// keys: `Strings` is derived from it, and every other language must provide
// exactly these keys with the same `{placeholders}` (i18n.test.ts).
import catalogue from '../../../messages/vi.json';

export const vi = catalogue;
export type Strings = typeof vi;
