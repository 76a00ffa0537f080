// The per-file index (src/core/source.ts) walks only the keys Babel's table says hold child nodes
// (src/core/child-keys.ts, generated from @babel/types): it must reach every node a walk over every property
// reaches, with the same parent, on every source file the project has as fixture or example.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Node } from "@babel/types";
import { describe, expect, it } from "vitest";
import { parseSource, SOURCE_EXTENSIONS } from "../src/core/parse.js";
import { SourceFile } from "../src/core/source.js";
import { ROOT } from "./support.js";

const NOT_CHILDREN = new Set(["loc", "extra", "leadingComments", "trailingComments", "innerComments", "comments", "tokens", "errors"]);

/** Every node under `root` with its parent, reached by looking at every property of every node. */
function everyNode(root: Node): Map<Node, Node | undefined> {
  const found = new Map<Node, Node | undefined>([[root, undefined]]);
  const visit = (node: Node) => {
    for (const [key, value] of Object.entries(node)) {
      if (NOT_CHILDREN.has(key)) continue;
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item && typeof item === "object" && typeof item.type === "string" && !found.has(item)) {
          found.set(item, node);
          visit(item);
        }
      }
    }
  };
  visit(root);
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && (SOURCE_EXTENSIONS as readonly string[]).includes(path.extname(entry.name)))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !file.includes(`${path.sep}node_modules${path.sep}`));
}

describe("the per-file node index", () => {
  const files = [...sourceFiles(path.join(ROOT, "fixtures")), ...sourceFiles(path.join(ROOT, "examples"))];

  it("reaches every node, with its parent, on every fixture and example file", () => {
    let checked = 0;
    for (const filePath of files) {
      const text = readFileSync(filePath, "utf8");
      const parsed = parseSource(text, filePath);
      if (!parsed.ok) continue;
      const file = new SourceFile(filePath, text, parsed.ast);
      const expected = everyNode(parsed.ast);
      const indexed = new Set<Node>();
      for (const type of new Set([...expected.keys()].map((node) => node.type))) for (const node of file.nodesOfType(type)) indexed.add(node);
      expect({ filePath, count: indexed.size }).toEqual({ filePath, count: expected.size });
      for (const [node, parent] of expected)
        if (file.parent(node) !== parent)
          expect({ filePath, node: node.type, at: node.start, parent: file.parent(node)?.type }).toEqual({
            filePath,
            node: node.type,
            at: node.start,
            parent: parent?.type,
          });
      checked++;
    }
    expect(checked).toBeGreaterThan(300);
  });

  it("lists the nodes of a type in source order", () => {
    const text = "const a = `${b}${c}`; f(d, (e) => e, ...g);";
    const parsed = parseSource(text, "x.ts");
    if (!parsed.ok) throw new Error("parse");
    const file = new SourceFile("x.ts", text, parsed.ast);
    expect(file.nodesOfType("Identifier").map((node) => node.name)).toEqual(["a", "b", "c", "f", "d", "e", "e", "g"]);
  });

  it("uses the child-key table @babel/types has now (node scripts/build-child-keys.mjs --check)", () => {
    const check = spawnSync(process.execPath, [path.join(ROOT, "scripts", "build-child-keys.mjs"), "--check"], { encoding: "utf8" });
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
  });
});
