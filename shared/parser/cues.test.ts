import fc from 'fast-check';
import { COMPUTED_CUES, INFINITIVE_OPENING, MODAL_DUTY, PRONOUN_OPENING } from './cues';

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

  const hasInfinitiveOpening = COMPUTED_CUES.get(INFINITIVE_OPENING) as (text: string) => boolean;

  test.each([
    ['Administrer les serveurs', true],
    ['se tenir informé', true],
    ["s'assurer de la qualité", true],
    ['Offer support', true],
    ['Offers support', false],
    ['Gérer les équipes', true],
    ['Partner with teams', true],
    ['Manager', false],
    ['Ordre du jour', true],
    ['Do the work', false],
    ['Gerer', false],
  ])('answers what INFINITIVE_OPENING answers for %j', (text, expected) => {
    expect(INFINITIVE_OPENING.test(text)).toBe(expected);
    expect(hasInfinitiveOpening(text)).toBe(expected);
  });

  it('answers what INFINITIVE_OPENING answers on texts made of its pieces', () => {
    const piece = fc.oneof(
      fc.constantFrom('se ', "s'", 's’', 'S', 'Se ', 'er', 'ir', 're', 'ER', 'Re', 'manag', 'Gér', 'ß', 'ø', 'Ø', 'É'),
      fc.constantFrom(' ', '  ', '\t', '\u00a0', '\u2003', '\n', '-', '_', '1', 'é', '\u212a', '\u017f', "'", ','),
      fc.constantFrom('a', 'b', 'ab', 'abc', 'X', 'Y'),
      fc.string({ maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (parts) => {
        const text = parts.join('');
        expect(hasInfinitiveOpening(text)).toBe(INFINITIVE_OPENING.test(text));
      }),
      { numRuns: 30000, seed: 12 },
    );
  });

  const hasPronounOpening = COMPUTED_CUES.get(PRONOUN_OPENING) as (text: string) => boolean;

  test.each([
    ['We build things', true],
    ['At Acme, we build things', true],
    ['At Acme, Our team', true],
    ['At Acme. We build', false],
    ['At Acme,we build', false],
    ['Build things with us', false],
    ['A very long opening clause that goes on and on, we build', false],
  ])('answers what PRONOUN_OPENING answers for %j', (text, expected) => {
    expect(PRONOUN_OPENING.test(text)).toBe(expected);
    expect(hasPronounOpening(text)).toBe(expected);
  });

  it('answers what PRONOUN_OPENING answers on texts made of its pieces', () => {
    const piece = fc.oneof(
      fc.constantFrom('we', 'WE', 'Ou', 'us', 'No', 'wi', 'UN', 'nu', 'w', 'o', 'At Acme', 'x'.repeat(35)),
      fc.constantFrom(' ', ', ', ',', '.', '\t', '\u00a0', '\n', '\u212a', '\u017f', 'é', '1'),
      fc.string({ maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (parts) => {
        const text = parts.join('');
        expect(hasPronounOpening(text)).toBe(PRONOUN_OPENING.test(text));
      }),
      { numRuns: 30000, seed: 13 },
    );
  });
});
