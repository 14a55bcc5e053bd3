import { cFamilySpec } from './c-family.js';

export const cpp = cFamilySpec('cpp', 'cpp');
