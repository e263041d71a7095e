import type { Recognizer } from '../recognizer.js';
import type { Finding } from '../types.js';
import type { TextView } from '../view.js';

// TODO(stub): not implemented yet.
export const ipAddressRecognizer: Recognizer = {
  name: 'ip-address',
  types: ['IP_ADDRESS'],
  analyze(_view: TextView, _out: Finding[]): void {},
};
