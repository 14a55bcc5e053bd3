// A compression worker that takes tasks and never answers (hard-kill tests).
import { parentPort } from 'node:worker_threads';

parentPort.on('message', () => {});
