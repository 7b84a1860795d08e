import type { ParseResult, Requirement } from '../contracts/validate';

export type ContentType = 'text/plain' | 'text/markdown' | 'text/html';
export const CONTENT_TYPES: readonly ContentType[] = ['text/plain', 'text/markdown', 'text/html'];

export interface ParseInput {
  /** The document as text (HTML source for text/html). */
  text: string;
  contentType: ContentType;
}

export type RequirementCategory = Requirement['category'];
export type Metadata = Pick<
  ParseResult,
  'language' | 'title' | 'company' | 'location' | 'employmentType' | 'seniority' | 'remote' | 'salary'
>;
