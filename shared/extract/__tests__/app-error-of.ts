import { isAppError } from '../../errors/app-error';

/** The AppError `run` throws, as plain data to compare; fails the test when it throws anything else or nothing. */
export async function appErrorOf(run: () => unknown): Promise<{ code: string; details: Record<string, unknown> }> {
  try {
    await run();
  } catch (error) {
    if (isAppError(error)) return { code: error.code, details: { ...error.details } };
    throw error;
  }
  throw new Error('expected an AppError, nothing was thrown');
}
