import { compareParserVersions } from './versions';

describe('parser version order', () => {
  test.each([
    ['0.10.0', '0.9.0', 1],
    ['0.1.0', '0.1.0', 0],
    ['1.0.0', '1.0.0-rc.1', 1],
    ['1.0.0-rc.1', '1.0.0', -1],
    ['0.1.1', '0.2.0', -1],
    ['1.0', '1.0.0', 0],
  ])('%s compared with %s is %d', (a, b, expected) => {
    expect(compareParserVersions(a, b)).toBe(expected);
  });
});
