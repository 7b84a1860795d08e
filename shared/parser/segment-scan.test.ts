import fc from 'fast-check';
import { DUTY_VERBS_CAPITALISED } from './cues';
import { camelCandidates, lostItemStarts, midRunLabels } from './segment';

// The loops must find exactly what the Unicode-aware regexes they replace find.
const CAMEL = /\p{Ll}(?=\p{Lu})/gu;
const LOST_ITEM = new RegExp(
  `\\p{Ll}{2}[,)]? (?=(?:${DUTY_VERBS_CAPITALISED})(?:s|es)?\\b|(?:Experience|Ability|Knowledge|Bachelor|Proven|Must|Familiarity|Proficiency|Understanding)\\b)`,
  'gu',
);

const MID_RUN_LABEL = /(?=\p{Lu})(?<=^|\s)((?:\p{Lu}[\p{L}'’&/-]*\s){0,5}\p{Lu}[\p{L}'’&/-]+)\s?:\s/gu;

const piece = fc.oneof(
  fc.constantFrom('Manage', 'Manages', 'Develop', 'Experience', 'Ability', 'Coordinates', 'Use', 'Users', 'Must'),
  fc.constantFrom('team', 'and', 'the', 'data', 'écrire', 'ñu', 'straße', 'ǆx', '𐐨𐐩', '𝐚𝐛'),
  fc.constantFrom(' ', ', ', ') ', '. ', 'A', 'É', 'Ǆ', '𐐀', '\ud801', '\udc28', '_', '1', '-'),
  fc.string({ maxLength: 5, unit: 'binary' }),
);
const text = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));
const labelPiece = fc.oneof(
  fc.constantFrom('Key', 'Duties', 'TEAM', 'Lead', 'O’Neil', 'R&D', 'and', 'über', 'Élan', '𐐀x', 'A', 'Ab-c/D'),
  fc.constantFrom(' ', ': ', ':', ' : ', '  ', '\t', ':\u00a0', '::', ', ', '1', '.', '\ud801'),
  fc.string({ maxLength: 4, unit: 'binary' }),
);
const labelText = fc.array(labelPiece, { maxLength: 40 }).map((parts) => parts.join(''));

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

  it('finds the mid-run labels the Unicode regex finds, with the same spans and labels', () => {
    fc.assert(
      fc.property(labelText, (t) => {
        const spans = (ms: Iterable<RegExpMatchArray>) => [...ms].map((m) => [m.index, m[0], m[1]]);
        expect(spans(midRunLabels(t))).toEqual(spans(t.matchAll(MID_RUN_LABEL)));
      }),
      { numRuns: 5000, seed: 13 },
    );
  });

  it('reads glued words and items in plain text', () => {
    expect(camelCandidates('requiredFinancial skillsThe')).toEqual([7, 23]);
    const run = 'care for patients in your care Communicate with staff and families Maintain records';
    expect(lostItemStarts(run).map((m) => m.index)).toEqual([28, 64]);
    const labelled = 'K-12 children Special Education Teacher Responsibilities: Create plans. Key Duties : Teach';
    expect(midRunLabels(labelled).map((m) => m[1])).toEqual([
      'Special Education Teacher Responsibilities',
      'Key Duties',
    ]);
  });
});
