import { categorize, extractYears, optionalMarker } from './requirement-attributes';

describe('extractYears', () => {
  test.each<[string, number | null, number | null]>([
    // English
    ['3+ years of experience with Kubernetes', 3, null],
    ['3-5 years of experience in retail management', 3, 5],
    ['3 – 5 years in a customer-facing role', 3, 5],
    ['3 to 5 years of professional accounting experience', 3, 5],
    ['At least two years of experience in a warehouse', 2, null],
    ['A minimum of five years of relevant experience', 5, null],
    ['Up to 4 years of experience in a junior role', null, 4],
    ['5 years experience in payroll', 5, null],
    ['One year of experience as a cashier', 1, null],
    ['2+ yrs of hands-on DevOps work', 2, null],
    ['Three (3) years of supervisory experience', 3, null],
    ['Between 4 and 6 years of experience leading teams', 4, 6],
    ['More than 8+ years of software engineering experience', 8, null],
    ["7 years' experience in commercial litigation", 7, null],
    ['Ten or more years of experience in aviation maintenance', 10, null],
    ['Five-year track record of closing enterprise deals', 5, null],
    ['A year of experience in a similar position', 1, null],
    ['Minimum 2 years of experience in the last 5 years', 2, null],
    ['Clinical practice of at least 1 year within the previous 3 years', 1, null],
    ['Experience: 4 years in hospitality', 4, null],
    ['4-year degree and 2 years of related experience', 2, null],
    ['Bachelor degree with 1-2 years experience, or a Master degree', 1, 2],
    ['3 6+ years of backend development experience', 6, null],
    ['1.5 years of experience with React', 1.5, null],
    ['No less than 4 years in a similar role', 4, null],
    ['Less than 2 years of experience is fine', null, 2],
    ['3 years of college teaching experience', 3, null],
    ['Strong experience (5+ years) in Java', 5, null],
    // French
    ["10 ans d'expérience dans la vente", 10, null],
    ['Au moins 2 ans sur un poste similaire', 2, null],
    ['Expérience de 3 à 5 ans en comptabilité', 3, 5],
    ["Vous justifiez d'une expérience d'un an minimum en logistique", 1, null],
    ['Une première expérience de deux ans en restauration', 2, null],
    ["Minimum cinq ans d'expérience en gestion de projet", 5, null],
    // German
    ['Mindestens 3 Jahre Berufserfahrung im Vertrieb', 3, null],
    ['Zwei bis drei Jahre Erfahrung in der Pflege', 2, 3],
    ['Zwei- bis dreijährige Berufserfahrung als Elektroniker', 2, 3],
    ['Ein Jahr Berufserfahrung im Einzelhandel', 1, null],
    ['5-jährige Erfahrung in der Softwareentwicklung', 5, null],
    // Spanish
    ['Al menos 3 años de experiencia en ventas', 3, null],
    ['Experiencia mínima de 2 años en puestos similares', 2, null],
    ['De 3 a 5 años de experiencia en logística', 3, 5],
    ['Un año de experiencia en atención al cliente', 1, null],
    ['Entre dos y cuatro años de experiencia como contable', 2, 4],
  ])('when an item says "%s", then yearsMin %p and yearsMax %p', (text, yearsMin, yearsMax) => {
    expect(extractYears(text)).toEqual({ yearsMin, yearsMax });
  });

  test.each<string>([
    'Applicants must be within five years of earning their PhD',
    'This is a two-year contract with the possibility of extension',
    'Experience teaching children ages 3-5',
    'Experience teaching children aged 3 to 5 years',
    'A 2-year degree in business administration',
    'Food hygiene certificate less than 3 years old',
    'Must have worked in the UK in the last 2 years',
    'Must be at least 18 years of age',
    'Must be 21 years or older to operate the vehicle',
    'Four year degree from an accredited university',
    'Willing to commit to at least 2 years with the team',
    'Address history for the past 5 years for the background check',
    'Equivalent years of experience may substitute for the degree',
    'Strong experience with Python and SQL',
    'Several years of experience in sales',
    'NVQ Level 2 an advantage',
    'Contrat de 2 ans renouvelable',
    'Vous devez avoir 18 ans révolus',
    'Eine dreijährige Ausbildung als Kaufmann',
    'In den letzten 5 Jahren im Ausland gelebt',
    'Mayor de 18 años',
    'Contrato de 1 año con posibilidad de renovación',
    '2 years of college or equivalent work experience',
    'Completion of a 3-year apprenticeship',
  ])('when an item says "%s", then it names no years of experience', (text) => {
    expect(extractYears(text)).toEqual({ yearsMin: null, yearsMax: null });
  });
});

describe('optionalMarker', () => {
  test.each<[string, 'optional' | 'required' | null]>([
    // English, optional
    ['Experience with Terraform preferred', 'optional'],
    ['Knowledge of Spanish is a nice to have', 'optional'],
    ['Familiarity with GraphQL is a plus', 'optional'],
    ['Kotlin experience a bonus', 'optional'],
    ['A background in finance is desirable', 'optional'],
    ['Ideally, you have worked in a start-up before', 'optional'],
    ['Previous NHS experience would be advantageous', 'optional'],
    ['A forklift licence would be an asset', 'optional'],
    ['Exposure to Rust would be great', 'optional'],
    ['Salesforce certification is not required but helps', 'optional'],
    ['CAD experience a plus, but not mandatory', 'optional'],
    ["Associate's degree in early childhood education (preferred)", 'optional'],
    ['Preference will be given to candidates with retail experience', 'optional'],
    ['Experience with Kafka or RabbitMQ. Preferred.', 'optional'],
    // English, required
    ['Bachelor degree in nursing required', 'required'],
    ['Must be able to read blueprints', 'required'],
    ['A valid CPR certificate is essential', 'required'],
    ['Security clearance is mandatory for this post', 'required'],
    ['NLP experience is a must', 'required'],
    ['Experience as a classroom teacher (required)', 'required'],
    // Partly optional: a demand plus an optional extra
    ["Degree required, Master's preferred", 'required'],
    ["Bachelor's degree in statistics; Master's a plus", 'required'],
    ['Must be able to read blueprints; CAD experience a plus', 'required'],
    ['Master in Computer Science or a related field. Ph.D. is a plus.', 'required'],
    ["Bachelor's degree (Master's preferred)", 'required'],
    ['Strong Java skills and ideally some Kotlin', 'required'],
    ["Bachelor's degree in Business or a related field, MBA preferred", 'required'],
    ['Minimum 3 years of relevant experience; 5 years preferred', 'required'],
    // A cue over a whole list stays optional
    ['Experience with AWS, GCP or Azure preferred', 'optional'],
    ['Good written skills, basic accounting and prior retail experience preferred', 'optional'],
    ['Zendesk experience a bonus, but not required', 'optional'],
    // Neither
    ['Proficiency in R or Python, where the former is preferred', null],
    ['Python (preferred) or R', null],
    ["Bachelor's degree, preferably in Computer Science", null],
    ['Excellent written and verbal communication skills', null],
    ['Experience with cloud platforms (e.g. AWS, GCP)', null],
    ["We don't shy away from physically demanding work", null],
    // French
    ['Anglais courant souhaité', 'optional'],
    ['Une expérience en EHPAD serait un plus', 'optional'],
    ['La connaissance de SAP est un atout', 'optional'],
    ['Idéalement, vous avez une première expérience en agence', 'optional'],
    ['Une certification AWS serait appréciée', 'optional'],
    ['Permis B obligatoire', 'required'],
    ['Diplôme d’infirmier exigé', 'required'],
    ['Le permis CACES n’est pas obligatoire', 'optional'],
    // German
    ['Erfahrung mit SAP ist wünschenswert', 'optional'],
    ['Kenntnisse in Python sind von Vorteil', 'optional'],
    ['Idealerweise Erfahrung im Projektmanagement', 'optional'],
    ['Französischkenntnisse sind ein Plus', 'optional'],
    ['Führerschein Klasse B erforderlich', 'required'],
    ['Sehr gute Deutschkenntnisse sind zwingend', 'required'],
    ['Ein Hochschulabschluss ist nicht zwingend erforderlich', 'optional'],
    // Spanish
    ['Inglés avanzado deseable', 'optional'],
    ['Se valorará experiencia en el sector farmacéutico', 'optional'],
    ['Conocimientos de SAP valorables', 'optional'],
    ['Titulación en ADE preferible', 'optional'],
    ['El conocimiento de alemán es un plus', 'optional'],
    ['Carnet de conducir imprescindible', 'required'],
    ['Titulación universitaria requerida', 'required'],
    ['Experiencia previa no excluyente', 'optional'],
  ])('when an item says "%s", then it is marked %p', (text, expected) => {
    expect(optionalMarker(text)).toBe(expected);
  });
});

describe('categorize', () => {
  test.each<[string, ReturnType<typeof categorize>]>([
    ['5+ years of experience in backend development', 'experience'],
    ['Experience with payroll systems', 'experience'],
    ['Previous experience in a care home', 'experience'],
    ["Bachelor's degree in Computer Science", 'education'],
    ['GCSEs in English and Maths at grade C or above', 'education'],
    ['PhD in Physics or a related field', 'education'],
    ['BS/MS in Statistics or Mathematics', 'education'],
    ['Current RN license in the state of Texas', 'certification'],
    ['Registered Nurse with active NMC registration', 'certification'],
    ['Class A CDL', 'certification'],
    ['AWS Certified Solutions Architect', 'certification'],
    ['Fluent English', 'language'],
    ['Bilingual in English and Spanish', 'language'],
    ['Spanish', 'language'],
    ['English and French.', 'language'],
    ['Inglés / Francés', 'language'],
    ['French cuisine', 'other'],
    ['Must pass a background check', 'physical_legal'],
    ['Right to work in the UK', 'physical_legal'],
    ["Valid driver's licence", 'physical_legal'],
    ['Must be able to lift 50 lbs', 'physical_legal'],
    ['Standing for long periods', 'physical_legal'],
    ['Willing to work weekends and night shifts', 'physical_legal'],
    ['Willingness to travel up to 25%', 'physical_legal'],
    ['Must be fully vaccinated against COVID-19', 'physical_legal'],
    ['Detail-oriented team player', 'personal'],
    ['Excellent communication skills', 'personal'],
    ['Highly motivated and reliable', 'personal'],
    ['Knowledge of SQL and data modelling', 'skill'],
    ['Proficiency in Microsoft Excel', 'skill'],
    ['Familiarity with collaborative online tools', 'skill'],
    ['Ability to read electrical diagrams', 'skill'],
    ['A love of the outdoors', 'other'],
    // French
    ["3 ans d'expérience en comptabilité", 'experience'],
    ['Bac+2 en logistique ou diplôme équivalent', 'education'],
    ['Français courant et anglais professionnel', 'language'],
    ['Permis B et véhiculé', 'physical_legal'],
    ['Rigoureux, autonome et doté d’un bon relationnel', 'personal'],
    ['Maîtrise du pack Office', 'skill'],
    // German
    ['Mehrjährige Berufserfahrung im Vertrieb', 'experience'],
    ['Abgeschlossenes Studium der Informatik', 'education'],
    ['Verhandlungssichere Englischkenntnisse', 'language'],
    ['Führerschein Klasse B', 'physical_legal'],
    ['Teamfähigkeit und Zuverlässigkeit', 'personal'],
    ['Fundierte Kenntnisse in Java', 'skill'],
    // Spanish
    ['Experiencia demostrable en ventas', 'experience'],
    ['Licenciatura en Administración de Empresas', 'education'],
    ['Nivel alto de inglés', 'language'],
    ['Disponibilidad para viajar', 'physical_legal'],
    ['Persona proactiva y con iniciativa', 'personal'],
    ['Conocimientos avanzados de Excel', 'skill'],
  ])('when an item says "%s", then its category is %p', (text, expected) => {
    expect(categorize(text)).toBe(expected);
  });
});

// The three functions skip the regexes that cannot match an item (see "Prefilter" in the module):
// these items check that the skipping sees through case, characters that case-fold unlike their
// lower case (ſ, K, ẞ, İ), astral characters, the private-use token, brackets, clauses and numbers
// glued to words. Expected values are those of the regexes run in full.
describe('results whatever the case, characters and structure of the item', () => {
  test.each<[string, number | null, number | null, 'optional' | 'required' | null, ReturnType<typeof categorize>]>([
    ['5 YEARS OF EXPERIENCE IN SALES', 5, null, null, 'experience'],
    ['5 year\u017F of experience in \u017Fales', 5, null, null, 'experience'],
    ['Three (3) Years Of Experience', 3, null, null, 'experience'],
    ['DREI JAHRE BERUFSERFAHRUNG', 3, null, null, 'experience'],
    ['ZWEI- BIS DREIJ\u00C4HRIGE BERUFSERFAHRUNG', 2, 3, null, 'experience'],
    ['Fundierte \u212Aenntnisse in Java', null, null, null, 'skill'],
    ['Deutsch\u212Aenntnisse sind erforderlich', null, null, 'required', 'language'],
    ['Gute Sprach\u212Aenntnisse', null, null, null, 'language'],
    ['Abgeschlo\u017F\u017Fenes Studium', null, null, null, 'education'],
    ['PREFERRED: EXPERIENCE WITH TERRAFORM', null, null, 'optional', 'experience'],
    ['Experience with Terraform PREFERRED', null, null, 'optional', 'experience'],
    ['Experience with Terraform pre\u017Ferred', null, null, null, 'experience'],
    ['DIPL\u00D4ME D\u2019INFIRMIER EXIG\u00C9', null, null, 'required', 'education'],
    ['Gro\u1E9Eer Vorteil: SAP', null, null, 'optional', 'other'],
    ['\u0130deally, you have worked in a start-up', null, null, null, 'experience'],
    ['Strong Python skills \uD83D\uDE80 and a plus for Rust', null, null, 'optional', 'skill'],
    ['\uD835\uDC00 Fluent English', null, null, null, 'language'],
    ['Python;\uE000 SQL', null, null, 'required', 'other'],
    ['Python \uE000 preferred', null, null, 'optional', 'other'],
    ['\uE000', null, null, 'optional', 'other'],
    ['Experience with Kafka (nice to have) or RabbitMQ', null, null, null, 'experience'],
    ['Python (preferred) or R, SQL required', null, null, 'required', 'other'],
    ["Bachelor's degree in Business or a related field, MBA preferred", null, null, 'required', 'education'],
    ["Bachelor's degree in Business or a related field, MBA is a plus.", null, null, 'required', 'education'],
    ['Experience with AWS, GCP or Azure preferred', null, null, 'optional', 'experience'],
    ['Java and ideally Kotlin', null, null, 'required', 'other'],
    ["Bachelor's degree, preferably in Computer Science", null, null, null, 'education'],
    ['SQL - preferably PostgreSQL', null, null, null, 'other'],
    ['a(x)plus', null, null, 'optional', 'other'],
    ['Team player; self-motivated', null, null, null, 'personal'],
    ['Self motivated and hard-working', null, null, null, 'personal'],
    ['Hochschulabschluss in Informatik', null, null, null, 'education'],
    ['Must be able to lift 50lbs', null, null, 'required', 'physical_legal'],
    ['Travel 25% of the time', null, null, null, 'physical_legal'],
    ['Willing to work 12-hour shifts', null, null, null, 'physical_legal'],
    ['3to5 years of experience', 3, 5, null, 'experience'],
    ['3 tofive years of experience', 3, 5, null, 'experience'],
    ['between three and five years of experience', 3, 5, null, 'experience'],
    ['un an d\u2019exp\u00E9rience minimum', 1, null, null, 'experience'],
    ['2 an advantage', null, null, 'optional', 'other'],
    ['Level 3 and 5 years experience', 5, null, null, 'experience'],
    ['10 years old; 2 years experience', 2, null, null, 'experience'],
    [
      '1 year 2 years 3 years 4 years 5 years 6 years 7 years 8 years 9 years 10 years of experience',
      10,
      null,
      null,
      'experience',
    ],
    ['A 4-year degree; 3 years of experience preferred', 3, null, 'required', 'experience'],
    // word-final cues ("\p{L}*kenntnisse") and cues after digits ("\d+ ?kg")
    ['Englischkenntnissen von Vorteil', null, null, 'optional', 'other'],
    ['Sprach2kenntnisse', null, null, null, 'other'],
    ['Hochschulstudium oder Ausbildung', null, null, null, 'education'],
    ['Mehrjährige Berufserfahrungen im Vertrieb', null, null, null, 'experience'],
    ['Demotivated staff', null, null, null, 'personal'],
    ['Lifting 25kg', null, null, null, 'physical_legal'],
    ['10-hour shifts', null, null, null, 'physical_legal'],
    ['50% travel', null, null, null, 'physical_legal'],
  ])(
    'when an item says %j, then years %p to %p, marker %p, category %p',
    (text, yearsMin, yearsMax, marker, category) => {
      expect(extractYears(text)).toEqual({ yearsMin, yearsMax });
      expect(optionalMarker(text)).toBe(marker);
      expect(categorize(text)).toBe(category);
    },
  );

  test('when the same item goes through the three functions in turn, then each gives what it gives alone', () => {
    const items = ['3+ years of experience with Kubernetes (preferred)', 'Permis B obligatoire', 'Team player'];
    const alone = items.map((text) => [optionalMarker(text), extractYears(text), categorize(text)]);
    for (const text of items) optionalMarker(`${text} x`);
    const inTurn = items.map((text) => [optionalMarker(text), extractYears(text), categorize(text)]);
    expect(inTurn).toEqual(alone);
  });

  test('when the functions have been called many times, then they still give the same results', () => {
    // (A cue regex is tried differently once it has been used often: see `sticky` in the module.)
    const items = [
      'Experience with Terraform preferred; must hold a valid licence',
      'Strong communication skills and a team player, self-motivated',
      'Not required, but a plus: 2 years of experience with Kafka',
    ];
    const first = items.map((text) => [optionalMarker(text), extractYears(text), categorize(text)]);
    let last = first;
    for (let round = 0; round < 600; round++) {
      last = items.map((text) => [optionalMarker(`${text} `), extractYears(`${text} `), categorize(`${text} `)]);
    }
    expect(last).toEqual(first);
  });

  test('when a caller changes the years it got, then the next call for the same item is not affected', () => {
    const first = extractYears('5 years of experience');
    first.yearsMin = 99;
    expect(extractYears('5 years of experience')).toEqual({ yearsMin: 5, yearsMax: null });
  });
});

describe('linear time on adversarial input', () => {
  const MB = 1_000_000;
  const inputs: Array<[string, string]> = [
    ['"1-1-1-..."', '1-'.repeat(MB / 2)],
    ['"years years ..."', 'years '.repeat(MB / 6)],
    ['"1 year 1 year ..."', '1 year '.repeat(MB / 7)],
    ['100k spaces around digits', `3${' '.repeat(100_000)}-${' '.repeat(100_000)}5${' '.repeat(100_000)}years`],
    ['one long word', 'a'.repeat(MB)],
    ['open brackets', '('.repeat(MB)],
    ['"english level english level ..."', 'english level '.repeat(MB / 14)],
    ['"not not not ..."', 'not '.repeat(MB / 4)],
    ['"a plus; a plus; ..."', 'a plus; '.repeat(MB / 8)],
    ['dots and capitals', 'e.g. A'.repeat(MB / 6)],
  ];
  test.each(inputs)('when the item is 1 MB of %s, then all three functions finish within a second', (_name, input) => {
    const started = performance.now();
    extractYears(input);
    optionalMarker(input);
    categorize(input);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
