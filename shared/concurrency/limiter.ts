export interface Limiter {
  /** Runs `work` when fewer than the limit are running; waits its turn otherwise (first come, first served). */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** How many are running now. */
  running(): number;
}

/** At most `max` tasks at once. A finishing task hands its slot straight to the next waiter, so no newcomer slips in. */
export function createLimiter(max: number): Limiter {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async run(work) {
      if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
      else running += 1;
      try {
        return await work();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else running -= 1;
      }
    },
    running: () => running,
  };
}
