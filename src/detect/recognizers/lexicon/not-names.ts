/**
 * Words that follow a name cue in customer-service talk but are not names: "hi there",
 * "thanks again", "dear customer", "I'm sorry", "this is Acme support", "my name is on the account".
 * Lower case. A word here ends a candidate name (or rejects it when it comes first), in any case.
 */

const FUNCTION_WORDS = `
a an the and or nor but if so as to of in on at by for with about from into onto over under after
before up down out off again there here then than now just also still yet already not no yes yeah
yep yup nope ok okay k sure right well oh ah aha um umm uh er erm hmm mm mhm please pls plz thanks
thank thx ty sorry hi hello hey hiya dear i me my mine myself you your yours yourself ya ye yall
y'all we us our ours they them their he him his she her hers it its it's this that these those who
whom whose what when where why how which all any some every each both either neither none one two
three four five six seven eight nine ten first second third last next other another same such own
only very too much many more most less least few lot lots anything everything something nothing
anyone everyone someone noone nobody everybody somebody anybody can could would should shall
might must do does did done don't doesn't didn't is am are was were be been being have has had
having get got getting go going gone went come coming came let lets let's im i'm ive i've id i'd
ill i'll youre you're theyre we're were isn't aren't wasn't can't cannot won't wouldn't couldn't
also though although because since while until unless whether via per re fyi asap btw etc
`;

/** Words that come after "I'm" / "this is" / "it's" and describe, not name, the speaker. */
const STATES = `
fine good great grand ok okay alright well better best bad worse not just really so very still
calling writing trying looking having going getting waiting wondering hoping following reaching
contacting emailing messaging texting ringing phoning checking asking chasing returning afraid
glad happy unhappy sure unsure aware unaware unable able interested confused worried concerned
frustrated annoyed disappointed upset angry furious tired exhausted done ready new old here back
home away busy free available late early alone married single retired pregnant ill sick unwell
pleased delighted thrilled curious stuck lost gonna gunna wanna trying currently actually literally
honestly basically probably definitely totally absolutely seriously genuinely simply quite pretty
rather bit little big small totally completely almost nearly about around afraid awake asleep
allergic certain correct wrong right true false clear unclear sure positive excited nervous
scared sad mad cold hot hungry broke poor sorry thankful grateful appreciative impressed
satisfied dissatisfied unimpressed shocked surprised amazed assuming guessing thinking afraid
based located calling ringing speaking talking chatting messaging responding replying
`;

/** Who a greeting addresses when it is not a person's name. */
const ADDRESSEES = `
there all everyone everybody team guys gals folks friend friends mate mates buddy pal fellas lads
ladies gentlemen sir sirs madam maam ma'am mam miss mister missus mrs mr ms mx dr doctor prof
customer customers client clients valued member members user users colleague colleagues world
love luv darling hun hon honey sweetie sweetheart babe bro dude man boss chief
mum mom mommy mummy dad daddy mother father parent parents grandma grandpa granny nan nana
husband wife son daughter brother sister aunt uncle cousin partner family kids children baby
again advance everything anyway bye goodbye morning afternoon evening night day week weekend
`;

/** Numbers and the printed products of the business, as they follow "asked for", "are for". */
const COUNTS_AND_PRODUCTS = `
eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty
fifty sixty seventy eighty ninety hundred thousand dozen half couple pair
brochures flyers leaflets posters postcards invitations banners stickers labels mugs prints copies
designs samples proofs booklets catalogues catalogs calendars envelopes letterheads notepads
`;

/** Common verbs that are not caught by their ending ("my manager said", "my husband insists"). */
const VERBS = `
said says say told tells tell know knows knew think thinks thought want wants went goes go gets
got gave gives give makes made pays paid sent sends came comes come took takes saw sees see found
finds find left leaves leave kept keeps keep puts let lets brought bring brings bought buys spoke
speaks speak wrote writes write reads run runs ran sat sits stood stands met meets lost loses lose
won wins felt feels feel heard hears hear meant means mean works work uses use insists insist
agrees agree disagrees thinks tried tries try needs need wants likes like loves hates prefers
handles handled deals dealt manages runs owns uses placed ordered paid signed approved booked
`;

/** Organisation and department words: "Hi Acme Support", "Regards, Customer Care". */
export const ORG_WORDS_LIST = `
support service services team care desk help helpdesk billing sales accounts account department
dept office company co ltd limited inc incorporated llc llp plc corp corporation group bank store
shop shipping delivery deliveries returns admin administrator administration manager management
supervisor agent agents representative rep operator staff reception hr legal compliance marketing
printing print prints printers orders online digital media studio studios solutions systems
technologies technology tech labs products express global international center centre direct
partners associates holdings enterprises industries logistics courier couriers post mail
headquarters hq unit division branch outlet warehouse factory hotel restaurant cafe clinic
hospital school college university council ministry agency bureau foundation trust charity club
network networks software app apps platform portal website site web
`;

const NATIONALITIES = `
american british english irish scottish welsh northern canadian australian french german spanish
italian polish indian chinese japanese korean european african asian mexican dutch portuguese
brazilian russian ukrainian romanian lithuanian latvian swedish norwegian danish finnish greek
turkish pakistani nigerian filipino vietnamese thai arab arabic hispanic latino latina catholic
protestant muslim jewish hindu
`;

const CALENDAR = `
monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday tonight
january february march july august september october november december jan feb mar apr jun jul
aug sep sept oct nov dec christmas xmas easter halloween thanksgiving
`;

/** Nouns of customer-service talk that follow "my name is" / "this is" / greetings. */
const SERVICE_NOUNS = `
order orders card cards invoice invoices refund refunds payment payments package packages parcel
parcels item items product products email emails phone number numbers address name names password
code codes problem problems issue issues question questions query queries update updates info
information details detail message messages call calls chat ticket tickets case cases reference
request requests complaint complaints feedback review reviews quote quotes price prices cost
subscription plan membership login username system website page link file files document photo
photos picture pictures print job proof proofs design designs sample samples business flyer flyers
poster posters banner banners mug mugs shirt shirts stickers labels envelope envelopes box boxes
urgent important attached attachment below above regarding re fwd fw cc bcc subject
teams word excel outlook powerpoint zoom skype
regards sincerely faithfully truly cheers best wishes kind warm many
what's whats how's hows that's thats there's theres here's heres
mr mrs ms miss dr
`;

function words(list: string): string[] {
  return list.split(/\s+/).filter((w) => w.length > 0);
}

export const ORG_WORDS: ReadonlySet<string> = new Set(words(ORG_WORDS_LIST));

export const NOT_NAMES: ReadonlySet<string> = new Set([
  ...words(FUNCTION_WORDS),
  ...words(STATES),
  ...words(ADDRESSEES),
  ...words(NATIONALITIES),
  ...words(CALENDAR),
  ...words(SERVICE_NOUNS),
  ...words(VERBS),
  ...words(COUNTS_AND_PRODUCTS),
  ...ORG_WORDS,
]);
