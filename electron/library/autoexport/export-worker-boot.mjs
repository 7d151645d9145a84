// Starts the auto-export worker from the TypeScript sources (tests, CLI, web host): a worker
// thread does not inherit the parent's tsx loader, so it registers its own first. The Electron
// bundle does not use this file; it runs the bundled dist/electron/autoexport-worker.cjs.
import { register } from 'tsx/esm/api';

register();
await import('./export-worker.ts');
