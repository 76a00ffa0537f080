// Types of the README snippet reader used from TypeScript (test/eslint-readme.test.ts).
/** The code of README.md's snippet `name` (without its fences); throws when the marker or its block is missing. */
export function readmeSnippet(readmePath: string, name: string): string;
