import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateParseResult } from '../contracts/validate';
import { AppError } from '../errors/app-error';
import { type ContentType, normalize, PARSER_VERSION, parseJobDescription } from './index';

const fixture = (name: string) => readFileSync(join(__dirname, '../../test/fixtures', name), 'utf8');
const parse = (text: string, contentType: ContentType = 'text/plain') => parseJobDescription({ text, contentType });
const texts = (items: { text: string }[]) => items.map((i) => i.text);

describe('parseJobDescription on a sectioned posting', () => {
  const result = parse(fixture('sectioned.md'), 'text/markdown');

  test('when a posting has headed sections, then duties and requirements land in their lists', () => {
    expect(texts(result.responsibilities)).toEqual([
      'Design, build and operate backend services in Go and PostgreSQL.',
      'Own the on-call rotation for the payments team.',
      'Mentor junior engineers and review their code.',
    ]);
    expect(texts(result.requirements)).toEqual([
      'A degree in computer science or a related field.',
      '5+ years of backend development experience.',
      'Strong SQL skills, including query optimisation.',
      'Experience with Kubernetes (k8s) and Google Cloud (GCP).',
      'Must be able to work in the EU.',
      'Experience with Kafka.',
      'Familiarity with PCI DSS.',
    ]);
  });

  test('when a requirement sits in the duties list, then it is a requirement by meaning, with its section kept', () => {
    const degree = result.requirements.find((r) => r.text.startsWith('A degree'));
    expect(degree).toMatchObject({ section: "What you'll do", required: true, category: 'education' });
  });

  test('when items sit under a nice-to-have heading, then they are not required', () => {
    const optional = result.requirements.filter((r) => !r.required).map((r) => r.text);
    expect(optional).toEqual(['Experience with Kafka.', 'Familiarity with PCI DSS.']);
  });

  test('when an item states years, then yearsMin and yearsMax are numbers', () => {
    expect(result.requirements[1]).toMatchObject({ yearsMin: 5, yearsMax: null, category: 'experience' });
  });

  test('when benefits are listed, then they are benefits, not requirements', () => {
    expect(texts(result.benefits)).toEqual(['25 days of paid holiday.', 'Private health insurance.']);
  });

  test('when skills are named by alias, then they come out by canonical name', () => {
    const k8s = result.requirements.find((r) => r.text.includes('Kubernetes'));
    expect(k8s?.skills).toEqual(expect.arrayContaining(['Kubernetes', 'Google Cloud']));
    expect(result.skills.find((s) => s.name === 'Apache Kafka')).toEqual({ name: 'Apache Kafka', required: false });
    expect(result.skills.find((s) => s.name === 'PostgreSQL')).toEqual({ name: 'PostgreSQL', required: false });
  });

  test('when the result is checked against the JSON Schema, then it validates', () => {
    expect(validateParseResult(result)).toEqual({ valid: true, errors: [] });
    expect(result.parserVersion).toBe(PARSER_VERSION);
  });

  test('when an item is located, then its evidence span holds its text in the normalized text', () => {
    const { text } = normalize(fixture('sectioned.md'), 'text/markdown');
    for (const item of [...result.responsibilities, ...result.requirements, ...result.benefits]) {
      expect(text.slice(item.evidence.start, item.evidence.end).replace(/\s+/g, ' ')).toBe(item.text);
      expect(text.split('\n')[item.evidence.line - 1]).toContain(text.slice(item.evidence.start, item.evidence.end));
    }
  });
});

describe('requirement categories', () => {
  test('when an item names only skills or languages, then its category says so; with neither, it is other', () => {
    const result = parse(
      'Data Engineer\n\nRequirements\n- Kubernetes\n- Python, SQL, Tableau\n- Spanish\n- A love of the outdoors\n',
    );
    expect(result.requirements.map((r) => [r.text, r.category])).toEqual([
      ['Kubernetes', 'skill'],
      ['Python, SQL, Tableau', 'skill'],
      ['Spanish', 'language'],
      ['A love of the outdoors', 'other'],
    ]);
  });
});

describe('parseJobDescription on messy input', () => {
  test('when sentences and bullets are glued together, then they are split and labelled one by one', () => {
    const result = parse(fixture('glued.txt'));
    expect(texts(result.responsibilities)).toEqual([
      'Build and maintain ETL pipelines for our data warehouse.',
      'Write clean, tested code following team standards.',
      'Monitor data quality and fix broken jobs.',
    ]);
    expect(texts(result.requirements)).toEqual([
      '3-5 years of experience in data engineering.',
      'Solid understanding of SQL and data modelling.',
      'Experience with Airflow or similar schedulers.',
      'Ability to work independently',
      'Excellent written communication skills',
    ]);
    expect(result.requirements[0]).toMatchObject({ yearsMin: 3, yearsMax: 5 });
    expect(result.summary).toBe('The Data Engineer builds and maintains the data platform for the analytics team.');
  });

  test('when the posting is HTML with nested markup and entities, then the items read as plain text', () => {
    const result = parse(fixture('posting.html'), 'text/html');
    expect(texts(result.responsibilities)).toEqual([
      'Administer medications and monitor patient response.',
      'Maintain accurate patient records in line with Trust policy.',
    ]);
    expect(result.requirements.map((r) => [r.text, r.required, r.yearsMin])).toEqual([
      ['Ability to lift patients safely with the use of equipment.', true, null],
      ['Registered Nurse with current NMC registration.', true, null],
      ['At least two years of post-registration experience.', true, 2],
      ['Experience in theatre recovery.', false, null],
    ]);
  });

  test.each([
    ['fr.txt', 3, 3, [true, true, false], [null, 3, null]],
    ['de.txt', 2, 3, [true, true, false], [null, 3, null]],
    ['es.txt', 2, 3, [true, true, false], [2, null, null]],
  ])(
    'when the posting is %s, then headings and cues in its language are understood',
    (file, duties, reqs, required, years) => {
      const result = parse(fixture(file));
      expect(result.responsibilities).toHaveLength(duties);
      expect(result.requirements.map((r) => r.required)).toEqual(required);
      expect(result.requirements.map((r) => r.yearsMin)).toEqual(years);
      expect(result.requirements).toHaveLength(reqs);
      expect(result.language).toBe(file.slice(0, 2));
    },
  );

  test('when a block is pasted twice, then its items are listed once', () => {
    const block = 'Requirements:\n- Experience with SQL.\n- Strong Python skills.\n';
    expect(texts(parse(block + block).requirements)).toEqual(['Experience with SQL.', 'Strong Python skills.']);
  });
});

describe('parseJobDescription on bad input', () => {
  test.each([
    ['empty text', ''],
    ['whitespace only', ' \n\t \n'],
    ['emoji only', '🚀🔥💼'],
    ['right-to-left text', 'مطلوب مهندس برمجيات ذو خبرة في قواعد البيانات'],
    ['CJK text', '职位描述：负责后端服务开发。要求：三年以上经验。'],
    ['binary garbage', String.fromCharCode(...Array.from({ length: 2000 }, (_, i) => (i * 7919) % 65_536))],
  ])('when given %s, then the result still validates', (_name, text) => {
    const result = parse(text);
    expect(validateParseResult(result).errors).toEqual([]);
  });

  test('when the text is empty, then the result says so in a warning', () => {
    expect(parse('  ').warnings.map((w) => w.code)).toEqual(['EMPTY_DOCUMENT']);
  });

  test('when the content type is unsupported, then a typed error names it', () => {
    expect(() => parseJobDescription({ text: 'x', contentType: 'application/pdf' as ContentType })).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_CONTENT_TYPE', retryable: false }),
    );
  });

  test('when the input is over the size limit, then a typed error says so', () => {
    let error: unknown;
    try {
      parseJobDescription({ text: 'x'.repeat(101), contentType: 'text/plain' }, { maxInputChars: 100 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'INPUT_TOO_LARGE', details: { length: 101, limit: 100 } });
  });

  test('when the same input is parsed twice, then the output is byte-identical', () => {
    const text = fixture('sectioned.md');
    expect(JSON.stringify(parse(text, 'text/markdown'))).toBe(JSON.stringify(parse(text, 'text/markdown')));
  });
});
