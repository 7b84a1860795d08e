import { LiteralGate } from './literal-gate';
import { foldDiacritics, folded, isSpaceCode } from './regex';

/**
 * What a heading announces, in English, French, German and Spanish. Order matters: "Preferred
 * qualifications" is preferred before it is a qualification, "About the role" is a summary
 * before it is about a company.
 */
export type SectionKind =
  | 'responsibilities'
  | 'requirements'
  | 'preferred'
  | 'benefits'
  | 'company'
  | 'summary'
  | 'apply'
  | 'legal'
  | 'hours'
  | 'unknown';

const RULES: ReadonlyArray<readonly [SectionKind, RegExp]> = (
  [
    [
      'summary',
      /\b(?:about (?:the|this) (?:role|job|position|opportunity)|(?:position|job|role) (?:summary|overview|purpose))\b/iu,
    ],
    [
      'preferred',
      /\b(?:preferred|nice[- ]to[- ]haves?|desir(?:able|ed)|bonus(?: points)?|pluses|(?:a |big )?plus|advantageous|would be (?:great|nice|a plus)|optional|assets?|atouts?|souhait[ée]*s?|apprécié|wünschenswert|von vorteil|idealerweise|deseables?|valorar[áa]n?|se valora)\b/iu,
    ],
    [
      'legal',
      /\b(?:equal (?:employment )?opportunit|eeo|diversity|inclusion|disclaimer|privacy|accommodations?|non[- ]discrimination|égalité|handicap)/iu,
    ],
    [
      'apply',
      /\b(?:how to apply|to apply|apply(?: now)?|application(?: process)?|next steps|contact(?: us| details| information)?|interested\??|postuler|candidature|comment postuler|bewerbung|so bewirbst|cómo (?:aplicar|postular)|postúlate)\b/iu,
    ],
    [
      'benefits',
      /\b(?:benefits?|perks|what we offer|we offer|our offer|in return|what'?s in it for you|compensation|salary|pay(?: rate)?|remuneration|rewards?|package|why (?:join|work)|avantages|rémunération|salaires?|nous offrons|ce que nous offrons|wir bieten|was wir bieten|benefícios|beneficios|ofrecemos|qué ofrecemos)\b/iu,
    ],
    ['hours', /\b(?:working hours|hours|schedule|shifts?|working pattern|horaires|arbeitszeit(?:en)?|horario)\b/iu],
    [
      'responsibilities',
      /\b(?:responsibilit(?:y|ies)|duties|dut(?:y|ies) include|what you(?:'ll| will) (?:do|be doing)|what you will be doing|your (?:role|mission|missions|tasks|impact|day)|key (?:tasks|accountabilities|activities|result areas)|accountabilities|day[- ]to[- ]day|in this (?:role|position)|the role(?: involves)?|role and responsibilities|job functions?|essential functions|main tasks|tasks|activities|you will|you'll|(?:^|vos |les |main |key |principales )missions?\b(?!-)|vos responsabilités|responsabilités|activités|tâches|vos tâches|aufgaben|ihre aufgaben|deine aufgaben|tätigkeiten|das erwartet (?:dich|sie)|funciones|responsabilidades|tareas)\b/iu,
    ],
    [
      'requirements',
      /\b(?:requirements?|requ?riements|requisites?|qualifications?|qualified|skills?|experience|what you(?:'ll| will)? (?:bring|need|have)|what we(?:'re| are) looking for|who you are|about you|you have|you are|your (?:profile|background|skills|experience)|profile|must[- ]haves?|essential(?: criteria)?|criteria|competenc(?:y|ies|es)|knowledge|education|eligibility|prérequis|profil(?: recherché)?|votre profil|compétences|qualités|expérience|formation|diplômes?|anforderungen|ihr profil|dein profil|qualifikationen?|was (?:du|sie) mitbring(?:st|en)|requisitos|perfil|requerimientos|conocimientos|experiencia)\b/iu,
    ],
    [
      'company',
      /\b(?:about (?:us|the company|the team|our company|the organi[sz]ation|[\p{Lu}][\p{L}&.]*)|who we are|company(?: overview| description| profile| information)?|our (?:story|mission|company|team|culture|values)|the company|à propos|qui sommes[- ]nous|l'entreprise|notre entreprise|über uns|das unternehmen|sobre nosotros|la empresa|quiénes somos)\b/iu,
    ],
    [
      'summary',
      /\b(?:summary|overview|about the (?:role|job|position|opportunity)|the opportunity|introduction|^(?:the |this )?position$|position (?:summary|overview|description|details|information)|job description|description|purpose|role profile|main purpose|job purpose|descriptif|description du poste|le poste|stellenbeschreibung|descripción(?: del puesto)?|el puesto)\b/iu,
    ],
  ] as const
).map(([kind, pattern]) => [kind, folded(pattern)] as const);

/** Headings are short; longer text that merely mentions "skills" is not one. */
const MAX_HEADING_WORDS = 9;

const MARKUP = /[*_#]+/g;

export function headingKind(heading: string): SectionKind {
  let text = withoutTrailingColon(foldDiacritics(heading));
  // Most headings hold no markup: three literal searches are cheaper than the replace's regex.
  if (text.includes('*') || text.includes('_') || text.includes('#')) text = text.replace(MARKUP, ' ');
  text = text.trim();
  const words = wordCount(text);
  if (text === '' || words > MAX_HEADING_WORDS) return 'unknown';
  // "We're mission-driven: you'll …" mentions a heading word without being a heading.
  if (words <= 3 || isMostlyHeadingWords(text)) return kindOf(text);
  // "Special Education Teacher Responsibilities" ends with what it announces; "Benefits of working at Acme" starts with it.
  const last = kindOf(lastTwoWords(text));
  return last !== 'unknown' ? last : kindOf(firstTwoWords(text));
}

/** One literal scan says which rules can match; only those are tried, still in order. */
// Built at module load, rather than on the first parse (a cold start's first request).
const rulesGate = new LiteralGate(RULES.map(([, pattern]) => pattern));

function kindOf(text: string): SectionKind {
  const gate = rulesGate.scan(text);
  for (let k = 0; k < RULES.length; k++) {
    if (gate.test(k)) return (RULES[k] as (typeof RULES)[number])[0];
  }
  return 'unknown';
}

/** A sentence that introduces a list ("…we can offer the following benefits:") announces it in its last words. */
export function leadInKind(leadIn: string): SectionKind {
  const text = withoutTrailingColon(foldDiacritics(leadIn)).trim();
  if (wordCount(text) <= MAX_HEADING_WORDS) return headingKind(leadIn);
  return kindOf(text.split(/\s+/).slice(-6).join(' '));
}

/** `text.split(/\s+/).slice(0, 2).join(' ')` for a trimmed text of three words or more. */
function firstTwoWords(text: string): string {
  let i = 0;
  while (i < text.length && !isSpaceCode(text.charCodeAt(i))) i += 1;
  const first = text.slice(0, i);
  while (isSpaceCode(text.charCodeAt(i))) i += 1;
  const from = i;
  while (i < text.length && !isSpaceCode(text.charCodeAt(i))) i += 1;
  return `${first} ${text.slice(from, i)}`;
}

/** `text.split(/\s+/).slice(-2).join(' ')` for a trimmed text of three words or more. */
function lastTwoWords(text: string): string {
  let i = text.length;
  while (i > 0 && !isSpaceCode(text.charCodeAt(i - 1))) i -= 1;
  const last = text.slice(i);
  while (isSpaceCode(text.charCodeAt(i - 1))) i -= 1;
  const to = i;
  while (i > 0 && !isSpaceCode(text.charCodeAt(i - 1))) i -= 1;
  return `${text.slice(i, to)} ${last}`;
}

/** `text.replace(/[:：]\s*$/, '')` without a regex tried at every position. */
function withoutTrailingColon(text: string): string {
  const kept = text.trimEnd();
  const last = kept.charCodeAt(kept.length - 1);
  return last === 0x3a || last === 0xff1a ? kept.slice(0, -1) : text;
}

/** `s.split(/\s+/).filter(Boolean).length`, without the arrays. */
export function wordCount(s: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i += 1) {
    const space = isSpaceCode(s.charCodeAt(i));
    if (!space && !inWord) words += 1;
    inWord = !space;
  }
  return words;
}

/** Words that headings are made of; "Master's Degree in Nursing Preferred" has too few to be one. */
const HEADING_WORDS = new Set(
  (
    'a about accountabilities additional an and apply are as at basic benefits bonus bring candidate company compensation ' +
    'core day de description desirable desired details do doing duties education essential experience for general have how ' +
    'ideal in include includes information is job key life looking main minimum mission must need nice of offer offers ' +
    'on opportunity other our overview pay perks personal plus position preferred primary profile qualifications ' +
    'qualification required requirements requirement responsibilities responsibility role salary skill skills summary ' +
    'tasks team the this to us what who why will with work working you your yourself le la les vos votre nos notre du des ' +
    'et poste profil missions mission compétences avantages recherché ihre ihr deine dein aufgaben profil wir bieten ' +
    'anforderungen das und el la los las tu tus su sus del y puesto requisitos funciones ofrecemos perfil ' +
    'have has having must-have nice-to-have technical professional expected expectations specification person ' +
    "be can should would are is am get like want make help join them it its we we're you'll you're what's " +
    'expect qualified ideal looking for bring brings need needs required desired typical general primary key ' +
    'additional benefits package rewards culture values'
  )
    .split(' ')
    .map(foldDiacritics),
);

export function isHeadingWord(word: string): boolean {
  return HEADING_WORDS.has(foldDiacritics(word).toLowerCase()) || headingKind(word) !== 'unknown';
}

const WORD = /[\p{L}'’-]+/gu;

export function isMostlyHeadingWords(line: string): boolean {
  const words = foldDiacritics(line).toLowerCase().match(WORD) ?? [];
  if (words.length <= 2) return true;
  let known = 0;
  for (const w of words) if (HEADING_WORDS.has(withoutPossessive(w))) known += 1;
  return known / words.length >= 0.6;
}

/** `word.replace(/['’]s$/, '')`. */
function withoutPossessive(word: string): string {
  const n = word.length;
  if (n < 2 || word.charCodeAt(n - 1) !== 0x73) return word;
  const mark = word.charCodeAt(n - 2);
  return mark === 0x27 || mark === 0x2019 ? word.slice(0, -2) : word;
}
