// The entry of a coverage worker thread. Precise coverage starts here,
// before any protocol module is loaded: V8 compiles a function with block
// counters only if coverage was on when it first compiled it, and code
// compiled before counts as whole functions (every branch of a called one
// looks run). A fresh thread is a fresh isolate with nothing compiled, so
// the coverage of its runs does not depend on what ran before in the
// process. This file imports nothing but the inspector session for that
// reason; the runs come in with the dynamic import below.
import { V8Coverage } from './v8-session.ts';

new V8Coverage().start();
await import('./coverage-worker-runs.ts');
