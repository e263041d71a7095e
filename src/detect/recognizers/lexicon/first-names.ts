/**
 * A compact list of common first names in the US, the UK and Ireland (the product's markets), lower
 * case, kept by hand, and a long generated one beside it (see FIRST_NAMES). It is not used to find names on its own: it raises the score of a weak cue ("hi jane",
 * "thanks Siobhán", "jane speaking") and lets a lower-case speech transcript count as evidence.
 * Irish names appear with and without the fada, because transcripts and keyboards drop it.
 *
 * Names that are also ordinary English words ("will", "grace", "bill") are in AMBIGUOUS_NAMES as
 * well: after a weak cue they only count when written with a capital letter.
 */

import { MORE_AMBIGUOUS_NAMES, MORE_FIRST_NAMES } from './more-first-names.js';

const FEMALE = `
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret
sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca
sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha
katherine christine debra rachel carolyn janet catherine maria heather diane ruth julie olivia joyce
virginia victoria kelly lauren christina joan evelyn judith megan andrea cheryl hannah jacqueline
martha gloria teresa ann anne sara madison frances kathryn janice jean abigail alice judy sophia
denise danielle beverly isabella theresa diana natalie brittany charlotte marie kayla alexis lori
jane ava mia harper ella chloe zoe lily amelia isla freya evie ellie molly katie sophie lucy
georgia bethany abby gemma leah kirsty stacey claire nicola lindsey lindsay joanne tracey tracy
julia paula wendy hayley louise natasha charlene shannon zara imogen phoebe matilda florence esme
eleanor harriet rosie maisie jasmine alisha rachael kate katy kathy cathy becky jenny jen liz beth
lizzie ellen elaine eileen maureen noreen colette majella bernadette geraldine josephine
christina caroline carrie tina gina nina lena elena alexandra alex jo joanna jill gillian
gail valerie vanessa veronica yvonne sylvia irene norma pauline rita sheila wanda agnes edith
ethel lorraine marion miriam naomi olga peggy rosemary sally shauna sonia tanya vicky vivian
yasmin aisha fatima amira priya anjali sana leila layla maya nadia sofia sophie tara thea
aoife niamh siobhán siobhan saoirse caoimhe clodagh róisín roisin sinéad sinead orla orlaith
aisling ciara gráinne grainne deirdre eimear áine aine maeve méabh meabh fionnuala nuala bríd brid
bridget brigid mairéad mairead úna una muireann sadhbh caitlín caitlin aoibheann aoibhinn ailbhe
éabha eabha clíodhna cliodhna emer fiadh laoise dearbhla ríona riona sorcha treasa bláthnaid
blathnaid nóra nora nollaig sadie cara keeva orna edel breda fidelma finola
`;

const MALE = `
james john robert michael william david richard joseph thomas charles christopher daniel matthew
anthony donald paul steven andrew kenneth joshua kevin brian george edward ronald timothy jason
jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel
gregory alexander raymond patrick dennis jerry tyler aaron jose adam henry nathan douglas zachary
peter kyle walter ethan jeremy harold keith christian roger noah gerald carl terry sean seán austin
arthur lawrence jesse dylan bryan joe jordan billy bruce albert willie gabriel logan alan allan
juan wayne ralph randy eugene vincent russell elijah louis bobby philip phillip johnny liam oliver
harry oscar charlie leo alfie freddie archie theo isaac finley lucas mason mohammed muhammad
mohammad ahmed ali omar hassan raj arjun rahul sam ben tom dan matt mike chris nick steve dave
tony andy jim jimmy ted ed fred ned tim jon josh jake luke joel neil craig stuart stewart graham
gavin darren lee dean ross jamie callum lewis jack kieran connor conor reece rhys owen evan ewan
hamish angus fraser duncan malcolm colin ian iain alistair alasdair gordon martin simon nigel
trevor clive derek barry gerard ger noel des desmond vincent hugh hugo felix toby rupert giles
marcus miles oscar sebastian theodore frederick jasper elliot elliott harvey reggie ronnie stanley
shane séamus seamus ciarán ciaran cian darragh oisín oisin pádraig padraig eoin eoghan cathal colm
conall dónal donal niall fionn tadhg ruairí ruairi rory declan diarmuid dermot fergal fergus aidan
aodhán aodhan brendan caolán caolan cillian killian cormac odhrán odhran rónán ronan senan tiernan
tomás tomas micheál micheal mícheál donnacha donncha eamon éamon eamonn lorcan lorcán paddy mick
mickey enda finbarr fintan kenny liam pearse proinsias ultan turlough colum ciarán daithí daithi
dara oran padraic
`;

/** First names that are also everyday words; after a weak cue they need a capital letter. */
const AMBIGUOUS = `
will mark grace hope joy faith dawn may june april summer autumn rose lily holly ivy iris daisy
poppy ruby amber jade crystal pearl violet hazel olive sky bill bob frank jack pat sue rich ray art
gene guy chase hunter drew grant chance don dean kit max rob sandy sunny carol robin heather jasmine
destiny harmony melody mercy patience honor penny ginger misty brook brooke rocky buck
`;

function words(list: string): string[] {
  return list.split(/\s+/).filter((w) => w.length > 0);
}

/**
 * The hand-kept everyday-word names: words common in customer-service talk ("will", "grace").
 * Known names use these alone: the generated list's dictionary words ("doe", "lark") are too rare
 * in a conversation with a customer of that name to stop a match on the name.
 */
export const COMMON_AMBIGUOUS_NAMES: ReadonlySet<string> = new Set(words(AMBIGUOUS));

/** Every first name that is also an everyday word: after a weak cue it needs a capital letter. */
export const AMBIGUOUS_NAMES: ReadonlySet<string> = new Set([
  ...COMMON_AMBIGUOUS_NAMES,
  ...words(MORE_AMBIGUOUS_NAMES),
]);

/**
 * The hand-kept names above and the long generated list (more-first-names.ts): about 8,000 names,
 * so that a speech transcript's "thanks tomasz" or "you're welcome ingrid" counts without the
 * store's known names (a scan of plain text has none).
 */
export const FIRST_NAMES: ReadonlySet<string> = new Set([
  ...words(FEMALE),
  ...words(MALE),
  ...words(MORE_FIRST_NAMES),
  ...AMBIGUOUS_NAMES,
]);
