#!/usr/bin/env node
// Generates rules/README.md, the rules index, from rules/*.md (title line, severity line, first paragraph).
// Usage: node scripts/build-rules-index.mjs [--check]   (--check: exit 1 when the committed index is stale)
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const RULES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "rules");

export function rulesIndex() {
  const rows = [];
  for (const name of readdirSync(RULES_DIR).sort()) {
    if (!name.endsWith(".md") || name === "README.md") continue;
    const doc = readFileSync(path.join(RULES_DIR, name), "utf8");
    const id = /^# (.+)$/m.exec(doc)[1].trim();
    const meta = /^\*\*Severity:\*\* (\w+) · \*\*Fix:\*\* (.+)$/m.exec(doc);
    const summary = doc.split(/\n\n/).find((block, index) => index > 1 && !block.startsWith("#") && !block.startsWith("**"))?.replace(/\s*\n\s*/g, " ") ?? "";
    rows.push(`| [\`${id}\`](${name}) | ${meta?.[1] ?? "?"} | ${meta?.[2] ?? "?"} | ${summary} |`);
  }
  return [
    "# Rules",
    "",
    "Generated from the rule docs by `npm run rules-index`; do not edit by hand.",
    "",
    "| rule | severity | fix | what it is about |",
    "|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const target = path.join(RULES_DIR, "README.md");
  const text = rulesIndex();
  if (process.argv.includes("--check")) {
    if (readFileSync(target, "utf8") !== text) {
      console.error("rules/README.md is stale: run npm run rules-index");
      process.exit(1);
    }
  } else {
    writeFileSync(target, text);
  }
}
