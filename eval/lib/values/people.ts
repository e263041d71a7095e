/**
 * People: names of customers and agents (the product's markets: the US, the UK and Ireland, with
 * the variety real customer bases have: accents, apostrophes, hyphens, double surnames), dates of
 * birth and passwords.
 */
import type { Rng } from '../prng.js';

const FIRST = `James Mary John Patricia Robert Jennifer Michael Linda David Elizabeth William Barbara
Richard Susan Joseph Jessica Thomas Sarah Christopher Karen Daniel Lisa Matthew Nancy Anthony Sandra
Mark Ashley Donald Emily Steven Michelle Andrew Amanda Joshua Melissa Kevin Deborah Brian Stephanie
George Rebecca Timothy Laura Ryan Amy Jason Angela Jacob Emma Gary Olivia Nicholas Hannah Eric
Megan Jonathan Rachel Oliver Charlotte Harry Amelia Jack Isla Noah Freya Leo Poppy Alfie Evie
Callum Chloe Rhys Bethany Jamie Gemma Aoife Niamh Siobhán Saoirse Ciara Orla Sinéad Róisín Caoimhe
Gráinne Seán Cian Oisín Darragh Pádraig Eoin Cathal Ruairí Conor Fionn Aidan Declan Niall Cormac
Priya Aisha Fatima Mohammed Omar Wei Mei Hiroshi Yuki Carlos Sofía José Lucía Mateo Ana-Maria
Jean-Luc Zoë Chidi Ngozi Kwame Amara Tomasz Agnieszka Piotr Katarzyna Dmitri Elena`
  .split(/\s+/)
  .filter(Boolean);

const LAST = `Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez
Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Thompson White Harris Clark Lewis Robinson
Walker Young Allen King Wright Scott Hill Green Adams Baker Nelson Carter Mitchell Roberts Evans
Turner Phillips Campbell Parker Collins Edwards Stewart Morris Murphy Cook Rogers Patel Khan Singh
Ahmed Ali Hughes Wood Cooper Ward Watson Bennett Gray Holmes Price Fletcher Ellis Jenkins Lloyd
Davies Owen Pritchard Byrne Ryan O'Brien O'Sullivan Walsh McCarthy Doyle Kennedy Lynch Murray
Quinn Moloney Gallagher Ní Bhriain Mac Giolla McLoughlin O'Connor Fitzgerald Nolan Brennan
Kavanagh Duffy Ó Súilleabháin Nguyen Chen Wang Zhang Kim Tanaka Sato Kowalski Nowak Novak Ivanova
Okafor Mensah Adeyemi Dubois Müller Schmidt Rossi Russo Fernández Smith-Jones Lloyd-Webber`
  .split(/\s+/)
  .filter(Boolean);

/** Two-word surnames kept together ("Ní Bhriain", "Mac Giolla", "Ó Súilleabháin"). */
const PARTICLES = new Set(['Ní', 'Mac', 'Ó']);

function lastName(rng: Rng): string {
  for (;;) {
    const i = rng.int(0, LAST.length - 1);
    const w = LAST[i]!;
    if (PARTICLES.has(w)) return `${w} ${LAST[i + 1]!}`;
    if (i > 0 && PARTICLES.has(LAST[i - 1]!)) continue;
    return w;
  }
}

export interface Person {
  first: string;
  last: string;
  full: string;
}

export function newPerson(rng: Rng): Person {
  const first = rng.pick(FIRST);
  const last = lastName(rng);
  return { first, last, full: `${first} ${last}` };
}

/** A name as a speech transcript writes it: lower case, accents kept or dropped by the recognizer. */
export function asrName(name: string, rng: Rng): string {
  const lower = name.toLowerCase();
  return rng.chance(0.4) ? lower.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : lower;
}

/** ASCII letters of a name for e-mail local parts ("Siobhán O'Brien" -> "siobhan", "obrien"). */
const asciiCache = new Map<string, string>();

export function asciiWord(s: string): string {
  let out = asciiCache.get(s);
  if (out === undefined) {
    out = s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z]/g, '');
    asciiCache.set(s, out);
  }
  return out;
}

export interface Dob {
  year: number;
  month: number;
  day: number;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function newDob(rng: Rng, atYear: number): Dob {
  const year = atYear - rng.int(18, 85);
  const month = rng.int(1, 12);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const max = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
  return { year, month, day: rng.int(1, max) };
}

const WORDS = `sunshine dragon monkey football shadow master hunter ranger buster summer autumn winter
tiger purple orange silver golden falcon thunder rocket pepper ginger biscuit muffin harbour meadow
willow cobalt maple banjo pirate wizard galaxy comet`
  .split(/\s+/)
  .filter(Boolean);
const SYMBOLS = '!@#$%&*?';
const ALNUM = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Passwords in the shapes people really choose: word + digits + symbol, leetspeak, random strings. */
export function newPassword(rng: Rng): string {
  const w = rng.pick(WORDS);
  switch (rng.int(0, 4)) {
    case 0:
      return `${w[0]!.toUpperCase()}${w.slice(1)}${rng.int(1, 99)}${rng.chars(SYMBOLS, 1)}`;
    case 1:
      return `${w}${rng.int(1970, 2024)}`;
    case 2:
      return w.replace(/a/g, '@').replace(/o/g, '0').replace(/e/g, '3') + rng.digits(2);
    case 3:
      return rng.chars(ALNUM, rng.int(8, 14));
    default:
      return `${rng.pick(WORDS)}-${rng.pick(WORDS)}-${rng.int(10, 99)}`;
  }
}

/** Passwords simple enough to spell out on the phone (letters and digits, some capitals). */
export function newSpellablePassword(rng: Rng): string {
  const w = rng.pick(WORDS);
  const cap = rng.chance(0.6) ? w[0]!.toUpperCase() + w.slice(1) : w;
  return cap.slice(0, rng.int(4, Math.min(7, cap.length))) + rng.digits(rng.int(2, 3));
}
