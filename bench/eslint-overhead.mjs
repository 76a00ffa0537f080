// What the ESLint plugin adds to ESLint's own time: ESLint with no rules, with 1 and with as many rules that do nothing (what ESLint
// charges for rules being on at all), and with the plugin's recommended rules — same files, same parsers
// (typescript-eslint's for TypeScript, espree for JavaScript), on the generated TypeScript project of typed-corpus.mjs
// (its tsconfig.json turns type-aware mode on), with the plugin's default settings and with type-aware mode off; then
// where ESLint's own charge for rules comes from (bench/eslint-rule-charge.mjs).
// Alone: node bench/eslint-overhead.mjs (prints its RESULTS.md section; BENCH_RUNS, BENCH_DIR as for run.mjs).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ruleCharge } from "./eslint-rule-charge.mjs";
import { interleaved } from "./timing.mjs";
import { buildTypedCorpus } from "./typed-corpus.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const FILES = 2000;

/**
 * An ESLint flat config: the same parsers for every variant. `rules`: false (none), a number of rules that do nothing
 * (named as the plugin's are, given in `ids`: the plugin itself is not loaded), or true (the plugin's recommended rules).
 */
function configText(root, { rules, types }, ids) {
  const require = createRequire(path.join(root, "package.json"));
  const parser = pathToFileURL(require.resolve("@typescript-eslint/parser")).href;
  const plugin = pathToFileURL(path.join(root, "dist", "src", "frontends", "eslint-plugin.js")).href;
  const lines = [`import tsParser from ${JSON.stringify(parser)};`];
  let recommended = "";
  if (typeof rules === "number") {
    // Rules that do nothing: what ESLint itself charges for rules being on at all.
    lines.push(
      `const emptyRules = Object.fromEntries(${JSON.stringify(ids.slice(0, rules))}.map((id) => [id, { meta: { type: "problem", schema: [] }, create: () => ({}) }]));`,
    );
    recommended = `plugins: { empty: { rules: emptyRules } }, rules: Object.fromEntries(Object.keys(emptyRules).map((id) => ["empty/" + id, "error"])),`;
  } else if (rules) {
    lines.push(`import intercom from ${JSON.stringify(plugin)};`);
    recommended = `plugins: intercom.configs.recommended[0].plugins, rules: intercom.configs.recommended[0].rules,${types === false ? ` settings: { "intercom-migrate": { types: false } },` : ""}`;
  }
  return `${lines.join("\n")}
export default [
  { files: ["**/*.{js,jsx,mjs,cjs}"], ${recommended} languageOptions: { ecmaVersion: "latest", sourceType: "module" } },
  { files: ["**/*.{ts,tsx,mts,cts}"], ${recommended} languageOptions: { parser: tsParser } },
];
`;
}

const percentOver = (value, base) => `${(((value - base) / base) * 100).toFixed(1)} %`;

function problemsIn(file) {
  return JSON.parse(readFileSync(file, "utf8")).reduce((sum, result) => sum + result.messages.length, 0);
}

export async function run({ root = ROOT, work, runs = 5 }) {
  const dir = path.join(work, "eslint-project");
  process.stderr.write(`building the project for ESLint (${FILES} modules) in ${dir}\n`);
  const size = buildTypedCorpus(dir, FILES);
  mkdirSync(work, { recursive: true });
  const eslintBin = path.join(root, "node_modules", "eslint", "bin", "eslint.js");
  const { default: plugin } = await import(pathToFileURL(path.join(root, "dist", "src", "frontends", "eslint-plugin.js")).href);
  const ids = Object.keys(plugin.rules);
  const variants = [
    ["ESLint, no rules", { rules: false }],
    ["ESLint + 1 rule that does nothing", { rules: 1 }],
    [`ESLint + ${ids.length} rules that do nothing (as many as the plugin has)`, { rules: ids.length }],
    ["ESLint + plugin (types off)", { rules: true, types: false }],
    ["ESLint + plugin (default: type-aware, tsconfig.json found)", { rules: true }],
  ];
  const commands = variants.map(([label, options], i) => {
    const config = path.join(work, `eslint-overhead-${i}.config.mjs`);
    writeFileSync(config, configText(root, options, ids));
    const out = path.join(work, `eslint-overhead-${i}.json`);
    return {
      label,
      out,
      command: process.execPath,
      // Run from the project folder: ESLint ignores files outside its base path.
      args: [eslintBin, "--config", config, "--no-warn-ignored", "--format", "json", "--output-file", out, "."],
      options: { cwd: dir },
    };
  });
  const results = interleaved(commands, runs);
  const [none] = results;
  const problems = commands.map((c) => problemsIn(c.out));
  if (problems[0] !== 0) throw new Error(`ESLint with no rules reported ${problems[0]} problems (parse errors?)`);
  const rows = results.map(
    (r, i) =>
      `| ${r.label} | ${r.seconds.toFixed(2)} | ${i === 0 ? "–" : `**${percentOver(r.seconds, none.seconds)}**`} | ${r.cpu.toFixed(2)} | ${i === 0 ? "–" : percentOver(r.cpu, none.cpu)} | ${r.mb.toFixed(0)} | ${problems[i]} |`,
  );
  const [, one, empty, typesOff, typesOn] = results;
  const markdown = [
    "## ESLint plugin overhead",
    "",
    `ESLint on the generated TypeScript project (${size.files} modules, ${(size.bytes / 2 ** 20).toFixed(1)} MB; ${size.intercom + size.sent} talk to Intercom), ` +
      `the same parser for every variant; median of ${runs} runs each, the variants alternating, after one warm-up run; peak = largest max RSS. ` +
      "Only the plugin's rows load the plugin.",
    "",
    "| ESLint run | median s | over no rules | median CPU s | CPU over no rules | peak MB | problems |",
    "|---|---:|---:|---:|---:|---:|---:|",
    ...rows,
    "",
    `ESLint charges ${percentOver(one.cpu, none.cpu)} CPU for one rule that does nothing and ${percentOver(empty.cpu, none.cpu)} for ${ids.length}: ` +
      "a charge for rules being on at all, not per rule. Over the same number of rules that do nothing, the plugin " +
      `adds ${percentOver(typesOff.cpu, empty.cpu)} CPU with type-aware mode off and ${percentOver(typesOn.cpu, empty.cpu)} with it on ` +
      "(a TypeScript program for the files that mention Intercom and what they import, built once). On a file the prefilter rules out, " +
      "the plugin's rules register no listener.",
    "",
    "Where ESLint's charge comes from:",
    "",
    ruleCharge(path.join(dir, "src")),
    "For every file, each enabled rule's context is `Object.create(fileContext)` (`lib/linter/file-context.js`, `extend`), which makes that " +
      "file's context object a prototype, and V8's garbage collector pays for that. The second row builds the same frozen objects without " +
      "Object.create: compare its columns with the first row's. Any plugin with any rule on pays this charge, whatever its rules do; what a " +
      "plugin controls is its cost over rules that do nothing (last column; a few files of 400 mention Intercom, so the difference is small " +
      "beside the run-to-run spread).",
    "",
  ].join("\n");
  return { markdown, results, size };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const work = process.env.BENCH_DIR ?? path.join(os.tmpdir(), "intercom-migrate-bench");
  const { markdown } = await run({ root: ROOT, work, runs: Number(process.env.BENCH_RUNS ?? 5) });
  process.stdout.write(markdown);
}
