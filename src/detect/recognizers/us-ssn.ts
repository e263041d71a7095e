import type { Recognizer } from '../recognizer.js';
import type { Finding } from '../types.js';
import type { TextView } from '../view.js';

// TODO(stub): not implemented yet.
export const usSsnRecognizer: Recognizer = {
  name: 'us-ssn',
  types: ['US_SSN'],
  analyze(_view: TextView, _out: Finding[]): void {},
};
