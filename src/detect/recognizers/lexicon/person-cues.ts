/**
 * Cue vocabulary of the PERSON recognizer: the words around a name in customer-service talk.
 * Lower case; apostrophes are straight ("’" is folded to "'" before a look-up).
 */

function words(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter((w) => w.length > 0));
}

/** Greetings a name can follow: "hi Jane", "dear Jane", "good morning Jane". */
export const GREETING_WORDS = words(
  'hi hiya hey heya hello howdy dear morning afternoon evening bye goodbye',
);

/** Thanks, which are a greeting inline ("thanks Jane") and a sign-off before a line break. */
export const THANKS_WORDS = words('thanks thx cheers');

/** Last words of a sign-off: "Kind regards,", "Best,", "Yours sincerely,", "Take care,". */
export const SIGNOFF_WORDS = words(
  'regards best wishes sincerely faithfully truly care respectfully cordially thanks cheers',
);

/** Written titles before a surname. */
export const TITLE_WORDS = words('mr mrs ms miss mx dr prof');

/** Spoken titles in transcripts. */
export const SPOKEN_TITLES = words('mister missus');

/** Words after a name that make "this is X …" an introduction ("from", "speaking", "on behalf"). */
export const CLOSERS = words('from speaking calling here on');

/** Words before "name is" / "name:" that make it a person's name (not "file name is"). */
export const NAME_OWNERS = words(`
  my the your his her their our first last full middle maiden given christian family legal
  customer customer's contact cardholder holder holder's husband's wife's son's daughter's
  mother's father's partner's agent agent's caller caller's recipient sender patient
`);

/** Lower-case particles inside a capitalised surname: "Jane van der Berg", "Ana de la Cruz". */
export const PARTICLES = words(
  'van von der den de del della da di du la le dos das ter bin ibn al ó ni nic mac mc',
);

/** Parts of a known name that are not the name: titles and suffixes ("Dr. Jane Doe Jr."). */
export const HONORIFICS = words('mr mrs ms miss mx dr prof sir dame jr sr ii iii iv phd md esq');

/** Surnames that are everyday words; alone they only match when capitalised mid-sentence. */
export const COMMON_WORD_SURNAMES = words(`
  brown green white black gray grey king young long hall wood day page bell rich little short small
  hill lane cook baker miller turner carpenter mason walker fisher hunter porter price cross rose
  stone field fields banks church english french noble moody wise sharp strong hardy golden gold
  silver love best bird fox wolf lamb swan drake crane house may march winter summer spring frost
  snow rain storm brook river lake pool marsh ford park street waters major
`);

/** Possessives before a relation ("my colleague", "our accountant"). */
export const POSSESSIVES = words('my our your his her their');

/** People a customer mentions by name: "my colleague Fatima Price", "my partner olivia". */
export const RELATIONS = words(`
  colleague partner husband wife son daughter mother father mum mom dad brother sister friend boss
  manager accountant assistant neighbour neighbor boyfriend girlfriend fiance fiancé fiancee fiancée
  client
`);

/** Last words of every cue a capitalised name can follow; anything else is rejected at once. */
export const CUE_LAST_WORDS: ReadonlySet<string> = new Set([
  ...GREETING_WORDS,
  ...THANKS_WORDS,
  ...SIGNOFF_WORDS,
  ...TITLE_WORDS,
  ...SPOKEN_TITLES,
  ...RELATIONS,
  ...words(
    "name's surname's it's i'm im is am me you reached with to for this was it of attn back name surname from " +
      'calling us holding waiting patience welcome helpful okay ok alright right problem worries course lovely perfect ' +
      'called named under by as',
  ),
]);
