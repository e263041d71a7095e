import type { Recognizer } from '../recognizer.js';
import type { Finding } from '../types.js';
import type { TextView } from '../view.js';

// TODO(stub): not implemented yet.
export const postalAddressRecognizer: Recognizer = {
  name: 'postal-address',
  types: ['POSTAL_ADDRESS'],
  analyze(_view: TextView, _out: Finding[]): void {},
};
