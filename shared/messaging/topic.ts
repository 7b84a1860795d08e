import { randomUUID } from 'node:crypto';
import { createLimiter } from '../concurrency/limiter';
import type { TopicConfig } from '../config/app-config';
import type { JobDescriptionMessage } from '../contracts/validate';
import { AppError } from '../errors/app-error';
import type { Logger } from '../logging/logger';

/** What a push subscription POSTs: the shape the parse function reads, whoever delivers it. */
export interface PushEnvelope {
  message: {
    data?: string;
    attributes?: Record<string, string>;
    messageId: string;
    publishTime: string;
  };
  subscription: string;
  deliveryAttempt?: number;
}

export interface Topic {
  readonly name: string;
  /** Resolves with the message id once the topic holds the message; PUBLISH_FAILED otherwise. */
  publish(message: JobDescriptionMessage, attributes?: Record<string, string>): Promise<string>;
  /** Waits for what was published to be handed over (in-process: processed) and releases resources. */
  close(): Promise<void>;
}

/** Google Cloud Pub/Sub, or its emulator when PUBSUB_EMULATOR_HOST is set (the client reads it). */
export function createPubSubTopic(config: Extract<TopicConfig, { kind: 'pubsub' }>): Topic {
  const { PubSub } = require('@google-cloud/pubsub') as typeof import('@google-cloud/pubsub');
  // The emulator host is passed from the validated config, not left to the client's own reading of
  // the environment, so that what the config says is what is used.
  const client = new PubSub({
    ...(config.projectId ? { projectId: config.projectId } : {}),
    ...(config.emulatorHost ? { apiEndpoint: config.emulatorHost, emulatorMode: true } : {}),
  });
  // A short batching window: an upload waits for its publish before answering 202.
  const topic = client.topic(config.topic, { batching: { maxMessages: 100, maxMilliseconds: 5 } });
  return {
    name: config.topic,
    async publish(message, attributes = {}) {
      try {
        return await topic.publishMessage({ data: Buffer.from(JSON.stringify(message)), attributes });
      } catch (error) {
        throw new AppError('PUBLISH_FAILED', `publishing to ${config.topic} failed`, {}, { cause: error });
      }
    },
    async close() {
      await topic.flush().catch(() => {});
      await client.close();
    },
  };
}

export interface InProcessOptions {
  logger: Logger;
  /** Deliveries before a message is given up on, as a subscription's dead-letter policy would. */
  maxAttempts?: number;
  /** First retry delay; doubled per attempt, as Pub/Sub's exponential backoff. */
  backoffMs?: number;
  /** Told about a message given up on, so it is recorded rather than lost. */
  onDeadLetter?: (envelope: PushEnvelope, error: unknown) => Promise<void>;
  /**
   * Deliveries in progress at once; the rest wait their turn, as a push subscription's flow control
   * would hold them, rather than all competing for the database pool with incoming requests.
   */
  maxConcurrent?: number;
}

/**
 * A stand-in for the topic and its push subscription, for `npm start` with nothing installed:
 * each message is handed to `deliver` (the parse function's use-case) after the publisher's call
 * returns, retried with backoff while `deliver` throws, then dead-lettered.
 */
export function createInProcessTopic(
  name: string,
  deliver: (envelope: PushEnvelope) => Promise<void>,
  options: InProcessOptions,
): Topic {
  const maxAttempts = options.maxAttempts ?? 5;
  const backoffMs = options.backoffMs ?? 200;
  const inFlight = new Set<Promise<void>>();
  let closed = false;
  const deliveries = createLimiter(options.maxConcurrent ?? 1);

  async function run(envelope: PushEnvelope): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await deliver({ ...envelope, deliveryAttempt: attempt });
        return;
      } catch (error) {
        if (attempt >= maxAttempts) {
          options.logger.error(
            { err: error, messageId: envelope.message.messageId, attempts: attempt },
            'message dead-lettered',
          );
          await options.onDeadLetter?.(envelope, error).catch((e: unknown) => {
            options.logger.error({ err: e, messageId: envelope.message.messageId }, 'dead letter not recorded');
          });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** (attempt - 1)));
      }
    }
  }

  return {
    name,
    async publish(message, attributes = {}) {
      if (closed) throw new AppError('PUBLISH_FAILED', `topic ${name} is closed`);
      const envelope: PushEnvelope = {
        message: {
          data: Buffer.from(JSON.stringify(message)).toString('base64'),
          attributes,
          messageId: randomUUID(),
          publishTime: new Date().toISOString(),
        },
        subscription: `in-process/${name}`,
      };
      // After the publisher's call returns, as a real topic would deliver.
      const task = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
        deliveries.run(() => run(envelope)),
      );
      inFlight.add(task);
      void task.finally(() => inFlight.delete(task));
      return envelope.message.messageId;
    },
    async close() {
      closed = true;
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
