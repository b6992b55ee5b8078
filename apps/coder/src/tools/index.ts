// The coder's tools, in the order clients list them.
import { astSearch } from './ast-search.js';
import { dumpSyntaxTree } from './dump-syntax-tree.js';
import { listLanguages } from './list-languages.js';
import { scanSecrets } from './scan-secrets.js';
import { testRule } from './test-rule.js';

export const coderTools = [listLanguages, dumpSyntaxTree, testRule, astSearch, scanSecrets];
