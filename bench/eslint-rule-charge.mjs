// What ESLint itself charges for having any rule on, measured inside one process so the machine's load falls on every
// variant alike: ESLint's Linter verifies the same TypeScript files (typescript-eslint's parser) with 0, 1 and 9 rules
// that do nothing, and with the plugin's rules, interleaved round after round. Run once as ESLint ships, and once with its FileContext.extend
// replaced by a copy that does not make each file's context object a prototype (an experiment in this process only,
// to show where the charge comes from; nothing of ESLint's is changed on disk).
// Alone: node bench/eslint-rule-charge.mjs <folder of .ts files> [--plain-extend]
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { median } from "./timing.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const FILES = 400;
const ROUNDS = 9;
const RULE_COUNTS = [0, 1, 9];

function typescriptFiles(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== "node_modules") typescriptFiles(full, out);
    else if (entry.isFile() && full.endsWith(".ts")) out.push(full);
  }
  return out;
}

/**
 * Median CPU milliseconds of verifying the files with each rule count, then with the plugin's recommended rules
 * (type-aware mode off), in one process; the first round is not counted.
 */
async function measureHere(dir, plainExtend) {
  const require = createRequire(path.join(ROOT, "package.json"));
  const eslintDir = path.dirname(require.resolve("eslint/package.json"));
  const { Linter } = require("eslint");
  const { FlatConfigArray } = require(path.join(eslintDir, "lib", "config", "flat-config-array.js"));
  if (plainExtend) {
    const { FileContext } = require(path.join(eslintDir, "lib", "linter", "file-context.js"));
    // The same frozen object with the same properties, without Object.create(fileContext).
    FileContext.prototype.extend = function extend(extension) {
      return Object.freeze(Object.assign(Object.create(FileContext.prototype), this, extension));
    };
  }
  const parser = require("@typescript-eslint/parser");
  const files = typescriptFiles(dir)
    .slice(0, FILES)
    .map((file) => [file, readFileSync(file, "utf8")]);
  const configs = RULE_COUNTS.map((count) => {
    const rules = Object.fromEntries(Array.from({ length: count }, (_, i) => [`r${i}`, { meta: { type: "problem", schema: [] }, create: () => ({}) }]));
    const array = new FlatConfigArray([
      {
        files: ["**/*.ts"],
        plugins: { empty: { rules } },
        rules: Object.fromEntries(Object.keys(rules).map((id) => [`empty/${id}`, "error"])),
        languageOptions: { parser },
      },
    ]);
    array.normalizeSync();
    return array;
  });
  const { default: plugin } = await import(pathToFileURL(path.join(ROOT, "dist", "src", "frontends", "eslint-plugin.js")).href);
  const recommended = plugin.configs.recommended[0];
  const withPlugin = new FlatConfigArray([
    {
      files: ["**/*.ts"],
      plugins: recommended.plugins,
      rules: recommended.rules,
      settings: { "intercom-migrate": { types: false } },
      languageOptions: { parser },
    },
  ]);
  withPlugin.normalizeSync();
  configs.push(withPlugin);
  const linter = new Linter({ cwd: dir });
  const times = configs.map(() => []);
  for (let round = 0; round <= ROUNDS; round++) {
    // Each round starts with a different variant, so none always follows the same one.
    for (let k = 0; k < configs.length; k++) {
      const i = (k + round) % configs.length;
      const start = process.cpuUsage();
      for (const [file, text] of files) {
        const messages = linter.verify(text, configs[i], { filename: file });
        const fatal = messages.find((message) => message.fatal);
        if (fatal || (i < RULE_COUNTS.length && messages.length > 0)) throw new Error(`${file}: ${(fatal ?? messages[0]).message}`);
      }
      const used = process.cpuUsage(start);
      if (round > 0) times[i].push((used.user + used.system) / 1000);
    }
  }
  return { files: files.length, ms: times.map(median) };
}

/** Both runs, each in its own process. */
export function ruleCharge(dir) {
  const run = (plainExtend) => {
    const args = [fileURLToPath(import.meta.url), dir, "--json", ...(plainExtend ? ["--plain-extend"] : [])];
    const result = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 24 });
    if (result.status !== 0) throw new Error(`eslint-rule-charge failed:\n${result.stderr.slice(-2000)}`);
    return JSON.parse(result.stdout);
  };
  const shipped = run(false);
  const plain = run(true);
  const over = (ms, base) => `${(((ms - base) / base) * 100).toFixed(1)} %`;
  const row = (label, { ms }) => `| ${label} | ${ms.map((m, i) => (i === 0 ? m.toFixed(0) : `${m.toFixed(0)} (${over(m, ms[0])})`)).join(" | ")} |`;
  const plugin = (run) => run.ms[RULE_COUNTS.length];
  const nine = (run) => run.ms[RULE_COUNTS.indexOf(9)];
  return [
    `ESLint's Linter in one process verifying the same ${shipped.files} TypeScript files of that project (typescript-eslint's parser) with 0, 1 and 9 rules that do nothing, ` +
      `interleaved; median CPU ms of ${ROUNDS} rounds after one warm-up round (process CPU, garbage collection included):`,
    "",
    `| ESLint ${createRequire(path.join(ROOT, "package.json"))("eslint/package.json").version} | 0 rules | 1 empty rule | 9 empty rules | the plugin's 9 rules (types off) |`,
    "|---|---:|---:|---:|---:|",
    row("as shipped", shipped),
    row("FileContext.extend without Object.create (experiment)", plain),
    "",
    `Over 9 rules that do nothing, the plugin's rules add ${over(plugin(shipped), nine(shipped))} CPU here as ESLint ships ` +
      `(${over(plugin(plain), nine(plain))} in the experiment): the text prefilter on every file, and the analysis of the files that mention Intercom.`,
    "",
  ].join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, ...flags] = process.argv.slice(2);
  if (!dir) throw new Error("usage: node bench/eslint-rule-charge.mjs <folder of .ts files> [--plain-extend] [--json]");
  if (flags.includes("--json")) process.stdout.write(JSON.stringify(await measureHere(dir, flags.includes("--plain-extend"))));
  else process.stdout.write(ruleCharge(dir));
}
