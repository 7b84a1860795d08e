import { type AppConfig, readAppConfig } from '../shared/config/app-config';
import { lazyDatabase, openDatabase } from '../shared/db/client';
import { type DbConfig, readDbConfig } from '../shared/db/config';
import { createRepository, type Repository } from '../shared/db/repository';
import { AppError } from '../shared/errors/app-error';
import { readPushRequest } from '../shared/ingest/delivery';
import { createJobDescriptionService, type JobDescriptionService } from '../shared/ingest/service';
import { createLogger, type Logger } from '../shared/logging/logger';
import { createInProcessTopic, createPubSubTopic, type Topic } from '../shared/messaging/topic';
import { createHandlers, type Handlers } from './app';

export interface Runtime {
  config: AppConfig;
  db: DbConfig;
  logger: Logger;
  service: JobDescriptionService;
  handlers: Handlers;
  topic: Topic;
  /** Finishes in-flight work and closes the topic and the database. */
  close(): Promise<void>;
}

export interface RuntimeOptions {
  env?: Readonly<Record<string, string | undefined>>;
  logger?: Logger;
  /** Apply pending migrations when the database is first opened (local runs; PGlite always is). */
  migrate?: boolean;
  /** Tests and the local stack may bring their own topic (default: from the config). */
  topic?: (deliver: (body: Buffer) => Promise<void>, logger: Logger) => Topic;
}

/**
 * Everything the functions need, from the environment, read and validated once: a bad setting
 * fails here, at start, naming the variables, not on the first request. The database is opened
 * on first use (a cold start that serves nothing opens no connection).
 */
export function createRuntime(options: RuntimeOptions = {}): Runtime {
  const env = options.env ?? process.env;
  const config = readAppConfig(env);
  const db = readDbConfig(env);
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const projectId = config.topic.kind === 'pubsub' ? config.topic.projectId : undefined;

  const database = lazyDatabase(() => openDatabase(db, options.migrate ? { migrate: true } : {}));
  let repository: Repository | undefined;
  const getRepository = async () => {
    const opened = await database.get();
    repository ??= createRepository(opened);
    return repository;
  };

  // The in-process topic delivers to the service, which needs the topic: bound once both exist.
  let service: JobDescriptionService | undefined;
  const deliver = async (body: Buffer) => {
    if (!service) throw new AppError('INTERNAL', 'runtime not ready');
    const outcome = await service.handleDelivery(readPushRequest(body, {}), body);
    logger.info({ ...outcome }, `message ${outcome.status}`);
  };
  const topic =
    options.topic?.(deliver, logger) ??
    (config.topic.kind === 'pubsub'
      ? createPubSubTopic(config.topic)
      : createInProcessTopic(config.topic.topic, (envelope) => deliver(Buffer.from(JSON.stringify(envelope))), {
          logger,
          onDeadLetter: async (envelope, error) => {
            await (await getRepository()).recordRejection({
              source: 'pubsub',
              reason: 'DEAD_LETTERED',
              detail: error instanceof Error ? error.message : String(error),
              messageId: envelope.message.messageId,
              rawPayload: JSON.stringify(envelope),
            });
          },
        }));
  service = createJobDescriptionService({ repository: getRepository, topic, logger, config });
  const handlers = createHandlers({ service, logger, config, projectId });

  return {
    config,
    db,
    logger,
    service,
    handlers,
    topic,
    async close() {
      await topic.close();
      await database.close();
      logger.flush();
    },
  };
}
