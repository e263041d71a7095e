/** The built-in recognizers, one module each. */
import type { Recognizer } from '../recognizer.js';
import { abaRoutingRecognizer } from './aba-routing.js';
import { cardCvvRecognizer } from './card-cvv.js';
import { cardExpiryRecognizer } from './card-expiry.js';
import { creditCardRecognizer } from './credit-card.js';
import { dateOfBirthRecognizer } from './date-of-birth.js';
import { emailRecognizer } from './email.js';
import { ibanRecognizer } from './iban.js';
import { ibanSpokenRecognizer } from './iban-spoken.js';
import { iePpsnRecognizer } from './ie-ppsn.js';
import { ipAddressRecognizer } from './ip-address.js';
import { passwordRecognizer } from './password.js';
import { personRecognizer } from './person.js';
import { phoneRecognizer } from './phone.js';
import { postalAddressRecognizer } from './postal-address.js';
import { ukNinoRecognizer } from './uk-nino.js';
import { ukSortCodeRecognizer } from './uk-sort-code.js';
import { usBankNumberRecognizer } from './us-bank-number.js';
import { usSsnRecognizer } from './us-ssn.js';

export function builtinRecognizers(): Recognizer[] {
  return [
    creditCardRecognizer,
    cardExpiryRecognizer,
    cardCvvRecognizer,
    ibanRecognizer,
    ibanSpokenRecognizer,
    abaRoutingRecognizer,
    usBankNumberRecognizer,
    ukSortCodeRecognizer,
    usSsnRecognizer,
    ukNinoRecognizer,
    iePpsnRecognizer,
    emailRecognizer,
    phoneRecognizer,
    ipAddressRecognizer,
    dateOfBirthRecognizer,
    passwordRecognizer,
    postalAddressRecognizer,
    personRecognizer,
  ];
}
