// Worker bootstrap for runs from the TypeScript sources (tsx, vitest): registers tsx's ESM hooks in
// this worker thread, then loads the worker module given as the first worker argv. The compiled
// dist/ starts dist/src/parallel/worker.js directly and never loads this file.
import { register } from 'tsx/esm/api';

register();
await import(process.argv[2]);
