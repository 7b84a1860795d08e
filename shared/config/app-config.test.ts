import { isAppError } from '../errors/app-error';
import { DEFAULT_TOPIC, readAppConfig } from './app-config';

describe('application settings', () => {
  test('when nothing is set, then the defaults hold and messages stay in process', () => {
    expect(readAppConfig({})).toEqual({
      topic: { kind: 'in-process', topic: DEFAULT_TOPIC },
      maxUploadBytes: 2 * 1024 * 1024,
      reparse: { batchSize: 200, timeBudgetMs: 240_000, intervalSeconds: undefined },
      functionTarget: undefined,
      logLevel: 'info',
      port: 8080,
    });
  });

  test.each([
    ['the emulator', { PUBSUB_EMULATOR_HOST: '127.0.0.1:8085' }, { projectId: 'local-project' }],
    ['Cloud Run', { K_SERVICE: 'parse' }, { projectId: undefined }],
    ['a project', { GOOGLE_CLOUD_PROJECT: 'p1' }, { projectId: 'p1' }],
    ['a full topic name', { PUBSUB_TOPIC: 'projects/p2/topics/jobs' }, { projectId: 'p2', topic: 'jobs' }],
  ])('when %s is configured, then Pub/Sub is used', (_name, env, expected) => {
    expect(readAppConfig(env).topic).toMatchObject({ kind: 'pubsub', ...expected });
  });

  test('when several settings are wrong, then one CONFIG_INVALID names all of them', () => {
    let error: unknown;
    try {
      readAppConfig({ MAX_UPLOAD_BYTES: '10', LOG_LEVEL: 'loud', PUBSUB_TOPIC: 'x', REPARSE_BATCH_SIZE: 'many' });
    } catch (e) {
      error = e;
    }
    expect(isAppError(error) && error.code).toBe('CONFIG_INVALID');
    expect(isAppError(error) && error.details.variables).toEqual([
      'LOG_LEVEL',
      'MAX_UPLOAD_BYTES',
      'PUBSUB_TOPIC',
      'REPARSE_BATCH_SIZE',
    ]);
  });

  test('when a variable is set to an empty string, then it counts as unset', () => {
    expect(readAppConfig({ MAX_UPLOAD_BYTES: ' ', PUBSUB_TOPIC: '' }).maxUploadBytes).toBe(2 * 1024 * 1024);
  });
});
