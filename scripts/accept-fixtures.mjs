#!/usr/bin/env node
// Writes `.output` and `.findings` for fixtures that lack them, from the current engine, for a person to review.
// Usage: node scripts/accept-fixtures.mjs [--force] [rule-id]   (run `npm run build` first)
import { existsSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Engine } from "../dist/src/core/engine.js";
import { RULES } from "../dist/rules/index.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const force = process.argv.includes("--force");
const only = process.argv.slice(2).find((a) => !a.startsWith("--"));
const engines = new Map();
/** The engine for a case: with the settings of `<case>.config.json` when there is one. */
const engineFor = (configPath) => {
  const settings = existsSync(configPath) ? JSON.parse(readFileSync(configPath, "utf8")).settings : undefined;
  const key = JSON.stringify(settings ?? null);
  if (!engines.has(key)) engines.set(key, new Engine({ rules: RULES, settings }));
  return engines.get(key);
};
const describe = (findings) =>
  findings.map((f) => `${f.ruleId} ${f.loc.start.line}:${f.loc.start.column}-${f.loc.end.line}:${f.loc.end.column} ${f.edits ? "fix" : "review"}`).join("\n");

for (const rule of readdirSync(path.join(root, "fixtures"))) {
  if (only && rule !== only) continue;
  const dir = path.join(root, "fixtures", rule);
  if (!statSync(dir).isDirectory()) continue;
  for (const file of readdirSync(dir)) {
    const match = /^(.*)\.input\.([a-z]+)$/.exec(file);
    if (!match || match[1].startsWith("no-change-")) continue;
    const [, name, ext] = match;
    const input = readFileSync(path.join(dir, file), "utf8");
    const findingsPath = path.join(dir, `${name}.findings`);
    const outputPath = path.join(dir, `${name}.output.${ext}`);
    if (!force && existsSync(findingsPath)) continue;
    const engine = engineFor(path.join(dir, `${name}.config.json`));
    const findings = engine.analyze(input, path.join(dir, file)).findings;
    writeFileSync(findingsPath, describe(findings) + "\n");
    const { output } = engine.fix(input, path.join(dir, file));
    if (output !== input) writeFileSync(outputPath, output);
    else if (existsSync(outputPath)) unlinkSync(outputPath);
    console.log(`${rule}/${name}: ${findings.length} finding(s)${output !== input ? ", output written" : ""}`);
  }
}
