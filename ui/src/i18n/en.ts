// The English catalogue, messages/en.json. Annotating it with `Strings` makes
// TypeScript reject a missing key; i18n.test.ts rejects an extra one.
import catalogue from '../../../messages/en.json';
import type { Strings } from './vi';

export const en: Strings = catalogue;
