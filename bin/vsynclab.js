#!/usr/bin/env node
// The CLI is written in TypeScript and run through tsx's loader, so a clone
// needs no build step: `npm ci` and then `npx vsynclab`.
import { register } from 'tsx/esm/api';

register();
await import('../cli/bin-main.ts');
