import type { Request } from 'express';

/**
 * The request body as bytes, whoever read it: our server's raw parser leaves a Buffer, the
 * Functions Framework's parsers leave `rawBody` beside a parsed body. Handlers decode bytes
 * themselves so that errors (invalid JSON, bad multipart) are theirs to report.
 */
export function bodyBytes(req: Request): Buffer {
  const raw = (req as Request & { rawBody?: unknown }).rawBody;
  if (Buffer.isBuffer(raw)) return raw;
  const body: unknown = req.body;
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'object' && Object.keys(body as object).length === 0) return Buffer.alloc(0);
  return Buffer.from(JSON.stringify(body), 'utf8');
}

export function header(req: Request, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  const first = Array.isArray(value) ? value[0] : value;
  return first?.trim() || undefined;
}
