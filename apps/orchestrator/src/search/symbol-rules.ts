// Which syntax nodes are symbols, per coder language, as ast-grep rules the coder runs for us: the
// orchestrator never parses code itself. Each rule captures the symbol's name as $NAME. Node kinds
// and field names were checked against the coder's dump_syntax_tree for each grammar
// (test/code-search-symbol-rules.test.ts keeps them honest).
export type SymbolKind =
  | 'function'
  | 'method'
  | 'class'
  | 'interface'
  | 'enum'
  | 'struct'
  | 'trait'
  | 'impl'
  | 'module'
  | 'type';

export interface SymbolRule {
  kind: SymbolKind;
  /** An ast-grep rule object; sent to the coder as JSON. */
  rule: Record<string, unknown>;
}

const named = (field = 'name') => ({ has: { field, pattern: '$NAME' } });
const kinds = (...names: string[]) => ({ any: names.map((kind) => ({ kind })) });

/** `kind` nodes with a `name` field. */
const simple = (kind: SymbolKind, ...nodeKinds: string[]): SymbolRule => ({
  kind,
  rule: { ...kinds(...nodeKinds), ...named() },
});

/** A function-valued variable or class field is a function (method) in all but syntax. */
const boundFunction = (kind: SymbolKind, holder: string, nameField: string): SymbolRule => ({
  kind,
  rule: {
    kind: holder,
    all: [named(nameField), { has: { field: 'value', ...kinds('arrow_function', 'function_expression') } }],
  },
});

const jsFamily = (classField: string, classFieldName: string): SymbolRule[] => [
  simple('method', 'method_definition'),
  boundFunction('method', classField, classFieldName),
  simple('function', 'function_declaration', 'generator_function_declaration'),
  boundFunction('function', 'variable_declarator', 'name'),
  simple('class', 'class_declaration'),
];

const tsFamily: SymbolRule[] = [
  ...jsFamily('public_field_definition', 'name'),
  simple('class', 'abstract_class_declaration'),
  simple('interface', 'interface_declaration'),
  simple('enum', 'enum_declaration'),
  simple('module', 'internal_module', 'module'),
];

/** C and C++ name a function through its declarator (possibly under pointers and references). */
/** C and C++ also write `struct S` for a mere reference: only a body makes it a definition. */
const withBody = (kind: SymbolKind, nodeKind: string): SymbolRule => ({
  kind,
  rule: { kind: nodeKind, all: [named(), { has: { field: 'body', kind: 'field_declaration_list' } }] },
});

const cFunction: SymbolRule = {
  kind: 'function',
  rule: {
    kind: 'function_definition',
    has: {
      field: 'declarator',
      any: [
        { kind: 'function_declarator', has: { field: 'declarator', pattern: '$NAME' } },
        {
          has: {
            kind: 'function_declarator',
            stopBy: 'end',
            has: { field: 'declarator', pattern: '$NAME' },
          },
        },
      ],
    },
  },
};

/**
 * Rules earlier in a list win when two match the same node (a Python method is also a
 * function_definition), so the more specific kind comes first.
 */
export const SYMBOL_RULES: Readonly<Record<string, readonly SymbolRule[]>> = {
  typescript: tsFamily,
  tsx: tsFamily,
  javascript: jsFamily('field_definition', 'property'),
  python: [
    {
      kind: 'method',
      rule: {
        kind: 'function_definition',
        ...named(),
        any: [
          { inside: { kind: 'block', inside: { kind: 'class_definition' } } },
          {
            inside: {
              kind: 'decorated_definition',
              inside: { kind: 'block', inside: { kind: 'class_definition' } },
            },
          },
        ],
      },
    },
    simple('function', 'function_definition'),
    simple('class', 'class_definition'),
  ],
  go: [
    simple('function', 'function_declaration'),
    simple('method', 'method_declaration'),
    {
      kind: 'struct',
      rule: { kind: 'type_spec', all: [named(), { has: { field: 'type', kind: 'struct_type' } }] },
    },
    {
      kind: 'interface',
      rule: { kind: 'type_spec', all: [named(), { has: { field: 'type', kind: 'interface_type' } }] },
    },
    simple('type', 'type_spec'),
  ],
  rust: [
    {
      kind: 'method',
      rule: {
        kind: 'function_item',
        ...named(),
        inside: { kind: 'declaration_list', inside: kinds('impl_item', 'trait_item') },
      },
    },
    simple('function', 'function_item'),
    { kind: 'impl', rule: { kind: 'impl_item', ...named('type') } },
    simple('struct', 'struct_item'),
    simple('enum', 'enum_item'),
    simple('trait', 'trait_item'),
    simple('module', 'mod_item'),
  ],
  java: [
    simple('method', 'method_declaration', 'constructor_declaration'),
    simple('class', 'class_declaration', 'record_declaration'),
    simple('interface', 'interface_declaration'),
    simple('enum', 'enum_declaration'),
  ],
  csharp: [
    simple('method', 'method_declaration', 'constructor_declaration'),
    simple('class', 'class_declaration', 'record_declaration'),
    simple('struct', 'struct_declaration'),
    simple('interface', 'interface_declaration'),
    simple('enum', 'enum_declaration'),
    simple('module', 'namespace_declaration'),
  ],
  php: [
    simple('function', 'function_definition'),
    simple('method', 'method_declaration'),
    simple('class', 'class_declaration'),
    simple('interface', 'interface_declaration'),
    simple('trait', 'trait_declaration'),
  ],
  ruby: [
    simple('method', 'method', 'singleton_method'),
    simple('class', 'class'),
    simple('module', 'module'),
  ],
  c: [cFunction, withBody('struct', 'struct_specifier')],
  cpp: [
    cFunction,
    withBody('class', 'class_specifier'),
    withBody('struct', 'struct_specifier'),
    simple('module', 'namespace_definition'),
  ],
};
