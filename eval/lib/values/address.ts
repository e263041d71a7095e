/**
 * Postal addresses of the product's markets: US street addresses with state and ZIP, UK addresses
 * with postcodes (official format, real postcode areas matched to towns), Irish addresses with
 * Eircodes (real routing keys, the Eircode alphabet for the unique part). An address is written on
 * one line (commas between its parts) so that a quoted e-mail line never cuts one.
 */
import type { Rng } from '../prng.js';

const STREET_NAMES = `Maple Oak Elm Cedar Pine Willow Birch Chestnut Walnut Highland Lakeview Park Church
Mill Station Victoria Albert Queen King Bridge Market Castle Meadow Orchard Spring Riverside Sunset
Hillcrest Franklin Washington Lincoln Jefferson Madison Grove Harbour Abbey Beech Ash Hawthorn Primrose
Clarence Wellington Nelson Dublin Main High Green Kings Forest Valley Rosewood Magnolia Juniper`
  .split(/\s+/)
  .filter(Boolean);

const US_SUFFIX = [
  'Street',
  'St',
  'Avenue',
  'Ave',
  'Road',
  'Rd',
  'Drive',
  'Dr',
  'Lane',
  'Ln',
  'Boulevard',
  'Blvd',
  'Court',
  'Ct',
  'Place',
  'Way',
];
const UK_SUFFIX = [
  'Street',
  'Road',
  'Lane',
  'Avenue',
  'Close',
  'Crescent',
  'Gardens',
  'Terrace',
  'Grove',
  'Drive',
  'Way',
  'Place',
];
const IE_SUFFIX = ['Street', 'Road', 'Avenue', 'Park', 'Lawn', 'Grove', 'Terrace', 'Drive', 'Court', 'View'];

const US_CITIES: ReadonlyArray<readonly [string, string, string, string]> = [
  ['Springfield', 'IL', 'Illinois', '627'],
  ['Austin', 'TX', 'Texas', '787'],
  ['Portland', 'OR', 'Oregon', '972'],
  ['Denver', 'CO', 'Colorado', '802'],
  ['Boston', 'MA', 'Massachusetts', '021'],
  ['Seattle', 'WA', 'Washington', '981'],
  ['Columbus', 'OH', 'Ohio', '432'],
  ['Madison', 'WI', 'Wisconsin', '537'],
  ['Raleigh', 'NC', 'North Carolina', '276'],
  ['Phoenix', 'AZ', 'Arizona', '850'],
  ['Brooklyn', 'NY', 'New York', '112'],
  ['Miami', 'FL', 'Florida', '331'],
  ['Atlanta', 'GA', 'Georgia', '303'],
  ['San Diego', 'CA', 'California', '921'],
  ['Nashville', 'TN', 'Tennessee', '372'],
];

/** Towns with their postcode area letters. */
const UK_TOWNS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['London', ['SW', 'SE', 'NW', 'N', 'E', 'W', 'EC', 'WC']],
  ['Manchester', ['M']],
  ['Birmingham', ['B']],
  ['Leeds', ['LS']],
  ['Glasgow', ['G']],
  ['Edinburgh', ['EH']],
  ['Cardiff', ['CF']],
  ['Belfast', ['BT']],
  ['Bristol', ['BS']],
  ['Liverpool', ['L']],
  ['Sheffield', ['S']],
  ['Nottingham', ['NG']],
  ['Newcastle upon Tyne', ['NE']],
  ['Oxford', ['OX']],
  ['Cambridge', ['CB']],
  ['Brighton', ['BN']],
  ['York', ['YO']],
];

/** Irish towns with their Eircode routing keys and counties. */
const IE_TOWNS: ReadonlyArray<readonly [string, readonly string[], string | null]> = [
  ['Dublin 2', ['D02'], null],
  ['Dublin 4', ['D04'], null],
  ['Dublin 6W', ['D6W'], null],
  ['Dublin 8', ['D08'], null],
  ['Dublin 15', ['D15'], null],
  ['Cork', ['T12', 'T23'], 'Cork'],
  ['Ballincollig', ['P31'], 'Cork'],
  ['Galway', ['H91'], 'Galway'],
  ['Limerick', ['V94'], 'Limerick'],
  ['Waterford', ['X91'], 'Waterford'],
  ['Kilkenny', ['R95'], 'Kilkenny'],
  ['Sligo', ['F91'], 'Sligo'],
  ['Athlone', ['N37'], 'Westmeath'],
  ['Drogheda', ['A92'], 'Louth'],
  ['Letterkenny', ['F92'], 'Donegal'],
  ['Tralee', ['V92'], 'Kerry'],
  ['Ennis', ['V95'], 'Clare'],
  ['Wexford', ['Y35'], 'Wexford'],
  ['Navan', ['C15'], 'Meath'],
  ['Naas', ['W91'], 'Kildare'],
  ['Bray', ['A98'], 'Wicklow'],
  ['Swords', ['K67'], 'Dublin'],
];

const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
const EIRCODE_CHARS = '0123456789ACDEFHKNPRTVWXY';
const EIRCODE_LETTERS = 'ACDEFHKNPRTVWXY';

export type AddressRegion = 'US' | 'GB' | 'IE';

export interface Address {
  region: AddressRegion;
  /** The full address on one line, as typed. */
  line: string;
  /** The street part alone ("221 Maple Avenue, Apt 4"). */
  street: string;
  /** ZIP, postcode or Eircode. */
  code: string;
  /** The address as a caller says it, for a lower-case transcript (made on first use). */
  readonly spoken: string;
}

export function ukPostcode(rng: Rng, area: string): string {
  let district: string;
  // Central London districts carry a letter (SW1A, EC2M, WC1E); elsewhere a one- or two-digit number.
  if (
    (area === 'EC' || area === 'WC' || area === 'SW' || area === 'W' || area === 'N' || area === 'E') &&
    rng.chance(0.25)
  ) {
    district = `${rng.int(1, area === 'WC' ? 2 : 4)}${rng.chars('ABCEHJKMNPRVWXY', 1)}`;
  } else if (area === 'EC') {
    district = String(rng.int(1, 4));
  } else if (area === 'WC') {
    district = String(rng.int(1, 2));
  } else {
    district = String(rng.int(1, area.length === 1 ? 40 : 20));
  }
  return `${area}${district} ${rng.int(0, 9)}${rng.chars(INWARD_LETTERS, 2)}`;
}

export function eircode(rng: Rng, key: string): string {
  return `${key} ${rng.chars(EIRCODE_LETTERS, 1)}${rng.chars(EIRCODE_CHARS, 3)}`;
}

function houseNumber(rng: Rng, max: number): string {
  return String(rng.int(1, max));
}

export function newAddress(rng: Rng, region: AddressRegion): Address {
  const name = rng.pick(STREET_NAMES);
  if (region === 'US') {
    const [city, st, state, zip3] = rng.pick(US_CITIES);
    const num = houseNumber(rng, rng.chance(0.5) ? 9999 : 999);
    const suffix = rng.pick(US_SUFFIX);
    const unit = rng.chance(0.25)
      ? `, ${rng.pick(['Apt', 'Apt.', 'Suite', 'Unit', '#'])} ${rng.int(1, 40)}${rng.chance(0.3) ? rng.chars('ABCD', 1) : ''}`
      : '';
    const zip = `${zip3}${rng.digits(2)}${rng.chance(0.15) ? `-${rng.digits(4)}` : ''}`;
    const street = `${num} ${name} ${suffix}${unit}`;
    const stateText = rng.chance(0.85) ? st : state;
    return {
      region,
      line: `${street}, ${city}, ${stateText} ${zip}`,
      street,
      code: zip,
      get spoken() {
        return `${num} ${name} ${suffix}${unit.replace(/[,#.]/g, '').replace(/\s+/g, ' ')} ${city} ${state} ${zip}`.toLowerCase();
      },
    };
  }
  if (region === 'GB') {
    const [town, areas] = rng.pick(UK_TOWNS);
    const pc = ukPostcode(rng, rng.pick(areas));
    const flat = rng.chance(0.15) ? `Flat ${rng.int(1, 20)}, ` : '';
    const street = `${flat}${houseNumber(rng, 250)}${rng.chance(0.05) ? 'B' : ''} ${name} ${rng.pick(UK_SUFFIX)}`;
    return {
      region,
      line: `${street}, ${town} ${pc}`,
      street,
      code: pc,
      get spoken() {
        return `${street.replace(/,/g, '')} ${town} ${pc}`.toLowerCase();
      },
    };
  }
  const [town, keys, county] = rng.pick(IE_TOWNS);
  const code = eircode(rng, rng.pick(keys));
  const apt = rng.chance(0.12) ? `Apartment ${rng.int(1, 30)}, ` : '';
  const street = `${apt}${houseNumber(rng, 120)} ${name} ${rng.pick(IE_SUFFIX)}`;
  const countyText = county && rng.chance(0.6) ? `, Co. ${county}` : '';
  return {
    region,
    line: `${street}, ${town}${countyText}, ${code}`,
    street,
    code,
    get spoken() {
      return `${street.replace(/,/g, '')} ${town}${countyText.replace(/[,.]/g, '')} ${code}`.toLowerCase();
    },
  };
}
