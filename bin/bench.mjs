#!/usr/bin/env node
// `npm run bench`: runs bench/run.ts through tsx. Flags: --quick (skip the region export).
import { register } from 'tsx/esm/api';

register();
await import('../bench/run.ts');
