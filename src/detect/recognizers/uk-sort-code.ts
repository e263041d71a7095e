import type { Recognizer } from '../recognizer.js';
import type { Finding } from '../types.js';
import type { TextView } from '../view.js';

// TODO(stub): not implemented yet.
export const ukSortCodeRecognizer: Recognizer = {
  name: 'uk-sort-code',
  types: ['UK_SORT_CODE'],
  analyze(_view: TextView, _out: Finding[]): void {},
};
