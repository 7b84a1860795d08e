/* Generated from shared/contracts/parse-result.schema.json by scripts/gen-types.mjs. Do not edit: run `npm run gen:types`. */

/**
 * The heading the item sat under, as written, or null.
 *
 * This interface was referenced by `ParseResult`'s JSON-Schema
 * via the `definition` "section".
 */
export type Section = string | null;

/**
 * What the parser extracts from one job description. Offsets in `evidence` are UTF-16 code-unit offsets into the normalized text (see `normalize()`), which is a pure function of the input and the parserVersion.
 */
export interface ParseResult {
  /**
   * Semantic version of the parser that produced this result; bumped whenever output can change.
   */
  parserVersion: string;
  /**
   * ISO 639-1 code of the posting's main language, or null when it cannot be told.
   */
  language: string | null;
  title: string | null;
  company: string | null;
  location: string | null;
  employmentType:
    'full-time' | 'part-time' | 'contract' | 'temporary' | 'internship' | 'apprenticeship' | 'volunteer' | null;
  seniority:
    | 'intern'
    | 'entry'
    | 'junior'
    | 'mid'
    | 'senior'
    | 'lead'
    | 'principal'
    | 'manager'
    | 'director'
    | 'executive'
    | null;
  /**
   * Where the work is done, when the posting says so.
   */
  remote: 'onsite' | 'hybrid' | 'remote' | null;
  salary: null | Salary;
  /**
   * The role summary: the opening sentences that describe the role as a whole.
   */
  summary: string | null;
  responsibilities: Responsibility[];
  requirements: Requirement[];
  benefits: Benefit[];
  /**
   * Skills named anywhere in the requirements and responsibilities, by canonical name, once each.
   */
  skills: DocumentSkill[];
  warnings: Warning[];
}
/**
 * This interface was referenced by `ParseResult`'s JSON-Schema
 * via the `definition` "salary".
 */
export interface Salary {
  min: number | null;
  max: number | null;
  currency: string | null;
  period: 'hour' | 'day' | 'week' | 'month' | 'year' | null;
  /**
   * The salary as written.
   */
  text: string;
}
/**
 * This interface was referenced by `ParseResult`'s JSON-Schema
 * via the `definition` "responsibility".
 */
export interface Responsibility {
  text: string;
  section: Section;
  skills: string[];
  evidence: Evidence;
}
/**
 * Where an item came from: [start, end) in the normalized text, and its 1-based line there.
 *
 * This interface was referenced by `ParseResult`'s JSON-Schema
 * via the `definition` "evidence".
 */
export interface Evidence {
  start: number;
  end: number;
  line: number;
}
/**
 * This interface was referenced by `ParseResult`'s JSON-Schema
 * via the `definition` "requirement".
 */
export interface Requirement {
  text: string;
  section: Section;
  /**
   * False where the posting marks the item optional: preferred, nice to have, a plus, desirable.
   */
  required: boolean;
  category:
    'experience' | 'skill' | 'education' | 'certification' | 'language' | 'personal' | 'physical_legal' | 'other';
  yearsMin: number | null;
  yearsMax: number | null;
  skills: string[];
  evidence: Evidence;
}
/**
 * This interface was referenced by `ParseResult`'s JSON-Schema
 * via the `definition` "benefit".
 */
export interface Benefit {
  text: string;
  section: Section;
  evidence: Evidence;
}
/**
 * This interface was referenced by `ParseResult`'s JSON-Schema
 * via the `definition` "documentSkill".
 */
export interface DocumentSkill {
  name: string;
  /**
   * True when at least one required requirement names the skill.
   */
  required: boolean;
}
/**
 * This interface was referenced by `ParseResult`'s JSON-Schema
 * via the `definition` "warning".
 */
export interface Warning {
  code:
    | 'EMPTY_DOCUMENT'
    | 'BINARY_CONTENT'
    | 'TEXT_REPAIRED'
    | 'NO_SECTIONS'
    | 'NO_RESPONSIBILITIES'
    | 'NO_REQUIREMENTS'
    | 'OVERLONG_TEXT_SKIPPED';
  message: string;
}
