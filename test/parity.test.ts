// Every front-end, every fixture: the same findings and the same fixed bytes as `intercom-migrate check` / `fix`.
// Rule fixtures (those with a `<case>.config.json` run with that configuration file), the type-aware projects (with
// their tsconfig.json) and the test-migration project are laid out as small projects; each front-end is pointed at
// one as a user would (working directory, workspace folder, ESLint cwd). What a front-end cannot offer is written
// down here, next to the comparison it skips:
// - the worker pool only checks (fixes always run on one engine, which needs the bookkeeping of the whole run);
// - the Codemod bridge only fixes (Codemod prints the leftovers `fix` reports, tested in test/codemod.test.ts);
// - ESLint does not know the tool's own `unused-suppression` finding (it has its own `--report-unused-disable-directives`);
// - findings one file's requests locate in another file (a version constant a config module exports) are merged
//   by whole-project runs (the CLI, `check`/`fix` on paths, the Codemod bridge): front-ends that see one file at a
//   time (texts through the API, jscodeshift, ESLint, the language server, the pool's per-file reports) do not;
//   nor a fix another file's analysis refined (it saw the code through a call, with the arguments' types).
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import tsParser from "@typescript-eslint/parser";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";
import { fileKey, makePlan } from "../codemod/scripts/node-bridge.mjs";
import { checkText, fixText } from "../src/index.js";
import plugin from "../src/frontends/eslint-plugin.js";
import { CheckPool, checkWithPool } from "../src/run/pool.js";
import type { FileReport } from "../src/run/process-file.js";
import { createEngine } from "../src/workspace/create-engine.js";
import { run } from "../src/run/run.js";
import { UNUSED_SUPPRESSION } from "../src/core/suppressions.js";
import { CONFIG_FILE } from "../src/workspace/config.js";
import { LspClient, applyLspEdits } from "./lsp-client.js";
import { BIN, ROOT, runCli, tempDir } from "./support.js";

const FIXTURES = path.join(ROOT, "fixtures");
const SOURCE = /\.(?:[cm]?[jt]sx?)$/;

/** A finding as every front-end can state it: rule, range (1-based), fixable or not, and the start of its message. */
interface Seen {
  rule: string;
  range: string;
  message: string;
  /** Located by another file's analysis (a constant this file exports): only whole-project runs report it. */
  elsewhere?: boolean;
  /** Its fix was refined by another file's analysis (Finding.refinedFrom): only whole-project runs apply that fix. */
  refined?: boolean;
}

interface ProjectCase {
  name: string;
  dir: string;
  /** Source files, relative to `dir`. */
  files: string[];
}

/** The fixture projects, copied to a temp folder (fixing writes). */
function projectCases(): ProjectCase[] {
  const root = tempDir();
  const cases: ProjectCase[] = [];
  const plain = path.join(root, "rules");
  const plainFiles: string[] = [];
  for (const rule of readdirSync(FIXTURES).sort()) {
    const dir = path.join(FIXTURES, rule);
    if (rule === "type-aware" || rule === "test-migration" || rule === "projects" || !statSync(dir).isDirectory()) continue;
    for (const file of readdirSync(dir).sort()) {
      const match = /^(.*)\.input\.([a-z]+)$/.exec(file);
      if (!match) continue;
      const config = path.join(dir, `${match[1]}.config.json`);
      if (existsSync(config)) {
        const own = path.join(root, `${rule}-${match[1]}`);
        mkdirSync(own, { recursive: true });
        cpSync(path.join(dir, file), path.join(own, file));
        cpSync(config, path.join(own, CONFIG_FILE));
        cases.push({ name: `${rule}/${match[1]} (with its configuration file)`, dir: own, files: [file] });
      } else {
        mkdirSync(path.join(plain, rule), { recursive: true });
        cpSync(path.join(dir, file), path.join(plain, rule, file));
        plainFiles.push(path.join(rule, file));
      }
    }
  }
  cases.unshift({ name: "rule fixtures", dir: plain, files: plainFiles });
  // The typed projects find their stub SDK types at ../../types.
  cpSync(path.join(FIXTURES, "type-aware"), path.join(root, "type-aware"), { recursive: true });
  for (const name of readdirSync(path.join(root, "type-aware", "cases")).sort()) {
    const dir = path.join(root, "type-aware", "cases", name);
    cases.push({ name: `type-aware/${name}`, dir, files: sourcesIn(path.join(dir, "src")).map((file) => path.relative(dir, file)) });
  }
  // Realistic projects whose modules import each other (aliases, workspace packages, config modules).
  for (const name of readdirSync(path.join(FIXTURES, "projects")).sort()) {
    const dir = path.join(root, "projects", name);
    cpSync(path.join(FIXTURES, "projects", name, "input"), dir, { recursive: true });
    cases.push({ name: `projects/${name}`, dir, files: sourcesIn(dir).map((file) => path.relative(dir, file)) });
  }
  const migration = path.join(root, "test-migration");
  cpSync(path.join(FIXTURES, "test-migration"), migration, { recursive: true });
  cases.push({
    name: "test-migration",
    dir: migration,
    files: ["src", "test"].flatMap((sub) => sourcesIn(path.join(migration, sub))).map((file) => path.relative(migration, file)),
  });
  return cases;
}

function sourcesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((name) => path.join(dir, name))
    .filter((file) => SOURCE.test(file) && statSync(file).isFile())
    .sort();
}

const seenOf = (rule: string, line: number, column: number, endLine: number, endColumn: number, message: string): Seen => ({
  rule,
  range: `${line}:${column}-${endLine}:${endColumn}`,
  message,
});

const order = (seen: Seen[]) => [...seen].sort((a, b) => a.range.localeCompare(b.range, undefined, { numeric: true }) || a.rule.localeCompare(b.rule));

/** Each front-end states the message its own way (with or without the action after it): compare the finding's own message. */
function sameFindings(actual: Seen[], expected: Seen[], label: string): void {
  const a = order(actual);
  const e = order(expected);
  expect(
    a.map(({ rule, range }) => `${rule} ${range}`),
    label,
  ).toEqual(e.map(({ rule, range }) => `${rule} ${range}`));
  a.forEach((seen, i) => expect(seen.message.startsWith(e[i].message), `${label}: ${seen.message}`).toBe(true));
}

interface Reference {
  findings: Map<string, Seen[]>;
  fixed: Map<string, string>;
}

const cases = projectCases();
const references = new Map<string, Reference>();

beforeAll(async () => {
  for (const project of cases) {
    const checked = await run({ cwd: project.dir, paths: ["."], mode: "check" });
    const fixed = await run({ cwd: project.dir, paths: ["."], mode: "fix", dryRun: true });
    const findings = new Map<string, Seen[]>();
    const outputs = new Map<string, string>();
    for (const file of project.files) {
      const absolute = path.join(project.dir, file);
      const report = checked.reports.find((r) => r.filePath === absolute);
      findings.set(
        file,
        (report?.findings ?? []).map((f) => ({
          ...seenOf(f.ruleId, f.loc.start.line, f.loc.start.column, f.loc.end.line, f.loc.end.column, f.message),
          elsewhere: f.reachedFrom !== undefined,
          refined: f.refinedFrom !== undefined,
        })),
      );
      outputs.set(file, fixed.reports.find((r) => r.filePath === absolute)?.output ?? readFileSync(absolute, "utf8"));
    }
    references.set(project.name, { findings, fixed: outputs });
  }
}, 120_000);

describe.each(cases.map((c) => [c.name, c] as const))("%s", (name, project) => {
  const reference = () => references.get(name)!;
  // The front-ends that see one file at a time (the API's texts, jscodeshift, ESLint, the language server, the
  // pool's per-file reports) do not see findings another file's requests locate in this one, nor their fixes.
  const ownFindings = (file: string) =>
    reference()
      .findings.get(file)!
      .filter((seen) => !seen.elsewhere);
  const ownFixOnly = (file: string) =>
    !reference()
      .findings.get(file)!
      .some((seen) => seen.elsewhere || seen.refined);
  const text = (file: string) => readFileSync(path.join(project.dir, file), "utf8");

  it("has findings to compare (the case is not empty)", () => {
    expect(project.files.length).toBeGreaterThan(0);
    expect([...reference().findings.values()].flat().length + [...reference().fixed].filter(([f, out]) => out !== text(f)).length).toBeGreaterThan(0);
  });

  it("the CLI as a process: check --format json, and fix on a copy", () => {
    const checked = runCli(["check", "--format", "json", "."], project.dir);
    const results = JSON.parse(checked.stdout) as Array<{
      filePath: string;
      messages: Array<{ ruleId: string; line: number; column: number; endLine: number; endColumn: number; message: string }>;
    }>;
    for (const file of project.files) {
      const messages = results.find((r) => r.filePath === path.join(project.dir, file))?.messages ?? [];
      sameFindings(
        messages.map((m) => seenOf(m.ruleId, m.line, m.column, m.endLine, m.endColumn, m.message)),
        reference().findings.get(file)!,
        file,
      );
    }
    // The typed projects find their stub SDK types two folders up: copy the tree that keeps them in reach.
    const tree = name.startsWith("type-aware/") ? path.join(project.dir, "..", "..") : project.dir;
    const copyRoot = path.join(tempDir(), "copy");
    cpSync(tree, copyRoot, { recursive: true });
    const copy = path.join(copyRoot, path.relative(tree, project.dir));
    runCli(["fix", "--allow-dirty", "."], copy);
    for (const file of project.files) expect(readFileSync(path.join(copy, file), "utf8"), file).toBe(reference().fixed.get(file));
  });

  it("the programmatic API: checkText and fixText", () => {
    for (const file of project.files) {
      const input = { text: text(file), filePath: path.join(project.dir, file) };
      const found = checkText(input, { cwd: project.dir }).findings;
      sameFindings(
        found.map((f) => seenOf(f.ruleId, f.loc.start.line, f.loc.start.column, f.loc.end.line, f.loc.end.column, f.message)),
        ownFindings(file),
        file,
      );
      if (ownFixOnly(file)) expect(fixText(input, { cwd: project.dir }).output, file).toBe(reference().fixed.get(file));
    }
  });

  it("the jscodeshift transform (run from the project's folder)", async () => {
    const transform = createRequire(import.meta.url)("../jscodeshift.cjs") as (
      file: { path: string; source: string },
      api: { report: (m: string) => void },
    ) => Promise<string | undefined>;
    const before = process.cwd();
    process.chdir(project.dir);
    try {
      for (const file of project.files) {
        const output = await transform({ path: file, source: text(file) }, { report: () => undefined });
        if (ownFixOnly(file)) expect(output ?? text(file), file).toBe(reference().fixed.get(file));
      }
    } finally {
      process.chdir(before);
    }
  });

  it("the ESLint plugin: findings without fixing, and ESLint's fixed output", async () => {
    const config = [
      { files: ["**/*.{js,jsx,mjs,cjs}"], languageOptions: { sourceType: "module" as const, parserOptions: { ecmaFeatures: { jsx: true } } } },
      { files: ["**/*.{ts,tsx,mts,cts}"], languageOptions: { parser: tsParser, sourceType: "module" as const } },
      ...(plugin.configs.recommended as object[]),
    ];
    const eslint = (fix: boolean) => new ESLint({ cwd: project.dir, overrideConfigFile: true, overrideConfig: config as never, fix, ignore: false });
    const files = project.files.map((file) => path.join(project.dir, file));
    const [checked, fixed] = await Promise.all([eslint(false).lintFiles(files), eslint(true).lintFiles(files)]);
    for (const file of project.files) {
      const result = checked.find((r) => r.filePath === path.join(project.dir, file))!;
      const messages = result.messages.filter((m) => m.ruleId?.startsWith("intercom-migrate/"));
      expect(
        result.messages.filter((m) => m.fatal),
        file,
      ).toEqual([]);
      const expected = ownFindings(file).filter((seen) => seen.rule !== UNUSED_SUPPRESSION);
      sameFindings(
        messages.map((m) => seenOf(m.ruleId!.slice("intercom-migrate/".length), m.line, m.column, m.endLine!, m.endColumn!, m.message)),
        expected,
        file,
      );
      const output = fixed.find((r) => r.filePath === path.join(project.dir, file))!.output ?? text(file);
      // ESLint fixes what its rules report; the tool's own unused-suppression removals are not among them.
      if (
        ownFixOnly(file) &&
        !reference()
          .findings.get(file)!
          .some((seen) => seen.rule === UNUSED_SUPPRESSION)
      )
        expect(output, file).toBe(reference().fixed.get(file));
    }
  });

  it("the language server: diagnostics, and the fix-all code action (workspace folder = the project)", async () => {
    const child = spawn(process.execPath, [BIN, "lsp", "--stdio"], { cwd: ROOT });
    const client = new LspClient(child);
    try {
      await client.request("initialize", { processId: process.pid, rootUri: pathToFileURL(project.dir).href, capabilities: {} });
      client.notify("initialized", {});
      for (const file of project.files) {
        const uri = pathToFileURL(path.join(project.dir, file)).href;
        const languageId = /\.[cm]?tsx?$/.test(file)
          ? file.endsWith("x")
            ? "typescriptreact"
            : "typescript"
          : file.endsWith("x")
            ? "javascriptreact"
            : "javascript";
        client.notify("textDocument/didOpen", { textDocument: { uri, languageId, version: 1, text: text(file) } });
        const diagnostics = (await client.diagnostics(uri)).params.diagnostics as Array<{
          code: string;
          message: string;
          range: { start: { line: number; character: number }; end: { line: number; character: number } };
        }>;
        // LSP positions are 0-based lines and UTF-16 characters; the tool's columns are 1-based.
        const lines = text(file).split("\n");
        const column = (p: { line: number; character: number }) => p.character + 1 + (p.line === 0 && lines[0].charCodeAt(0) === 0xfeff ? -1 : 0);
        sameFindings(
          diagnostics.map((d) => seenOf(d.code, d.range.start.line + 1, column(d.range.start), d.range.end.line + 1, column(d.range.end), d.message)),
          ownFindings(file),
          file,
        );
        const actions = await client.request<Array<{ edit: { changes: Record<string, Parameters<typeof applyLspEdits>[1]> } }>>("textDocument/codeAction", {
          textDocument: { uri },
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          context: { diagnostics: [], only: ["source.fixAll"] },
        });
        const output = actions.length > 0 ? applyLspEdits(text(file), actions[0].edit.changes[uri]) : text(file);
        if (ownFixOnly(file)) expect(output, file).toBe(reference().fixed.get(file));
        client.notify("textDocument/didClose", { textDocument: { uri } });
        await client.diagnostics(uri);
      }
    } finally {
      child.kill();
    }
  });

  it("the check pool (the main thread and two workers)", async () => {
    const files = project.files.map((file) => path.join(project.dir, file));
    const options = { mode: "check" as const, maxFileBytes: 8 * 1024 * 1024 };
    const { engine } = createEngine({ cwd: project.dir });
    const pool = new CheckPool(2, { cwd: project.dir }, options);
    const reports: FileReport[] = [];
    await checkWithPool(files, pool, engine, options, (report) => reports.push(report));
    expect(reports.map((report) => report.filePath)).toEqual(files);
    // The first files with work go to the workers (they have room while they start): they analysed some.
    expect(pool.parsed).toBeGreaterThan(0);
    reports.forEach((report, index) =>
      sameFindings(
        report.findings.map((f) => seenOf(f.ruleId, f.loc.start.line, f.loc.start.column, f.loc.end.line, f.loc.end.column, f.message)),
        ownFindings(project.files[index]),
        project.files[index],
      ),
    );
  });

  it("the Codemod bridge's plan (fix)", async () => {
    const plan = path.join(tempDir(), "plan");
    await makePlan(project.dir, true, plan);
    // The plan answers for every file the run would change, by a digest of its path: each compared file's answer.
    for (const file of project.files) {
      const answer = path.join(plan, "files", `${fileKey(file)}.json`);
      const output = existsSync(answer) ? (JSON.parse(readFileSync(answer, "utf8")) as { output: string }).output : text(file);
      expect(output, file).toBe(reference().fixed.get(file));
    }
  });
});
