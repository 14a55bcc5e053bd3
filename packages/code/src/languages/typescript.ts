import { ecmascriptSpec } from './ecmascript.js';

export const typescript = ecmascriptSpec('typescript', 'typescript');
export const tsx = ecmascriptSpec('tsx', 'tsx');
