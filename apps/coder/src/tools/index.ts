// The coder's tools, in the order clients list them.
import { dumpSyntaxTree } from './dump-syntax-tree.js';
import { listLanguages } from './list-languages.js';

export const coderTools = [listLanguages, dumpSyntaxTree];
