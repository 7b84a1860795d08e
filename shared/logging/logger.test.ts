import { capturingLogger } from './__tests__/capture';
import { traceFields } from './logger';

describe('structured logs', () => {
  test('when a line is logged, then it carries severity, message and time in Cloud Logging field names', () => {
    const { lines, logger } = capturingLogger('debug');
    logger.warn({ documentId: 'd1' }, 'stored');
    logger.debug('detail');
    expect(lines[0]).toMatchObject({ severity: 'WARNING', message: 'stored', documentId: 'd1' });
    expect(typeof lines[0]?.time).toBe('string');
    expect(lines[0]).not.toHaveProperty('level');
    expect(lines[0]).not.toHaveProperty('pid');
    expect(lines[1]).toMatchObject({ severity: 'DEBUG' });
  });

  test.each([
    ['info', ['INFO', 'WARNING', 'ERROR']],
    ['warning', ['WARNING', 'ERROR']],
    ['error', ['ERROR']],
  ] as const)('when the level is %s, then only %j lines are written', (level, expected) => {
    const { lines, logger } = capturingLogger(level);
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(lines.map((l) => l.severity)).toEqual(expected);
  });

  test('when an error is logged, then its code is kept as a field', () => {
    const { lines, logger } = capturingLogger('info');
    const error = Object.assign(new Error('boom'), { code: 'DATABASE_UNAVAILABLE' });
    logger.error({ err: error }, 'failed');
    expect(lines[0]?.err).toMatchObject({ code: 'DATABASE_UNAVAILABLE', message: 'boom' });
  });
});

describe('trace correlation', () => {
  test.each([
    [
      'W3C traceparent, sampled',
      { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
      {
        'logging.googleapis.com/trace': 'projects/p1/traces/0af7651916cd43dd8448eb211c80319c',
        'logging.googleapis.com/spanId': 'b7ad6b7169203331',
        'logging.googleapis.com/trace_sampled': true,
      },
    ],
    [
      'X-Cloud-Trace-Context with a decimal span id',
      { 'x-cloud-trace-context': '105445aa7843bc8bf206b12000100000/1;o=0' },
      {
        'logging.googleapis.com/trace': 'projects/p1/traces/105445aa7843bc8bf206b12000100000',
        'logging.googleapis.com/spanId': '0000000000000001',
        'logging.googleapis.com/trace_sampled': false,
      },
    ],
    ['no header', {}, {}],
    ['a malformed header', { traceparent: 'garbage' }, {}],
  ])('when the request has %s, then the fields are as Cloud Logging expects', (_name, headers, expected) => {
    expect(traceFields(headers, 'p1')).toEqual(expected);
  });

  test('when the project is unknown, then no trace field is written', () => {
    expect(traceFields({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' }, undefined)).toEqual(
      {},
    );
  });
});
