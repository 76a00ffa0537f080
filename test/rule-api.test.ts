// The rule API: rules import only src/rule-api.ts (and @babel/types' types), leave following values to the core,
// and declare their messages by id, rendered as ESLint renders them, with a fix title for each fixable message.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "@babel/parser";
import type { Statement } from "@babel/types";
import { Linter, type Rule as EslintRule } from "eslint";
import { describe, expect, it } from "vitest";
import { RULES } from "../rules/index.js";
import { Engine } from "../src/core/engine.js";
import { placeholdersOf, renderMessage } from "../src/core/messages.js";
import type { Rule } from "../src/core/types.js";
import { PLUGIN_PLACEHOLDERS } from "../src/frontends/eslint-plugin.js";
import { ROOT, newEngine } from "./support.js";

const RULES_DIR = path.join(ROOT, "rules");
const RULE_FILES = readdirSync(RULES_DIR).filter((name) => name.endsWith(".ts"));

/** Every module a file imports or re-exports, with whether the import is for types only. */
function importsOf(text: string): Array<{ source: string; typeOnly: boolean }> {
  const ast = parse(text, { sourceType: "module", plugins: ["typescript"] });
  const found: Array<{ source: string; typeOnly: boolean }> = [];
  const visit = (statement: Statement) => {
    if (statement.type === "ImportDeclaration") {
      const typeOnly =
        statement.importKind === "type" ||
        (statement.specifiers.length > 0 && statement.specifiers.every((s) => s.type === "ImportSpecifier" && s.importKind === "type"));
      found.push({ source: statement.source.value, typeOnly });
    } else if ((statement.type === "ExportNamedDeclaration" || statement.type === "ExportAllDeclaration") && statement.source) {
      found.push({ source: statement.source.value, typeOnly: statement.exportKind === "type" });
    }
  };
  ast.program.body.forEach(visit);
  // `import("…")` and `require("…")` anywhere would slip past the declarations.
  if (/\bimport\s*\(|\brequire\s*\(/.test(text)) found.push({ source: "<dynamic import>", typeOnly: false });
  return found;
}

/** What a rule file imports beyond the rule API, other rules and @babel/types' types. */
function outsideImports(text: string): string[] {
  return importsOf(text)
    .filter(({ source, typeOnly }) => {
      if (source === "../src/rule-api.js") return false;
      if (source === "@babel/types") return !typeOnly;
      return !/^\.\/[\w-]+\.js$/.test(source);
    })
    .map(({ source }) => source);
}

describe.each(RULE_FILES)("rules/%s", (name) => {
  const text = readFileSync(path.join(RULES_DIR, name), "utf8");

  it("imports only the rule API, other rules and @babel/types' types", () => {
    expect(outsideImports(text)).toEqual([]);
  });

  it("carries no follow-depth limit of its own (FOLLOW_DEPTH is the core's)", () => {
    expect(text).not.toMatch(/\bdepth\s*[<>]=?\s*\d/);
  });
});

describe("the guard itself", () => {
  it("flags an import from elsewhere in src/, a re-export, a value import of @babel/types and a dynamic import", () => {
    const text = [
      `import { nearest } from "../src/workspace/config.js";`,
      `export { HOLE } from "../src/core/values.js";`,
      `import { isNode } from "@babel/types";`,
      `import type { Node } from "@babel/types";`,
      `import { type Node as N } from "@babel/types";`,
      `import { isMember, type Rule } from "../src/rule-api.js";`,
      `import { other } from "./other-rule.js";`,
      `const values = await import("../src/core/values.js");`,
    ].join("\n");
    expect(outsideImports(text)).toEqual(["../src/workspace/config.js", "../src/core/values.js", "@babel/types", "<dynamic import>"]);
  });
});

describe.each(RULES.map((rule) => [rule.meta.id, rule] as const))("%s's messages", (_id, rule) => {
  it("are declared by id, and leave the ESLint plugin's placeholders (action, test note) to it", () => {
    expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
    for (const template of Object.values<string>(rule.meta.messages)) {
      for (const name of placeholdersOf(template)) expect(PLUGIN_PLACEHOLDERS).not.toContain(name);
    }
  });

  it("title each fixable message's fix", () => {
    const titled = Object.keys(rule.meta.fixTitles ?? {});
    for (const id of titled) expect(Object.keys(rule.meta.messages)).toContain(id);
    expect(titled.length > 0).toBe(rule.meta.fixable);
  });

  it("say what each fix did, in the past tense, for the migration report (same ids, same placeholders)", () => {
    const titles = rule.meta.fixTitles ?? {};
    const done = rule.meta.fixesDone ?? {};
    expect(Object.keys(done).sort()).toEqual(Object.keys(titles).sort());
    for (const [id, text] of Object.entries<string | undefined>(done)) {
      expect(text, id).toMatch(/^[A-Z][a-z]+ed\b.*\.$|^(Split|Made) .*\.$/);
      for (const name of placeholdersOf(text!)) expect(placeholdersOf(titles[id]!)).toContain(name);
    }
  });
});

describe("findings", () => {
  it("carry their message id, and every fix its rule's own title (on every fixture)", () => {
    const fixtures = path.join(ROOT, "fixtures");
    let fixable = 0;
    for (const rule of readdirSync(fixtures)) {
      if (rule === "type-aware" || rule === "test-migration" || rule.includes(".")) continue;
      for (const name of readdirSync(path.join(fixtures, rule)).filter((file) => file.includes(".input."))) {
        const file = path.join(fixtures, rule, name);
        for (const finding of newEngine({ ticketUpdates: { actingAdminId: 7 } }).analyze(readFileSync(file, "utf8"), file).findings) {
          const meta = RULES.find((r) => r.meta.id === finding.ruleId)!.meta;
          expect(Object.keys(meta.messages), name).toContain(finding.messageId);
          expect(finding.message.startsWith(renderMessage(meta.messages[finding.messageId!], finding.data)), name).toBe(true);
          if (!finding.edits) continue;
          expect(finding.fixTitle, name).toBe(renderMessage(meta.fixTitles![finding.messageId!]!, finding.data));
          fixable++;
        }
      }
    }
    expect(fixable).toBeGreaterThan(100);
  });

  it("a message id the rule does not declare is the rule's failure, not a finding", () => {
    const typo: Rule = {
      meta: { id: "typo", severity: "error", description: "test", fixable: false, messages: { nested: "Nested." } },
      mayMatch: () => true,
      check: (context) => context.report({ node: context.file.ast.program, messageId: "nestd" }),
    };
    const analysis = new Engine({ rules: [typo] }).analyze("const a = 1;\n", "a.js");
    expect(analysis.findings).toEqual([]);
    expect(analysis.internalErrors.map((failure) => `${failure.ruleId}: ${(failure.error as Error).message}`)).toEqual([
      'typo: reported message "nestd", which is not in its meta.messages',
    ]);
  });
});

describe("rendering a message", () => {
  const cases: Array<[string, Record<string, string> | undefined]> = [
    ["Message `{{ key }}` is a single recipient.", { key: "to" }],
    ["{{key}} and {{  key  }} and {{ key}}", { key: "cc" }],
    ["{{ missing }} stays as written; so does {{ }} and {single}", { key: "x" }],
    ["no data: {{ key }}", undefined],
    ["values are not read again: {{ a }}", { a: "{{ b }} $& $1", b: "no" }],
    ["a name from the prototype: {{ toString }}", {}],
  ];

  it.each(cases)("%s: as ESLint renders it", (template, data) => {
    // A one-message rule given to ESLint: what ESLint shows is what the engine renders.
    const rule: EslintRule.RuleModule = {
      meta: { messages: { only: template }, schema: [] },
      create: (context) => ({ Program: (node) => context.report({ node, messageId: "only", ...(data ? { data } : {}) }) }),
    };
    const config = [{ plugins: { probe: { rules: { only: rule } } }, rules: { "probe/only": "error" as const } }];
    const [message] = new Linter({ configType: "flat" }).verify("x;", config);
    if (template.includes("toString")) {
      // ESLint looks names up with `in`, so it finds the prototype's; the engine reads only the data's own names.
      expect(renderMessage(template, data)).toBe(template);
      return;
    }
    expect(renderMessage(template, data)).toBe(message.message);
  });
});
