#!/usr/bin/env node
// The packaging test: `npm pack`, install the tarball into a temp project, and use the *installed* package:
// the CLI on the example app (same findings as the repository's CLI), the ESLint plugin in a flat config, the
// jscodeshift transform and the codemod folder resolving from node_modules, and the API's types compiling.
// Prints the tarball size, unpacked size and the number of packages `npm install intercom-migrate` pulls.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const run = (command, args, cwd, options = {}) => {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", maxBuffer: 1 << 28, ...options });
  if (result.error) throw result.error;
  return result;
};
let passed = 0;
let failed = 0;
function check(name, fn) {
  try {
    fn();
    passed++;
    console.log(`  ✓ ${name}`);
  } catch (error) {
    failed++;
    console.log(`  ✗ ${name}\n    ${String(error.message).split("\n").join("\n    ")}`);
  }
}

const work = mkdtempSync(path.join(tmpdir(), "intercom-migrate-pack-"));
console.log(`packing into ${work}`);
const packed = JSON.parse(
  execFileSync("npm", ["pack", "--json", "--pack-destination", work], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }),
)[0];
const tarball = path.join(work, packed.filename);
const files = packed.files.map((f) => f.path);

check("the tarball holds what runs and nothing else", () => {
  for (const needed of [
    "bin/intercom-migrate.js",
    "dist/src/frontends/cli.js",
    "dist/cli/cli.js",
    "dist/cli/pool-worker.js",
    "dist/src/index.d.ts",
    "dist/src/frontends/eslint-plugin.js",
    "dist/rules/index.js",
    "jscodeshift.cjs",
    "codemod/codemod.yaml",
    "codemod/workflow.yaml",
    "README.md",
    "package.json",
  ]) {
    assert.ok(files.includes(needed), `missing ${needed}`);
  }
  for (const file of files)
    assert.ok(!/^(test|fixtures|bench|examples|src\/.*\.ts$|scripts)\b/.test(file) || file.endsWith(".d.ts"), `should not ship ${file}`);
});

const consumer = path.join(work, "consumer");
cpSync(path.join(ROOT, "examples"), path.join(consumer, "examples"), { recursive: true });
writeFileSync(path.join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2));
const install = run("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", tarball, "eslint@9", "jscodeshift@17", "typescript@5"], consumer);
if (install.status !== 0) {
  console.log(install.stdout, install.stderr);
  process.exit(1);
}

check("npx intercom-migrate --version and --help", () => {
  const version = run("npx", ["--no-install", "intercom-migrate", "--version"], consumer);
  assert.equal(version.stdout.trim(), JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).version);
  assert.match(run("npx", ["--no-install", "intercom-migrate", "check", "--help"], consumer).stdout, /Usage: intercom-migrate check/);
});

check("npx intercom-migrate check --format json on the example app = the repository's CLI", () => {
  const viaPackage = run("npx", ["--no-install", "intercom-migrate", "check", "--format", "json", "examples"], consumer);
  const viaRepo = run(process.execPath, [path.join(ROOT, "bin", "intercom-migrate.js"), "check", "--format", "json", "examples"], consumer);
  assert.equal(viaPackage.status, 1);
  const strip = (out) => JSON.parse(out).map((r) => ({ ...r, filePath: path.relative(consumer, r.filePath) }));
  assert.deepEqual(strip(viaPackage.stdout), strip(viaRepo.stdout));
  assert.ok(strip(viaPackage.stdout).some((r) => r.messages.length > 0));
});

check("the ESLint plugin loads in a flat config and reports", () => {
  writeFileSync(
    path.join(consumer, "eslint.config.js"),
    `import intercom from "intercom-migrate/eslint";\nexport default [{ files: ["**/*.{js,mjs,cjs}"] }, intercom.configs.recommended];\n`,
  );
  const eslint = run("npx", ["--no-install", "eslint", "--format", "json", "examples/src/notifications/email.js"], consumer);
  const messages = JSON.parse(eslint.stdout)[0].messages.map((m) => m.ruleId);
  assert.ok(messages.includes("intercom-migrate/message-recipients-array"), eslint.stdout + eslint.stderr);
});

check("the jscodeshift transform and the codemod folder resolve from node_modules", () => {
  const resolved = run(
    process.execPath,
    ["-e", `console.log(require.resolve("intercom-migrate/jscodeshift")); console.log(require.resolve("intercom-migrate/codemod/codemod.yaml"))`],
    consumer,
  );
  assert.equal(resolved.status, 0, resolved.stderr);
  const jscodeshift = run(
    "npx",
    [
      "--no-install",
      "jscodeshift",
      "--no-babel",
      "--dry",
      "-t",
      resolved.stdout.split("\n")[0],
      "--parser=tsx",
      "--extensions=ts,tsx,js,jsx,mjs,cjs",
      "examples/src",
    ],
    consumer,
  );
  assert.match(jscodeshift.stdout, /\d+ ok/, jscodeshift.stdout + jscodeshift.stderr);
});

check("the API's types compile in a tiny TypeScript consumer", () => {
  writeFileSync(
    path.join(consumer, "use.ts"),
    [
      `import { checkText, fixText, type Finding } from "intercom-migrate";`,
      `const result = fixText({ text: "const x = 1;", filePath: "a.ts" });`,
      `const output: string = result.output;`,
      `const findings: Finding[] = checkText({ text: output, filePath: "a.ts" }).findings;`,
      `console.log(findings.length);`,
    ].join("\n"),
  );
  writeFileSync(
    path.join(consumer, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: false },
      files: ["use.ts"],
    }),
  );
  const tsc = run("npx", ["--no-install", "tsc", "-p", "tsconfig.json"], consumer);
  assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
});

// Install weight: a project that installs only intercom-migrate, with and without the optional ts-morph.
const countPackages = (dir) =>
  Object.keys(JSON.parse(readFileSync(path.join(dir, "node_modules", ".package-lock.json"), "utf8")).packages).filter((p) => p.startsWith("node_modules/"))
    .length;
const weigh = (name, extra) => {
  const dir = path.join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, private: true }));
  const result = run("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", ...extra, tarball], dir);
  if (result.status !== 0) throw new Error(result.stderr);
  return countPackages(dir);
};
const plain = weigh("weight-plain", ["--omit=optional"]);
const full = weigh("weight-full", []);
console.log(
  `\npackage ${packed.filename}: tarball ${(statSync(tarball).size / 1024).toFixed(1)} kB, unpacked ${(packed.unpackedSize / 1024).toFixed(1)} kB, ${files.length} files; ` +
    `npm install intercom-migrate pulls ${plain} packages (${full} with the optional ts-morph for type-aware mode)`,
);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
