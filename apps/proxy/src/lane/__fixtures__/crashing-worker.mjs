// A compression worker that dies on its first task (crash tests).
import { parentPort } from 'node:worker_threads';

parentPort.on('message', () => process.exit(3));
