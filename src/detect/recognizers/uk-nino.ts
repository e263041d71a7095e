import type { Recognizer } from '../recognizer.js';
import type { Finding } from '../types.js';
import type { TextView } from '../view.js';

// TODO(stub): not implemented yet.
export const ukNinoRecognizer: Recognizer = {
  name: 'uk-nino',
  types: ['UK_NINO'],
  analyze(_view: TextView, _out: Finding[]): void {},
};
