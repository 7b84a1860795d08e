/**
 * The Functions Framework entry points: `functions-framework --target=<name>` (or a Cloud Run
 * functions deploy of this source) serves one of them. Configuration is read here, at load, so a
 * bad deployment fails to start with a message naming the variables.
 */
import * as functions from '@google-cloud/functions-framework';
import { ENTRY_POINTS, type EntryPoint } from './entry-points';
import { createRuntime, type Runtime } from './runtime';

export const runtime: Runtime = createRuntime();

for (const name of Object.keys(ENTRY_POINTS) as EntryPoint[]) {
  functions.http(name, runtime.handlers[name]);
}
