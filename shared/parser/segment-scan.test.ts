import fc from 'fast-check';
import { DUTY_VERBS_CAPITALISED } from './cues';
import { camelCandidates, lostItemStarts } from './segment';

// The loops must find exactly what the Unicode-aware regexes they replace find.
const CAMEL = /\p{Ll}(?=\p{Lu})/gu;
const LOST_ITEM = new RegExp(
  `\\p{Ll}{2}[,)]? (?=(?:${DUTY_VERBS_CAPITALISED})(?:s|es)?\\b|(?:Experience|Ability|Knowledge|Bachelor|Proven|Must|Familiarity|Proficiency|Understanding)\\b)`,
  'gu',
);

const piece = fc.oneof(
  fc.constantFrom('Manage', 'Manages', 'Develop', 'Experience', 'Ability', 'Coordinates', 'Use', 'Users', 'Must'),
  fc.constantFrom('team', 'and', 'the', 'data', 'écrire', 'ñu', 'straße', 'ǆx', '𐐨𐐩', '𝐚𝐛'),
  fc.constantFrom(' ', ', ', ') ', '. ', 'A', 'É', 'Ǆ', '𐐀', '\ud801', '\udc28', '_', '1', '-'),
  fc.string({ maxLength: 5, unit: 'binary' }),
);
const text = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));

describe('segment scans', () => {
  it('finds the camel-case seams the Unicode regex finds', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(camelCandidates(t)).toEqual([...t.matchAll(CAMEL)].map((m) => m.index));
      }),
      { numRuns: 3000, seed: 11 },
    );
  });

  it('finds the lost list items the Unicode regex finds, with the same spans', () => {
    fc.assert(
      fc.property(text, (t) => {
        const spans = (ms: Iterable<RegExpMatchArray>) => [...ms].map((m) => [m.index, m[0].length]);
        expect(spans(lostItemStarts(t))).toEqual(spans(t.matchAll(LOST_ITEM)));
      }),
      { numRuns: 3000, seed: 12 },
    );
  });

  it('reads glued words and items in plain text', () => {
    expect(camelCandidates('requiredFinancial skillsThe')).toEqual([7, 23]);
    const run = 'care for patients in your care Communicate with staff and families Maintain records';
    expect(lostItemStarts(run).map((m) => m.index)).toEqual([28, 64]);
  });
});
