import { sql } from 'drizzle-orm';
import { DRIVERS, sampleText, uniqueId, useTestDatabase } from '../db/__tests__/harness';
import { capturingLogger } from '../logging/__tests__/capture';
import type { Topic } from '../messaging/topic';
import { PARSER_VERSION } from '../parser';
import { createJobDescriptionService } from './service';

const noTopic: Topic = {
  name: 'none',
  publish: () => Promise.reject(new Error('the inline re-parse publishes nothing')),
  close: () => Promise.resolve(),
};

describe.each(DRIVERS)('the inline re-parse on %s', (driver) => {
  const t = useTestDatabase(driver);

  /** A service whose clock moves 10 ms each time it is read: a budget of 25 ms allows two pages. */
  function service() {
    let clock = 0;
    return createJobDescriptionService({
      repository: async () => t.repo,
      topic: noTopic,
      logger: capturingLogger().logger,
      config: { maxUploadBytes: 1 << 20, reparse: { batchSize: 2, timeBudgetMs: 25 } } as never,
      now: () => {
        clock += 10;
        return clock;
      },
    });
  }

  test('when the budget ends with the next page already read, then the cursor resumes after the last page parsed and each document is parsed once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const stored = await t.repo.storeDocument({
        source: 'reparse-budget',
        externalId: uniqueId(),
        contentType: 'text/markdown',
        text: `${sampleText}\n${i}`,
      });
      ids.push(stored.documentId);
    }
    ids.sort();
    const request = { force: false, cursor: undefined, batchSize: 2, timeBudgetMs: 25, mode: 'inline' as const };

    const first = await service().reparse(request);
    expect(first).toMatchObject({ processed: 4, stored: 4, done: false, cursor: ids[3] });

    const second = await service().reparse({ ...request, cursor: first.cursor ?? undefined, timeBudgetMs: 1000 });
    expect(second).toMatchObject({ processed: 3, stored: 3, done: true, cursor: null });

    const result = await t.handle.db.execute(sql`
      select d.id::text as id, count(p.id)::int as n from documents d
      left join parses p on p.document_id = d.id and p.parser_version = ${PARSER_VERSION} and p.is_current
      where d.source = 'reparse-budget' group by d.id order by d.id`);
    expect((result as unknown as { rows: unknown[] }).rows).toEqual(ids.map((id) => ({ id, n: 1 })));
  });
});
