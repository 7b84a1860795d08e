import { createLimiter } from './limiter';

describe('the concurrency limiter', () => {
  test('when more tasks than the limit arrive, then at most the limit run at once, in arrival order, and all finish', async () => {
    const limiter = createLimiter(2);
    let highest = 0;
    const started: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        limiter.run(async () => {
          started.push(i);
          highest = Math.max(highest, limiter.running());
          await new Promise((resolve) => setTimeout(resolve, 2));
          return i * 10;
        }),
      ),
    );
    expect(results).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect([highest, limiter.running()]).toEqual([2, 0]);
  });

  test('when a task throws, then its slot is freed and the error reaches its caller', async () => {
    const limiter = createLimiter(1);
    await expect(limiter.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run(async () => 'next')).resolves.toBe('next');
    expect(limiter.running()).toBe(0);
  });
});
