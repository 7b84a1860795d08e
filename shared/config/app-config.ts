import { AppError } from '../errors/app-error';
import { type Env, envInteger, envValue } from './env';

/**
 * Every environment variable the deployed code reads, in one place: Terraform sets a subset of
 * these, and a test checks that it sets nothing else and everything a deployment needs.
 */
export const ENV_VARS = {
  // Database (read by shared/db/config.ts)
  DATABASE_URL: 'postgres:// URL of a PostgreSQL server (local runs, tests, self-hosted)',
  INSTANCE_CONNECTION_NAME: 'Cloud SQL instance as project:region:instance (with DB_USER and DB_NAME)',
  DB_USER: 'Cloud SQL IAM database user (the service account email without .gserviceaccount.com)',
  DB_NAME: 'Cloud SQL database name',
  DB_IP_TYPE: 'PUBLIC, PRIVATE or PSC: how the Cloud SQL connector reaches the instance (default PUBLIC)',
  DB_POOL_MAX: 'connections per instance (default 4)',
  DB_CONNECT_TIMEOUT_MS: 'time to wait for a connection (default 5000)',
  DB_IDLE_TIMEOUT_MS: 'idle connection lifetime (default 10000)',
  PGLITE_DATA_DIR: 'embedded PGlite directory (default ./.data/pglite; memory:// for none)',
  MIGRATIONS_DIR: 'the drizzle/ folder, when it is not beside dist/',
  // Messaging and the functions (read here)
  GOOGLE_CLOUD_PROJECT: 'project of the Pub/Sub topic (found from the metadata server on Google Cloud when unset)',
  PUBSUB_TOPIC: 'topic that uploads and re-parse fan-out publish to (default job-descriptions)',
  PUBSUB_EMULATOR_HOST: 'host:port of the Pub/Sub emulator (local runs and tests)',
  MAX_UPLOAD_BYTES: 'largest accepted upload or message payload, in bytes (default 2097152)',
  REPARSE_BATCH_SIZE: 'documents per re-parse batch (default 200)',
  REPARSE_TIME_BUDGET_MS: 'time one re-parse call may spend before it returns a cursor (default 240000)',
  REPARSE_INTERVAL_SECONDS: 'local stack only: run the re-parse on this timer (default off)',
  FUNCTION_TARGET: 'the one function a deployed service serves; unset, the server serves all three',
  LOG_LEVEL: 'debug, info, warning or error (default info)',
  PORT: 'HTTP port (default 8080; Cloud Run sets it)',
  K_SERVICE: 'set by Cloud Run: its presence makes a missing database setting an error',
} as const;

export type EnvVar = keyof typeof ENV_VARS;

export const LOG_LEVELS = ['debug', 'info', 'warning', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_TOPIC = 'job-descriptions';

export type TopicConfig =
  /** No Pub/Sub at all: published messages are handed to the parse use-case in this process. */
  | { kind: 'in-process'; topic: string }
  | { kind: 'pubsub'; topic: string; projectId: string | undefined; emulatorHost: string | undefined };

export interface AppConfig {
  topic: TopicConfig;
  maxUploadBytes: number;
  reparse: { batchSize: number; timeBudgetMs: number; intervalSeconds: number | undefined };
  functionTarget: string | undefined;
  logLevel: LogLevel;
  port: number;
}

/** Topic ids as Pub/Sub allows them: 3-255 characters, a letter first. */
const TOPIC_ID = /^[A-Za-z][\w.~+%-]{2,254}$/;

/**
 * Reads the application settings once, at start. Every problem is collected and reported in one
 * AppError CONFIG_INVALID naming all the variables at fault, so a deployment is fixed in one go.
 * The database settings are validated separately by readDbConfig (shared/db/config.ts).
 */
export function readAppConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const variables = new Set<string>();
  const problem = (name: string, message: string) => {
    problems.push(message);
    variables.add(name);
  };
  const get = (name: EnvVar) => envValue(env, name);
  const integer = (name: EnvVar, fallback: number, min: number, max: number) =>
    envInteger(env, name, { fallback, min, max }, problem);

  let topicName = DEFAULT_TOPIC;
  let topicProject = get('GOOGLE_CLOUD_PROJECT');
  {
    const raw = get('PUBSUB_TOPIC') ?? DEFAULT_TOPIC;
    // A full resource name carries its own project, as Terraform's topic.id is written.
    const full = /^projects\/([^/]+)\/topics\/([^/]+)$/.exec(raw);
    const id = full ? (full[2] as string) : raw;
    if (!TOPIC_ID.test(id)) {
      problem('PUBSUB_TOPIC', `PUBSUB_TOPIC "${raw}" is not a topic id (3-255 characters, a letter first)`);
    }
    topicName = id;
    if (full) topicProject = full[1];
  }
  const emulatorHost = get('PUBSUB_EMULATOR_HOST');
  const onCloudRun = get('K_SERVICE') !== undefined;
  // Locally, with no emulator and no project, there is no Pub/Sub to talk to: the in-process
  // stand-in keeps `npm start` working on a fresh machine. On Cloud Run the real topic is always used.
  const topic: TopicConfig =
    emulatorHost || onCloudRun || topicProject
      ? {
          kind: 'pubsub',
          topic: topicName,
          projectId: topicProject ?? (emulatorHost ? 'local-project' : undefined),
          emulatorHost,
        }
      : { kind: 'in-process', topic: topicName };

  // 32 MiB is Cloud Run's own cap on an HTTP/1 request.
  const maxUploadBytes = integer('MAX_UPLOAD_BYTES', 2 * 1024 * 1024, 1024, 32 * 1024 * 1024);
  const batchSize = integer('REPARSE_BATCH_SIZE', 200, 1, 5000);
  const timeBudgetMs = integer('REPARSE_TIME_BUDGET_MS', 240_000, 1_000, 3_600_000);
  const interval = integer('REPARSE_INTERVAL_SECONDS', 0, 0, 86_400);
  const port = integer('PORT', 8080, 0, 65_535);

  let logLevel: LogLevel = 'info';
  const level = (get('LOG_LEVEL') ?? 'info').toLowerCase();
  if ((LOG_LEVELS as readonly string[]).includes(level)) logLevel = level as LogLevel;
  else problem('LOG_LEVEL', `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${level}"`);

  if (problems.length > 0) {
    throw new AppError('CONFIG_INVALID', problems.join('; '), { variables: [...variables].sort() });
  }
  return {
    topic,
    maxUploadBytes,
    reparse: { batchSize, timeBudgetMs, intervalSeconds: interval > 0 ? interval : undefined },
    functionTarget: get('FUNCTION_TARGET'),
    logLevel,
    port,
  };
}
