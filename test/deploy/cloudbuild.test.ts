// Ties cloudbuild.yaml to the code (entry points, the test harness's PostgreSQL) and to terraform/
// (service and job names, image repository), and checks what Cloud Build itself would reject.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ENTRY_POINTS } from '../../functions/entry-points';
import { at, containerEnv, loadTerraform, resource, type TerraformModel } from './terraform-model';

interface Step {
  id?: string;
  name: string;
  entrypoint?: string;
  args?: string[];
  env?: string[];
  waitFor?: string[];
}

interface CloudBuild {
  substitutions: Record<string, string>;
  options?: { dynamicSubstitutions?: boolean; logging?: string };
  steps: Step[];
}

const ROOT = join(__dirname, '..', '..');
const BUILD = parse(readFileSync(join(ROOT, 'cloudbuild.yaml'), 'utf8')) as CloudBuild;

// Substitutions Cloud Build provides itself (https://cloud.google.com/build/docs/configuring-builds/substitute-variable-values).
const BUILT_IN = [
  'PROJECT_ID',
  'PROJECT_NUMBER',
  'BUILD_ID',
  'LOCATION',
  'TRIGGER_NAME',
  'COMMIT_SHA',
  'SHORT_SHA',
  'REVISION_ID',
  'REPO_NAME',
  'REPO_FULL_NAME',
  'BRANCH_NAME',
  'TAG_NAME',
  'REF_NAME',
  'TRIGGER_BUILD_CONFIG_PATH',
  'SERVICE_ACCOUNT_EMAIL',
  'SERVICE_ACCOUNT',
];

function step(id: string): Step {
  const found = BUILD.steps.find((s) => s.id === id);
  if (!found) throw new Error(`cloudbuild.yaml: no step ${id}`);
  return found;
}

/** Expands substitutions (user-defined ones recursively, as dynamicSubstitutions does) and `$$`. */
function substitute(text: string, builtIns: Record<string, string> = {}): string {
  let out = text;
  for (let i = 0; i < 5; i += 1) {
    out = out.replace(/(?<!\$)\$\{?([A-Z_][A-Z0-9_]*)\}?/g, (whole, name: string) => {
      if (name in BUILD.substitutions) return BUILD.substitutions[name] as string;
      return builtIns[name] ?? whole;
    });
  }
  return out.replaceAll('$$', '$');
}

function stepText(s: Step): string {
  return [s.name, s.entrypoint ?? '', ...(s.args ?? []), ...(s.env ?? [])].join(' ');
}

function deploySteps(): Step[] {
  return BUILD.steps.filter((s) => /\b(run deploy|functions deploy)\b/.test(stepText(s).replace(/\s+/g, ' ')));
}

/** The entry point a deploy step names: FUNCTION_TARGET=... or --function=... / --entry-point=... */
function deployedEntryPoint(s: Step): string | undefined {
  const text = stepText(s);
  return /(?:FUNCTION_TARGET=|--function[= ]|--entry-point[= ])([A-Za-z0-9_]+)/.exec(text)?.[1];
}

let tf: TerraformModel;
beforeAll(async () => {
  tf = await loadTerraform();
});

describe('cloudbuild.yaml: the pipeline', () => {
  test('every step has an id, and no two steps share one', () => {
    const ids = BUILD.steps.map((s) => s.id);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('it installs from the lockfile, lints, typechecks, tests, builds, pushes, migrates, deploys and smoke-tests', () => {
    const ids = BUILD.steps.map((s) => s.id);
    for (const id of ['install', 'lint', 'typecheck', 'test', 'build', 'push', 'migrate', 'smoke-test']) {
      expect(ids).toContain(id);
    }
    expect(step('install').args).toContain('ci');
    expect(stepText(step('lint'))).toMatch(/run lint/);
    expect(stepText(step('typecheck'))).toMatch(/run typecheck/);
    expect(stepText(step('test'))).toMatch(/npm test/);
  });

  test('each step waits for what it needs: checks before the image, migrations before the deploys, deploys before the smoke test', () => {
    expect(step('build').waitFor).toEqual(expect.arrayContaining(['lint', 'typecheck', 'test']));
    expect(step('push').waitFor).toEqual(['build']);
    expect(step('migrate').waitFor).toEqual(['push']);
    const deploys = deploySteps();
    for (const d of deploys) expect(d.waitFor).toEqual(['migrate']);
    expect(step('smoke-test').waitFor?.sort()).toEqual(deploys.map((d) => d.id).sort());
  });

  test('the tests run against a PostgreSQL container on the cloudbuild network, through TEST_PG_ADMIN_URL', () => {
    const test = step('test');
    const url = test.env?.find((e) => e.startsWith('TEST_PG_ADMIN_URL='))?.slice('TEST_PG_ADMIN_URL='.length);
    expect(url).toBeDefined();
    const host = new URL(url as string).hostname;
    const postgres = BUILD.steps.find((s) => s.args?.includes(`--name=${host}`));
    expect(postgres?.args).toEqual(expect.arrayContaining(['run', '--detach', '--network=cloudbuild']));
    expect(postgres?.args?.some((a) => /^postgres:1[5-7]/.test(a))).toBe(true);
    expect(test.waitFor).toContain(postgres?.id);
    // The harness reads exactly this variable.
    const harness = readFileSync(join(ROOT, 'shared', 'db', '__tests__', 'harness.ts'), 'utf8');
    expect(harness).toContain('process.env.TEST_PG_ADMIN_URL');
  });

  test('the image is tagged with the commit and is the one pushed, migrated and deployed', () => {
    const image = substitute(
      step('build')
        .args?.find((a) => a.startsWith('--tag='))
        ?.slice('--tag='.length) ?? '',
    );
    expect(image).toMatch(/:\$\{?(COMMIT_SHA|SHORT_SHA)\}?$/);
    expect(substitute(stepText(step('push')))).toContain(image);
    expect(substitute(stepText(step('migrate')))).toContain(`--image=${image}`);
    for (const d of deploySteps()) expect(substitute(stepText(d))).toContain(`--image=${image}`);
  });

  test('the build runs as a user-specified account, so it logs to Cloud Logging only', () => {
    expect(BUILD.options?.logging).toBe('CLOUD_LOGGING_ONLY');
  });
});

describe('cloudbuild.yaml: deploys match the code and Terraform', () => {
  test('every deploy step names an entry point that exists in functions/entry-points.ts, and each is deployed once', () => {
    const deployed = deploySteps().map(deployedEntryPoint);
    expect(deployed.every((e) => e !== undefined && e in ENTRY_POINTS)).toBe(true);
    expect([...deployed].sort()).toEqual(Object.keys(ENTRY_POINTS).sort());
  });

  test('each deploy step targets the Cloud Run service Terraform runs that entry point on', () => {
    const prefix = tf.variables.get('name_prefix')?.default;
    for (const d of deploySteps()) {
      const service = substitute(d.args?.[(d.args?.indexOf('deploy') ?? -2) + 1] ?? '');
      const key = service.slice(`${prefix}-`.length) as 'parse' | 'upload' | 'reparse';
      expect(service).toBe(`${prefix}-${key}`);
      const container = at(resource(tf, 'google_cloud_run_v2_service', key).body, 'template', 'containers');
      const env = containerEnv(tf, container ?? {});
      expect({ service, target: env.get('FUNCTION_TARGET') }).toEqual({ service, target: deployedEntryPoint(d) });
    }
  });

  test("the substitutions' defaults match Terraform's defaults (region, repository, names)", () => {
    const d = (name: string) => tf.variables.get(name)?.default;
    const s = BUILD.substitutions;
    expect(s._REGION).toBe(d('region'));
    expect(s._REPOSITORY).toBe(d('artifact_repository'));
    expect(s._SERVICE_PREFIX).toBe(d('name_prefix'));
    expect(s._MIGRATE_JOB).toBe(`${d('name_prefix')}-migrate`);
    expect(tf.locals.get('migrate_job_name')).toBe(`\${var.name_prefix}-migrate`);
  });

  test('migrations run through the Terraform migration job, on the new image, waiting for the result', () => {
    const script = substitute(stepText(step('migrate')));
    expect(script).toMatch(/gcloud run jobs update jd-parser-migrate .*--image=/);
    expect(script).toMatch(/gcloud run jobs execute jd-parser-migrate .*--wait/);
  });

  test('the smoke test uploads a posting with an identity token, expects 201, then reads it back', () => {
    const script = substitute(stepText(step('smoke-test')));
    expect(script).toMatch(/gcloud auth print-identity-token --audiences=/);
    expect(script).toMatch(/Authorization: Bearer/);
    expect(script).toMatch(/\/job-descriptions\?wait=true/);
    expect(script).toMatch(/!= 201/);
    expect(script).toMatch(/\/job-descriptions\/\$id/);
    expect(ENTRY_POINTS.uploadJobDescription.paths as readonly string[]).toContain('/job-descriptions');
  });
});

describe('cloudbuild.yaml: what Cloud Build would reject', () => {
  test('every $ is an escaped $$ or a substitution that is defined or built in', () => {
    // Every string in the file (comments are not substituted, so they are not looked at).
    const strings: string[] = [];
    const walk = (value: unknown): void => {
      if (typeof value === 'string') strings.push(value);
      else if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') Object.values(value).forEach(walk);
    };
    walk(BUILD);
    const unknown: string[] = [];
    for (const match of strings.join('\n').matchAll(/\$(\$|\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*|.)/g)) {
      const token = match[1] as string;
      if (token === '$') continue;
      const name = token.replace(/^\{|\}$/g, '');
      if (!(name in BUILD.substitutions) && !BUILT_IN.includes(name)) unknown.push(match[0]);
    }
    expect(unknown).toEqual([]);
  });

  test('user-defined substitutions start with an underscore and are upper case', () => {
    for (const key of Object.keys(BUILD.substitutions)) expect(key).toMatch(/^_[A-Z0-9_]+$/);
    // _IMAGE is built from other substitutions, which needs dynamic substitutions.
    expect(BUILD.options?.dynamicSubstitutions).toBe(true);
  });

  const hasBash = spawnSync('bash', ['-c', 'true']).status === 0;
  (hasBash ? test : test.skip)('every bash script is valid bash once substituted', () => {
    const builtIns = Object.fromEntries(BUILT_IN.map((n) => [n, `test-${n.toLowerCase()}`]));
    const scripts = BUILD.steps.filter((s) => s.entrypoint === 'bash');
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) {
      const script = substitute(s.args?.[s.args.length - 1] ?? '', builtIns);
      const result = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });
      expect({ step: s.id, status: result.status, stderr: result.stderr }).toEqual({
        step: s.id,
        status: 0,
        stderr: '',
      });
    }
  });
});
