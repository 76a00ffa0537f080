// --changed-since's selection: relative imports found and resolved, and the files whose imports reach a change.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { affectedFiles, importedModules } from "../src/workspace/changed-files.js";
import { project } from "./support.js";

describe("affected files", () => {
  it("finds relative imports of every form and resolves them as the engine does", () => {
    const dir = project({ "a.ts": "", "b/index.js": "", "c.mjs": "", "d.js": "" });
    const text = `import x from "./a.js";\nexport * from "./b";\nconst c = await import("./c.mjs");\nconst d = require('./d');\nimport "lodash";\n`;
    expect(importedModules(path.join(dir, "main.ts"), text).map((file) => path.relative(dir, file)).sort()).toEqual(["a.ts", "b/index.js", "c.mjs", "d.js"]);
  });

  it("follows imports through modules that cannot find anything themselves", () => {
    const dir = project({ "entry.js": `import "./middle.js";`, "middle.js": `export * from "./leaf.js";`, "leaf.js": "", "alone.js": "" });
    const files = ["entry.js", "middle.js", "leaf.js", "alone.js"].map((name) => path.join(dir, name));
    const mayHaveFindings = (bytes: Uint8Array) => Buffer.from(bytes).toString().includes("import");
    expect(affectedFiles(files, new Set([path.join(dir, "leaf.js")]), { mayHaveFindings }).map((file) => path.basename(file))).toEqual(["entry.js", "leaf.js"]);
  });
});
