#!/usr/bin/env node
// Stack traces (--verbose, DEBUG=1) point at the TypeScript sources through the bundles' source
// maps; Node reads a map only when source maps are on before the bundle loads, and only then.
if (process.argv.includes('--verbose') || process.env.DEBUG === '1') process.setSourceMapsEnabled(true);
require('../dist/cli.cjs');
