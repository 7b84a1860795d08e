import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import lexicon from './data/skills.json';
import { findSkills, type SkillMatch, skillNames } from './skills';

interface Entry {
  name: string;
  domain: string;
  any?: string[];
  exact?: string[];
  atStart?: string[];
  contextual?: string[];
}

const entries = (lexicon as { skills: Entry[] }).skills;
const repoRoot = join(__dirname, '..', '..');

/** The matched surfaces, to check spans and names together. */
function surfaces(text: string): [string, string][] {
  return findSkills(text).map((m) => [m.name, text.slice(m.start, m.end)]);
}

const JD = `Senior Backend Engineer (Go / Python)
About us: a fast-growing fintech. Go to market with us!
Requirements:
- 5+ years with Go, Python or Java; C/C++ is a plus
- PostgreSQL, Redis, Kafka and AWS (EC2, S3, Lambda)
- Docker, Kubernetes (k8s), Terraform, CI/CD pipelines (GitHub Actions)
- React, TypeScript and Node.js
- Excellent written and verbal communication skills in English; German is a plus
- Grade C in GCSE Maths. Full UK driving licence.
Responsibilities:
* Design REST APIs and microservices; write unit tests; mentor junior engineers.
* Excel in a fast-paced environment, using Jira, Confluence, Slack and Microsoft Excel.
Benefits: health insurance, 25 days holiday, R&D budget.
`;

describe('findSkills', () => {
  describe('aliases resolve to one canonical name', () => {
    test.each([
      ['We run Postgres in production.', ['PostgreSQL']],
      ['We run postgresql in production.', ['PostgreSQL']],
      ['We run PostgresSQL in production.', ['PostgreSQL']],
      ['Deploys go to k8s clusters.', ['Kubernetes']],
      ['Hosted on GCP.', ['Google Cloud']],
      ['Hosted on Google Cloud Platform.', ['Google Cloud']],
      ['Modern JS and HTML5.', ['JavaScript', 'HTML']],
      ['Advanced MS Excel required.', ['Microsoft Excel']],
      ['Reports are built in Excel.', ['Microsoft Excel']],
      ['APIs written in node.js or nodejs.', ['Node.js']],
      ['Golang microservices', ['Go', 'Microservices']],
      ['Amazon Web Services and MS SQL Server', ['AWS', 'Microsoft SQL Server']],
      ['Use Structured Query Language daily', ['SQL']],
      ['BLS and ACLS certification required', ['BLS', 'ACLS']],
      ['Class A CDL, forklift certified', ['CDL', 'Forklift Operation']],
      ['HACCP and Level 2 Food Hygiene', ['HACCP', 'Food Hygiene']],
      ['Knowledge of QuickBooks and Xero', ['QuickBooks', 'Xero']],
      ['Fluent in Mandarin Chinese', ['Chinese']],
    ])('%j names %j', (text, expected) => {
      expect(skillNames(text)).toEqual(expected);
    });
  });

  describe('the longest alias wins', () => {
    test.each([
      ['Google Cloud Platform', [['Google Cloud', 'Google Cloud Platform']]],
      ['Spring Boot services', [['Spring Boot', 'Spring Boot']]],
      ['Ruby on Rails apps', [['Ruby on Rails', 'Ruby on Rails']]],
      ['ASP.NET Core APIs', [['ASP.NET', 'ASP.NET Core']]],
      ['React Native apps', [['React Native', 'React Native']]],
      ['Microsoft SQL Server DBA', [['Microsoft SQL Server', 'Microsoft SQL Server']]],
      ['Apache Spark jobs', [['Apache Spark', 'Apache Spark']]],
      ['Visual Studio Code setup', [['Visual Studio Code', 'Visual Studio Code']]],
    ])('%j gives %j', (text, expected) => {
      expect(surfaces(text)).toEqual(expected);
    });
  });

  describe('ambiguous short names count in a technical context', () => {
    test.each([
      ['a C++ and C developer', ['C++', 'C']],
      ['Strong C/C++ skills', ['C', 'C++']],
      ['Proficient in the C programming language', ['C']],
      ['Languages: C, Go, Rust', ['C', 'Go', 'Rust']],
      ['Programming languages:\n- C\n- Go\n- Rust', ['C', 'Go', 'Rust']],
      ['Experience with Go and Python', ['Go', 'Python']],
      ['Statistical programming in R or Python', ['R', 'Python']],
      ['We use Swift and Kotlin for mobile apps', ['Swift', 'Kotlin']],
      ['Scala or Java on the backend', ['Scala', 'Java']],
      ['Chef, Puppet and Ansible', ['Chef', 'Puppet', 'Ansible']],
      ['MS Word, Excel and Outlook', ['Microsoft Word', 'Microsoft Excel', 'Microsoft Outlook']],
      ['Fluent English and Spanish', ['English', 'Spanish']],
      ['German-speaking customers', ['German']],
      ['Native French speaker', ['French']],
    ])('%j names %j', (text, expected) => {
      expect(skillNames(text)).toEqual(expected);
    });
  });

  describe('ambiguous short names do not count as ordinary words', () => {
    test.each([
      'Grade C or above in Maths',
      'go to market',
      'Go to the office on Mondays',
      'R&D budget',
      'See section C of the form',
      'Rich in vitamin C',
      'Reports to the C-suite',
      'Sous Chef wanted',
      'Swift response times',
      'Julia will manage the team',
      'Word of mouth referrals',
      'Access to free parking',
      'Windows and doors fitter',
      'Spring semester intake',
      'Express delivery driver',
      'French fries and burgers',
      'Polish and shine floors',
      'English breakfast served daily',
      'Ruby Tuesday restaurant',
      'It is fun',
    ])('%j names no skill', (text) => {
      expect(findSkills(text)).toEqual([]);
    });
  });

  describe('names with punctuation', () => {
    test.each([
      [
        'C++17 and C#',
        [
          ['C++', 'C++17'],
          ['C#', 'C#'],
        ],
      ],
      [
        '.NET and ASP.NET',
        [
          ['.NET', '.NET'],
          ['ASP.NET', 'ASP.NET'],
        ],
      ],
      [
        'Node.js, Vue.js',
        [
          ['Node.js', 'Node.js'],
          ['Vue.js', 'Vue.js'],
        ],
      ],
      [
        'CI/CD with Objective-C',
        [
          ['CI/CD', 'CI/CD'],
          ['Objective-C', 'Objective-C'],
        ],
      ],
      [
        'PL/SQL and T-SQL',
        [
          ['PL/SQL', 'PL/SQL'],
          ['T-SQL', 'T-SQL'],
        ],
      ],
      [
        'F# or TCP/IP',
        [
          ['F#', 'F#'],
          ['TCP/IP', 'TCP/IP'],
        ],
      ],
      [
        'GD&T and M&A',
        [
          ['GD&T', 'GD&T'],
          ['Mergers and Acquisitions', 'M&A'],
        ],
      ],
      [
        '(Python), [Java].',
        [
          ['Python', 'Python'],
          ['Java', 'Java'],
        ],
      ],
      ['Python-based tooling', [['Python', 'Python']]],
      ['the driver’s license', [["Driver's License", 'driver’s license']]],
    ])('%j gives %j', (text, expected) => {
      expect(surfaces(text)).toEqual(expected);
    });
  });

  describe('case handling', () => {
    test.each([
      ['PYTHON and python', ['Python', 'Python']],
      ['SAS programmer', ['SAS']],
      ['sas programmer', []],
      ['Excel in a fast-paced environment.', []],
      ['excel in a fast-paced environment', []],
      ['Excel skills are essential.', ['Microsoft Excel']],
      ['Build React apps', ['React']],
      ['React quickly to incidents.', []],
      ['REST and SOAP services', ['REST API', 'SOAP']],
      ['get some rest', []],
      ['the word is out', []],
      ['IT support', []],
    ])('%j names %j', (text, expected) => {
      expect(findSkills(text).map((m) => m.name)).toEqual(expected);
    });
  });

  test('spans are UTF-16 offsets of the matched surface, in order', () => {
    const text = 'Café ☕ 😀 naïve Python, 𝐗 Go and Node.js — Postgres 日本語 k8s';
    const matches = findSkills(text);
    expect(matches.map((m) => [m.name, text.slice(m.start, m.end)])).toEqual([
      ['Python', 'Python'],
      ['Go', 'Go'],
      ['Node.js', 'Node.js'],
      ['PostgreSQL', 'Postgres'],
      ['Kubernetes', 'k8s'],
    ]);
    const starts = matches.map((m) => m.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  test('a skill mentioned several times is reported each time', () => {
    expect(surfaces('Python, then python again; PYTHON.')).toEqual([
      ['Python', 'Python'],
      ['Python', 'python'],
      ['Python', 'PYTHON'],
    ]);
  });

  test('a realistic posting gives the expected skills', () => {
    expect(skillNames(JD)).toEqual([
      'Go',
      'Python',
      'Java',
      'C',
      'C++',
      'PostgreSQL',
      'Redis',
      'Apache Kafka',
      'AWS',
      'Amazon EC2',
      'Amazon S3',
      'AWS Lambda',
      'Docker',
      'Kubernetes',
      'Terraform',
      'CI/CD',
      'GitHub Actions',
      'React',
      'TypeScript',
      'Node.js',
      'Communication Skills',
      'English',
      'German',
      "Driver's License",
      'REST API',
      'Microservices',
      'Unit Testing',
      'Jira',
      'Confluence',
      'Slack',
      'Microsoft Excel',
    ]);
  });

  test('results are deterministic', () => {
    const first = findSkills(JD);
    for (let i = 0; i < 5; i += 1) expect(findSkills(JD)).toEqual(first);
  });

  test.each(['', ' ', '\n\n', '...', '-'])('%j names no skill', (text) => {
    expect(findSkills(text)).toEqual([]);
    expect(skillNames(text)).toEqual([]);
  });

  describe('a 1 MB document finishes fast and in linear time', () => {
    /** Best of three runs: robust to a garbage collection landing in one of them. */
    const time = (text: string): number => {
      let best = Number.POSITIVE_INFINITY;
      for (let run = 0; run < 3; run += 1) {
        const t0 = performance.now();
        findSkills(text);
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    };
    test.each([
      ['a realistic posting', JD],
      ['ambiguous names only', 'C Go R '],
      ['ambiguous names in bare lists', '- C\n- Go\n'],
      ['one long word', 'a'],
      ['punctuation', '.+#&-/'],
      ['prefixes of long aliases', 'Google Cloud Microsoft SQL '],
    ])('%s', (_label, unit) => {
      const big = unit.repeat(Math.ceil(1_000_000 / unit.length));
      const eighthMs = time(big.slice(0, big.length / 8));
      const bigMs = time(big);
      expect(bigMs).toBeLessThan(3000);
      // Linear: 8x the text costs about 8x the time; quadratic would cost 64x. The bound (24x, with a
      // floor) leaves room for garbage collection and a busy CI machine without letting 64x through.
      expect(bigMs).toBeLessThan(24 * Math.max(eighthMs, 10));
    });
  });
});

describe('the tokenizer', () => {
  // Tokens are found in the lower-cased text: lower-casing must keep every character a word character or not,
  // a space or not, and keep its length but for "İ" (which the matcher leaves as it is).
  test('lower-casing keeps the class and length of every character but İ', () => {
    const word = /^[\p{L}\p{N}\p{M}]$/u;
    const changed: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp += 1) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      const lower = ch.toLowerCase();
      if (lower === ch || cp === 0x130) continue;
      if (lower.length !== ch.length || word.test(lower) !== word.test(ch) || /\s/.test(lower) !== /\s/.test(ch)) {
        changed.push(cp.toString(16));
      }
    }
    expect(changed).toEqual([]);
  });

  test('finds names next to characters that lower-case', () => {
    expect(skillNames('İPython, ÉPython; KUBERNETES/PYTHON İ SQL')).toEqual(['Kubernetes', 'Python', 'SQL']);
  });
});

describe('skillNames', () => {
  test('lists canonical names once, in order of first appearance', () => {
    expect(skillNames('k8s, Python, Kubernetes, Postgres, python')).toEqual(['Kubernetes', 'Python', 'PostgreSQL']);
  });
});

describe('the lexicon', () => {
  test('is small and has unique names in sorted order', () => {
    const bytes = readFileSync(join(__dirname, 'data', 'skills.json')).length;
    expect(bytes).toBeLessThan(1_000_000);
    const names = entries.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  // A sentence in which each kind of alias should be recognised.
  const sentenceFor = (entry: Entry, alias: string, contextual: boolean): string => {
    if (entry.domain === 'language') return `Fluent ${alias} is required.`;
    if (!contextual) return `We use ${alias} daily.`;
    return entry.domain === 'dev' ? `We use Python and ${alias} daily.` : `We use Microsoft Excel and ${alias} daily.`;
  };
  const cases = entries.flatMap((entry) => [
    ...[...(entry.any ?? []), ...(entry.exact ?? []), ...(entry.atStart ?? [])].map(
      (alias) => [entry.name, alias, sentenceFor(entry, alias, false)] as const,
    ),
    ...(entry.contextual ?? []).map((alias) => [entry.name, alias, sentenceFor(entry, alias, true)] as const),
  ]);

  test.each(cases)('recognises %s from "%s"', (name, alias, sentence) => {
    const hit = findSkills(sentence).find((m: SkillMatch) => m.name === name);
    expect(hit && sentence.slice(hit.start, hit.end)).toBe(alias);
  });

  const taxonomy = process.env.TAXONOMY_DIR ?? '/work/shared/data/taxonomy';
  (existsSync(taxonomy) ? test : test.skip)('is up to date with its build script and sources', () => {
    const run = spawnSync(process.execPath, ['scripts/build-skills-lexicon.mjs', '--check'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
