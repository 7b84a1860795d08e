/**
 * The HTTP server the container (and `npm start`) runs: the same handlers the Functions Framework
 * serves, behind a body reader that enforces each function's size limit before buffering, so a
 * 50 MB upload is refused after its headers, not after its bytes. With FUNCTION_TARGET set it
 * serves that one function on every path (a Cloud Run service per function); without, all three
 * on their own paths (the local stack).
 */
import type { Server } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import { AppError } from '../shared/errors/app-error';
import { ENTRY_POINTS, type EntryPoint } from './entry-points';
import { sendProblem, toAppError } from './http/problem';
import { readBody } from './http/read-body';
import { createRuntime, type Runtime, type RuntimeOptions } from './runtime';

/** A push body holds at most a 10 MB message, base64-encoded in JSON. */
const PUSH_BODY_LIMIT = 16 * 1024 * 1024;
const REPARSE_BODY_LIMIT = 64 * 1024;
/** Multipart framing and form fields around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;

function isEntryPoint(name: string): name is EntryPoint {
  return Object.hasOwn(ENTRY_POINTS, name);
}

export function createApp(runtime: Runtime): express.Express {
  const { handlers, config } = runtime;
  const limits: Record<EntryPoint, number> = {
    parseJobDescription: PUSH_BODY_LIMIT,
    uploadJobDescription: config.maxUploadBytes + MULTIPART_OVERHEAD,
    reparseJobDescriptions: REPARSE_BODY_LIMIT,
  };
  const target = config.functionTarget;
  if (target !== undefined && !isEntryPoint(target)) {
    throw new Error(`FUNCTION_TARGET "${target}" is not one of ${Object.keys(ENTRY_POINTS).join(', ')}`);
  }

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', true);

  const mount = (name: EntryPoint, paths: readonly string[] | undefined) => {
    const reader = readBody(limits[name]);
    const run = (req: Request, res: Response) => handlers[name](req, res);
    if (paths)
      for (const path of paths)
        app.use(path, reader, (req, res) => run(Object.assign(req, { url: req.originalUrl }), res));
    else app.use(reader, run);
  };

  if (target !== undefined) {
    mount(target, undefined);
  } else {
    for (const name of Object.keys(ENTRY_POINTS) as EntryPoint[]) mount(name, ENTRY_POINTS[name].paths);
    app.use((req, res) => sendProblem(req, res, new AppError('NOT_FOUND', `no route ${req.path}`)));
  }

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    // What reaches here: readBody's aborted-request error, or a bug.
    const appError = toAppError(error);
    if (appError.code === 'INTERNAL') runtime.logger.error({ err: error, path: req.path }, 'request failed');
    sendProblem(req, res, appError);
  });
  return app;
}

export interface StartedServer {
  server: Server;
  runtime: Runtime;
  url: string;
  stop(): Promise<void>;
}

export async function startServer(options: RuntimeOptions & { port?: number } = {}): Promise<StartedServer> {
  const runtime = createRuntime({ migrate: true, ...options });
  const app = createApp(runtime);
  const port = options.port ?? runtime.config.port;
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, '0.0.0.0', (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;

  let timer: NodeJS.Timeout | undefined;
  const interval = runtime.config.reparse.intervalSeconds;
  if (interval && runtime.config.functionTarget === undefined) {
    timer = setInterval(() => {
      runtime.service
        .reparse({
          force: false,
          cursor: undefined,
          batchSize: runtime.config.reparse.batchSize,
          timeBudgetMs: runtime.config.reparse.timeBudgetMs,
          mode: 'inline',
        })
        .catch((error: unknown) => runtime.logger.error({ err: error }, 'scheduled re-parse failed'));
    }, interval * 1000);
    timer.unref();
  }

  return {
    server,
    runtime,
    url,
    async stop() {
      if (timer) clearInterval(timer);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections would hold close() open until their own timeout.
      server.closeIdleConnections();
      const grace = setTimeout(() => server.closeAllConnections(), 5_000);
      await closed;
      clearTimeout(grace);
      await runtime.close();
    },
  };
}

if (require.main === module) {
  startServer().then(
    (started) => {
      started.runtime.logger.info(
        {
          url: started.url,
          function: started.runtime.config.functionTarget ?? 'all',
          database: started.runtime.db.kind,
        },
        'listening',
      );
      const shutdown = (signal: string) => {
        started.runtime.logger.info({ signal }, 'shutting down');
        started.stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGTERM', shutdown);
      process.once('SIGINT', shutdown);
    },
    (error: unknown) => {
      const code = (error as { code?: unknown }).code ?? 'INTERNAL';
      process.stderr.write(
        `${JSON.stringify({ severity: 'CRITICAL', message: `startup failed: ${String((error as Error).message ?? error)}`, code })}\n`,
      );
      process.exit(1);
    },
  );
}
