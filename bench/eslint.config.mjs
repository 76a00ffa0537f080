// ESLint with the intercom-migrate plugin (no type information), for the benchmark: the recommended configs (every
// JavaScript and TypeScript extension, @typescript-eslint/parser for TypeScript), every file as a module.
import intercom from "../dist/src/frontends/eslint-plugin.js";

export default [...intercom.configs.recommended, { files: ["**/*.{js,jsx,mjs,cjs}"], languageOptions: { ecmaVersion: "latest", sourceType: "module" } }];
