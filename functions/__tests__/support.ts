// Test support for the functions' suites (not a test file).

export { admin, createPostgresDatabase, openTestDatabase, sampleText } from '../../shared/db/__tests__/harness';
export { capturingLogger } from '../../shared/logging/__tests__/capture';

export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const b64 = (value: string | Uint8Array) => Buffer.from(value).toString('base64');

let counter = 0;
/** A raw Pub/Sub push body, as the service and the emulator send it. */
export function pushBody(data: string | Buffer, attributes: Record<string, string> = {}, messageId?: string) {
  counter += 1;
  return {
    message: {
      data: b64(data),
      attributes,
      messageId: messageId ?? `test-${process.pid}-${counter}`,
      publishTime: new Date().toISOString(),
    },
    subscription: 'projects/local-project/subscriptions/test',
  };
}
