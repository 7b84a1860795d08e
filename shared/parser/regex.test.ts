import { foldDiacritics, isSpaceCode } from './regex';

describe('foldDiacritics', () => {
  it('folds accents away', () => {
    expect(foldDiacritics('Développeur, équipe, Über, mañana')).toBe('Developpeur, equipe, Uber, manana');
  });

  it('gives what NFD without marks gives, for every code unit and after a letter', () => {
    for (let c = 0; c < 0x10000; c++) {
      for (const text of [String.fromCharCode(c), `e${String.fromCharCode(c)}x`]) {
        expect(foldDiacritics(text)).toBe(text.normalize('NFD').replace(/\p{M}+/gu, ''));
      }
    }
  });
});

describe('isSpaceCode', () => {
  it('is white space exactly where \\s and trim see it, for every UTF-16 code unit', () => {
    for (let unit = 0; unit <= 0xffff; unit += 1) {
      const ch = String.fromCharCode(unit);
      const space = /\s/.test(ch);
      if (isSpaceCode(unit) !== space || (ch.trim() === '') !== space) throw new Error(`U+${unit.toString(16)}`);
    }
  });
});
