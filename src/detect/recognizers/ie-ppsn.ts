import type { Recognizer } from '../recognizer.js';
import type { Finding } from '../types.js';
import type { TextView } from '../view.js';

// TODO(stub): not implemented yet.
export const iePpsnRecognizer: Recognizer = {
  name: 'ie-ppsn',
  types: ['IE_PPSN'],
  analyze(_view: TextView, _out: Finding[]): void {},
};
