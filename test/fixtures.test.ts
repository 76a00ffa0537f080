// Every fixture pair: the fix output equals `<case>.output.<ext>`, findings equal `<case>.findings`, a second fix is a no-op.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSource } from "../src/core/parse.js";
import { ROOT, describeFindings, newEngine } from "./support.js";

const FIXTURES = path.join(ROOT, "fixtures");

interface FixtureCase {
  rule: string;
  name: string;
  input: string;
  output: string;
  findings: string;
  /** `<case>.config.json`: the configuration file the case runs with (its `settings`). */
  config: string;
}

function fixtureCases(): FixtureCase[] {
  const cases: FixtureCase[] = [];
  for (const rule of readdirSync(FIXTURES).sort()) {
    const dir = path.join(FIXTURES, rule);
    // type-aware/ holds whole small projects, tested by test/type-aware.test.ts; test-migration/ is a project with
    // its own test suite, tested by test/test-migration.test.ts.
    if (rule === "type-aware" || rule === "test-migration" || !statSync(dir).isDirectory()) continue;
    for (const file of readdirSync(dir).sort()) {
      const match = /^(.*)\.input\.([a-z]+)$/.exec(file);
      if (!match) continue;
      const [, name, ext] = match;
      cases.push({
        rule,
        name,
        input: path.join(dir, file),
        output: path.join(dir, `${name}.output.${ext}`),
        findings: path.join(dir, `${name}.findings`),
        config: path.join(dir, `${name}.config.json`),
      });
    }
  }
  return cases;
}

const cases = fixtureCases();

describe.each([...new Set(cases.map((c) => c.rule))])("fixtures/%s", (rule) => {
  it.each(cases.filter((c) => c.rule === rule).map((c) => [c.name, c] as const))("%s", (name, fixture) => {
    const settings = existsSync(fixture.config)
      ? (JSON.parse(readFileSync(fixture.config, "utf8")) as { settings?: Record<string, unknown> }).settings
      : undefined;
    const engine = newEngine(settings);
    const input = readFileSync(fixture.input, "utf8");
    const result = engine.fix(input, fixture.input);
    expect(result.parseError).toBeUndefined();

    if (name.startsWith("no-change-")) {
      expect(describeFindings(engine.analyze(input, fixture.input).findings)).toBe("");
      expect(result.output).toBe(input);
      expect(existsSync(fixture.output)).toBe(false);
      return;
    }

    const expectedFindings = readFileSync(fixture.findings, "utf8").trim();
    expect(describeFindings(engine.analyze(input, fixture.input).findings)).toBe(expectedFindings);
    expect(expectedFindings.split("\n").some((line) => line.startsWith(`${rule} `))).toBe(true);

    const expectedOutput = existsSync(fixture.output) ? readFileSync(fixture.output, "utf8") : input;
    expect(result.output).toBe(expectedOutput);
    expect(parseSource(result.output, fixture.input).ok).toBe(true);

    const again = engine.fix(result.output, fixture.input);
    expect(again.output).toBe(result.output);
    expect(again.findings.every((finding) => !finding.edits)).toBe(true);
  });
});
