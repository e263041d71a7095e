import type { Recognizer } from '../recognizer.js';
import type { Finding } from '../types.js';
import type { TextView } from '../view.js';

// TODO(stub): not implemented yet.
export const cardExpiryRecognizer: Recognizer = {
  name: 'card-expiry',
  types: ['CARD_EXPIRY'],
  analyze(_view: TextView, _out: Finding[]): void {},
};
