import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../../shared/errors/app-error';
import { sendProblem } from './problem';

/**
 * Reads a request body into a Buffer, refusing it the moment it is known to be over `limit`: at
 * once from Content-Length, else when the streamed bytes pass the limit. Unlike body-parser, which
 * reads off (dumps) the rest of a refused body before answering, the answer goes out at once and
 * the connection is closed behind it, so neither memory nor time grows with what the client sends.
 */
export function readBody(limit: number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const refuse = (size: number | undefined) => {
      res.setHeader('Connection', 'close');
      // Half-close after the answer: destroying a socket with unread input sends a reset, which can
      // make the client lose the answer. The rest of the body is never read; a client that keeps
      // the connection open is cut off after a grace period.
      res.on('finish', () => {
        req.socket.end();
        setTimeout(() => req.socket.destroy(), 2_000).unref();
      });
      sendProblem(
        req,
        res,
        new AppError('INPUT_TOO_LARGE', `the request body is over the limit of ${limit} bytes`, {
          limit,
          ...(size !== undefined ? { size } : {}),
        }),
      );
    };
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      refuse(declared);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        settled = true;
        req.pause();
        refuse(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (settled) return;
      settled = true;
      req.body = Buffer.concat(chunks, size);
      next();
    });
    req.on('error', () => {
      if (settled) return;
      settled = true;
      next(new AppError('INVALID_INPUT', 'the request body could not be read', { reason: 'REQUEST_ABORTED' }));
    });
  };
}
