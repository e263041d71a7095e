/**
 * Context vocabularies shared by several recognizers. Lower case; matched at word starts, so
 * "card" also matches "cards" and "card's". Context only ever raises or lowers a score: no word
 * ("test", "example", "dummy") suppresses a value that validates, because a customer's
 * "my test card" is still a real card.
 */

/** Words that put a number in payment-card context. */
export const CARD_WORDS = [
  'card',
  'credit',
  'debit',
  'visa',
  'mastercard',
  'master card',
  'amex',
  'american express',
  'discover',
  'maestro',
  'jcb',
  'diners',
  'unionpay',
  'union pay',
  'long number',
  'pan',
  'payment',
  'pay with',
  'paying',
  'charge',
  'billing',
  'expir',
  'exp date',
  'valid thru',
  'valid through',
  'cvv',
  'cvc',
  'cv2',
  'csc',
  'security code',
  'security number',
  'three digit',
  'four digit',
  '3 digit',
  '4 digit',
  'back of the card',
] as const;

/** Labels that say a number is something other than a payment card. */
export const NON_CARD_LABELS = [
  'order',
  'tracking',
  'invoice',
  'reference',
  'ref',
  'ticket',
  'case number',
  'sku',
  'serial',
  'part number',
  'confirmation',
  'booking',
  'reservation',
  'imei',
  'isbn',
  'barcode',
  'po number',
  'purchase order',
] as const;
