import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import type { ParseResult } from './parse-result.generated';
import parseResultSchema from './parse-result.schema.json';

export type {
  Benefit,
  DocumentSkill,
  Evidence,
  ParseResult,
  Requirement,
  Responsibility,
  Salary,
  Warning,
} from './parse-result.generated';

/**
 * Each validator is compiled once per process, on first use: compiling is the expensive part of
 * ajv (time, and ~10 MB of generated code), and most functions need only some of them (the
 * re-parse none).
 */
function once<T>(compile: () => T): () => T {
  let compiled: T | undefined;
  return () => {
    compiled ??= compile();
    return compiled;
  };
}

const parseResultValidator = once(() =>
  new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile<ParseResult>(parseResultSchema),
);

export interface ValidationOutcome {
  valid: boolean;
  errors: ErrorObject[];
}

export function validateParseResult(value: unknown): ValidationOutcome {
  const validate = parseResultValidator();
  const valid = validate(value);
  return { valid, errors: valid ? [] : [...(validate.errors ?? [])] };
}

export { parseResultSchema };

import type { JobDescriptionMessage } from './job-description-message.generated';
import jobDescriptionMessageSchema from './job-description-message.schema.json';

export type { JobDescriptionMessage } from './job-description-message.generated';

// strictRequired off for this schema only: its oneOf branches require properties declared at the top level.
const messageAjv = once(
  () => new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }),
);
const messageValidator = once(() => messageAjv().compile<JobDescriptionMessage>(jobDescriptionMessageSchema));
// The same `metadata` rule for the multipart upload's metadata field.
const metadataValidator = once(() =>
  messageAjv().compile<NonNullable<JobDescriptionMessage['metadata']>>(jobDescriptionMessageSchema.properties.metadata),
);

/** Checks the sender's metadata object against the message schema's `metadata` rule. */
export function validateMessageMetadata(value: unknown): ValidationOutcome {
  const validate = metadataValidator();
  const valid = validate(value);
  return { valid, errors: valid ? [] : [...(validate.errors ?? [])] };
}

/** Checks a decoded message body against the published message schema. */
export function validateJobDescriptionMessage(value: unknown): ValidationOutcome {
  const validate = messageValidator();
  const valid = validate(value);
  return { valid, errors: valid ? [] : [...(validate.errors ?? [])] };
}

export { jobDescriptionMessageSchema };

/** One line per schema error, for problem details and rejection records: "/text: must NOT have fewer than 1 characters". */
export function describeSchemaErrors(errors: readonly ErrorObject[]): string[] {
  return errors.map((e) => `${e.instancePath || '/'}: ${e.message ?? e.keyword}`);
}
