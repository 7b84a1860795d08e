import fc from 'fast-check';
import { COMPUTED_CUES, MODAL_DUTY } from './cues';

describe('cues answered by functions', () => {
  const hasModalDuty = COMPUTED_CUES.get(MODAL_DUTY) as (text: string) => boolean;

  test.each([
    ['You will build pipelines', true],
    ['you will also co-ordinate the team', true],
    ['The post holder will be expected to also manage budgets', true],
    ['The team lead will regularly review code', true],
    ['This role may support sales', true],
    ['The company will build a new office', false],
    ['Developers will build', false],
    ['You will be a great fit', false],
    ['Will build2 things', false],
    ['You will co-ordinated', false],
  ])('answers what MODAL_DUTY answers for %j', (text, expected) => {
    expect(MODAL_DUTY.test(text)).toBe(expected);
    expect(hasModalDuty(text)).toBe(expected);
  });

  it('answers what MODAL_DUTY answers on texts made of its own words', () => {
    const piece = fc.oneof(
      fc.constantFrom('build', 'Builds', 'co-ordinate', 'CO-ORDINATES', 'analyse', 'analyze', 'lead', 'act', 'action'),
      fc.constantFrom('will', 'Will', 'may', 'can', 'shall', 'must', 'would', 'also', 'then', 'regularly'),
      fc.constantFrom('be expected to', 'be required to also', 'you', 'The', 'this', 'company', 'team lead'),
      fc.constantFrom('Post holder', 'postholder', 'UBTE', 'he or she', 'they', 'candidate', 'developers'),
      fc.constantFrom(' ', '  ', '\t', '\u00a0', '\n', '-', '_', '1', 'é', '\u212a', '\u017f', "'", ',', '.'),
      fc.string({ maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.boolean(), (parts, spaced) => {
        const text = parts.join(spaced ? ' ' : '');
        expect(hasModalDuty(text)).toBe(MODAL_DUTY.test(text));
      }),
      { numRuns: 20000, seed: 11 },
    );
  });
});
