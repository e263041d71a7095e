import type { Recognizer } from '../recognizer.js';
import type { Finding } from '../types.js';
import type { TextView } from '../view.js';

// TODO(stub): not implemented yet.
export const passwordRecognizer: Recognizer = {
  name: 'password',
  types: ['PASSWORD'],
  analyze(_view: TextView, _out: Finding[]): void {},
};
