// The README's snippets, by name: the fenced block right after a `<!-- snippet: <name> … -->` marker. The newcomer
// tests (test/eslint-readme.test.ts, scripts/package-test.mjs) run them as written, so the README cannot drift.
import { readFileSync } from "node:fs";

/** The code of README.md's snippet `name` (without its fences); throws when the marker or its block is missing. */
export function readmeSnippet(readmePath, name) {
  const readme = readFileSync(readmePath, "utf8");
  const marker = readme.indexOf(`<!-- snippet: ${name}`);
  if (marker === -1) throw new Error(`${readmePath} has no snippet marker "<!-- snippet: ${name}"`);
  const block = /-->\r?\n```[a-z]*\r?\n([\s\S]*?)^```$/m.exec(readme.slice(marker));
  if (!block || readme.slice(marker, marker + block.index).includes("\n\n"))
    throw new Error(`${readmePath}: the snippet marker "${name}" is not followed by a fenced code block`);
  return block[1];
}
