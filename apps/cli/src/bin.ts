#!/usr/bin/env node
// The guard must run before anything else is imported, so main.js is loaded dynamically.
import { installStdoutGuard } from './stdout-guard.js';

installStdoutGuard();
const { main } = await import('./main.js');
process.exitCode = await main(process.argv);
