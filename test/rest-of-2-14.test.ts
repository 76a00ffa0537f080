// The rest of the 2.14 changelog through the CLI: on by default, switchable in the config file; `fix` then
// `check` leaves only review leftovers; a second `fix` changes nothing; the acting admin comes from the config.
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli, tempDir } from "./support.js";

const NEW_RULES = ["ticket-update-admin-id-type", "ticket-update-acting-admin", "news-published-at", "request-schema"];

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; line: number; column: number; fix?: unknown }>;
}

/** The new rules' fixture inputs, side by side in a temp folder (named `<rule>--<case>.<ext>`). */
function fixtureProject(config?: unknown): { dir: string; files: string[] } {
  const dir = tempDir();
  const files: string[] = [];
  for (const rule of NEW_RULES) {
    for (const name of readdirSync(path.join(ROOT, "fixtures", rule))) {
      const match = /^(.*)\.input\.([a-z]+)$/.exec(name);
      if (!match) continue;
      const target = `${rule}--${match[1]}.${match[2]}`;
      copyFileSync(path.join(ROOT, "fixtures", rule, name), path.join(dir, target));
      files.push(target);
    }
  }
  if (config) writeFileSync(path.join(dir, "intercom-migrate.config.json"), JSON.stringify(config));
  return { dir, files };
}

function messagesOf(stdout: string): Array<{ file: string; ruleId: string | null; fixable: boolean }> {
  return (JSON.parse(stdout) as JsonResult[]).flatMap((result) =>
    result.messages.map((m) => ({ file: path.basename(result.filePath), ruleId: m.ruleId, fixable: m.fix !== undefined })),
  );
}

describe("the rest of 2.14 through the CLI", () => {
  it("every new rule is on by default in check", () => {
    const { dir } = fixtureProject();
    const run = runCli(["check", "--format", "json"], dir);
    expect(run.code).toBe(1);
    const rules = new Set(messagesOf(run.stdout).map((m) => m.ruleId));
    for (const rule of NEW_RULES) expect(rules.has(rule), rule).toBe(true);
  });

  it("fix, then check leaves only review leftovers, and a second fix changes nothing", () => {
    const { dir, files } = fixtureProject({ settings: { ticketUpdates: { actingAdminId: 991267816 } } });
    const before = runCli(["check", "--format", "json"], dir);
    const reviews = messagesOf(before.stdout).filter((m) => !m.fixable);
    expect(runCli(["fix"], dir).code).toBe(1); // error-level review leftovers remain (non-numeric admin_id, future dates)
    const after = runCli(["check", "--format", "json"], dir);
    const left = messagesOf(after.stdout);
    expect(left.filter((m) => m.fixable)).toEqual([]);
    // Only what was already left for review: nothing new appears once the fixes are in.
    expect(left.map((m) => `${m.file} ${m.ruleId}`).sort()).toEqual(reviews.map((m) => `${m.file} ${m.ruleId}`).sort());
    // With the acting admin configured, no acting-admin finding is left at all.
    expect(left.some((m) => m.ruleId === "ticket-update-acting-admin")).toBe(false);
    const texts = files.map((file) => readFileSync(path.join(dir, file), "utf8"));
    const second = runCli(["fix"], dir);
    expect(second.stdout).toContain("Changed 0 files with 0 fixes.");
    expect(files.map((file) => readFileSync(path.join(dir, file), "utf8"))).toEqual(texts);
  });

  it("each new rule can be switched off in the config file", () => {
    const { dir } = fixtureProject({ rules: Object.fromEntries(NEW_RULES.map((rule) => [rule, "off"])) });
    const run = runCli(["check", "--format", "json"], dir);
    const rules = new Set(messagesOf(run.stdout).map((m) => m.ruleId));
    for (const rule of NEW_RULES) expect(rules.has(rule), rule).toBe(false);
  });
});
