import { LiteralGate } from './literal-gate';
import { alternationWords, foldDiacritics, folded } from './regex';

/**
 * What a sentence or list item says about itself, by meaning: does it ask something of the
 * candidate (a requirement), state a duty (a responsibility), or belong to neither list (company
 * pitch, benefits, pay, hours, how to apply, legal text)? Each function returns a strength:
 * 0 no cue, 1 a weak cue, 2 a clear one, 3 unmistakable. English, French, German, Spanish.
 */

const ADJECTIVES =
  '(?:(?:a|an|the|proven|strong|excellent|good|solid|demonstrated|demonstrable|previous|prior|relevant|some|extensive|significant|hands[- ]on|working|basic|advanced|deep|thorough|in[- ]depth|sound|broad|practical|professional|technical|expert|exceptional|outstanding|superior|effective|clear|great|minimum|general|current|direct|recent|considerable|substantial|excellent written and verbal|strong written and verbal|very good|high|highly|familiarity|understanding|detailed|comprehensive|robust|confirmed|successful|sufficient|applicable|related|appropriate|full|valid|current|\\d+\\+?)[ ,/-]+){0,4}';

/** A cue: its pattern, its weight, and optionally a cheap pattern that must match before it is tried. */
type Cue = readonly [RegExp, number, RegExp?];

function foldCues(cues: readonly Cue[]): readonly Cue[] {
  return cues.map(([pattern, weight, gate]) => [folded(pattern), weight, gate] as const);
}

const HAS_MODAL = /\b(?:will|may|shall|must|would|can)\s/i;
const HAS_NUMBER = /\d/;

const REQUIREMENT_HEADS = folded(
  new RegExp(
    `^${ADJECTIVES}(?:experience|experienced|knowledge|knowledgeable|understanding|proficiency|proficient|familiarity|familiar|expertise|expert|skills?|skilled|abilit(?:y|ies)|able|capability|capable|background|track record|degree|bachelor|bachelors|bachelor's|master|masters|master's|mba|ph\\.?\\s?d|doctorate|diploma|certificat(?:e|ion)|certified|qualifications?|qualified|licen[cs]e[ds]?|education|command|fluency|fluent|grasp|awareness|competenc(?:e|y|ies)|mastery|commitment|passion|interest|registration|registered|eligib(?:le|ility)|willing(?:ness)?|availability|available|comfortable|confident|ready|high school|ged|gcses?|a[- ]levels?|nvq|bs|ba|bsc|ms|msc|b\\.s|m\\.s|associate'?s?|university|college|graduate|minimum|at least|\\d+\\+?\\s*(?:years?|yrs)|(?:one|two|three|four|five|six|seven|eight|nine|ten)\\+?\\s*(?:\\(\\d+\\)\\s*)?years?|native|bilingual|self[- ]?(?:starter|motivated|driven|directed)|detail[- ]oriented|team player|organi[sz]ed|motivated|reliable|dependable|positive|friendly|flexible|flexibility|enthusiastic|enthusiasm|creative|curious|attention to detail|must|should|have|has|hold|holds|possess|possesses|possession|demonstrate|own transport|access to|a valid|right to work|authori[sz]ed|legally|pass|must pass|successful completion|clear(?:ance)?|physically|lift|ability|strong communication|excellent communication|communication skills|interpersonal|written and verbal|verbal and written|you (?:have|are|possess|bring|hold|can|should|must|will have|will need|will bring|will be (?:a|an|able|comfortable|someone|highly|expected to have))|you're (?:a|an|someone|comfortable|able|passionate|fluent|familiar|proficient|experienced|skilled|detail)|candidates? (?:must|should|will|with)|applicants? (?:must|should|will)|the (?:ideal )?(?:candidate|applicant|successful candidate|post ?holder) (?:must|should|will (?:have|need|possess|be (?:a|an|able|expected to have))|has|is (?:a|an|able|expected to have))|ideal(?:ly)?|preferred|preference|desired?|desirable|nice to have|bonus|plus)\\b`,
    'iu',
  ),
);

const REQUIREMENT_ANYWHERE = foldCues([
  // Years count as a requirement cue when they are years of something asked for, not a company's age.
  [
    /\b\d+\s?\+\s?(?:years?|yrs)\b|\b(?:minimum|at least|min\.?)\s(?:of\s)?\d+\s?(?:years?|yrs)\b|\b\d+\s?\+?\s?(?:(?:-|–|to)\s?\d+\s?\+?\s?)?(?:years?|yrs)['’]?\s(?:of\s)?(?:[\p{L}-]+\s){0,3}(?:experience|exp\b)/iu,
    2,
  ],
  [/\b\d+\s?(?:years?|yrs)\b/iu, 1],
  [/\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\s(?:\(\d+\)\s)?\+?\s?years?\b/iu, 1],
  [
    /\byears? (?:of )?(?:relevant |professional |hands[- ]on |proven |industry |related |direct |working |practical )*experience\b/iu,
    2,
  ],
  [/\bexperience (?:with|in|of|using|working|as|on|leading|managing|building|developing|at)\b/iu, 2, HAS_NUMBER],
  [/\bexperienced (?:in|with)\b/iu, 2],
  [
    /\b(?:degree|bachelor'?s?|master'?s|ph\.?\s?d|mba|diploma|gcse|a[- ]level|nvq|qualification|certification|certified|licen[cs]ed?|accreditation)\b/iu,
    2,
  ],
  [
    /\b(?:knowledge of|understanding of|proficien(?:t|cy) (?:in|with)|familiar(?:ity)? with|fluent in|fluency in|command of|grasp of|expertise in|skilled in|competen(?:t|ce|cy) in)\b/iu,
    2,
  ],
  [
    /\b(?:ability to|able to|capable of|capacity to|willing(?:ness)? to|available to|must be|must have|should have|should be|need to have|is required|are required|is essential|are essential|is a must|required\b(?! to)|is desirable|are desirable|preferred\b|a plus\b|an advantage|advantageous|nice to have|is an asset|a bonus)\b/iu,
    2,
  ],
  [/\b(?:skills?|track record|background in|proven|demonstrated|excellent|strong|solid)\b/iu, 1],
  [
    /\b(?:communication|interpersonal|organi[sz]ational|analytical|technical|leadership|people|writing|verbal|written|computer|problem[- ]solving|time[- ]management|customer service|numeracy|literacy|presentation|negotiation|coding|programming|management) skills\b|\bskills\.?$/iu,
    2,
  ],
  [/\b(?:can commit|able to commit|commit to|be (?:able|willing|comfortable|available|prepared) to)\b/iu, 2],
  [
    /\b(?:background|criminal|drug|dbs|security|credit)\b[^.!?]{0,30}\b(?:checks?|screen(?:ing)?|test(?:ing)?|investigation|clearance|vetting)\b/iu,
    3,
  ],
  [
    /\b(?:will|would) (?:also )?(?:have|need|possess|bring|hold)\b[^.!?]{0,50}\b(?:experience|knowledge|skills?|qualifications?|degree|abilit(?:y|ies)|understanding|background|expertise|licen[cs]e|certification)\b|\byou will (?:also )?be (?:a |an )?(?:qualified|registered|experienced|certified|licensed|fluent|proficient)\b|\bapplicants? (?:must|should|will need to)\b/iu,
    3,
  ],
  [
    /\b(?:background check|drug (?:test|screen)|criminal record|dbs check|right to work|work permit|visa sponsorship|security clearance|lift (?:up to )?\d+|driver'?s licen[cs]e|driving licen[cs]e|own transport|reliable transportation)\b/iu,
    3,
  ],
  // French
  [
    /\b(?:vous (?:possédez|avez|êtes|disposez|maîtrisez|justifiez|savez|faites preuve|bénéficiez d'une)|titulaire|diplômée?s?|bac(?:\s?\+\s?\d)?\b|bts|dut|licence|master|expérience (?:de|dans|en|significative|réussie|professionnelle|confirmée)|première expérience|connaissances?|maîtrise|capacité à|aptitude|sens (?:de|du|des)|aisance|rigueur|autonomie|qualités|permis|habilitation|niveau d'anglais|anglais courant|débutants? acceptés?|savoir[- ]être|savoir[- ]faire)\b/iu,
    2,
  ],
  // German
  [
    /\b(?:berufserfahrung|erfahrung (?:in|mit|im)|kenntnisse|abgeschlossene|studium|ausbildung|sie (?:haben|verfügen|bringen|besitzen)|du (?:hast|bist|bringst|verfügst)|sprachkenntnisse|führerschein|deutschkenntnisse|englischkenntnisse|teamfähigkeit|belastbarkeit)\b/iu,
    2,
  ],
  // Spanish
  [
    /\b(?:experiencia (?:en|con|de|mínima|demostrable)|conocimientos? (?:de|en)|titulación|licenciatura|grado en|formación en|capacidad (?:de|para)|dominio de|imprescindible|se requiere|requisitos?|carnet de conducir|nivel de inglés)\b/iu,
    2,
  ],
]);

const DUTY_VERBS =
  'accommodate|accompany|account|achieve|acquire|act|action|adapt|address|adhere|adjust|administer|advise|advocate|aggregate|align|allocate|amend|analy[sz]e|answer|anticipate|apply|appraise|approve|architect|archive|arrange|articulate|assemble|assess|assign|assist|attend|audit|author|automate|balance|benchmark|book|brainstorm|brief|budget|build|buy|calculate|care|carry|catalog|catalogue|categorise|categorize|chair|champion|change|check|clarify|classify|clean|close|co-ordinate|coach|code|collaborate|collect|communicate|compile|complete|comply|compose|compute|conceptualize|conduct|configure|confirm|connect|consolidate|construct|consult|contribute|control|convert|convey|cook|coordinate|correct|counsel|cover|craft|create|critique|cultivate|curate|customi[sz]e|debug|decide|dedicate|defend|define|delegate|deliver|demonstrate|deploy|describe|design|detect|determine|develop|devise|diagnose|digitize|direct|discover|discuss|dispatch|dispense|dispose|distribute|document|draft|draw|drive|edit|educate|eliminate|embed|empower|enable|encourage|enforce|engage|engineer|enhance|enrich|ensure|enter|equip|escalate|establish|estimate|evaluate|evolve|examine|execute|expand|expedite|explain|explore|extract|facilitate|file|fill|filter|finalize|fix|follow|forecast|forge|format|formulate|foster|frame|fulfil|fulfill|fund|gather|generate|greet|grow|guide|handle|harmonize|help|hire|host|identify|illustrate|implement|improve|incorporate|increase|index|induct|influence|inform|initiate|innovate|input|inspect|inspire|install|instruct|integrate|interact|interface|interpret|interview|introduce|inventory|investigate|invoice|issue|keep|label|launch|lead|learn|leverage|liaise|lift|link|listen|load|locate|log|look|maintain|make|manage|manufacture|map|mark|market|match|measure|mediate|mentor|merchandise|merge|migrate|mitigate|mobilise|mobilize|model|moderate|modernize|monitor|motivate|move|navigate|negotiate|notify|nurse|nurture|observe|obtain|offer|onboard|open|operate|optimi[sz]e|orchestrate|order|organi[sz]e|outline|oversee|own|package|paint|participate|partner|patrol|pay|perform|photograph|pick|pilot|pitch|plan|play|polish|populate|post|predict|prepare|prescribe|present|preserve|prevent|price|print|prioriti[sz]e|process|procure|produce|program|promote|proofread|propose|prospect|protect|prototype|provide|provision|publish|purchase|pursue|push|qualify|question|quote|raise|rank|reach|read|rebuild|receive|recommend|reconcile|record|recover|recruit|redesign|reduce|refer|refine|refresh|register|regulate|rehabilitate|reinforce|relay|release|relocate|remain|remediate|remove|render|renew|reorganize|repair|replace|replenish|report|represent|request|rescue|research|reset|resolve|respond|restock|restore|retain|retrieve|return|review|revise|rotate|route|run|safeguard|sample|scale|scan|schedule|scope|screen|secure|select|sell|send|serve|service|set|setup|shape|share|ship|sketch|solicit|solve|sort|source|speak|spearhead|specify|sponsor|staff|stage|standardi[sz]e|steer|stimulate|stock|store|streamline|strengthen|structure|study|submit|suggest|summari[sz]e|supervise|supply|support|survey|sustain|sweep|synthesise|synthesize|tailor|take|teach|tend|test|trace|track|train|transcribe|transfer|transform|transition|translate|transport|travel|treat|triage|troubleshoot|tune|turn|tutor|type|understand|undertake|unify|unload|update|upgrade|uphold|upload|use|utili[sz]e|validate|verify|vet|view|visit|volunteer|wait|wash|weigh|welcome|work|wrap|write';

export const DUTY_VERB_SET: ReadonlySet<string> = new Set(DUTY_VERBS.split('|').filter((v) => /^[a-z]+$/.test(v)));

/** The duty verbs as they start a list item: "Create", "Communicate". */
export const DUTY_VERBS_CAPITALISED = DUTY_VERBS.split('|')
  .filter((v) => /^[a-z]+$/.test(v))
  .map((v) => v[0]?.toUpperCase() + v.slice(1))
  .join('|');

/** An action verb at the start: base ("Build"), third person ("Builds"), or gerund ("Building"). */
const DUTY_HEAD = folded(
  new RegExp(`^(?:(?:and|also|to|will|then|help|helping|\\p{L}{3,}ly)\\s+)?(?:${DUTY_VERBS})(?:s|es|ed|ing)?\\b`, 'iu'),
);
const DUTY_GERUND_IRREGULAR =
  /^(?:managing|making|writing|driving|serving|taking|using|having|leading|creating|ensuring|providing|preparing|analy[sz]ing|organi[sz]ing|coordinating|supervising|liaising|scheduling|achieving|engaging|producing|delivering|overseeing|giving|being)\b/iu;

// The subject is a lookbehind from the modal (a text matches exactly when it did with the subject
// matched first): matches then start at the modal. This regex is the specification of
// `hasModalDuty`, which answers the same with small regexes and a set of the verbs (tests compare
// them): compiling it took V8 about 300 ms, most of a cold start's first parse.
export const MODAL_DUTY = folded(
  new RegExp(
    `(?:^|(?<=\\b(?:you|post ?holder|job ?holder|role ?holder|incumbent|candidate|employee|he or she|they|[\\p{Lu}]{2,6})\\s)|(?<=^(?:the|this) (?!(?:company|organi[sz]ation|firm|business|trust|team|group|client|department)\\b)(?:[\\p{L}-]+ ){1,3}))(?:will|may|shall|must|would|can)\\s(?:also\\s|then\\s|gradually\\s|regularly\\s|be\\s(?:expected|required|asked|needed)\\sto\\s(?:also\\s)?)?(?:${DUTY_VERBS})\\b`,
    'iu',
  ),
);
/** "The post holder provides…", "The UBTE regularly counsels…": a duty told in the third person. */
const THIRD_PERSON_DUTY = folded(
  new RegExp(
    `^(?:in addition,?\\s)?(?:the|this|our|each|a|an|[\\p{Lu}][\\p{L}'’-]*)\\s(?:[\\p{L}'’-]+\\s){0,4}(?:also\\s|regularly\\s|will\\s)?(?:${DUTY_VERBS})(?:s|es)\\b`,
    'iu',
  ),
);
const ROLE_SUBJECT =
  /^(?:in addition,?\s)?(?:the |a |each )?(?:post ?holder|job ?holder|role ?holder|incumbent|successful (?:candidate|applicant)|employee|individual|person|volunteers?)\b/iu;
/** An acronym for the role ("The UBTE provides…"); case matters, so it is kept apart from ROLE_SUBJECT. */
const ROLE_ACRONYM = /^(?:[Ii]n addition,?\s)?(?:[Tt]he |[Aa] |[Ee]ach )?\p{Lu}{2,6}s?\s/u;

/** Every spelling of every duty verb, lower-case ("analyse", "analyze", "co-ordinate"). */
const DUTY_VERB_WORDS: ReadonlySet<string> = new Set(alternationWords(DUTY_VERBS) ?? []);

function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/**
 * Whether a duty verb starts at `at` and ends at a word boundary, as `(?:DUTY_VERBS)\b` would
 * match there under the `i` flag (without `u`: ASCII letters match their two cases, nothing else
 * folds). A verb is ASCII letters and '-': it ends where such a run does (the boundary holds
 * unless a digit or '_' follows) or before one of its hyphens.
 */
function dutyVerbAt(text: string, at: number): boolean {
  let end = at;
  while (end < text.length && (isAsciiLetter(text.charCodeAt(end)) || text.charCodeAt(end) === 45)) end += 1;
  for (let e = at + 1; e <= end; e++) {
    if (e < end && text.charCodeAt(e) !== 45) continue;
    if (e === end && e < text.length && isDigitOrUnderscore(text.charCodeAt(e))) continue;
    if (DUTY_VERB_WORDS.has(text.slice(at, e).toLowerCase())) return true;
  }
  return false;
}

function isDigitOrUnderscore(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 95;
}

/** Where MODAL_DUTY may start: a modal and a space (every match starts so). */
const MODAL = /(?:will|may|shall|must|would|can)\s/gi;
/** What MODAL_DUTY asks of the text before the modal: its lookbehinds, tried where a modal starts. */
const MODAL_SUBJECT = folded(
  /(?:^|(?<=\b(?:you|post ?holder|job ?holder|role ?holder|incumbent|candidate|employee|he or she|they|[\p{Lu}]{2,6})\s)|(?<=^(?:the|this) (?!(?:company|organi[sz]ation|firm|business|trust|team|group|client|department)\b)(?:[\p{L}-]+ ){1,3}))/iuy,
);
const MODAL_ADVERB = /(?:also|then|gradually|regularly)\s/iy;
const MODAL_BE_TO = /be\s(?:expected|required|asked|needed)\sto\s/iy;
const MODAL_ALSO = /also\s/iy;

/** `MODAL_DUTY.test(text)`: a modal after a subject, then maybe an adverb or "be expected to", then a duty verb. */
function hasModalDuty(text: string): boolean {
  MODAL.lastIndex = 0;
  for (let m = MODAL.exec(text); m !== null; m = MODAL.exec(text)) {
    MODAL_SUBJECT.lastIndex = m.index;
    if (!MODAL_SUBJECT.test(text)) continue;
    const at = m.index + m[0].length;
    if (dutyVerbAt(text, at)) return true;
    MODAL_ADVERB.lastIndex = at;
    if (MODAL_ADVERB.test(text) && dutyVerbAt(text, MODAL_ADVERB.lastIndex)) return true;
    MODAL_BE_TO.lastIndex = at;
    if (!MODAL_BE_TO.test(text)) continue;
    const after = MODAL_BE_TO.lastIndex;
    if (dutyVerbAt(text, after)) return true;
    MODAL_ALSO.lastIndex = after;
    if (MODAL_ALSO.test(text) && dutyVerbAt(text, MODAL_ALSO.lastIndex)) return true;
  }
  return false;
}

/**
 * What FRENCH_INFINITIVE_ITEM asks of an item's first word, without its lookarounds: a cheap
 * precondition, as most items are English and a third of their first words end in "er" or "re".
 * Answered by `hasInfinitiveOpening`.
 */
export const INFINITIVE_OPENING = /^(?:se |s['’])?\p{Lu}?\p{Ll}{2,}(?:er|ir|re)\s/u;
const INFINITIVE_AT = /\p{Lu}?\p{Ll}{2,}(?:er|ir|re)\s/uy;

/** `INFINITIVE_OPENING.test(text)`. */
function hasInfinitiveOpening(text: string): boolean {
  if (text.startsWith('se ') && infinitiveAt(text, 3)) return true;
  if ((text.startsWith("s'") || text.startsWith('s’')) && infinitiveAt(text, 2)) return true;
  return infinitiveAt(text, 0);
}

/** `INFINITIVE_AT` at `at`: read by hand over ASCII letters, by the regex where others come. */
function infinitiveAt(text: string, at: number): boolean {
  let i = at;
  let c = text.charCodeAt(i);
  if (c >= 65 && c <= 90) c = text.charCodeAt(++i);
  const start = i;
  while (c >= 97 && c <= 122) c = text.charCodeAt(++i);
  if (c >= 128) {
    INFINITIVE_AT.lastIndex = at;
    return INFINITIVE_AT.test(text);
  }
  if (i - start < 4 || !(c === 32 || (c >= 9 && c <= 13))) return false;
  const a = text.charCodeAt(i - 2);
  const b = text.charCodeAt(i - 1);
  return (b === 114 && (a === 101 || a === 105)) || (a === 114 && b === 101);
}

/**
 * What the company-voice cues ask of the start of a text: a pronoun ("we", "our", "us", "nous",
 * "wir", "unser", "nuestro"…, by its first two letters) at the start or after an opening clause
 * ("At Acme, we…"). Their anchors ("we", "us") are inside most texts ("between", "business").
 * Answered by `hasPronounOpening`.
 */
export const PRONOUN_OPENING = /^(?:[^,.]{0,40},\s)?(?:we|ou|us|no|wi|un|nu)/i;
const SPACE_AT = /\s/y;

/** `PRONOUN_OPENING.test(text)`. */
function hasPronounOpening(text: string): boolean {
  if (pronounAt(text, 0)) return true;
  // The opening clause ends at the first comma: `[^,.]` holds no other, and no full stop.
  const comma = text.indexOf(',');
  if (comma < 0 || comma > 40 || text.lastIndexOf('.', comma) >= 0) return false;
  SPACE_AT.lastIndex = comma + 1;
  return SPACE_AT.test(text) && pronounAt(text, comma + 2);
}

/** The two letters at `at`, either case (ASCII only, as under the `i` flag without `u`). */
function pronounAt(text: string, at: number): boolean {
  const a = text.charCodeAt(at) | 32;
  const b = text.charCodeAt(at + 1) | 32;
  if (a === 119) return b === 101 || b === 105; // we, wi
  if (a === 117) return b === 115 || b === 110; // us, un
  if (a === 110) return b === 111 || b === 117; // no, nu
  return a === 111 && b === 117; // ou
}

/** For tests: the functions that stand for regexes, by the regex. */
export const COMPUTED_CUES: ReadonlyMap<RegExp, (text: string) => boolean> = new Map([
  [MODAL_DUTY, hasModalDuty],
  [INFINITIVE_OPENING, hasInfinitiveOpening],
  [PRONOUN_OPENING, hasPronounOpening],
]);

const FRENCH_INFINITIVE_ITEM =
  /^(?:se |s['’])?(?!(?:other|water|super|either|never|over|under|after|ever|cover|offer|order|answer|enter|register|partner|customer|power|paper|manager|leader|trainer|career|future|more|here|there|where|are|were|care|share|prepare|ensure|require|acquire|desire|secure|procure|explore|restore|ignore|score|store|core|entire|hire|fire|wire|require|sure|nature|culture|picture|structure|measure|pleasure|pressure|feature|procedure|figure|nurture|capture)\b)\p{Lu}?\p{Ll}{2,}(?:er|ir|re)\s(?=(?:\S+\s){0,3}(?:le|la|les|l['’]|des|du|de|d['’]|et|à|au|aux|un|une|en|sur|pour|avec|notre|nos|vos|leur|leurs)\b)/u;

const FRENCH_INFINITIVE = folded(FRENCH_INFINITIVE_ITEM);

const DUTY_ANYWHERE = foldCues([
  [MODAL_DUTY, 2, HAS_MODAL],
  [/\b(?:will|may) (?:also )?be (?:required|expected|asked) to (?!have\b|hold\b|possess\b|be\b)\p{L}/iu, 2],
  // French list items start with an infinitive: "Administrer …", "Créer et piloter …", "Se tenir informé …".
  [FRENCH_INFINITIVE, 2, INFINITIVE_OPENING],
  [
    /^(?:you will|you'll|you are going to|you would|will be|will|you'll be|you will be|in this role,? you(?: will|'ll)?|as (?:a|an|the) [^,]{2,60}, you(?: will|'ll))\b/iu,
    2,
  ],
  [
    /\b(?:responsible for|accountable for|in charge of|duties (?:include|will include)|responsibilities (?:include|will include)|tasks include|will (?:be responsible|assist|support|work|help|lead|manage|develop|design|build|create|provide|ensure|maintain|coordinate|oversee|collaborate|participate|conduct|perform|review|prepare|contribute|drive|own|report|deliver|partner|act|serve|teach|train))\b/iu,
    2,
  ],
  [/\b(?:on a daily basis|day-to-day|as (?:needed|required|assigned|directed)|other (?:related )?duties)\b/iu, 1],
  // French: infinitive at the start of an item, or the future tense addressed to "vous".
  [
    /^(?:assurer|gérer|participer|réaliser|accompagner|développer|animer|organiser|suivre|mettre en (?:place|œuvre)|piloter|contribuer|garantir|veiller|préparer|effectuer|conseiller|accueillir|concevoir|coordonner|analyser|identifier|rédiger|élaborer|former|encadrer|contrôler|entretenir|traiter|vendre|promouvoir|superviser|planifier|définir|collaborer|travailler|être (?:le|la) garant|proposer|apporter|construire|optimiser|assister|aider)\b/iu,
    2,
  ],
  [
    /\bvous (?:serez|devrez|aurez (?:pour|en charge|la charge)|allez|prendrez|participerez|assurerez|gérerez|travaillerez|accompagnerez|interviendrez|contribuerez|développerez|réaliserez|veillerez|effectuerez|rejoindrez|intégrerez)\b|\bvotre (?:rôle|mission|quotidien) (?:consistera|sera)|\bvos missions\b/iu,
    2,
  ],
  // German
  [
    /^(?:du |sie )?(?:entwickelst|entwickeln|betreust|betreuen|übernimmst|übernehmen|arbeitest|arbeiten|unterstützt|unterstützen|verantwortest|verantworten|planst|planen|führst|führen|koordinierst|koordinieren|analysierst|analysieren|gestaltest|gestalten|bist verantwortlich|sind verantwortlich)\b|\bverantwortung für\b|^(?:entwicklung|betreuung|planung|durchführung|erstellung|koordination|unterstützung|pflege|analyse|beratung|verwaltung) (?:von|der|des|und)\b/iu,
    2,
  ],
  // Spanish
  [
    /^(?:gestionar|desarrollar|realizar|coordinar|participar|apoyar|asegurar|garantizar|diseñar|implementar|analizar|elaborar|atender|supervisar|colaborar|mantener|preparar|planificar|dirigir|liderar|impartir|controlar|organizar)\b|\bserás responsable\b|\bte encargarás\b/iu,
    2,
  ],
]);

const LEGAL = folded(
  /\b(?:equal (?:employment )?opportunit|without regard to|regardless of|discriminat|disabilit(?:y|ies)|disabled veteran|employment decisions|reasonable accommodation|protected (?:veteran|class|status)|affirmative action|reasonable accommodation|e-verify|gdpr|privacy notice|disclaimer)/iu,
);

/** Benefits and pay. */
const BENEFIT = folded(
  /(?<![\w-])free (?!to\b|of\b|from\b)|\b(?:benefits?|insurance|annual leave|leave per year|vouchers?|(?:cycle to work|salary sacrifice|employee assistance|discount) (?:scheme|programme|program)|wellbeing|well-being|childcare|pay progression|flexible working|401\s?\(?k\)?|pension|paid time off|pto|vacation|holidays?|annual leave|sick (?:days|leave)|parental leave|maternity|stock options|equity|bonus(?:es)?|discounts?|perks|gym|free (?:lunch|snacks|parking)|wellness|retirement|salary|per (?:hour|annum|year|month)|an hour|a year|pro rata|compensation|remuneration|paid (?:weekly|biweekly|monthly)|competitive pay|pay rate|ticket restaurant|tickets restaurants?|mutuelle|prime|rémunération|salaire|urlaub|gehalt|prestaciones|salario)\b/iu,
);

const NEITHER_CUES = foldCues([
  // The company speaking of itself: "We develop…", "Our aim is…", "At Acme, we…"
  [
    /^(?:[^,.]{0,40},\s)?(?:we|we're|we’re|we've|we’ve|our|us|nous|notre|nos|wir|unser(?:e|er)?|nosotros|nuestr[oa]s?)\b/iu,
    2,
    PRONOUN_OPENING,
  ],
  [BENEFIT, 2],
  // Its anchors ("," and "k") are in most texts: the digit every match holds is a better gate.
  [/[$£€]\s?\d|\d\s?(?:€|eur|usd|gbp)\b|\b\d{1,3}(?:,\d{3})+\b|\b\d+k\b/iu, 2, HAS_NUMBER],
  // The company and its pitch
  [/\bfounded (?:in|with|by)\b/iu, 2],
  [
    /\b(?:we are (?:a|an|the|one|proud|committed|growing|looking|seeking|hiring|an equal)|we're (?:a|an|the|looking|seeking|hiring|growing)|we have (?:been|grown)|our (?:company|mission|vision|team|clients|customers|culture|values|founders|investors|office|offices|platform|products?|story|goal|people|business|organi[sz]ation|community)|founded in|headquartered|is (?:a|an|the) (?:leading|global|fast[- ]growing|premier|world|national|international|innovative|growing|largest|trusted|dynamic)|(?:inc|ltd|llc|gmbh|plc)\b|nhs trust|join (?:our|us|the)|is seeking|are seeking|is looking for|are looking for|is hiring|are hiring|recherche un|recrute|nous recrutons)/iu,
    2,
  ],
  // Legal, apply, contact
  [LEGAL, 4],
  [
    /\b(?:apply (?:now|today|online|here|via|through|at|by)|to apply|send (?:us )?(?:your|a) (?:cv|resume|résumé|application)|submit (?:your|an) (?:cv|resume|application)|click (?:here|apply)|visit (?:our|us|the)|for more information|contact (?:us|me|the)|please (?:contact|call|email|send|apply|note|visit|click)|closing date|interviews? (?:will|are)|shortlist|postulez|envoyez votre|bewerben sie|envía tu)/iu,
    2,
  ],
  [/#(?:URL|EMAIL|PHONE)_|https?:\/\/|www\.|@[a-z0-9-]+\.[a-z]/iu, 2],
  // Working hours and contract offered
  [
    /\b(?:hours? per week|hours? a week|hours? weekly|hrs\/week|per week|\d+\s?(?:am|pm)\b|monday|tuesday|wednesday|thursday|friday|saturday|sunday|full[- ]time|part[- ]time|permanent|fixed[- ]term|temporary|contract (?:role|position|length)|start date|cdi|cdd|temps plein|temps partiel|heures par semaine|vollzeit|teilzeit|jornada)\b/iu,
    1,
  ],
  // Pitch sentences and questions to the reader
  [
    /\?\s*$|\b(?:exciting opportunity|great opportunity|opportunity (?:has arisen|to join|for)|this is (?:an|a|your) (?:exciting|great|unique)|if (?:this sounds|you are|you're|you want|you have)|we(?:'d| would) love|look forward to|don't (?:hesitate|meet)|come join|why (?:you'll love|join))/iu,
    2,
  ],
]);

// Every regex below is run through one literal gate (see literal-gate.ts): one scan of the unit
// says which can match at all, and each runs at most once per unit (BENEFIT and LEGAL are cues of
// two kinds).
// A few are answered by functions instead (COMPUTED_CUES); the gate holds a regex that never
// matches in their place.
const GATED: RegExp[] = [];
/** The cue regexes behind the gate, for tests. */
export const CUE_PATTERNS: readonly RegExp[] = GATED;
const SLOTS = new Map<RegExp, number>();
const COMPUTED: Array<((text: string) => boolean) | undefined> = [];

function slot(re: RegExp): number {
  let k = SLOTS.get(re);
  if (k === undefined) {
    const computed = COMPUTED_CUES.get(re);
    k = GATED.push(computed === undefined ? re : /(?!)/) - 1;
    COMPUTED[k] = computed;
    SLOTS.set(re, k);
  }
  return k;
}

/** A cue list as gate slots: pattern, weight and semantic precondition (-1 for none), in threes. */
function slots(cues: readonly Cue[]): Int32Array {
  return Int32Array.from(cues.flatMap(([pattern, weight, gate]) => [slot(pattern), weight, gate ? slot(gate) : -1]));
}

/**
 * The anchors of FRENCH_INFINITIVE ("er", "ir", "re") are in most texts and end in a third of
 * the scan's steps: INFINITIVE_OPENING rules it out for less.
 */
function newGate(): LiteralGate {
  return new LiteralGate(GATED, [SLOTS.get(FRENCH_INFINITIVE) as number]);
}

/** Results of the gated regexes on the unit being analysed: -1 not run yet, 0 no match, 1 a match. */
let results = new Int8Array(0);
let current = '';
let gate: LiteralGate | null = null;

function begin(text: string): void {
  // `isHeadingLine` asks for both strengths of the same line in turn.
  if (gate !== null && text === current) return;
  gate ??= newGate();
  if (results.length !== GATED.length) results = new Int8Array(GATED.length);
  results.fill(-1);
  current = text;
  gate.scan(text);
}

function matches(k: number): boolean {
  let r = results[k] as number;
  if (r < 0) {
    const computed = COMPUTED[k];
    r = (computed === undefined ? (gate as LiteralGate).test(k) : computed(current)) ? 1 : 0;
    results[k] = r;
  }
  return r === 1;
}

function sum(cues: Int32Array): number {
  const literals = gate as LiteralGate;
  let total = 0;
  for (let i = 0; i < cues.length; i += 3) {
    const k = cues[i] as number;
    // Most cues lack their literals in the text: ruled out before their precondition is asked.
    if (!literals.may(k)) continue;
    const precondition = cues[i + 2] as number;
    if (precondition >= 0 && !matches(precondition)) continue;
    if (matches(k)) total += cues[i + 1] as number;
  }
  return total;
}

const REQUIREMENT_HEADS_SLOT = slot(REQUIREMENT_HEADS);
const REQUIREMENT_SLOTS = slots(REQUIREMENT_ANYWHERE);
const DUTY_SLOTS = slots(DUTY_ANYWHERE);
const NEITHER_SLOTS = slots(NEITHER_CUES);
const DUTY_HEAD_SLOT = slot(DUTY_HEAD);
const DUTY_GERUND_IRREGULAR_SLOT = slot(DUTY_GERUND_IRREGULAR);
const THIRD_PERSON_DUTY_SLOT = slot(THIRD_PERSON_DUTY);
const ROLE_SUBJECT_SLOT = slot(ROLE_SUBJECT);
const ROLE_ACRONYM_SLOT = slot(ROLE_ACRONYM);
const LEGAL_SLOT = slot(LEGAL);
const BENEFIT_SLOT = slot(BENEFIT);

/** Of the unit `begin` was called with. */
function requirementScore(): number {
  const score = (matches(REQUIREMENT_HEADS_SLOT) ? 2 : 0) + sum(REQUIREMENT_SLOTS);
  return Math.min(score, 6);
}

/**
 * Cheap gate for THIRD_PERSON_DUTY: one of the first words is a duty verb with an -s. The words
 * are the pieces 1 to 7 of `text.slice(0, 120).toLowerCase().split(/[^a-z]+/, 8)`, read without
 * building the array or lower-casing the text: in folded text (`current`), the characters that
 * lower-case to a-z are exactly the ASCII letters, one for one (U+0130 and U+212A, the only others,
 * do not survive folding).
 */
function hasThirdPersonVerb(text: string): boolean {
  const n = Math.min(text.length, 120);
  let piece = 0;
  let start = 0;
  for (let i = 0; ; ) {
    while (i < n && isAsciiLetter(text.charCodeAt(i))) i += 1;
    if (
      piece >= 1 &&
      i - start > 1 &&
      (text.charCodeAt(i - 1) | 32) === 115 &&
      isThirdPersonDuty(text.slice(start, i).toLowerCase())
    )
      return true;
    piece += 1;
    if (piece >= 8 || i >= n) return false;
    while (i < n && !isAsciiLetter(text.charCodeAt(i))) i += 1;
    start = i;
  }
}

/** "builds", "teaches": a duty verb and -s or -es. */
function isThirdPersonDuty(word: string): boolean {
  return DUTY_VERB_SET.has(word.slice(0, -1)) || (word.endsWith('es') && DUTY_VERB_SET.has(word.slice(0, -2)));
}

/** Of the unit `begin` was called with. */
function dutyScore(): number {
  let score = matches(DUTY_HEAD_SLOT) || matches(DUTY_GERUND_IRREGULAR_SLOT) ? 2 : 0;
  if (score === 0 && hasThirdPersonVerb(current) && matches(THIRD_PERSON_DUTY_SLOT))
    score = matches(ROLE_SUBJECT_SLOT) || matches(ROLE_ACRONYM_SLOT) ? 2 : 1;
  return Math.min(score + sum(DUTY_SLOTS), 6);
}

const HIRING = folded(
  /\b(?:we are|we're|is|are|currently) (?:seeking|looking for|hiring|recruiting)|^(?:seeking|looking for|wanted)\b|\brecherche (?:un|une|des)\b|\brecrute\b|\bnous recrutons\b|\bbuscamos\b|\bwir suchen\b/iu,
);
const ROLE_SUMMARY = folded(
  /^(?:the|our|this|as (?:a|an|the|our)|in this|en tant que?|dans le cadre|the successful (?:candidate|applicant)|the post ?holder|the role|this role|this position|the position|the \S+(?: \S+){0,4} (?:is|will be) (?:a|an|the|responsible)|you will (?:be (?:part|joining|a key|working (?:in|with|alongside|as part))|join|have the opportunity)|you'll (?:be (?:part|joining|a key)|join|have the opportunity))\b/iu,
);
const COMPANY_VOICE = folded(/^(?:[^,.]{0,40},\s)?(?:we|we've|we’ve|nous|wir|nosotros)\s/iu);
const COMPANY_STATES_NEED = folded(
  /^(?:[^,.]{0,40},\s)?we (?:require|expect|need|ask|want you|would like you|are looking|'re looking|seek|are seeking|look for)/iu,
);

/** Everything the classifier asks of one unit, from one pass of folding. */
export interface UnitCues {
  req: number;
  duty: number;
  neither: number;
  /** "We are seeking…": pitch unless it names what the candidate must bring. */
  hiring: boolean;
  /** Equal-opportunity, accommodation and privacy text: never an item. */
  legal: boolean;
  /** "We develop…", "Since 1981, we have…": the company's voice, unless it states what it requires. */
  companyVoice: boolean;
  /** Benefits and perks: kept in their own list. */
  benefit: boolean;
  /** Describes the role as a whole: the summary, in neither list. */
  roleSummary: boolean;
}

const HIRING_SLOT = slot(HIRING);
const ROLE_SUMMARY_SLOT = slot(ROLE_SUMMARY);
const COMPANY_VOICE_SLOT = slot(COMPANY_VOICE);
const COMPANY_STATES_NEED_SLOT = slot(COMPANY_STATES_NEED);
const PRONOUN_OPENING_SLOT = slot(PRONOUN_OPENING);

export function analyseUnit(raw: string): UnitCues {
  begin(foldDiacritics(raw));
  return {
    req: requirementScore(),
    duty: dutyScore(),
    neither: Math.min(sum(NEITHER_SLOTS), 6),
    hiring: matches(HIRING_SLOT),
    legal: matches(LEGAL_SLOT),
    companyVoice: matches(PRONOUN_OPENING_SLOT) && matches(COMPANY_VOICE_SLOT) && !matches(COMPANY_STATES_NEED_SLOT),
    benefit: matches(BENEFIT_SLOT),
    roleSummary: matches(ROLE_SUMMARY_SLOT),
  };
}

export function requirementStrength(text: string): number {
  begin(foldDiacritics(text));
  return requirementScore();
}

export function dutyStrength(text: string): number {
  begin(foldDiacritics(text));
  return dutyScore();
}

// The gate is built here, at module load, rather than on the first parse (a cold start's first request).
gate = newGate();
