// ESLint with the intercom-migrate plugin (no type information), for the benchmark.
import tsParser from "@typescript-eslint/parser";
import intercom from "../dist/src/frontends/eslint-plugin.js";

export default [
  {
    files: ["**/*.{js,jsx,mjs,cjs}"],
    ...intercom.configs.recommended,
    languageOptions: { ecmaVersion: "latest", sourceType: "module", parserOptions: { ecmaFeatures: { jsx: true } } },
  },
  { files: ["**/*.{ts,tsx,mts,cts}"], ...intercom.configs.recommended, languageOptions: { parser: tsParser } },
];
