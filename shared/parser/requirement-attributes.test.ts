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
