// Adding a rule is its file, its doc and its fixtures: everything that lists rules is derived from those or checked
// here in both directions (registry, docs, fixtures, README table, ESLint plugin, SARIF, configuration settings).
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../rules/index.js";
import plugin from "../src/frontends/eslint-plugin.js";
import { formatSarif } from "../src/formats/sarif.js";
import { settingsProblem, validateConfig } from "../src/workspace/config.js";
import { ROOT } from "./support.js";

const RULES_DIR = path.join(ROOT, "rules");
const docIds = readdirSync(RULES_DIR)
  .filter((name) => name.endsWith(".md") && name !== "README.md")
  .map((name) => name.slice(0, -3))
  .sort();
const fileIds = readdirSync(RULES_DIR)
  .filter((name) => name.endsWith(".ts") && name !== "index.ts")
  .map((name) => name.slice(0, -3))
  .sort();
const ruleIds = RULES.map((rule) => rule.meta.id).sort();

describe("the rule registry", () => {
  it("rules/index.ts, rules/README.md and README.md's rule table are what npm run rules-index derives", () => {
    const check = spawnSync(process.execPath, [path.join(ROOT, "scripts", "build-rules-index.mjs"), "--check"], { encoding: "utf8" });
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
  });

  it("has a rule for every doc, a doc for every rule, and a file named for each rule's id", () => {
    expect(ruleIds).toEqual(docIds);
    expect(ruleIds).toEqual(fileIds);
  });

  it.each(RULES.map((rule) => [rule.meta.id, rule] as const))("%s: its doc states its severity and whether it fixes, and names its settings", (id, rule) => {
    const doc = readFileSync(path.join(RULES_DIR, `${id}.md`), "utf8");
    const header = /^\*\*Severity:\*\* (\w+) · \*\*Fix:\*\* (.+)$/m.exec(doc);
    expect(header?.[1]).toBe(rule.meta.severity);
    expect(header![2].startsWith("none"), `${id}: "Fix: none" exactly when the rule never fixes`).toBe(!rule.meta.fixable);
    expect(/^\*\*Finds:\*\* .+ · \*\*Fixed:\*\* .+ · \*\*Left for review:\*\* .+$/m.test(doc), `${id}: the README row's line`).toBe(true);
    for (const setting of rule.meta.settings ?? []) expect(doc).toContain(`settings.${setting.path}`);
    expect(readdirSync(path.join(ROOT, "fixtures", id)).some((name) => name.includes(".input."))).toBe(true);
  });

  it("every rule is in the ESLint plugin (and its recommended config) and in SARIF's rule list", () => {
    expect(Object.keys(plugin.rules).sort()).toEqual(ruleIds);
    const recommended = (plugin.configs.recommended as [{ rules: Record<string, string> }])[0].rules;
    for (const rule of RULES) expect(recommended[`intercom-migrate/${rule.meta.id}`]).toBe(rule.meta.severity === "error" ? "error" : "warn");
    const sarif = JSON.parse(
      formatSarif([], { cwd: ROOT, rules: [...RULES], version: "0.0.0", packageRoot: ROOT, docsBaseUrl: "https://example.invalid" }),
    ) as {
      runs: Array<{ tool: { driver: { rules: Array<{ id: string }> } } }>;
    };
    const listed = sarif.runs[0].tool.driver.rules.map((r) => r.id);
    for (const id of ruleIds) expect(listed).toContain(id);
  });
});

describe("configuration settings, validated against what the rules declare", () => {
  const validate = (settings: unknown) => () => validateConfig({ settings }, "intercom-migrate.config.json", ROOT, RULES);

  it("accepts every declared setting with a value of its type", () => {
    expect(settingsProblem({ ticketUpdates: { actingAdminId: 991267816 } }, RULES)).toBeUndefined();
    expect(validate({ ticketUpdates: { actingAdminId: 991267816 } })().settings).toEqual({ ticketUpdates: { actingAdminId: 991267816 } });
  });

  it("names the setting, the type it takes and what it is for, when a value has the wrong type", () => {
    expect(validate({ ticketUpdates: { actingAdminId: "991267816" } })).toThrow(
      'intercom-migrate.config.json: "settings"."ticketUpdates"."actingAdminId" must be a positive integer (The admin id `fix` adds as `admin_id` to ticket updates that assign without naming the acting admin.), not "991267816"',
    );
    expect(validate({ ticketUpdates: 5 })).toThrow('"settings"."ticketUpdates" must be an object (with actingAdminId)');
  });

  it("refuses an unknown setting, with the nearest known one", () => {
    expect(validate({ ticketUpdates: { actingAdminID: 1 } })).toThrow(
      'unknown setting "settings"."ticketUpdates"."actingAdminID" (did you mean "settings.ticketUpdates.actingAdminId"?); settings: settings.ticketUpdates.actingAdminId',
    );
  });
});
