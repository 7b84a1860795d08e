import { detectLanguage, extractMetadata } from './metadata';

function md(text: string) {
  return extractMetadata({ text, lines: text.split('\n') });
}

describe('extractMetadata: title', () => {
  test.each([
    {
      when: "a 'Job Title:' label names the role",
      text: 'Job Title: Senior Data Engineer\nLocation: Leeds, UK\n\nWe build logistics software.',
      title: 'Senior Data Engineer',
    },
    {
      when: "a 'Position:' label follows an 'About the job' heading",
      text: 'About the job\n\nPosition: Remote Science Tutor (Grades 6-8)\n\nJob type: Part-Time',
      title: 'Remote Science Tutor (Grades 6-8)',
    },
    {
      when: "a 'Role:' label ends with a full stop",
      text: 'Role: Marketing Analyst.\nLocation: Denver, CO\nHire Type: 6 Months Contract',
      title: 'Marketing Analyst',
    },
    {
      when: "a 'Job Title -' label uses a dash",
      text: 'Job Title - Payroll Administrator\nBase - Head Office, Swindon',
      title: 'Payroll Administrator',
    },
    {
      when: 'an ALLCAPS POSITION label is glued to the text around it',
      text: 'DEPARTMENT:   MaintenanceLOCATION:   Springfield, ILPOSITION:      Millwright   About us: We make paper.',
      title: 'Millwright',
    },
    {
      when: "a 'Job Title:' label stands alone and the title is on the next line",
      text: 'Job Title:\nData Analyst\nLocation:\nLondon',
      title: 'Data Analyst',
    },
    {
      when: "a French 'Intitulé du poste :' label keeps its (H/F) marker",
      text: 'Intitulé du poste : Chargé de recrutement (H/F)\nLieu de travail : Lyon\nType de contrat : CDI',
      title: 'Chargé de recrutement (H/F)',
    },
    {
      when: "a German 'Stellenbezeichnung:' label keeps its (m/w/d) marker",
      text: 'Stellenbezeichnung: Projektleiter Elektrotechnik (m/w/d)\nStandort: Stuttgart\nVollzeit, unbefristet',
      title: 'Projektleiter Elektrotechnik (m/w/d)',
    },
    {
      when: "a Spanish 'Puesto:' label names the role",
      text: 'Puesto: Técnico de mantenimiento\nUbicación: Zaragoza\nJornada completa',
      title: 'Técnico de mantenimiento',
    },
    {
      when: "the first line is 'Title • City, ST'",
      text: 'Backend Engineer • Austin, TX\n\nWe are a small team building payment APIs.',
      title: 'Backend Engineer',
    },
    {
      when: "the first line is HN style 'Company | Title | Location | Remote | Type | Salary'",
      text: 'Acme Robotics | Senior Firmware Engineer | Berlin, Germany | Remote (EU) | Full-time | €70k–90k\nWe build robot arms.',
      title: 'Senior Firmware Engineer',
    },
    {
      when: "the first line is 'Sr. Title • Remote' (an abbreviation, not a sentence)",
      text: 'Sr. Data Engineer • Remote\nWe move data for hospitals.',
      title: 'Sr. Data Engineer',
    },
    {
      when: 'an HN header title segment contains a comma',
      text: 'Stripe | Software Engineer, Payments | Remote (US) | Full-time',
      title: 'Software Engineer, Payments',
    },
    {
      when: "the first line is 'Title - Location'",
      text: 'Staff Accountant - London, UK\n\nOur finance team is growing and we need help with month-end close.',
      title: 'Staff Accountant',
    },
    {
      when: "the first line is 'Title - Speciality' (the dash is part of the title)",
      text: 'Clinical Nurse Educator - Critical Care\n\nJoin our education team and support nurses across the trust.',
      title: 'Clinical Nurse Educator - Critical Care',
    },
    {
      when: "the first line is 'Company - Title'",
      text: 'Northwind Traders - Warehouse Operative\n\nShifts are Monday to Friday.',
      title: 'Warehouse Operative',
    },
    {
      when: "the title line follows an 'About the job' heading",
      text: 'About the job\n\nRegistered Nurse\n\nWe are a 40-bed surgical ward looking for caring people.',
      title: 'Registered Nurse',
    },
    {
      when: "only the last line is 'Title • City, Region, Country'",
      text: 'Maintain our CI pipelines.\nWrite clean, tested code.\nWarehouse Systems Developer • Pune, MH, India',
      title: 'Warehouse Systems Developer',
    },
    {
      when: "a hiring sentence reads 'We are seeking a qualified, caring Preschool Teacher to lead ...'",
      text: 'About the job\n\nLittle Acorns Nursery is seeking a qualified, caring Preschool Teacher to lead a class of four-year-olds.',
      title: 'Preschool Teacher',
    },
    {
      when: "a hiring sentence reads '... is looking for a Senior Data Engineer who ...'",
      text: 'Founded in 2012, Fabrikam makes billing software. Fabrikam is looking for a Senior Data Engineer who enjoys messy data.',
      title: 'Senior Data Engineer',
    },
    {
      when: "a hiring sentence follows the title with '(Remote)'",
      text: 'Acme is hiring a Senior Product Designer (Remote) to lead our design system.',
      title: 'Senior Product Designer',
    },
    {
      when: 'a hiring sentence lists adjectives with commas before the title',
      text: 'We are looking for a sharp, organised, Accounts Payable Clerk to join our growing finance team.',
      title: 'Accounts Payable Clerk',
    },
    {
      when: 'a hiring sentence puts an FTE figure and a pay band before the title',
      text: 'The Surgery Directorate is looking to recruit a Full Time Band 5 Theatre Practitioner based in Carmarthen.',
      title: 'Theatre Practitioner',
    },
    {
      when: "a French sentence reads 'nous recrutons un(e) assistant(e) commercial(e) en CDI'",
      text: 'Dans le cadre de notre développement, nous recrutons un(e) assistant(e) commercial(e) en CDI pour notre agence de Nantes.',
      title: 'assistant(e) commercial(e)',
    },
    {
      when: "a French sentence reads 'recherche un Agent de sécurité (H/F) pour ...'",
      text: 'Sécuritas Ouest, recherche un Agent de sécurité (H/F) pour un site industriel basé à Rennes.',
      title: 'Agent de sécurité (H/F)',
    },
    {
      when: "a German sentence reads 'Wir suchen ab sofort einen Softwareentwickler (m/w/d) für ...'",
      text: 'Wir sind ein mittelständisches Unternehmen. Wir suchen ab sofort einen Softwareentwickler (m/w/d) für unser Team in Köln.',
      title: 'Softwareentwickler (m/w/d)',
    },
    {
      when: "a German sentence uses a gender-neutral 'eine:n Sachbearbeiter:in'",
      text: 'Für unseren Standort in Hamburg suchen wir zum nächstmöglichen Zeitpunkt eine:n Sachbearbeiter:in Buchhaltung (m/w/d) in Vollzeit.',
      title: 'Sachbearbeiter:in Buchhaltung (m/w/d)',
    },
    {
      when: "a Spanish sentence reads 'Buscamos un técnico de mantenimiento para ...'",
      text: 'Somos una empresa del sector alimentario. Buscamos un técnico de mantenimiento para nuestra planta de Zaragoza.',
      title: 'técnico de mantenimiento',
    },
    {
      when: "a sentence reads 'the position of Library Assistant (Evenings)'",
      text: 'The county library invites applications for the position of Library Assistant (Evenings). Duties include shelving.',
      title: 'Library Assistant (Evenings)',
    },
    {
      when: "a sentence reads 'to fill an exciting Claims Analyst position'",
      text: 'Contoso Insurance is hiring a strong candidate to fill an exciting Claims Analyst position in our Leeds office.',
      title: 'Claims Analyst',
    },
    {
      when: "a sentence reads 'join our team as a Payroll Officer working ...'",
      text: 'An opportunity has arisen for a motivated individual to join our team as a Payroll Officer working alongside 12 colleagues.',
      title: 'Payroll Officer',
    },
    {
      when: "a sentence reads 'As a Field Service Technician, you will ...'",
      text: 'Benefits are great.\n\nAs a Field Service Technician, you will install and repair lifts across the region.',
      title: 'Field Service Technician',
    },
    {
      when: "a duties paragraph opens with 'The Operations Coordinator will ...'",
      text: 'Responsibilities\n\nThe Operations Coordinator will support the site manager with scheduling and reporting.',
      title: 'Operations Coordinator',
    },
    {
      when: "a French sentence reads 'en tant qu'Agent polyvalent sur ...'",
      text: "Notre résidence accueille 20 personnes âgées. Nous vous proposons d'intervenir en tant qu'Agent polyvalent sur les missions suivantes.",
      title: 'Agent polyvalent',
    },
  ])('when $when, then the title is $title', ({ text, title }) => {
    expect(md(text).title).toBe(title);
  });

  test.each([
    { when: 'the text is empty', text: '' },
    {
      when: 'the hiring sentence names no role',
      text: 'We are looking for people who care about their community. Apply today and make a difference.',
    },
    {
      when: 'the text is only a company description',
      text: 'Tailspin Toys makes wooden toys in Vermont. Our workshop employs forty people and ships worldwide.',
    },
    {
      when: 'an HN header says the post covers multiple roles',
      text: "Wingtip Health | $150-250k | Remote (US) | Multiple roles | https://example.com/careers\nWe're hiring SWEs, ML Engineers and a Security Engineer.",
    },
    {
      when: "the only 'Job title:' label belongs to the contact person",
      text: 'Keep wards clean and tidy.\n\nFor further details contact:\nName: Jane Doe\nJob title: Facilities Manager\nEmail: jane@example.org',
    },
    {
      when: 'the role is only mentioned in passing in lower case',
      text: 'Wear the purple domestic assistant uniform with pride. No experience required, we will fully train you.',
    },
  ])('when $when, then the title is null', ({ text }) => {
    expect(md(text).title).toBeNull();
  });
});

describe('extractMetadata: company', () => {
  test.each([
    { when: "a 'Company:' label is given", text: 'Company: Globex Ltd\nRole: Buyer', company: 'Globex Ltd' },
    {
      when: 'the HN header starts with the company',
      text: 'Acme Robotics | Senior Firmware Engineer | Berlin, Germany | Full-time',
      company: 'Acme Robotics',
    },
    {
      when: "a sentence reads '<Company> is a leading provider of ...'",
      text: 'Fabrikam is a leading provider of billing software for utilities.\n\nWhat you will do',
      company: 'Fabrikam',
    },
    {
      when: "an 'About <Company>' heading is given",
      text: 'About Contoso Pharma\nWe have made generic medicines since 1980.',
      company: 'Contoso Pharma',
    },
    {
      when: "a sentence opens with 'At <Company>, ...'",
      text: 'At Northwind Traders, we believe in fresh food delivered fast.',
      company: 'Northwind Traders',
    },
    {
      when: "a sentence reads '<Company> is seeking ...'",
      text: 'Blue Yonder Airlines is seeking a Cabin Crew Member to join our Dublin base.',
      company: 'Blue Yonder Airlines',
    },
    {
      when: "a French sentence reads '<Company> recrute ...'",
      text: 'Groupe Lumière recrute un Technicien de maintenance (H/F) pour son site de Lille.',
      company: 'Groupe Lumière',
    },
  ])('when $when, then the company is $company', ({ text, company }) => {
    expect(md(text).company).toBe(company);
  });

  test.each([
    {
      when: 'a country is described, not an organisation',
      text: 'Albania is a dynamic country on the Adriatic coast.',
    },
    { when: 'a department of the employer is described', text: 'The Finance Department provides payroll services.' },
    { when: 'a degree is said to be a plus', text: 'Strong SQL. Ph.D. is a plus.' },
  ])('when $when, then the company is null', ({ text }) => {
    expect(md(text).company).toBeNull();
  });
});

describe('extractMetadata: location', () => {
  test.each([
    { when: "a 'Location:' label is given", text: 'Location: Austin, TX\nSalary: DOE', location: 'Austin, TX' },
    { when: "a French 'Lieu de travail :' label is given", text: 'Lieu de travail : Lyon (69)', location: 'Lyon (69)' },
    { when: "a German 'Standort:' label is given", text: 'Standort: München\nVollzeit', location: 'München' },
    { when: "a Spanish 'Ubicación:' label is given", text: 'Ubicación: Madrid\nJornada completa', location: 'Madrid' },
    { when: "a 'Location:' label stands alone on its line", text: 'Location:\nLondon\n\nAbout us', location: 'London' },
    {
      when: "the first line is 'Title • City, ST'",
      text: 'Backend Engineer • Austin, TX\nWe build APIs.',
      location: 'Austin, TX',
    },
    {
      when: "a sentence reads 'located in City, ST.'",
      text: 'This position will be located in Denver, CO. For more information see our site.',
      location: 'Denver, CO',
    },
  ])('when $when, then the location is $location', ({ text, location }) => {
    expect(md(text).location).toBe(location);
  });

  test.each([
    { when: 'the label only says Remote', text: 'Location: Remote\nJob type: Full-time' },
    { when: 'no place is stated', text: 'Write clean code and review pull requests.' },
  ])('when $when, then the location is null', ({ text }) => {
    expect(md(text).location).toBeNull();
  });
});

describe('extractMetadata: employment type', () => {
  test.each([
    {
      when: "a 'Job Type: Part-time' label is given",
      text: 'Job Type: Part-time\nSchedule: Monday to Friday',
      type: 'part-time',
    },
    {
      when: 'the HN header says Full-time Contract',
      text: 'Acme | OpenZFS Developer | REMOTE | Full-time Contract',
      type: 'contract',
    },
    { when: "the text says '12 Months Contract'", text: 'Hire Type: 12 Months Contract', type: 'contract' },
    {
      when: "the text says 'fixed term for 6 months'",
      text: 'The post is 30 hours per week on a fixed term for 6 months.',
      type: 'temporary',
    },
    { when: "a permanent contract label says 'Permanent'", text: 'Contract Type: Permanent', type: 'full-time' },
    {
      when: 'a volunteer role is offered',
      text: 'This is a volunteer role with travel costs reimbursed.',
      type: 'volunteer',
    },
    {
      when: 'a summer internship is offered',
      text: 'Join us for a summer internship in our analytics team.',
      type: 'internship',
    },
    { when: "a French posting says 'CDI, temps plein'", text: 'Contrat : CDI, temps plein', type: 'full-time' },
    {
      when: "a French posting says 'CDD de 6 mois'",
      text: 'Poste en CDD de 6 mois, à pourvoir dès que possible.',
      type: 'temporary',
    },
    {
      when: "a French posting says 'temps partiel'",
      text: 'Poste à temps partiel (24h par semaine).',
      type: 'part-time',
    },
    {
      when: "a French posting offers a 'stage de 6 mois'",
      text: 'Nous proposons un stage de 6 mois en marketing.',
      type: 'internship',
    },
    {
      when: "a French posting offers an 'alternance'",
      text: 'Contrat en alternance sur 2 ans.',
      type: 'apprenticeship',
    },
    { when: "a German posting says 'Vollzeit'", text: 'Anstellungsart: Vollzeit, unbefristet', type: 'full-time' },
    {
      when: "a German posting says 'Teilzeit'",
      text: 'Wir bieten eine Stelle in Teilzeit (20 Std./Woche).',
      type: 'part-time',
    },
    { when: "a German posting says 'befristet'", text: 'Die Stelle ist auf 12 Monate befristet.', type: 'temporary' },
    {
      when: "a German posting offers a 'Praktikum'",
      text: 'Wir bieten ein Praktikum im Bereich Marketing.',
      type: 'internship',
    },
    {
      when: "a Spanish posting says 'jornada completa'",
      text: 'Ofrecemos contrato indefinido a jornada completa.',
      type: 'full-time',
    },
    { when: "a Spanish posting says 'tiempo parcial'", text: 'Puesto a tiempo parcial de mañanas.', type: 'part-time' },
    {
      when: "a Spanish posting offers 'prácticas'",
      text: 'Buscamos estudiantes para prácticas en el departamento legal.',
      type: 'internship',
    },
  ])('when $when, then the employment type is $type', ({ text, type }) => {
    expect(md(text).employmentType).toBe(type);
  });

  test.each([
    { when: 'no contract or hours are stated', text: 'Design and build data pipelines.' },
    {
      when: "'contract' only appears as the employment contract signed at the end",
      text: 'We stay in touch until the final step of signing the employment contract with your new employer.',
    },
    {
      when: 'internships are only mentioned as something the role oversees',
      text: 'Supervise student teachers in accordance with the school internship policies.',
    },
  ])('when $when, then the employment type is null', ({ text }) => {
    expect(md(text).employmentType).toBeNull();
  });
});

describe('extractMetadata: seniority', () => {
  test.each([
    { when: "the title is 'Senior Data Engineer'", text: 'Job Title: Senior Data Engineer', seniority: 'senior' },
    {
      when: "the title is 'Founding Sr Backend Engineer'",
      text: 'Job Title: Founding Sr Backend Engineer',
      seniority: 'senior',
    },
    {
      when: "the title is 'Lead Guest Service Specialist'",
      text: 'Job Title: Lead Guest Service Specialist',
      seniority: 'lead',
    },
    { when: "the title is 'Junior Web Developer'", text: 'Job Title: Junior Web Developer', seniority: 'junior' },
    { when: "the title is 'Head of Finance'", text: 'Job Title: Head of Finance', seniority: 'director' },
    {
      when: "the title is 'Chief Technology Officer'",
      text: 'Job Title: Chief Technology Officer',
      seniority: 'executive',
    },
    { when: "the title is 'Principal Engineer'", text: 'Job Title: Principal Engineer', seniority: 'principal' },
    { when: "the title is 'Marketing Intern'", text: 'Job Title: Marketing Intern', seniority: 'intern' },
    { when: "the title is 'Store Manager'", text: 'Job Title: Store Manager', seniority: 'manager' },
    {
      when: "the French title is 'Responsable de magasin'",
      text: 'Intitulé du poste : Responsable de magasin',
      seniority: 'manager',
    },
    {
      when: "the German title is 'Teamleiter Logistik'",
      text: 'Stellenbezeichnung: Teamleiter Logistik (m/w/d)',
      seniority: 'lead',
    },
    { when: "the Spanish title is 'Jefe de obra'", text: 'Puesto: Jefe de obra', seniority: 'manager' },
    {
      when: "the title has no level but the text says 'entry-level'",
      text: 'Job Title: Data Analyst\nThis is an entry-level role with full training.',
      seniority: 'entry',
    },
    {
      when: "a French text says 'Débutants acceptés'",
      text: 'Intitulé du poste : Agent polyvalent\nDébutants acceptés.',
      seniority: 'entry',
    },
  ])('when $when, then the seniority is $seniority', ({ text, seniority }) => {
    expect(md(text).seniority).toBe(seniority);
  });

  test('when neither the title nor the text states a level, then the seniority is null', () => {
    expect(md('Job Title: Data Analyst\nAnalyse sales data.').seniority).toBeNull();
  });
});

describe('extractMetadata: remote', () => {
  test.each([
    { when: "the location label says 'Remote'", text: 'Location: Remote', remote: 'remote' },
    {
      when: 'the HN header has a Remote segment',
      text: 'Acme | Backend Engineer | Remote (US only) | Full-time',
      remote: 'remote',
    },
    {
      when: 'the text offers hybrid working',
      text: 'We offer hybrid working (2 days in the office).',
      remote: 'hybrid',
    },
    {
      when: "the text says 'This position is not WFH'",
      text: '**This position is not WFH - it is based in Richmond, VA**',
      remote: 'onsite',
    },
    { when: "the work location label says 'In person'", text: 'Work Location: In person', remote: 'onsite' },
    { when: "a French text says 'télétravail complet'", text: 'Poste en télétravail complet.', remote: 'remote' },
    {
      when: "a French text offers '2 jours de télétravail'",
      text: 'Vous bénéficiez de 2 jours de télétravail par semaine.',
      remote: 'hybrid',
    },
    {
      when: "a German text offers 'Homeoffice'",
      text: 'Wir bieten flexible Arbeitszeiten und Homeoffice.',
      remote: 'remote',
    },
    { when: "a Spanish text offers 'modelo híbrido'", text: 'Trabajarás con un modelo híbrido.', remote: 'hybrid' },
  ])('when $when, then remote is $remote', ({ text, remote }) => {
    expect(md(text).remote).toBe(remote);
  });

  test.each([
    { when: "'remote' describes communities, not the job", text: 'Our drones serve remote communities.' },
    { when: "'hybrid' describes cloud technology", text: 'Experience with hybrid cloud architectures.' },
    { when: "'on-site' describes parking", text: 'Benefits: on-site parking available.' },
  ])('when $when, then remote is null', ({ text }) => {
    expect(md(text).remote).toBeNull();
  });
});

describe('extractMetadata: salary', () => {
  test.each([
    {
      when: "the text says '$50,000 - $60,000 per year'",
      text: 'Pay: $50,000 - $60,000 per year',
      salary: { min: 50000, max: 60000, currency: 'USD', period: 'year', text: '$50,000 - $60,000 per year' },
    },
    {
      when: "the text says '£25,655 to £31,534 a year pa pro rata'",
      text: 'Salary: £25,655 to £31,534 a year pa pro rata',
      salary: { min: 25655, max: 31534, currency: 'GBP', period: 'year', text: '£25,655 to £31,534 a year' },
    },
    {
      when: "the text says '€45k–55k'",
      text: 'Compensation: €45k–55k plus bonus',
      salary: { min: 45000, max: 55000, currency: 'EUR', period: null, text: '€45k–55k' },
    },
    {
      when: "an HN header says '$170-225K + equity'",
      text: 'Acme | Backend Engineer | SF | Full-time | $170-225K + equity',
      salary: { min: 170000, max: 225000, currency: 'USD', period: null, text: '$170-225K' },
    },
    {
      when: "the text says '$20/hr'",
      text: 'Starting wage $20/hr with weekend premium.',
      salary: { min: 20, max: 20, currency: 'USD', period: 'hour', text: '$20/hr' },
    },
    {
      when: "a French text says '18,50 € brut de l'heure'",
      text: "Rémunération : 18,50 € brut de l'heure",
      salary: { min: 18.5, max: 18.5, currency: 'EUR', period: 'hour', text: "18,50 € brut de l'heure" },
    },
    {
      when: "a French text says 'Salaire : 2000 - 2200 euros par mois'",
      text: 'Salaire : 2000 - 2200 euros par mois',
      salary: { min: 2000, max: 2200, currency: 'EUR', period: 'month', text: '2000 - 2200 euros par mois' },
    },
    {
      when: "a French text says 'Salaire annuel à partir de 26000EUR'",
      text: 'Salaire annuel à partir de 26000EUR',
      salary: { min: 26000, max: null, currency: 'EUR', period: 'year', text: '26000EUR' },
    },
    {
      when: "a German text says 'Gehalt: 55.000 – 65.000 € brutto pro Jahr'",
      text: 'Gehalt: 55.000 – 65.000 € brutto pro Jahr',
      salary: { min: 55000, max: 65000, currency: 'EUR', period: 'year', text: '55.000 – 65.000 € brutto pro Jahr' },
    },
    {
      when: "a Spanish text says 'Salario: 24.000 - 28.000 € brutos anuales'",
      text: 'Salario: 24.000 - 28.000 € brutos anuales',
      salary: { min: 24000, max: 28000, currency: 'EUR', period: 'year', text: '24.000 - 28.000 € brutos anuales' },
    },
    {
      when: "the text says 'up to £30,000 per annum'",
      text: 'We pay up to £30,000 per annum.',
      salary: { min: null, max: 30000, currency: 'GBP', period: 'year', text: '£30,000 per annum' },
    },
  ])('when $when, then the salary is read', ({ text, salary }) => {
    expect(md(text).salary).toEqual(salary);
  });

  test.each([
    { when: 'only a 401(k) plan is mentioned', text: 'Competitive pay, health coverage, and a 401(k).' },
    { when: 'only a percentage bonus is mentioned', text: 'Annual bonus of up to 20% of salary.' },
    { when: 'only years are mentioned', text: 'Founded in 2015, we have grown every year since 2018.' },
    { when: 'a revenue in millions is mentioned', text: 'The lottery generates approximately $1.6 million per day.' },
    { when: 'a company valuation is mentioned', text: 'We are building a $200B+ company.' },
    { when: 'no amount is stated', text: 'Pay is based on level of experience and education.' },
  ])('when $when, then the salary is null', ({ text }) => {
    expect(md(text).salary).toBeNull();
  });
});

describe('detectLanguage', () => {
  test.each([
    {
      when: 'the text is English',
      text: 'We are looking for a developer who will join our team and work with the product managers.',
      lang: 'en',
    },
    {
      when: 'the text is French',
      text: 'Nous recherchons un développeur pour rejoindre notre équipe et travailler avec les chefs de produit.',
      lang: 'fr',
    },
    {
      when: 'the text is German',
      text: 'Wir suchen einen Entwickler, der unser Team verstärkt und mit den Produktmanagern zusammenarbeitet.',
      lang: 'de',
    },
    {
      when: 'the text is Spanish',
      text: 'Buscamos un desarrollador que se una a nuestro equipo y trabaje con los responsables de producto.',
      lang: 'es',
    },
    {
      when: 'the text is Japanese',
      text: '私たちはソフトウェアエンジニアを募集しています。チームに参加してください。',
      lang: 'ja',
    },
    { when: 'the text is Russian', text: 'Мы ищем разработчика программного обеспечения в нашу команду.', lang: 'ru' },
  ])('when $when, then the language is $lang', ({ text, lang }) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  test.each([
    { when: 'the text is empty', text: '' },
    { when: 'the text has no letters', text: '12345 67890 !!! ---' },
    { when: 'the text is a few words', text: 'Senior Engineer' },
  ])('when $when, then the language is null', ({ text }) => {
    expect(detectLanguage(text)).toBeNull();
  });

  test('when extracting metadata, then the language is detected from the text', () => {
    expect(md('Nous recrutons un comptable pour notre cabinet et vous offrons un poste en CDI.').language).toBe('fr');
  });
});

describe('extractMetadata: words in unusual places', () => {
  // The keyword head is the first 4,000 characters: a word cut by its end is read as cut.
  const filler = (n: number) =>
    `${'Build reliable data pipelines for our clients every day. '.repeat(Math.ceil(n / 57)).slice(0, n - 1)} `;

  test.each([
    {
      when: "'cdix' is cut to 'cdi' by the end of the keyword head",
      text: `${filler(3997)}cdix and more`,
      field: 'employmentType',
      value: 'full-time',
    },
    {
      when: "'internship' is cut to 'intern' by the end of the keyword head",
      text: `${filler(3994)}internship`,
      field: 'employmentType',
      value: 'internship',
    },
    {
      when: "'internship' starts too late to be in the keyword head whole",
      text: `${filler(3995)}internship`,
      field: 'employmentType',
      value: null,
    },
    {
      when: 'a company name is glued to the end of the previous sentence',
      text: 'We grow fast here.Acme is a leading software company in Europe.',
      field: 'company',
      value: 'Acme',
    },
    {
      when: 'an adverb sits between the company and the hiring verb',
      text: 'Globex Corp is currently hiring a Senior Accountant to join our finance team.',
      field: 'company',
      value: 'Globex Corp',
    },
    {
      when: "the company follows 'join us at'",
      text: 'Come join us at Initech, where we build printers.',
      field: 'company',
      value: 'Initech',
    },
    {
      when: "a sentence starts 'The <title> will'",
      text: 'Welcome. The Data Engineer will build pipelines.',
      field: 'title',
      value: 'Data Engineer',
    },
    {
      when: "the sentence starts with a lower-case 'the'",
      text: 'Welcome. the Data Engineer will build pipelines.',
      field: 'title',
      value: null,
    },
    {
      when: "the hiring verb follows an apostrophe ('We're hiring')",
      text: "We're hiring a Backend Developer to scale our API.",
      field: 'title',
      value: 'Backend Developer',
    },
    {
      when: "the title follows 'the position of'",
      text: 'Applications are invited for the position of Staff Nurse in our ward.',
      field: 'title',
      value: 'Staff Nurse',
    },
    {
      when: 'labels are wrapped in Markdown markup',
      text: '**Job Title:** Senior Nurse\n## Location: Paris\nGreat team.',
      field: 'location',
      value: 'Paris',
    },
    {
      when: "the work mode is an accented word ('télétravail')",
      text: 'Poste basé à Lyon avec deux jours de télétravail par semaine.',
      field: 'remote',
      value: 'hybrid',
    },
    {
      when: "the work mode is an accented word ('híbrido')",
      text: 'Trabajarás en un modelo híbrido en Madrid.',
      field: 'remote',
      value: 'hybrid',
    },
  ] as const)('when $when, then $field is $value', ({ text, field, value }) => {
    expect(md(text)[field]).toBe(value);
  });

  test.each([
    {
      when: 'German stopwords have umlauts',
      text: 'Für unsere Kunden suchen wir für die Abteilung einen Mitarbeiter für das Team.',
      lang: 'de',
    },
    {
      when: 'Portuguese stopwords have tildes and circumflexes',
      text: 'Você vai trabalhar com uma equipe que não para de crescer, são pessoas incríveis.',
      lang: 'pt',
    },
    {
      when: 'a stopword is written with the Kelvin sign, which lower-cases to k',
      text: 'OO\u212a ook het team en de klanten van ons bedrijf zijn blij met jou.',
      lang: 'nl',
    },
  ])('when $when, then the language is $lang', ({ text, lang }) => {
    expect(detectLanguage(text)).toBe(lang);
  });
});

describe('extractMetadata: adversarial input', () => {
  const bullets = Array.from({ length: 10000 }, (_, i) => `• Item ${i} with remote $${i + 1},000 per year`).join('\n');
  test.each([
    { when: 'the input is a 5 MB single line of letters', text: 'a'.repeat(5_000_000) },
    { when: 'the input is a 5 MB run of digits', text: '1'.repeat(5_000_000) },
    { when: 'the input is 100k spaces', text: ' '.repeat(100_000) },
    { when: 'the input is 10k bullets', text: bullets },
    { when: 'the input repeats a hiring phrase for 5 MB', text: 'seeking a Data '.repeat(340_000) },
    { when: 'the input repeats capitalised words for 5 MB', text: `The ${'Abc '.repeat(1_250_000)}` },
    { when: 'the input repeats number separators for 5 MB', text: '1,000,'.repeat(850_000) },
    { when: 'the input is an ALLCAPS label followed by 1 MB of spaces', text: `POSITION:${' '.repeat(1_000_000)}x` },
    { when: 'the input is 2 MB of opening parentheses', text: '('.repeat(2_000_000) },
    { when: 'the input is 5 MB of dotted capitals', text: 'A.'.repeat(2_500_000) },
    { when: 'the input is full stops each followed by 5k spaces', text: `.${' '.repeat(5000)}`.repeat(1000) },
    { when: 'the input is 5 MB of amounts joined by dashes', text: '$1 - '.repeat(1_000_000) },
  ])('when $when, then extraction finishes quickly', ({ text }) => {
    const started = Date.now();
    const result = extractMetadata({ text, lines: text.split('\n') });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result).toHaveProperty('title');
  });
});
