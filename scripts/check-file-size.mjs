#!/usr/bin/env node
// Fails when a source file in src/ or rules/ is over 500 lines (`npm run check:size`): a file that long holds more
// than one idea. Files already over the limit are listed below with their size today; they may shrink, not grow.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const LIMIT = 500;
const FOLDERS = ["src", "rules"];
const SOURCE = /\.(?:[cm]?[jt]s|tsx|jsx)$/;

// Files allowed over the limit for now, with their size when listed (none today): they may shrink, not grow.
const KNOWN_OVER = new Map();

/** Every source file under a folder, as a path relative to the repository root. */
function sourceFiles(folder) {
  return readdirSync(path.join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && SOURCE.test(entry.name))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
}

/** Lines as an editor numbers them: a final newline does not start another line. */
function lineCount(file) {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  return text === "" ? 0 : text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
}

const problems = [];
const seen = new Set();
for (const file of FOLDERS.flatMap(sourceFiles).sort()) {
  const lines = lineCount(file);
  const known = KNOWN_OVER.get(file);
  if (known !== undefined) seen.add(file);
  if (lines <= LIMIT) {
    if (known !== undefined) problems.push(`${file}: ${lines} lines, now within the limit: remove it from KNOWN_OVER in scripts/check-file-size.mjs`);
  } else if (known === undefined) {
    problems.push(`${file}: ${lines} lines, over the ${LIMIT}-line limit: split it by what its parts are for`);
  } else if (lines > known) {
    problems.push(`${file}: ${lines} lines, grew past its listed ${known} (already over the ${LIMIT}-line limit): split it rather than add to it`);
  }
}
for (const file of KNOWN_OVER.keys()) {
  if (!seen.has(file)) problems.push(`${file}: listed in KNOWN_OVER but no longer exists: remove the entry from scripts/check-file-size.mjs`);
}

if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  process.exit(1);
}
console.log(
  `check-file-size: every source file in ${FOLDERS.map((folder) => `${folder}/`).join(" and ")} is within ${LIMIT} lines, or within its listed size.`,
);
