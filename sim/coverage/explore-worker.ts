// The entry of an explore coverage worker thread. As coverage-worker.ts for
// a suite's runs: precise coverage starts here, before any protocol module
// is loaded, so that every protocol function the exploration runs gets
// block counters (code compiled before coverage counts as whole functions).
// This file imports nothing but the inspector session for that reason; the
// exploration comes in with the dynamic import below.
import { V8Coverage } from './v8-session.ts';

new V8Coverage().start();
await import('./explore-worker-run.ts');
