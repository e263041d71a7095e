/**
 * Word lists for postal addresses in the US, the UK and Ireland. Lower case unless noted.
 *
 * Street suffixes follow USPS Publication 28, Appendix C1 (primary names and the common
 * abbreviations people type), plus the thoroughfare words of UK and Irish addresses. They come in
 * two groups: words that name nothing but a street ("street", "avenue", "blvd"), which count in any
 * case, and words that are also everyday English ("way", "park", "drive", "close", "view"), which
 * only count when the street name is capitalised ("12 Abbey Way") or an address is being talked
 * about ("I live at 12 abbey way").
 */

function words(list: string): string[] {
  return list.split(/\s+/).filter((w) => w.length > 0);
}

const STRONG_SUFFIXES = `
street st str avenue ave av avn road rd boulevard blvd boul lane ln terrace ter terr circle cir
circ parkway pkwy pky highway hwy expressway expy freeway fwy turnpike tpke causeway cswy crescent
cres cresc alley aly allee plaza plz trail trl mews quay embankment esplanade promenade parade pde
wynd court ct crt place pl drive dr drv grove gr gardens gdns gdn heights hts hollow holw junction
jct lanes mnr manor sq skyway bypass byp underpass overpass thoroughfare boreen
`;

const WEAK_SUFFIXES = `
way wy park pk close cl view vw walk row rise hill hl green grn square gate gardens garden fields
field fld point pt ridge rdg crossing xing loop mall center ctr centre pike run pass path lake lk
glen gln meadow meadows mdw mdws vale dale dl bend bnd brook brk creek crk cove cv knoll knl
landing lndg orchard oval passage pines pnes springs spg spgs station sta summit smt trace track
vista vis valley vly village vlg estate est estates ests harbor hbr harbour haven hvn island
isle key ky mount mt mountain mtn ranch rnch lawn lawns downs chase grange croft yard wharf market
approach
`;

/** Streets whose single word is the whole name: "1600 Broadway". */
export const STANDALONE_STREETS: ReadonlySet<string> = new Set(words('broadway bowery strand'));

export const STRONG_STREET_SUFFIXES: ReadonlySet<string> = new Set(words(STRONG_SUFFIXES));
export const WEAK_STREET_SUFFIXES: ReadonlySet<string> = new Set(
  words(WEAK_SUFFIXES).filter((w) => !STRONG_STREET_SUFFIXES.has(w)),
);

/** Abbreviations that may carry a dot ("St.", "Ave."); the dot then belongs to the address. */
export const ABBREVIATED_SUFFIXES: ReadonlySet<string> = new Set(
  words(`st str ave av avn rd blvd boul ln ter terr cir circ pkwy pky hwy expy fwy tpke cswy cres
  cresc aly plz trl pde ct crt pl dr drv gr gdns gdn hts holw jct mnr sq byp wy pk cl vw hl grn fld
  pt rdg xing ctr lk gln mdw mdws dl bnd brk crk cv knl lndg pnes spg spgs sta smt vis vly vlg est
  ests hbr hvn ky mt mtn rnch`),
);

/** Directionals before or after a street name ("W 34th St", "Main St NW"). */
export const DIRECTIONALS: ReadonlySet<string> = new Set(
  words('n s e w ne nw se sw north south east west northeast northwest southeast southwest'),
);

/** Secondary unit designators (USPS Appendix C2 and UK/Irish usage): "Apt 4B", "Flat 3". */
export const UNIT_WORDS: ReadonlySet<string> = new Set(
  words('apt apartment suite ste unit flat fl floor rm room bldg building lot space spc trlr trailer'),
);

/** US state and territory codes (USPS), upper case. */
export const US_STATE_CODES: ReadonlySet<string> = new Set(
  words(`AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH
  NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR VI GU AS MP AA AE AP`),
);

/** US state names, lower case (multi-word names with single spaces). */
export const US_STATE_NAMES: ReadonlySet<string> = new Set(
  `alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|district of columbia|
  florida|georgia|hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|
  massachusetts|michigan|minnesota|mississippi|missouri|montana|nebraska|nevada|new hampshire|
  new jersey|new mexico|new york|north carolina|north dakota|ohio|oklahoma|oregon|pennsylvania|
  rhode island|south carolina|south dakota|tennessee|texas|utah|vermont|virginia|washington|
  west virginia|wisconsin|wyoming|puerto rico`
    .split('|')
    .map((s) => s.trim()),
);

/** UK postcode areas (the letters before the first digit), upper case. */
export const UK_POSTCODE_AREAS: ReadonlySet<string> = new Set(
  words(`AB AL B BA BB BD BF BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN
  DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE
  LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN
  SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE`),
);

/** Eircode routing keys in use (139, Eircode 2015 onwards), upper case. */
export const EIRCODE_ROUTING_KEYS: ReadonlySet<string> = new Set(
  words(`A41 A42 A45 A63 A65 A67 A75 A81 A82 A83 A84 A85 A86 A91 A92 A94 A96 A98 C15 D01 D02 D03
  D04 D05 D06 D6W D07 D08 D09 D10 D11 D12 D13 D14 D15 D16 D17 D18 D20 D22 D24 E21 E25 E32 E34 E41
  E45 E53 E91 F12 F23 F26 F28 F31 F35 F42 F45 F52 F56 F91 F92 F93 F94 H12 H14 H16 H18 H23 H53 H54
  H62 H65 H71 H91 K32 K34 K36 K45 K56 K67 K78 N37 N39 N41 N91 P12 P14 P17 P24 P25 P31 P32 P36 P43
  P47 P51 P56 P61 P67 P72 P75 P81 P85 R14 R21 R32 R35 R42 R45 R51 R56 R93 R95 T12 T23 T34 T45 T56
  V14 V15 V23 V31 V35 V42 V92 V93 V94 V95 W12 W23 W34 W91 X35 X42 X91 Y14 Y21 Y25 Y34 Y35`),
);

/** Irish counties, for "Co. Kildare" / "County Cork" lines. */
export const IRISH_COUNTIES: ReadonlySet<string> = new Set(
  words(`antrim armagh carlow cavan clare cork derry donegal down dublin fermanagh galway kerry
  kildare kilkenny laois leitrim limerick longford louth mayo meath monaghan offaly roscommon sligo
  tipperary tyrone waterford westmeath wexford wicklow`),
);

/** Countries that may end an address line. */
export const COUNTRY_NAMES: ReadonlySet<string> = new Set(
  `usa|u.s.a.|united states|united states of america|uk|u.k.|united kingdom|great britain|england|
  scotland|wales|northern ireland|ireland|republic of ireland|éire|eire`
    .split('|')
    .map((s) => s.trim()),
);

/**
 * Lower-case words that cannot be part of a street name in running text: "2 more street lights",
 * "3 new road bikes", "2 days by road". Capitalised ones still count ("Old Street", "New Road").
 */
export const NOT_STREET_NAME: ReadonlySet<string> = new Set(
  words(`a an the and or but if so to of in on at by for with from into onto over under about as
  is are was were be been am i you he she it we they my your his her its our their this that these
  those there here then than more most less many much few other another same different extra new
  old big small large little long short hard soft good bad great nice best better worse one two
  three four five six seven eight nine ten hundred thousand way ways times minutes hours days weeks
  months years per each every all some any no not just only also very too again still`),
);

/** Units of time and measure, in any case: "10 AM Drive time", "a 5 Minute Walk", "2 Hour Park". */
export const MEASURE_WORDS: ReadonlySet<string> = new Set(
  words(`am pm a.m p.m min mins minute minutes hr hrs hour hours sec secs second seconds day days
  week weeks month months year years yr yrs mile miles mi km kms metre metres meter meters ft foot
  feet inch inches cm mm kg lb lbs percent pack packs piece pieces page pages copy copies sheet
  sheets box boxes star stars x`),
);

/** Words before a number that make it a count, not a house number: "ordered 500", "about 20". */
export const QUANTITY_WORDS: ReadonlySet<string> = new Set(
  words(`ordered order orders bought buy buying printed print printing need needs needed want
  wants wanted have has had get got getting received receive sent send made make making about
  around approximately approx only just over under than took takes take cost costs paid pay spent
  nearly almost another extra more less all`),
);

/** Words before a number or code that say an address is being given. */
export const ADDRESS_CONTEXT = [
  'address',
  'live at',
  'living at',
  'lives at',
  'i live',
  'moved to',
  'move to',
  'ship to',
  'shipping',
  'ship it to',
  'send it to',
  'deliver',
  'delivery',
  'mailing',
  'postcode',
  'post code',
  'postal code',
  'zip',
  'eircode',
  'residence',
  'located at',
  'based at',
  'reside',
] as const;

/** Capitalised words that start place and house names although they are common words. */
export const PLACE_WORDS: ReadonlySet<string> = new Set(
  words(
    'the new old north south east west upper lower great little grand saint st port mount fort lake royal',
  ),
);

/** Lower-case words inside street and place names: "Stratford upon Avon", "Avenue of the Americas". */
export const PLACE_PARTICLES: ReadonlySet<string> = new Set(words('of the upon on le la na an de'));

/** Labels after which a caller spells a postcode or Eircode. */
export const CODE_LABELS = ['postcode', 'post code', 'postal code', 'eircode', 'eir code'] as const;

/** Words right before a five-digit number (or in the question before it) that make it a ZIP code. */
export const ZIP_CONTEXT = ['zip', 'postal code', 'postcode', 'post code', 'eircode'] as const;

/** Words that make a lone five-digit number a ZIP code, or a lone code a postcode. */
export const POSTAL_CODE_CONTEXT = [
  'zip',
  'postcode',
  'post code',
  'postal code',
  'postal',
  'eircode',
  'address',
  'live at',
  'i live',
  'located',
] as const;
