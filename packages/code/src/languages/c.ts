import { cFamilySpec } from './c-family.js';

/** Parsed with tree-sitter-c when it is installed, else with the C++ grammar (which parses ordinary C). */
export const c = cFamilySpec('c', 'c');
export const cOnCppGrammar = cFamilySpec('c', 'cpp');
