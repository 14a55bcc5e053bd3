import { ecmascriptSpec } from './ecmascript.js';

export const javascript = ecmascriptSpec('javascript', 'javascript');
