#!/usr/bin/env node
// The CLI runs the compiled JavaScript in dist/, which `npm ci` builds (the
// package's prepare script runs `npm run build`). The TypeScript sources stay
// the truth: after changing them, `npm run build` (npm test does it first).
try {
  await import('../dist/cli/bin-main.js');
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('bin-main.js')) {
    process.stderr.write('vsynclab: dist/ is missing: run `npm run build` in the vsynclab checkout\n');
    process.exit(3);
  }
  throw error;
}
