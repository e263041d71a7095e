import type { Recognizer } from '../recognizer.js';
import type { Finding } from '../types.js';
import type { TextView } from '../view.js';

// TODO(stub): not implemented yet.
export const abaRoutingRecognizer: Recognizer = {
  name: 'aba-routing',
  types: ['ABA_ROUTING_NUMBER'],
  analyze(_view: TextView, _out: Finding[]): void {},
};
