import { segment } from './segment';

const texts = (text: string) => segment(text).map((u) => (u.kind === 'heading' ? `## ${u.text}` : u.text));

describe('segment', () => {
  test.each([
    [
      'bullets of any glyph',
      '• One\n· Two\n● Three\n- Four\n* Five\n1. Six\n2) Seven\no Eight',
      ['One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight'],
    ],
    [
      'sentences glued without a space',
      'Use API standards.Write clean code.',
      ['Use API standards.', 'Write clean code.'],
    ],
    [
      'a bracket glued to the next item',
      'Excel (macros, etc.)Experience with SQL',
      ['Excel (macros, etc.)', 'Experience with SQL'],
    ],
    [
      'words glued where a line break was lost',
      'Assist with payables as requiredFinancial statement preparation',
      ['Assist with payables as required', 'Financial statement preparation'],
    ],
    [
      'inline bullets glued with hyphens',
      'Skills:-Experience with SQL-Ability to lift 50 lbs',
      ['## Skills', 'Experience with SQL', 'Ability to lift 50 lbs'],
    ],
    [
      'a markdown star glued between items',
      'English: Fluent*Must be willing to travel',
      ['English: Fluent', 'Must be willing to travel'],
    ],
    ['inline dots as bullets', 'Perks • Free lunch • Gym', ['## Perks', 'Free lunch', 'Gym']],
    [
      'a prose paragraph',
      'We build things. You will test them! Are you ready?',
      ['We build things.', 'You will test them!', 'Are you ready?'],
    ],
    [
      'abbreviations that are not sentence ends',
      'Use e.g. PostgreSQL in the U.S. today.',
      ['Use e.g. PostgreSQL in the U.S. today.'],
    ],
    [
      'numbers glued to words',
      'A degree in Accounting3-5 years of experience',
      ['A degree in Accounting', '3-5 years of experience'],
    ],
  ])('when text has %s, then each item is its own unit', (_name, input, expected) => {
    expect(texts(input)).toEqual(expected);
  });

  test.each([
    ['a markdown heading', '## About the role\nText here.', 'About the role'],
    ['a line ending with a colon', 'What you will do:\n- Build', 'What you will do'],
    ['a known heading alone on a line', 'Responsibilities\nBuild and run services.', 'Responsibilities'],
    [
      'an ALL-CAPS heading inside run-together text',
      'REQUIRED QUALIFICATIONS Bachelor degree in CS.',
      'REQUIRED QUALIFICATIONS',
    ],
    ['a heading glued to its first item', 'ResponsibilitiesAssist with all payables', 'Responsibilities'],
    ['a label with its items on the same line', 'Key Duties: Cooking and cleaning.', 'Key Duties'],
  ])('when text has %s, then it is a heading', (_name, input, heading) => {
    expect(texts(input)).toContain(`## ${heading}`);
  });

  test.each([
    ['a short item naming a skill', 'Requirements\nStrong organisational skills\nExcellent SQL.'],
    ['an item with years', 'Qualifications\nMinimum of 1 year of experience\nA degree.'],
    ['an item that mentions preferred', "Qualifications\nMaster's Degree in Nursing Preferred\nA licence."],
  ])('when text has %s, then that line is an item, not a heading', (_name, input) => {
    const line = input.split('\n')[1] as string;
    expect(texts(input)).toContain(line);
  });

  test('when a unit is cut out, then its span points at its text in the input', () => {
    const text = 'Intro line.\n• Build APIs.Write tests\nREQUIREMENTS SQL skills';
    for (const unit of segment(text)) {
      expect(text.slice(unit.start, unit.end)).toBe(
        unit.kind === 'heading' ? text.slice(unit.start, unit.end) : unit.text,
      );
      expect(text.split('\n')[unit.line - 1]).toContain(text.slice(unit.start, unit.end));
    }
  });

  test('when brand names are written in camel case, then they are not split', () => {
    expect(texts('Experience with JavaScript, PowerPoint and LearningMate tools.')).toHaveLength(1);
  });

  test('when a list lost its line breaks, then items split at verbs after lower-case words', () => {
    const run =
      'Create lesson plans for each of the students in your care Communicate with staff and family members about progress Prepare detailed reports for the Support team on request';
    expect(texts(run)).toEqual([
      'Create lesson plans for each of the students in your care',
      'Communicate with staff and family members about progress',
      'Prepare detailed reports for the Support team on request',
    ]);
  });
});
