import { headingKind, wordCount } from './sections';

describe('headingKind', () => {
  test.each([
    ['Responsibilities', 'responsibilities'],
    ["What you'll do", 'responsibilities'],
    ['Key Duties:', 'responsibilities'],
    ['Vos missions', 'responsibilities'],
    ['Ihre Aufgaben', 'responsibilities'],
    ['Funciones', 'responsibilities'],
    ['Requirements', 'requirements'],
    ['Essential Requriements', 'requirements'],
    ['Who you are', 'requirements'],
    ['Profil recherché', 'requirements'],
    ['Ihr Profil', 'requirements'],
    ['Requisitos', 'requirements'],
    ['Preferred Qualifications', 'preferred'],
    ['Nice to have', 'preferred'],
    ['Desirable', 'preferred'],
    ['Atouts', 'preferred'],
    ['Benefits', 'benefits'],
    ['What we offer', 'benefits'],
    ['Wir bieten', 'benefits'],
    ['Salaires et avantages', 'benefits'],
    ['About us', 'company'],
    ['Über uns', 'company'],
    ['About the role', 'summary'],
    ['Position Summary', 'summary'],
    ['How to apply', 'apply'],
    ['Equal Opportunity Employer', 'legal'],
    ['Special Education Teacher Responsibilities', 'responsibilities'],
    ['Benefits of working at Devon Partnership Trust', 'benefits'],
    ['Core backend engineering', 'unknown'],
    ["We're mission-driven capitalists", 'unknown'],
    ['', 'unknown'],
    ['Key Duties:  ', 'responsibilities'],
    ['**Requirements**', 'requirements'],
    ['Über uns ：', 'company'],
    ['What we offer you at Acme Corp', 'benefits'],
  ])('when a heading reads %j, then it announces %s', (heading, kind) => {
    expect(headingKind(heading)).toBe(kind);
  });
});

describe('wordCount', () => {
  test.each(['', ' ', 'one', ' two  words ', 'a\tb\u00a0c\u3000d', '\ufeffx\u2028y'])(
    'counts the words of %j as split(/\\s+/) does',
    (text) => {
      expect(wordCount(text)).toBe(text.split(/\s+/).filter(Boolean).length);
    },
  );
});
