// The CLI as an ES module, for when the single-file bundle is not built
// (bin/vsynclab.js falls back to this): see cli/process-main.ts.
import { main } from './process-main.ts';

await main(process.argv);
