/**
 * The columns a customer is read with (joined as `c`, its data key as `k`): the key to open it and
 * every encrypted field. One list for the identity resolver and the reader, so a field added to
 * customers is read everywhere or nowhere.
 */
export const CUSTOMER_COLUMNS = [
  'c.id',
  'c.key_id',
  'k.kek_version',
  'k.wrapped_key',
  'c.name_enc',
  'c.email_enc',
  'c.phone_enc',
  'c.external_id_enc',
  'c.country_enc',
  'c.region_enc',
] as const;
