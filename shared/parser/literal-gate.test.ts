import fc from 'fast-check';
import { CUE_PATTERNS } from './cues';
import { anchoredAtStart, anchorsOf, LiteralGate, leadsOf } from './literal-gate';

describe('anchorsOf', () => {
  test.each([
    [/\bexperienced (?:in|with)\b/i, ['experi']],
    [/\b(?:knowledge of|understanding of)\b/iu, ['knowle', 'unders']],
    [/\b(?:years?|yrs)\b/i, ['year', 'yrs']],
    [/\bfounded (?:in|with|by)\b/i, ['founde']],
    [/[$£€]\s?\d/u, [...'0123456789']],
    [/(?<![\w-])free (?!to\b)/i, ['free ']],
    [/(?:foo)?bar?/, ['ba']],
    [/(?!never)(?:maybe)?sure/, ['sure']],
  ])('reads the literal parts every match of %s holds: %j', (re, anchors) => {
    expect(anchorsOf(re)).toEqual(anchors);
  });

  test.each([[/\p{L}+/u], [/^(?:a|b)?\s*$/], [/[^a-z]+/], [/x*/]])(
    'gives nothing for a regex that can match without a literal: %s',
    (re) => {
      expect(anchorsOf(re)).toBeNull();
    },
  );

  it('never takes an anchor from a lookaround, an optional part or a class', () => {
    expect(anchorsOf(/(?=abc)\s+(?:xyz)?[a-f]+/)).toBeNull();
    expect(anchorsOf(/(?<=abc)(?:xyz)?\bq?[a-f]+/)).toBeNull();
  });
});

describe('leadsOf', () => {
  test.each([
    [/\b(?:knowledge of|understanding of)\b/iu, ['knowle', 'unders']],
    [/(?<![\w-])free (?!to\b)/i, ['free ']],
    [/^(?:you will|you'll|will)\b/i, ['you wi', "you'll", 'will']],
    [/(?:also )?be (?:able|willing)/i, ['also b', 'be abl', 'be wil']],
    [/(?:^|\bwe )will/i, ['will', 'we wil']],
    [/\d+ years/, [...'0123456789']],
    [/(?:\d+ )?years/, [...'0123456789', 'years']],
    [/^(?:(?:a|the|\d+) ){0,2}skills/i, ['a', 'the', ...'0123456789', 'skills']],
  ])('reads the literal strings every match of %s starts with: %j', (re, leads) => {
    expect(leadsOf(re)?.sort()).toEqual([...leads].sort());
  });

  test.each([[/\s+years/], [/(?:\w+ )?manage/], [/(?:\s|we )will/], [/(?:\d+ )?\w+/]])(
    'gives none where a match may start otherwise: %s',
    (re) => {
      expect(leadsOf(re)).toBeNull();
    },
  );
});

describe('anchoredAtStart', () => {
  test.each([
    [/^abc/, true],
    [/(?:^a|^b)c/i, true],
    [/^(?:x )?y/, true],
    [/^abc/m, false],
    [/^a|b/, false],
    [/(?:^a)?b/, false],
    [/\bthe/, false],
  ])('%s: %s', (re, anchored) => {
    expect(anchoredAtStart(re)).toBe(anchored);
  });
});

describe('LiteralGate', () => {
  it('tries a regex anchored at the start only where the text starts', () => {
    const gate = new LiteralGate([/^(?:the )?manager\b/i, /\bmanager\b/i]);
    gate.scan('A manager');
    expect([gate.may(0), gate.test(0), gate.test(1)]).toEqual([false, false, true]);
    gate.scan('The manager');
    expect([gate.may(0), gate.test(0), gate.test(1)]).toEqual([true, true, true]);
    gate.scan('Managers');
    expect([gate.may(0), gate.test(0), gate.test(1)]).toEqual([true, false, false]);
  });

  it('runs the regexes it is told to without looking for their anchors', () => {
    const gate = new LiteralGate([/\bexperience\b/i, /\bdegree\b/i], [0]);
    gate.scan('nothing here');
    expect([gate.may(0), gate.may(1), gate.test(0)]).toEqual([true, false, false]);
    gate.scan('Experience');
    expect(gate.test(0)).toBe(true);
  });

  it('rules out the regexes whose anchors a text lacks, and no other', () => {
    const gate = new LiteralGate([/\bexperience\b/i, /\bdegree\b/i, /\p{L}{3}/u]);
    gate.scan('A DEGREE in nursing');
    expect([0, 1, 2].map((k) => gate.may(k))).toEqual([false, true, true]);
    expect([0, 1, 2].map((k) => gate.test(k))).toEqual([false, true, true]);
    gate.scan('Five years of experience');
    expect([0, 1, 2].map((k) => gate.may(k))).toEqual([true, false, true]);
  });

  it('folds the only characters outside ASCII that match ASCII letters case-insensitively', () => {
    // The gate compares lower-cased text; this is the list of exceptions it folds as well.
    const extra: string[] = [];
    const letter = /[a-z]/i;
    const letterUnicode = /[a-z]/iu;
    for (let c = 128; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      if (letter.test(ch) || letterUnicode.test(ch)) extra.push(ch);
    }
    expect(extra).toEqual(['\u017f', '\u212a']);
    const gate = new LiteralGate([/\bskills\b/iu, /\bkelvin\b/iu]);
    gate.scan('\u017fkill\u017f and \u212aelvin');
    expect([gate.may(0), gate.may(1)]).toEqual([true, true]);
  });

  it('answers for every cue regex what the regex itself answers', () => {
    const gate = new LiteralGate(CUE_PATTERNS);
    // Texts made of pieces of the anchors themselves (in any case), so that regexes do match.
    const pieces = [...new Set(CUE_PATTERNS.flatMap((re) => anchorsOf(re) ?? []))];
    const piece = fc.oneof(
      fc.constantFrom(...pieces),
      fc.constantFrom(...pieces).map((p) => p.toUpperCase()),
      fc.constantFrom(' ', ', ', '. ', '5+ ', '3 ', '\u017f', '\u212a', 'é', '’', '-', 'we ', 'you will ', 'the '),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const text = parts.join(rngJoin(parts.length));
        gate.scan(text);
        CUE_PATTERNS.forEach((re, k) => {
          const expected = re.test(text);
          if (expected) expect(gate.may(k)).toBe(true);
          expect(gate.test(k)).toBe(expected);
        });
      }),
      { numRuns: 3000, seed: 7 },
    );
  });
});

describe('LiteralGate on texts that start with leads', () => {
  it('answers for every cue regex what the regex itself answers', () => {
    const gate = new LiteralGate(CUE_PATTERNS);
    const leads = [...new Set(CUE_PATTERNS.flatMap((re) => (anchoredAtStart(re) ? (leadsOf(re) ?? []) : [])))];
    const words = [...new Set(CUE_PATTERNS.flatMap((re) => anchorsOf(re) ?? []))];
    const piece = fc.oneof(
      fc.constantFrom(...words),
      fc.constantFrom(' ', ', ', '. ', 'ing ', 's ', 'ed ', '\u017f', '\u212a', 'é', '’', 'we ', 'the '),
      fc.string({ maxLength: 4 }),
    );
    const lead = fc.oneof(
      fc.constantFrom(...leads),
      fc.constantFrom(...leads).map((p) => p.toUpperCase()),
    );
    fc.assert(
      fc.property(lead, fc.array(piece, { maxLength: 8 }), fc.boolean(), (first, parts, spaced) => {
        const text = first + parts.join(spaced ? ' ' : '');
        gate.scan(text);
        CUE_PATTERNS.forEach((re, k) => {
          expect(gate.test(k)).toBe(re.test(text));
        });
      }),
      { numRuns: 3000, seed: 8 },
    );
  });
});

function rngJoin(n: number): string {
  return n % 3 === 0 ? '' : ' ';
}
