/** Reading environment variables the same way everywhere settings are read. */
export type Env = Readonly<Record<string, string | undefined>>;

/** An empty string counts as unset: deploy tools often export a variable they have no value for. */
export function envValue(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/**
 * The integer in `name`, or `fallback` when it is unset. Anything else than an integer from `min`
 * to `max` is reported to `problem` (which may throw, or collect and carry on with the fallback).
 */
export function envInteger(
  env: Env,
  name: string,
  range: { fallback: number; min: number; max: number },
  problem: (name: string, message: string) => void,
): number {
  const raw = envValue(env, name);
  if (raw === undefined) return range.fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    problem(name, `${name} must be an integer from ${range.min} to ${range.max}, got "${raw}"`);
    return range.fallback;
  }
  return value;
}
