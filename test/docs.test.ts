// The rules check their own documentation: every rule has a doc, and its examples behave as written.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../rules/index.js";
import { ROOT, describeFindings, newEngine } from "./support.js";

function codeBlockAfter(doc: string, heading: string): { lang: string; code: string } | undefined {
  const match = new RegExp(`## ${heading}\\n+\`\`\`(\\w+)\\n([\\s\\S]*?)\`\`\``).exec(doc);
  return match ? { lang: match[1], code: match[2] } : undefined;
}

describe.each(RULES.map((rule) => [rule.meta.id, rule] as const))("rules/%s.md", (id, rule) => {
  const docPath = path.join(ROOT, "rules", `${id}.md`);

  it("exists, names the rule and its severity", () => {
    expect(existsSync(docPath)).toBe(true);
    const doc = readFileSync(docPath, "utf8");
    expect(doc.startsWith(`# ${id}\n`)).toBe(true);
    expect(doc).toContain(`**Severity:** ${rule.meta.severity}`);
  });

  // A rule without a fix has no After: its Before is flagged and left as it is. A `## Configuration` block
  // (the config file's JSON) gives the settings the example runs with.
  it("Before becomes After under fix", () => {
    const doc = readFileSync(docPath, "utf8");
    const before = codeBlockAfter(doc, "Before");
    const after = codeBlockAfter(doc, "After") ?? (rule.meta.fixable ? undefined : before);
    expect(before && after).toBeTruthy();
    const config = codeBlockAfter(doc, "Configuration");
    const file = `example.${before!.lang}`;
    const engine = newEngine(config ? (JSON.parse(config.code) as { settings?: Record<string, unknown> }).settings : undefined);
    expect(engine.analyze(before!.code, file).findings.some((f) => f.ruleId === id)).toBe(true);
    expect(engine.fix(before!.code, file).output).toBe(after!.code);
  });

  it("the Not flagged example gives no finding of the rule", () => {
    const doc = readFileSync(docPath, "utf8");
    const block = codeBlockAfter(doc, "Not flagged");
    expect(block).toBeTruthy();
    const findings = newEngine()
      .analyze(block!.code, `example.${block!.lang}`)
      .findings.filter((f) => f.ruleId === id);
    expect(describeFindings(findings)).toBe("");
  });
});

describe("README", () => {
  it("lists every rule in its rule table", () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    for (const rule of RULES) expect(readme).toContain(`| [\`${rule.meta.id}\`](rules/${rule.meta.id}.md) | ${rule.meta.severity}`);
  });
});
