#!/usr/bin/env node
// The CLI runs the TypeScript sources through tsx, so `npx shelfmark` works right after install.
import { register } from 'tsx/esm/api';

register();
const { runMain } = await import('../electron/cli/main.ts');
process.exitCode = await runMain(process.argv.slice(2));
