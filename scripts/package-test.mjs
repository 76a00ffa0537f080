#!/usr/bin/env node
// The packaging test, as a newcomer meets the package: `npm pack`, then README.md's own commands, read from the
// README (by their snippet markers) and run as written in a fresh project: the Install section's `npm install` of
// the tarball (no install script, no npm warning about one), `npx intercom-migrate check` on the example app, and
// the ESLint set-up (without @typescript-eslint/parser first: TypeScript files fail with an error naming it; then
// the README's install line, and both config snippets: the example's 26 findings, as check gives them). Then the
// installed package's other entry points: jscodeshift, the codemod folder, the API's types.
// Prints the tarball size, unpacked size and the number of packages `npm install intercom-migrate` pulls.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { readmeSnippet } from "./readme-snippets.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const README = path.join(ROOT, "README.md");
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

// The README's layout: the clone (where `npm pack` writes the tarball) and the project side by side.
const work = mkdtempSync(path.join(tmpdir(), "intercom-migrate-pack-"));
const clone = path.join(work, "intercom-migrate");
mkdirSync(clone);
console.log(`packing into ${clone}`);
const packed = JSON.parse(
  execFileSync("npm", ["pack", "--json", "--pack-destination", clone], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }),
)[0];
const tarball = path.join(clone, packed.filename);
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

// A newcomer's project: a package.json as `npm init -y` writes it (CommonJS) and the example app's sources.
const consumer = path.join(work, "your-project");
cpSync(path.join(ROOT, "examples"), path.join(consumer, "examples"), { recursive: true });
writeFileSync(path.join(consumer, "package.json"), JSON.stringify({ name: "your-project", version: "1.0.0", private: true }, null, 2));
const sh = (line) => run("sh", ["-c", line], consumer);
/** The one line of a README snippet that starts so (the Install snippet also clones and packs, done above). */
const readmeLine = (name, start) => {
  const lines = readmeSnippet(README, name)
    .split("\n")
    .filter((line) => line.startsWith(start));
  assert.equal(lines.length, 1, `README snippet ${name}: one line starting "${start}"`);
  return lines[0].replace(/\s+#.*$/, "");
};

const installLine = readmeLine("install-tarball", "npm install");
check("the README's Install line names the tarball npm pack made", () => {
  assert.ok(installLine.endsWith(`../intercom-migrate/${packed.filename}`), installLine);
});
const install = sh(installLine);
if (install.status !== 0) {
  console.log(install.stdout, install.stderr);
  process.exit(1);
}
check("installing the tarball as the README says runs no script of ours and prints no warning", () => {
  assert.doesNotMatch(install.stdout + install.stderr, /install-scripts|prepare|warn/i, install.stdout + install.stderr);
  const installed = JSON.parse(readFileSync(path.join(consumer, "node_modules", "intercom-migrate", "package.json"), "utf8"));
  for (const script of ["preinstall", "install", "postinstall", "prepare"]) assert.equal(installed.scripts?.[script], undefined, script);
});

/** `file rule line:column-endLine:endColumn`, sorted, from ESLint's JSON shape (check --format json has it too). */
const describeResults = (stdout, prefix = "") =>
  JSON.parse(stdout)
    .flatMap((r) =>
      r.messages.map(
        (m) =>
          `${path.relative(consumer, r.filePath)} ${m.ruleId === null ? `fatal: ${m.message}` : m.ruleId.slice(prefix.length)} ${m.line}:${m.column}-${m.endLine}:${m.endColumn}`,
      ),
    )
    .sort();
let checkFindings = [];
check("npx intercom-migrate check examples: the example app's 26 problems", () => {
  const result = run("npx", ["--no-install", "intercom-migrate", "check", "examples"], consumer, { env: { ...process.env, NO_COLOR: "1" } });
  assert.equal(result.status, 1, result.stderr);
  assert.match(result.stdout, /26 problems \(16 errors, 10 warnings\)/, result.stdout);
  checkFindings = describeResults(run("npx", ["--no-install", "intercom-migrate", "check", "--format", "json", "examples"], consumer).stdout);
  assert.equal(checkFindings.length, 26);
});

check("npx intercom-migrate check --format json on the example app = the repository's CLI", () => {
  const viaPackage = run("npx", ["--no-install", "intercom-migrate", "check", "--format", "json", "examples"], consumer);
  const viaRepo = run(process.execPath, [path.join(ROOT, "bin", "intercom-migrate.js"), "check", "--format", "json", "examples"], consumer);
  assert.equal(viaPackage.status, 1);
  const strip = (out) => JSON.parse(out).map((r) => ({ ...r, filePath: path.relative(consumer, r.filePath) }));
  assert.deepEqual(strip(viaPackage.stdout), strip(viaRepo.stdout));
});

check("npx intercom-migrate --version and --help", () => {
  const version = run("npx", ["--no-install", "intercom-migrate", "--version"], consumer);
  assert.equal(version.stdout.trim(), JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).version);
  assert.match(run("npx", ["--no-install", "intercom-migrate", "check", "--help"], consumer).stdout, /Usage: intercom-migrate check/);
});

// ESLint, first without the optional @typescript-eslint/parser: TypeScript files fail, never skipped in silence.
const eslintInstallLine = readmeLine("eslint-install", "npm install");
const eslintOnly = sh(eslintInstallLine.replace(/\s+@typescript-eslint\/parser\b/, ""));
assert.equal(eslintOnly.status, 0, eslintOnly.stderr);
writeFileSync(path.join(consumer, "eslint.config.mjs"), readmeSnippet(README, "eslint-esm"));
const eslint = () => run("npx", ["--no-install", "eslint", "--format", "json", "examples"], consumer);
check("ESLint with the README's config and no @typescript-eslint/parser: each TypeScript file names it", () => {
  const result = eslint();
  const fatal = describeResults(result.stdout, "intercom-migrate/").filter((line) => line.includes("fatal:"));
  assert.equal(fatal.length, 5, result.stdout + result.stderr);
  for (const line of fatal) {
    assert.match(line, /^examples\/\S+\.tsx? fatal: Parsing error: intercom-migrate: linting TypeScript needs @typescript-eslint\/parser/, line);
    assert.match(line, /npm install --save-dev @typescript-eslint\/parser/, line);
  }
});
const eslintInstall = sh(eslintInstallLine);
assert.equal(eslintInstall.status, 0, eslintInstall.stderr);
for (const [name, configFile] of [
  ["eslint-esm", "eslint.config.mjs"],
  ["eslint-cjs", "eslint.config.js"],
]) {
  check(`ESLint with the README's ${name} snippet in ${configFile}: the 26 findings check gives`, () => {
    for (const file of ["eslint.config.mjs", "eslint.config.js"]) rmSync(path.join(consumer, file), { force: true });
    writeFileSync(path.join(consumer, configFile), readmeSnippet(README, name));
    const result = eslint();
    assert.equal(result.status, 1, result.stderr);
    assert.deepEqual(describeResults(result.stdout, "intercom-migrate/"), checkFindings);
  });
}

const tools = sh("npm install --no-audit --no-fund --save-dev jscodeshift@17 typescript@5");
assert.equal(tools.status, 0, tools.stderr);

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
    path.join(consumer, "use.mts"),
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
      files: ["use.mts"],
    }),
  );
  const tsc = run("npx", ["--no-install", "tsc", "-p", "tsconfig.json"], consumer);
  assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
});

check("the runtime guard loads from the tarball: require, import, --import register, and only its bundle ships", () => {
  assert.ok(files.includes("dist/runtime/index.cjs") && files.includes("dist/runtime/register.cjs") && files.includes("dist/src/runtime/index.d.cts"));
  assert.deepEqual(
    files.filter((file) => /^dist\/src\/runtime\/.*\.cjs$/.test(file)),
    [],
    "tsc's per-module runtime files are not shipped",
  );
  writeFileSync(
    path.join(consumer, "guard.mjs"),
    [
      `import { inspectRequest } from "intercom-migrate/runtime";`,
      `import { createRequire } from "node:module";`,
      `const required = createRequire(import.meta.url)("intercom-migrate/runtime");`,
      `const found = inspectRequest({ method: "PUT", url: "https://api.intercom.io/tickets/1", headers: {}, body: JSON.stringify({ assignment: { admin_id: "1", assignee_id: "2" } }) });`,
      `console.log(required.inspectRequest === inspectRequest, found.findings.map((f) => f.ruleId).join(","));`,
    ].join("\n"),
  );
  const guard = run(process.execPath, ["--import", "intercom-migrate/runtime/register", "guard.mjs"], consumer);
  assert.equal(guard.status, 0, guard.stderr);
  assert.match(guard.stdout, /^true .*ticket-update-assignment/, guard.stdout + guard.stderr);
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
const runtimeFiles = packed.files.filter((file) => /^dist\/(src\/)?runtime\//.test(file.path));
console.log(
  `the runtime guard's share: ${runtimeFiles.length} files, ${(runtimeFiles.reduce((sum, file) => sum + file.size, 0) / 1024).toFixed(1)} kB unpacked ` +
    `(one minified bundle and its type declarations, loaded only through intercom-migrate/runtime)`,
);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
