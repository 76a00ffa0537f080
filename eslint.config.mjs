// Lints the project's own code (`npm run lint`): typescript-eslint's strict type-checked config for the TypeScript
// sources and tests, ESLint's recommended rules for the plain JavaScript scripts.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  {
    // Inputs the tool reads, generated output and installed tools: not the project's own code.
    ignores: ["fixtures/", "examples/", "dist/", "test/data/", "bench/corpus*/", "bench/out/", ".tools/", "spec/", "**/node_modules/"],
  },
  {
    // A disable comment that no longer disables anything is an error: each one carries a reason that must stay true.
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },
  {
    files: ["**/*.{js,mjs,cjs}"],
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: "latest", globals: { ...globals.node } },
  },
  {
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
  },
  {
    files: ["**/*.{ts,cts,mts}"],
    extends: [js.configs.recommended, tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A lookup already checked (a Map hit after `has`, a regex group that must match) is asserted with `!`:
      // the house style, and rewriting 250 of them as runtime checks would add branches no test can reach.
      "@typescript-eslint/no-non-null-assertion": "off",
      // Numbers in messages (`line:column`, counts) are the norm; other non-strings (an `undefined` in a message) stay
      // flagged. The rule's options replace the preset's, so every one is spelt out.
      "@typescript-eslint/restrict-template-expressions": [
        "error",
        { allowNumber: true, allowAny: false, allowBoolean: false, allowNullish: false, allowRegExp: false, allowNever: false, allowArray: false },
      ],
      // tsconfig has no noUncheckedIndexedAccess, so a guard on `node.arguments[1]` or `record[key]` reads as
      // "always truthy" here: the rule would have us delete real runtime checks.
      "@typescript-eslint/no-unnecessary-condition": "off",
      // `(x) => list.push(x)` and `return context.report(...)` in a void function are the house idiom, not confusion.
      "@typescript-eslint/no-confusing-void-expression": ["error", { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true }],
    },
  },
  {
    files: ["test/**/*.ts"],
    rules: {
      // A test's failure label may print `null` or `undefined` (a fatal message has no rule id): that is the point.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true, allowNullish: true, allowAny: true }],
      // Tests read untyped JSON (CLI output, LSP messages, SARIF) and use vitest's asymmetric matchers, which are
      // typed `any`; the assertions themselves check the shape.
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
);
