// The house's import rules (the never-arrows of the design): data flows
// scenario -> sim -> trace -> checkers -> report, and nothing flows back.
//   npm run lint     fails on any import that breaks a rule and is not in
//                    .dependency-cruiser-known-violations.json
// The known-violations file records the wrong imports that existed when the
// lint came in, so they can be fixed one by one while any NEW one fails.
// After fixing one, regenerate it (see the README's "Testing" section).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'protocol-imports-only-core',
      comment: 'Protocols are pure state machines: they import core/ (and each other) only.',
      severity: 'error',
      from: { path: '^protocol/' },
      to: { path: '^(sim|scenarios|checkers|traces|cli|bench|test)/|^index\\.ts$' },
    },
    {
      name: 'checkers-never-import-sim-or-protocol',
      comment: 'Checkers are functions over traces; they know nothing of how a trace was made.',
      severity: 'error',
      from: { path: '^checkers/' },
      to: { path: '^(sim|protocol|cli)/' },
    },
    {
      name: 'traces-never-import-sim-or-protocol',
      comment: 'The trace format and its readers and exporters stand alone.',
      severity: 'error',
      from: { path: '^traces/' },
      to: { path: '^(sim|protocol|cli)/' },
    },
    {
      name: 'core-imports-nothing',
      comment: 'core/ is the leaf every folder may import.',
      severity: 'error',
      from: { path: '^core/' },
      to: { path: '^(protocol|sim|scenarios|checkers|traces|cli|bench|test)/' },
    },
    {
      name: 'sim-never-imports-cli',
      comment: 'The command line is a thin shell over the library, never the other way.',
      severity: 'error',
      from: { path: '^sim/' },
      to: { path: '^cli/' },
    },
    {
      name: 'product-never-imports-test-or-bench',
      comment: 'Tests and benchmarks are not part of the package.',
      severity: 'error',
      from: { pathNot: '^(test|bench)/' },
      to: { path: '^(test|bench)/' },
    },
  ],
  options: {
    includeOnly: { path: '^(core|protocol|sim|scenarios|checkers|traces|cli|bench|test)/|^index\\.ts$' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.d.ts'],
    },
  },
};
