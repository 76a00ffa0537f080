// The parser the ESLint plugin's recommended config gives TypeScript files: `@typescript-eslint/parser` (an optional
// peer dependency), loaded on the first TypeScript file, so a JavaScript-only project never loads TypeScript. When
// it is not installed, each TypeScript file fails with an error that names it and how to install it: never skipped.
import { createRequire } from "node:module";
import path from "node:path";
import type { Linter } from "eslint";
import { packageVersion } from "../package-info.js";

export const TYPESCRIPT_PARSER = "@typescript-eslint/parser";

type ParseForESLint = (text: string, options?: unknown) => Linter.ESLintParseResult;

/**
 * `@typescript-eslint/parser` as the first of `places` (module URLs or file paths to resolve from) that has it; an
 * error naming the package and the command that installs it when none has.
 */
export function requireTypescriptParser(places: readonly string[]): ParseForESLint {
  for (const place of places) {
    let parser: { parseForESLint?: ParseForESLint };
    try {
      parser = createRequire(place)(TYPESCRIPT_PARSER) as { parseForESLint?: ParseForESLint };
    } catch (error) {
      // Only the parser itself missing moves on; a parser that fails to load (its own dependency missing) says why.
      if ((error as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND" && (error as Error).message.includes(`'${TYPESCRIPT_PARSER}'`)) continue;
      throw error;
    }
    if (typeof parser.parseForESLint !== "function") throw new Error(`intercom-migrate: ${TYPESCRIPT_PARSER} has no parseForESLint()`);
    return parser.parseForESLint.bind(parser);
  }
  throw new Error(
    `intercom-migrate: linting TypeScript needs ${TYPESCRIPT_PARSER}, which is not installed. ` +
      `Install it next to ESLint: npm install --save-dev ${TYPESCRIPT_PARSER}`,
  );
}

let loaded: ParseForESLint | undefined;

/**
 * An ESLint parser that hands TypeScript files to `@typescript-eslint/parser`, found beside this package (npm's
 * layout, pnpm's peers) or else from the folder ESLint runs in (a linked copy of this package).
 */
export const typescriptParser: Linter.Parser = {
  meta: { name: "intercom-migrate/typescript-parser", version: packageVersion() },
  parseForESLint: (text, options) => (loaded ??= requireTypescriptParser([import.meta.url, path.join(process.cwd(), "package.json")]))(text, options),
};
