import { createHash } from 'node:crypto';
import { describeSchemaErrors, type JobDescriptionMessage, validateJobDescriptionMessage } from '../contracts/validate';
import type { DocumentMetadata } from '../db/repository';
import { AppError } from '../errors/app-error';

/**
 * Pure decoding of what arrives: a push request (raw Pub/Sub push, or an Eventarc CloudEvent in
 * binary or structured mode) into one delivery, and a delivery's data into the work it asks for.
 * Every refusal is a permanent AppError: the caller records it and acks.
 */

export interface Delivery {
  messageId: string;
  publishTime: string | undefined;
  attributes: Record<string, string>;
  data: Buffer;
  deliveryAttempt: number | undefined;
}

/** A posting to parse, however it came (message, upload): bytes plus what is known about them. */
export interface Submission {
  bytes: Uint8Array;
  contentType: string | undefined;
  fileName: string | undefined;
  source: string;
  externalId: string | undefined;
  metadata: DocumentMetadata | undefined;
}

export type Work =
  | { kind: 'submission'; submission: Submission }
  /** A stored document to (re-)parse: sent by the upload endpoint and the re-parse fan-out. */
  | { kind: 'document'; documentId: string; force: boolean };

const MESSAGE_PUBLISHED = 'google.cloud.pubsub.topic.v1.messagePublished';

function invalid(reason: string, message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('INVALID_INPUT', message, { reason, ...details });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringRecord(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** Standard base64 only, padded: Buffer.from(x, 'base64') would silently skip garbage. */
export function decodeBase64(value: string, field: string): Buffer {
  if (value.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) {
    throw invalid('INVALID_BASE64', `${field} is not valid base64`, { field });
  }
  return Buffer.from(value, 'base64');
}

/**
 * Reads a push request body. Eventarc's binary mode sends the same body as a raw push (with ce-*
 * headers); structured mode wraps it in a CloudEvent's `data`.
 */
export function readPushRequest(
  body: Buffer,
  headers: Readonly<Record<string, string | string[] | undefined>>,
): Delivery {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw invalid('NOT_A_PUSH_REQUEST', 'the request body is not JSON');
  }
  const contentType = String(headers['content-type'] ?? '');
  let envelope = parsed;
  if (contentType.startsWith('application/cloudevents+json') && isRecord(parsed)) {
    if (parsed.type !== MESSAGE_PUBLISHED) {
      throw invalid('UNEXPECTED_EVENT_TYPE', `CloudEvent type ${String(parsed.type)} is not ${MESSAGE_PUBLISHED}`);
    }
    envelope = parsed.data;
  }
  const message = isRecord(envelope) ? envelope.message : undefined;
  if (!isRecord(message) || typeof message.messageId !== 'string' || message.messageId === '') {
    throw invalid('NOT_A_PUSH_REQUEST', 'the body has no message with a messageId');
  }
  const data = message.data === undefined || message.data === null ? '' : message.data;
  if (typeof data !== 'string') throw invalid('NOT_A_PUSH_REQUEST', 'message.data is not a string');
  const attempt = isRecord(envelope) ? envelope.deliveryAttempt : undefined;
  return {
    messageId: message.messageId,
    publishTime: typeof message.publishTime === 'string' ? message.publishTime : undefined,
    attributes: stringRecord(message.attributes),
    data: decodeBase64(data, 'message.data'),
    deliveryAttempt: typeof attempt === 'number' ? attempt : undefined,
  };
}

export function contentDigest(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

const JSON_TYPES = new Set(['application/json', 'text/json']);

function attribute(attributes: Record<string, string>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = attributes[name]?.trim();
    if (value) return value;
  }
  return undefined;
}

/**
 * What a message asks for. JSON data is checked against the published schema; data that is not
 * JSON (or is declared by a contentType attribute to be something else) is the posting itself.
 */
export function decodeMessage(data: Buffer, attributes: Record<string, string>, maxBytes: number): Work {
  const declared = attribute(attributes, 'contentType', 'content-type', 'content_type');
  const declaredMedia = declared?.split(';')[0]?.trim().toLowerCase();
  const looksJson = /^\s*[{[]/.test(data.subarray(0, 64).toString('latin1'));
  const isJson = declaredMedia ? JSON_TYPES.has(declaredMedia) : looksJson;
  if (
    data.length === 0 ||
    (!isJson && data.toString('utf8').trim() === '' && !declaredMedia?.startsWith('application/'))
  ) {
    throw new AppError('INPUT_EMPTY', 'the message has no data');
  }
  if (!isJson) {
    if (data.length > maxBytes) throw tooLarge(data.length, maxBytes);
    return {
      kind: 'submission',
      submission: {
        bytes: data,
        contentType: declared ?? 'text/plain',
        fileName: attribute(attributes, 'fileName', 'filename'),
        source: attribute(attributes, 'source') ?? 'pubsub',
        externalId: attribute(attributes, 'externalId', 'external_id'),
        metadata: undefined,
      },
    };
  }
  let body: unknown;
  try {
    body = JSON.parse(data.toString('utf8'));
  } catch {
    throw invalid('INVALID_JSON', 'the message data is not valid JSON');
  }
  return decodeJsonMessage(body, maxBytes);
}

function tooLarge(size: number, maxBytes: number): AppError {
  return new AppError('INPUT_TOO_LARGE', `the posting is ${size} bytes; the limit is ${maxBytes}`, {
    size,
    limit: maxBytes,
  });
}

/** A JSON message or upload body, validated against the published schema. */
export function decodeJsonMessage(body: unknown, maxBytes: number): Work {
  const outcome = validateJobDescriptionMessage(body);
  if (!outcome.valid) {
    throw invalid('SCHEMA_VIOLATION', 'the message does not match the job-description message schema', {
      errors: describeSchemaErrors(outcome.errors).slice(0, 20),
    });
  }
  const message = body as JobDescriptionMessage;
  if (message.documentId) return { kind: 'document', documentId: message.documentId, force: message.force === true };
  let bytes: Buffer;
  let contentType: string | undefined;
  if (message.text !== undefined) {
    bytes = Buffer.from(message.text, 'utf8');
    contentType = message.contentType ?? 'text/plain';
  } else if (message.html !== undefined) {
    bytes = Buffer.from(message.html, 'utf8');
    contentType = 'text/html';
  } else {
    bytes = decodeBase64(message.content as string, 'content');
    contentType = message.contentType;
  }
  if (bytes.length > maxBytes) throw tooLarge(bytes.length, maxBytes);
  return {
    kind: 'submission',
    submission: {
      bytes,
      contentType,
      fileName: message.fileName,
      source: message.source ?? 'pubsub',
      externalId: message.externalId,
      metadata: message.metadata,
    },
  };
}
