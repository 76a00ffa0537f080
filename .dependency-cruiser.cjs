// The import graph of src/ and rules/ (`npm run check:cycles`): no module may import itself back through others.
// Imports name the compiled file (`./engine.js`); with the tsconfig they resolve to the source (`engine.ts`).
//
// The graph is the run-time one: `import type` is left out (tsPreCompilationDeps: false). Cycles closed only by
// type imports are listed by `npm run check:cycles:types`, which adds them.
// TODO(issue 17): today src/core/types.ts imports the Resolver and RequestFinder classes as types, which closes
// about a dozen cycles through the core; once rules ask the context questions instead, make check:cycles the
// stricter check (add --ts-pre-compilation-deps).

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "A module imports itself back through others: move what both need into a module both can import.",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: false,
    tsConfig: { fileName: "tsconfig.json" },
  },
};
