// Ties terraform/ to the code without a provider (none can be downloaded in CI): the HCL is parsed
// with @cdktf/hcl2json and checked against ENV_VARS, ENTRY_POINTS and DEFAULT_TOPIC, and against the
// deployment's security rules. Where `terraform` is on PATH, `fmt -check` and an offline plan of
// the cross-variable checks run too.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENTRY_POINTS } from '../../functions/entry-points';
import { DEFAULT_TOPIC, ENV_VARS } from '../../shared/config/app-config';
import {
  at,
  type Block,
  block,
  blocks,
  containerEnv,
  isBlock,
  type Json,
  loadTerraform,
  resolved,
  resource,
  resourcesOfType,
  TERRAFORM_DIR,
  type TerraformModel,
  type TfResource,
} from './terraform-model';

const SERVICE = 'google_cloud_run_v2_service';
const JOB = 'google_cloud_run_v2_job';
const IAM_RESOURCE = /^google_[a-z0-9_]+_iam_(member|binding|policy)$/;
const PRIMITIVE_ROLES = ['roles/owner', 'roles/editor', 'roles/viewer'];
const PUBLIC_MEMBERS = ['allUsers', 'allAuthenticatedUsers'];

function terraformOnPath(): boolean {
  return spawnSync('terraform', ['version'], { stdio: 'ignore' }).status === 0;
}
const HAS_TERRAFORM = terraformOnPath();
if (!HAS_TERRAFORM) {
  // Visible in the run's output, beside the skipped tests.
  console.warn('terraform is not on PATH: `terraform fmt -check` and the offline plan tests are skipped');
}
const withTerraform = HAS_TERRAFORM ? test : test.skip;

let tf: TerraformModel;
beforeAll(async () => {
  tf = await loadTerraform();
});

/** The single container of a service, or of a job's task template. */
function containerOf(r: TfResource): Block {
  const container =
    r.type === JOB ? at(r.body, 'template', 'template', 'containers') : at(r.body, 'template', 'containers');
  if (!container) throw new Error(`${r.type}.${r.name} has no container`);
  return container;
}

function runWorkloads(): TfResource[] {
  return [...resourcesOfType(tf, SERVICE), ...resourcesOfType(tf, JOB)];
}

/** The literal string a Terraform value holds, with `${...}` left as is. */
function str(value: Json | undefined): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

describe('terraform: the code and the infrastructure agree', () => {
  test('every environment variable set on a Cloud Run service or job is one the code reads (a key of ENV_VARS)', () => {
    const workloads = runWorkloads();
    expect(workloads.length).toBeGreaterThanOrEqual(4);
    for (const w of workloads) {
      const names = [...containerEnv(tf, containerOf(w)).keys()];
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) {
        // NODE_OPTIONS is Node's own: the heap limit (see the next test).
        expect({ workload: `${w.type}.${w.name}`, name, known: name in ENV_VARS || name === 'NODE_OPTIONS' }).toEqual({
          workload: `${w.type}.${w.name}`,
          name,
          known: true,
        });
      }
    }
  });

  test("each service's heap limit is half of its memory, as bench:reparse assumes", () => {
    const halfMemory = `--max-old-space-size=\${floor(local.memory_mb / 2)}`;
    expect(tf.locals.get('service_node_env')).toEqual({ NODE_OPTIONS: halfMemory });
    expect(str(tf.locals.get('memory_mb'))).toContain('var.memory');
    for (const s of resourcesOfType(tf, SERVICE)) {
      expect(containerEnv(tf, containerOf(s)).get('NODE_OPTIONS')).toBe(halfMemory);
    }
  });

  test('the services deploy each entry point of functions/entry-points.ts exactly once, and the job none', () => {
    const targets = resourcesOfType(tf, SERVICE).map((s) => containerEnv(tf, containerOf(s)).get('FUNCTION_TARGET'));
    expect([...targets].sort()).toEqual(Object.keys(ENTRY_POINTS).sort());
    for (const job of resourcesOfType(tf, JOB)) {
      expect(containerEnv(tf, containerOf(job)).has('FUNCTION_TARGET')).toBe(false);
    }
  });

  test('every service and the migration job get the Cloud SQL settings the code needs, and no conflicting database setting', () => {
    const cloudSql = ['INSTANCE_CONNECTION_NAME', 'DB_USER', 'DB_NAME', 'DB_IP_TYPE', 'DB_POOL_MAX'];
    const services = ['FUNCTION_TARGET', 'PUBSUB_TOPIC', 'GOOGLE_CLOUD_PROJECT'];
    for (const w of runWorkloads()) {
      const env = containerEnv(tf, containerOf(w));
      const required = w.type === SERVICE ? [...cloudSql, ...services] : cloudSql;
      expect({ workload: w.name, missing: required.filter((n) => !env.has(n)) }).toEqual({
        workload: w.name,
        missing: [],
      });
      // readDbConfig refuses DATABASE_URL or PGLITE_DATA_DIR beside INSTANCE_CONNECTION_NAME.
      expect(['DATABASE_URL', 'PGLITE_DATA_DIR', 'PUBSUB_EMULATOR_HOST'].filter((n) => env.has(n))).toEqual([]);
    }
    const reparse = resourcesOfType(tf, SERVICE).find(
      (s) => containerEnv(tf, containerOf(s)).get('FUNCTION_TARGET') === 'reparseJobDescriptions',
    );
    const reparseEnv = containerEnv(tf, containerOf(reparse as TfResource));
    expect(reparseEnv.has('REPARSE_BATCH_SIZE') && reparseEnv.has('REPARSE_TIME_BUDGET_MS')).toBe(true);
  });

  test("the topic's default name is DEFAULT_TOPIC, and the topic resource and PUBSUB_TOPIC use it", () => {
    expect(tf.variables.get('topic_name')?.default).toBe(DEFAULT_TOPIC);
    expect(resource(tf, 'google_pubsub_topic', 'job_descriptions').body.name).toBe(`\${var.topic_name}`);
    expect(tf.locals.get('common_env')).toMatchObject({
      PUBSUB_TOPIC: `\${google_pubsub_topic.job_descriptions.name}`,
    });
  });

  test('Pub/Sub pushes to a path the parse entry point serves, on the service that runs it', () => {
    const push = at(resource(tf, 'google_pubsub_subscription', 'parse_push').body, 'push_config');
    const endpoint = /^\$\{google_cloud_run_v2_service\.([a-z_]+)\.uri\}(\/.*)$/.exec(str(push?.push_endpoint));
    expect(endpoint).not.toBeNull();
    const [, serviceName, path] = endpoint as RegExpExecArray;
    const service = resource(tf, SERVICE, serviceName as string);
    expect(containerEnv(tf, containerOf(service)).get('FUNCTION_TARGET')).toBe('parseJobDescription');
    expect(ENTRY_POINTS.parseJobDescription.paths as readonly string[]).toContain(path);
  });

  test('Cloud Scheduler calls a path the re-parse entry point serves, on the service that runs it', () => {
    const target = at(resource(tf, 'google_cloud_scheduler_job', 'reparse').body, 'http_target');
    const uri = /^\$\{google_cloud_run_v2_service\.([a-z_]+)\.uri\}(\/.*)$/.exec(str(target?.uri));
    expect(uri).not.toBeNull();
    const [, serviceName, path] = uri as RegExpExecArray;
    const service = resource(tf, SERVICE, serviceName as string);
    expect(containerEnv(tf, containerOf(service)).get('FUNCTION_TARGET')).toBe('reparseJobDescriptions');
    expect(ENTRY_POINTS.reparseJobDescriptions.paths as readonly string[]).toContain(path);
    expect(target?.http_method).toBe('POST');
  });

  test('the migration job runs the built migrator, which the Dockerfile ships with drizzle/ beside dist/', () => {
    const container = containerOf(resource(tf, JOB, 'migrate'));
    const command = [...(container.command as string[]), ...(container.args as string[])].join(' ');
    expect(command).toBe('node dist/shared/db/migrate-cli.js');
  });
});

describe('terraform: messaging', () => {
  test('the push subscription has a dead-letter policy, an exponential-backoff retry policy and an OIDC token', () => {
    const sub = resource(tf, 'google_pubsub_subscription', 'parse_push').body;
    const deadLetter = block(sub, 'dead_letter_policy');
    expect(deadLetter?.dead_letter_topic).toBe(`\${google_pubsub_topic.dead_letter.id}`);
    expect(resolved(tf, deadLetter?.max_delivery_attempts)).toEqual(expect.any(Number));
    const retry = block(sub, 'retry_policy');
    expect(retry?.minimum_backoff).toEqual(expect.stringMatching(/s$/));
    expect(retry?.maximum_backoff).toEqual(expect.stringMatching(/s$/));
    const oidc = at(sub, 'push_config', 'oidc_token');
    expect(oidc?.service_account_email).toBe(`\${google_service_account.push.email}`);
  });

  test('the push account may invoke the parse service, and the ack deadline is its request timeout', () => {
    const grant = resource(tf, 'google_cloud_run_v2_service_iam_member', 'push_invokes_parse').body;
    expect(grant).toMatchObject({ role: 'roles/run.invoker', member: `\${google_service_account.push.member}` });
    expect(grant.name).toBe(`\${google_cloud_run_v2_service.parse.name}`);
    const sub = resource(tf, 'google_pubsub_subscription', 'parse_push').body;
    expect(sub.ack_deadline_seconds).toBe(`\${var.push_ack_deadline_seconds}`);
    expect(at(resource(tf, SERVICE, 'parse').body, 'template')?.timeout).toBe(`\${var.push_ack_deadline_seconds}s`);
  });

  test('dead letters are kept by a subscription on the dead-letter topic, and the Pub/Sub service agent can move them there', () => {
    expect(resource(tf, 'google_pubsub_subscription', 'dead_letter').body.topic).toBe(
      `\${google_pubsub_topic.dead_letter.id}`,
    );
    const publish = resource(tf, 'google_pubsub_topic_iam_member', 'pubsub_agent_publishes_dead_letters').body;
    expect(publish).toMatchObject({ topic: `\${google_pubsub_topic.dead_letter.id}`, role: 'roles/pubsub.publisher' });
    const ack = resource(tf, 'google_pubsub_subscription_iam_member', 'pubsub_agent_acks_forwarded').body;
    expect(ack).toMatchObject({
      subscription: `\${google_pubsub_subscription.parse_push.id}`,
      role: 'roles/pubsub.subscriber',
    });
    const agent = str(tf.locals.get('pubsub_service_agent'));
    expect(agent).toMatch(/^serviceAccount:service-\$\{data\.google_project\.this\.number\}@gcp-sa-pubsub\./);
    expect([publish.member, ack.member]).toEqual([`\${local.pubsub_service_agent}`, `\${local.pubsub_service_agent}`]);
  });

  test('the scheduler calls the re-parse service with an OIDC token of an account that may invoke only it', () => {
    const job = resource(tf, 'google_cloud_scheduler_job', 'reparse').body;
    const oidc = at(job, 'http_target', 'oidc_token');
    expect(oidc?.service_account_email).toBe(`\${google_service_account.scheduler.email}`);
    const grants = resourcesOfType(tf, IAM_RESOURCE).filter(
      (r) => r.body.member === `\${google_service_account.scheduler.member}`,
    );
    expect(grants.map((g) => [g.body.role, g.body.name])).toEqual([
      ['roles/run.invoker', `\${google_cloud_run_v2_service.reparse.name}`],
    ]);
  });
});

describe('terraform: least privilege', () => {
  test('no IAM grant uses a primitive role (owner, editor, viewer)', () => {
    const grants = resourcesOfType(tf, IAM_RESOURCE);
    expect(grants.length).toBeGreaterThan(10);
    for (const g of grants) {
      const roles = [g.body.role, ...blocks(g.body, 'binding').map((b) => b.role)].filter((r) => r !== undefined);
      for (const role of roles) {
        expect(typeof role === 'string' && role.startsWith('roles/')).toBe(true);
        expect({ grant: `${g.type}.${g.name}`, primitive: PRIMITIVE_ROLES.includes(role as string) }).toEqual({
          grant: `${g.type}.${g.name}`,
          primitive: false,
        });
      }
    }
  });

  test('no IAM grant names allUsers or allAuthenticatedUsers, and members taken from a variable are validated against them', () => {
    for (const g of resourcesOfType(tf, IAM_RESOURCE)) {
      const members = JSON.stringify([g.body.member, g.body.members, g.body.for_each, g.body.policy_data]);
      for (const pub of PUBLIC_MEMBERS)
        expect({ grant: g.name, public: members.includes(pub) }).toEqual({ grant: g.name, public: false });
      for (const [, variable] of members.matchAll(/var\.([A-Za-z0-9_]+)/g)) {
        const v = tf.variables.get(variable as string);
        expect(JSON.stringify(v?.default ?? null)).not.toMatch(/allUsers|allAuthenticatedUsers/);
        const conditions = blocks(v?.body, 'validation').map((val) => str(val.condition));
        expect(conditions.some((c) => PUBLIC_MEMBERS.every((pub) => c.includes(`"${pub}"`)))).toBe(true);
      }
    }
  });

  test('every IAM grant has a comment on the line just above it saying why', () => {
    let grants = 0;
    for (const { name, text } of tf.files) {
      const lines = text.split('\n');
      lines.forEach((line, i) => {
        if (!/^resource\s+"google_[a-z0-9_]+_iam_(member|binding|policy)"/.test(line)) return;
        grants += 1;
        const above = (lines[i - 1] ?? '').trim();
        expect({ at: `${name}:${i + 1}`, commented: /^(#|\/\/|\/\*|\*)/.test(above) && above.length > 10 }).toEqual({
          at: `${name}:${i + 1}`,
          commented: true,
        });
      });
    }
    expect(grants).toBe(resourcesOfType(tf, IAM_RESOURCE).length);
  });

  test('the parse and re-parse services are internal-only and the upload service has no public invoker', () => {
    expect(resource(tf, SERVICE, 'parse').body.ingress).toBe('INGRESS_TRAFFIC_INTERNAL_ONLY');
    expect(resource(tf, SERVICE, 'reparse').body.ingress).toBe('INGRESS_TRAFFIC_INTERNAL_ONLY');
    const uploadInvokers = resourcesOfType(tf, 'google_cloud_run_v2_service_iam_member').filter(
      (g) => g.body.name === `\${google_cloud_run_v2_service.upload.name}` && g.body.role === 'roles/run.invoker',
    );
    expect(uploadInvokers.map((g) => g.body.member).sort()).toEqual([
      `\${each.value}`, // var.upload_invokers, validated above
      `\${google_service_account.build.member}`,
    ]);
    for (const s of resourcesOfType(tf, SERVICE)) expect(s.body.invoker_iam_disabled).toBeUndefined();
  });

  test('each function and the migration job run as their own service account', () => {
    const accounts = runWorkloads().map((w) =>
      str(
        w.type === JOB ? at(w.body, 'template', 'template')?.service_account : at(w.body, 'template')?.service_account,
      ),
    );
    expect(accounts.sort()).toEqual(
      ['migrate', 'parse', 'reparse', 'upload'].map((k) => `\${google_service_account.runtime["${k}"].email}`),
    );
  });
});

describe('terraform: the database', () => {
  function instance(): Block {
    return resource(tf, 'google_sql_database_instance', 'main').body;
  }

  test('Cloud SQL runs PostgreSQL with IAM database authentication on', () => {
    expect(str(resolved(tf, instance().database_version))).toMatch(/^POSTGRES_1[56]$/);
    const flags = blocks(block(instance(), 'settings'), 'database_flags');
    expect(flags).toContainEqual({ name: 'cloudsql.iam_authentication', value: 'on' });
    expect(flags.map((f) => f.name)).toContain('max_connections');
  });

  test('Cloud SQL takes backups with point-in-time recovery', () => {
    const backup = at(instance(), 'settings', 'backup_configuration');
    expect(backup?.enabled).toBe(true);
    expect(backup?.point_in_time_recovery_enabled).toBe(true);
  });

  test('Cloud SQL is protected from deletion by Terraform and by the API, by default', () => {
    expect(resolved(tf, instance().deletion_protection)).toBe(true);
    expect(resolved(tf, block(instance(), 'settings')?.deletion_protection_enabled)).toBe(true);
  });

  test('Cloud SQL has no authorized network, least of all 0.0.0.0/0', () => {
    const ip = at(instance(), 'settings', 'ip_configuration');
    expect(ip).toBeDefined();
    expect(blocks(ip, 'authorized_networks')).toEqual([]);
    expect(JSON.stringify(tf.resources.map((r) => r.body))).not.toContain('0.0.0.0/0');
  });

  test('every identity that connects is an IAM database user, and DB_USER names it', () => {
    const users = resource(tf, 'google_sql_user', 'iam').body;
    expect(users.type).toBe('CLOUD_IAM_SERVICE_ACCOUNT');
    expect(users.for_each).toBe(`\${google_service_account.runtime}`);
    expect(str(tf.locals.get('db_users'))).toContain('trimsuffix(sa.email, ".gserviceaccount.com")');
    for (const w of runWorkloads()) {
      expect(str(containerEnv(tf, containerOf(w)).get('DB_USER'))).toMatch(/^\$\{local\.db_users\["[a-z]+"\]\}$/);
    }
  });

  test('with the default sizing, every instance at its pool size fits under max_connections with the margin', () => {
    const d = (name: string) => {
      const value = tf.variables.get(name)?.default;
      if (typeof value !== 'number') throw new Error(`variable ${name} has no numeric default`);
      return value;
    };
    const budget =
      d('parse_max_instances') * d('parse_db_pool_max') +
      d('upload_max_instances') * d('upload_db_pool_max') +
      d('reparse_max_instances') * d('reparse_db_pool_max') +
      d('migrate_db_pool_max') +
      d('db_connection_margin');
    expect(budget).toBeLessThanOrEqual(d('db_max_connections'));
    // And the plan-time check exists (it is run for real below when terraform is on PATH).
    const check = resource(tf, 'terraform_data', 'plan_checks').body;
    expect(JSON.stringify(check)).toContain('local.connection_budget_total <= var.db_max_connections');
  });
});

describe('terraform: deployment mechanics', () => {
  test('the services and the job ignore the image, which Cloud Build deploys after the placeholder', () => {
    for (const w of runWorkloads()) {
      const ignored = (block(w.body, 'lifecycle')?.ignore_changes ?? []) as Json[];
      const image =
        w.type === JOB ? `\${template[0].template[0].containers[0].image}` : `\${template[0].containers[0].image}`;
      expect({ workload: w.name, ignored }).toEqual({ workload: w.name, ignored: expect.arrayContaining([image]) });
      expect(containerOf(w).image).toBe(`\${var.image}`);
    }
  });

  test('every variable has a description and a type', () => {
    expect(tf.variables.size).toBeGreaterThan(20);
    for (const v of tf.variables.values()) {
      expect({ variable: v.name, described: typeof v.body.description === 'string', typed: 'type' in v.body }).toEqual({
        variable: v.name,
        described: true,
        typed: true,
      });
    }
  });

  test('terraform and the google provider versions are bounded above and below', () => {
    const settings = tf.terraform[0];
    expect(str(settings?.required_version)).toMatch(/>=.*<\s*2/);
    const providers = block(settings, 'required_providers');
    const google = providers?.google;
    expect(isBlock(google) ? google.version : undefined).toEqual(expect.stringMatching(/>=\s*6.*<\s*\d/));
  });

  test('no secret is created without a reason: Secret Manager is absent unless secrets.tf exists', () => {
    const hasSecretsFile = tf.files.some((f) => f.name === 'secrets.tf');
    const secretResources = resourcesOfType(tf, /^google_secret_manager_/);
    expect(secretResources.length > 0).toBe(hasSecretsFile);
  });

  withTerraform('terraform fmt -check -recursive finds nothing to reformat', () => {
    const result = spawnSync('terraform', ['fmt', '-check', '-recursive', '-diff', TERRAFORM_DIR], {
      encoding: 'utf8',
    });
    expect({ status: result.status, diff: result.stdout }).toEqual({ status: 0, diff: '' });
  });

  describe('the plan-time checks (variables.tf and checks.tf, planned offline with the built-in provider only)', () => {
    let dir: string;
    const env = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
    const plan = (...vars: string[]) =>
      spawnSync(
        'terraform',
        [
          'plan',
          '-input=false',
          '-no-color',
          '-lock=false',
          '-var=project_id=jd-parser-test',
          ...vars.map((v) => `-var=${v}`),
        ],
        { cwd: dir, encoding: 'utf8', env },
      );

    beforeAll(() => {
      if (!HAS_TERRAFORM) return;
      dir = mkdtempSync(join(tmpdir(), 'jd-tf-'));
      for (const f of ['variables.tf', 'checks.tf']) copyFileSync(join(TERRAFORM_DIR, f), join(dir, f));
      execFileSync('terraform', ['init', '-input=false', '-no-color', '-backend=false'], {
        cwd: dir,
        env,
        stdio: 'pipe',
      });
    }, 60_000);
    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    withTerraform(
      'the defaults plan cleanly',
      () => {
        const result = plan();
        // (stderr may carry warnings about the machine's CLI configuration, never an error.)
        expect({ status: result.status, errors: result.stderr.match(/Error: .*/g) }).toEqual({
          status: 0,
          errors: null,
        });
      },
      60_000,
    );

    withTerraform(
      'a sizing over max_connections fails the plan, naming the budget',
      () => {
        const result = plan('parse_max_instances=30');
        expect(result.status).not.toBe(0);
        expect(result.stderr).toContain('Connection budget exceeded');
      },
      60_000,
    );

    withTerraform(
      'a public upload invoker fails the plan',
      () => {
        for (const member of PUBLIC_MEMBERS) {
          const result = plan(`upload_invokers=["${member}"]`);
          expect(result.status).not.toBe(0);
          expect(result.stderr).toContain('upload_invokers');
        }
      },
      60_000,
    );

    withTerraform(
      'a private network without a subnetwork fails the plan',
      () => {
        const result = plan('private_network=projects/p/global/networks/n');
        expect(result.status).not.toBe(0);
        expect(result.stderr).toContain('private_subnetwork');
      },
      60_000,
    );
  });
});
