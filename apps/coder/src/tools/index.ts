// The coder's tools, in the order clients list them.
import { astSearch } from './ast-search.js';
import { dumpSyntaxTree } from './dump-syntax-tree.js';
import { lint } from './lint.js';
import { listLanguages } from './list-languages.js';
import { testRule } from './test-rule.js';

export const coderTools = [listLanguages, dumpSyntaxTree, testRule, astSearch, lint];
