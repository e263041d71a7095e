import type { Recognizer } from '../recognizer.js';
import type { Finding } from '../types.js';
import type { TextView } from '../view.js';

// TODO(stub): not implemented yet.
export const ibanRecognizer: Recognizer = {
  name: 'iban',
  types: ['IBAN_CODE'],
  analyze(_view: TextView, _out: Finding[]): void {},
};
