// `pnpm checkup`: checks, in a few seconds, what a learner's first hour trips
// on (Node and pnpm versions, the native SQLite module, the port, writable
// lesson folders, a browser, later lessons' services) and prints a one-line
// fix for each problem. Exits 1 when a core check fails; warnings exit 0.
// (Not `pnpm doctor`: that name runs pnpm's own command.)
import { formatCheckup, inputsFromEnvironment, runCheckup } from './lib/checkup.ts';

const results = await runCheckup(inputsFromEnvironment());
console.log(`Checking this machine for the course\n\n${formatCheckup(results)}`);
process.exit(results.some((result) => result.outcome === 'fail') ? 1 : 0);
