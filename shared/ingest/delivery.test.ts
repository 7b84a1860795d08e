import { type AppError, isAppError } from '../errors/app-error';
import { decodeMessage, readPushRequest } from './delivery';

const b64 = (value: string | Buffer) => Buffer.from(value).toString('base64');
const push = (message: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  Buffer.from(JSON.stringify({ message, subscription: 'projects/p/subscriptions/s', ...extra }));

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('reading a push request', () => {
  test('when Pub/Sub pushes a raw body, then the message id, attributes and data come out', () => {
    const delivery = readPushRequest(
      push(
        { messageId: 'm1', publishTime: '2026-01-01T00:00:00Z', data: b64('hello'), attributes: { a: 'b' } },
        {
          deliveryAttempt: 3,
        },
      ),
      { 'content-type': 'application/json' },
    );
    expect(delivery).toEqual({
      messageId: 'm1',
      publishTime: '2026-01-01T00:00:00Z',
      attributes: { a: 'b' },
      data: Buffer.from('hello'),
      deliveryAttempt: 3,
    });
  });

  test('when Eventarc sends a structured CloudEvent, then its data is read as the push body', () => {
    const event = {
      specversion: '1.0',
      id: 'e1',
      type: 'google.cloud.pubsub.topic.v1.messagePublished',
      source: '//pubsub.googleapis.com/projects/p/topics/t',
      data: { message: { messageId: 'm2', data: b64('x') }, subscription: 's' },
    };
    const delivery = readPushRequest(Buffer.from(JSON.stringify(event)), {
      'content-type': 'application/cloudevents+json; charset=utf-8',
    });
    expect(delivery.messageId).toBe('m2');
    expect(delivery.data.toString()).toBe('x');
  });

  test('when a message has attributes only, then it is a delivery with empty data', () => {
    expect(readPushRequest(push({ messageId: 'm3', attributes: { k: 'v' } }), {}).data.length).toBe(0);
  });

  test.each([
    ['a body that is not JSON', Buffer.from('nope'), {}, 'NOT_A_PUSH_REQUEST'],
    ['a body without a message', Buffer.from('{"hello":1}'), {}, 'NOT_A_PUSH_REQUEST'],
    ['a message without an id', push({ data: b64('x') }), {}, 'NOT_A_PUSH_REQUEST'],
    ['data that is not base64', push({ messageId: 'm', data: '!!!' }), {}, 'INVALID_BASE64'],
    [
      'a CloudEvent of another type',
      Buffer.from(JSON.stringify({ type: 'google.cloud.storage.object.v1.finalized', data: {} })),
      { 'content-type': 'application/cloudevents+json' },
      'UNEXPECTED_EVENT_TYPE',
    ],
  ])('when the request is %s, then INVALID_INPUT %s', (_name, body, headers, reason) => {
    const error = refusal(() => readPushRequest(body, headers));
    expect([error.code, error.details.reason]).toEqual(['INVALID_INPUT', reason]);
  });
});

describe('decoding a message', () => {
  const limit = 1024;

  test('when the data is plain text, then it is a submission with the attributes as its identity', () => {
    const work = decodeMessage(Buffer.from('Engineer\nRequirements: Go'), { source: 'board', externalId: '42' }, limit);
    expect(work).toMatchObject({
      kind: 'submission',
      submission: { contentType: 'text/plain', source: 'board', externalId: '42' },
    });
  });

  test('when a contentType attribute says PDF, then the data is the file, even if it starts with {', () => {
    const work = decodeMessage(Buffer.from('{%PDF'), { contentType: 'application/pdf' }, limit);
    expect(work).toMatchObject({ kind: 'submission', submission: { contentType: 'application/pdf' } });
  });

  test.each([
    ['text', { text: 'Role' }, 'text/plain'],
    ['markdown text', { text: '# Role', contentType: 'text/markdown' }, 'text/markdown'],
    ['html', { html: '<p>Role</p>' }, 'text/html'],
    ['base64 content', { content: b64('Role'), contentType: 'text/plain' }, 'text/plain'],
  ])('when the JSON carries %s, then the submission has type %s', (_name, body, contentType) => {
    const work = decodeMessage(Buffer.from(JSON.stringify(body)), {}, limit);
    expect(work.kind === 'submission' && work.submission.contentType).toBe(contentType);
  });

  test('when the JSON names a stored document, then the work is to parse it', () => {
    const documentId = '0b5e4c1e-2a4f-4d0e-9f59-1f3f0a4b9a11';
    expect(decodeMessage(Buffer.from(JSON.stringify({ documentId, force: true })), {}, limit)).toEqual({
      kind: 'document',
      documentId,
      force: true,
    });
  });

  test.each([
    ['no data', Buffer.alloc(0), 'INPUT_EMPTY', undefined],
    ['whitespace', Buffer.from('  \n '), 'INPUT_EMPTY', undefined],
    ['invalid JSON', Buffer.from('{"text": '), 'INVALID_INPUT', 'INVALID_JSON'],
    ['an unknown field', Buffer.from('{"text":"a","colour":"red"}'), 'INVALID_INPUT', 'SCHEMA_VIOLATION'],
    ['text and html at once', Buffer.from('{"text":"a","html":"b"}'), 'INVALID_INPUT', 'SCHEMA_VIOLATION'],
    ['content without a type', Buffer.from(`{"content":"${b64('a')}"}`), 'INVALID_INPUT', 'SCHEMA_VIOLATION'],
    [
      'unpadded base64 content',
      Buffer.from('{"content":"YWJjZA","contentType":"text/plain"}'),
      'INVALID_INPUT',
      'INVALID_BASE64',
    ],
    ['an empty text', Buffer.from('{"text":""}'), 'INVALID_INPUT', 'SCHEMA_VIOLATION'],
    ['a documentId that is not a uuid', Buffer.from('{"documentId":"42"}'), 'INVALID_INPUT', 'SCHEMA_VIOLATION'],
    ['oversize plain text', Buffer.alloc(limit + 1, 'a'), 'INPUT_TOO_LARGE', undefined],
    ['oversize JSON text', Buffer.from(JSON.stringify({ text: 'a'.repeat(limit + 1) })), 'INPUT_TOO_LARGE', undefined],
  ])('when the message is %s, then %s', (_name, data, code, reason) => {
    const error = refusal(() => decodeMessage(data, {}, limit));
    expect(error.code).toBe(code);
    if (reason) expect(error.details.reason).toBe(reason);
  });
});
