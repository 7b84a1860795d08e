import { Writable } from 'node:stream';
import { createLogger } from '../logging/logger';
import { createInProcessTopic, type PushEnvelope } from './topic';

const quiet = createLogger({ destination: new Writable({ write: (_c, _e, done) => done() }) });

describe('the in-process topic', () => {
  test('when a message is published, then it is delivered after publish returns, as a push body', async () => {
    const delivered: PushEnvelope[] = [];
    const topic = createInProcessTopic('jobs', async (e) => void delivered.push(e), { logger: quiet });
    const id = await topic.publish({ text: 'posting' }, { source: 's' });
    expect(delivered).toHaveLength(0);
    await topic.close();
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.message).toMatchObject({ messageId: id, attributes: { source: 's' } });
    expect(JSON.parse(Buffer.from(delivered[0]?.message.data ?? '', 'base64').toString())).toEqual({ text: 'posting' });
  });

  test('when delivery keeps failing, then it is retried with backoff and then dead-lettered, not lost', async () => {
    const attempts: number[] = [];
    const dead: string[] = [];
    const topic = createInProcessTopic(
      'jobs',
      async (e) => {
        attempts.push(e.deliveryAttempt ?? 0);
        throw new Error('down');
      },
      { logger: quiet, maxAttempts: 3, backoffMs: 1, onDeadLetter: async (e) => void dead.push(e.message.messageId) },
    );
    const id = await topic.publish({ text: 'posting' });
    await topic.close();
    expect(attempts).toEqual([1, 2, 3]);
    expect(dead).toEqual([id]);
  });

  test('when delivery fails once, then the retry delivers it', async () => {
    let calls = 0;
    const dead: string[] = [];
    const topic = createInProcessTopic(
      'jobs',
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('blip');
      },
      { logger: quiet, backoffMs: 1, onDeadLetter: async (e) => void dead.push(e.message.messageId) },
    );
    await topic.publish({ text: 'posting' });
    await topic.close();
    expect([calls, dead.length]).toEqual([2, 0]);
  });

  test('when many messages are published at once, then at most maxConcurrent are delivered at a time', async () => {
    let running = 0;
    let highest = 0;
    let delivered = 0;
    const topic = createInProcessTopic(
      'jobs',
      async () => {
        running += 1;
        highest = Math.max(highest, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        delivered += 1;
      },
      { logger: quiet, maxConcurrent: 3 },
    );
    await Promise.all(Array.from({ length: 20 }, (_, i) => topic.publish({ text: `p${i}` })));
    await topic.close();
    expect([delivered, highest]).toEqual([20, 3]);
  });

  test('when the topic is closed, then publishing is refused with PUBLISH_FAILED', async () => {
    const topic = createInProcessTopic('jobs', async () => {}, { logger: quiet });
    await topic.close();
    await expect(topic.publish({ text: 'x' })).rejects.toMatchObject({ code: 'PUBLISH_FAILED' });
  });
});
