// The rule API's boundary: rules import only src/rule-api.ts (and @babel/types' types), and leave following values to the core.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "@babel/parser";
import type { Statement } from "@babel/types";
import { describe, expect, it } from "vitest";
import { ROOT } from "./support.js";

const RULES_DIR = path.join(ROOT, "rules");
const RULE_FILES = readdirSync(RULES_DIR).filter((name) => name.endsWith(".ts"));

/** Every module a file imports or re-exports, with whether the import is for types only. */
function importsOf(text: string): Array<{ source: string; typeOnly: boolean }> {
  const ast = parse(text, { sourceType: "module", plugins: ["typescript"] });
  const found: Array<{ source: string; typeOnly: boolean }> = [];
  const visit = (statement: Statement) => {
    if (statement.type === "ImportDeclaration") {
      const typeOnly = statement.importKind === "type" || (statement.specifiers.length > 0 && statement.specifiers.every((s) => s.type === "ImportSpecifier" && s.importKind === "type"));
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
