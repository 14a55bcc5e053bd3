export { buildProgram, main } from './main.js';
export * from './schemas.js';
