#!/usr/bin/env node
'use strict';
// The CLI is compiled to dist/ by `npm run build` (run by `npm ci` through "prepare").
const { runCli } = require('../dist/shared/cli/jd-parse.js');

process.exitCode = runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
});
