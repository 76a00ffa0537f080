// What `fix` promises: minimal edits, CRLF/BOM/comments/quotes kept, idempotent, never unparsable output.
import { describe, expect, it } from "vitest";
import { applyEdits, selectFixes } from "../src/core/edits.js";
import { Engine } from "../src/core/engine.js";
import type { Rule } from "../src/core/types.js";
import { newEngine } from "./support.js";

const SOURCE = [
  `import { IntercomClient } from 'intercom-client';`,
  `const client = new IntercomClient({ token: 't', version: '2.13' }); // pinned`,
  `export async function reassign(id, adminId) {`,
  `\tawait client.tickets.update({`,
  `\t\tticket_id: id, /* keep me */`,
  `\t\tassignment: {`,
  `\t\t\t// the admin doing the change`,
  `\t\t\tadmin_id: adminId,`,
  `\t\t\tassignee_id: 42,`,
  `\t\t},`,
  `\t});`,
  `}`,
  ``,
].join("\n");

const EXPECTED = [
  `import { IntercomClient } from 'intercom-client';`,
  `const client = new IntercomClient({ token: 't', version: '2.14' }); // pinned`,
  `export async function reassign(id, adminId) {`,
  `\tawait client.tickets.update({`,
  `\t\tticket_id: id, /* keep me */`,
  `\t\t// the admin doing the change`,
  `\t\tadmin_id: Number(adminId),`,
  `\t\tassignee_id: '42',`,
  `\t});`,
  `}`,
  ``,
].join("\n");

describe("fix guarantees", () => {
  it("keeps comments, tabs and the file's quote style", () => {
    expect(newEngine().fix(SOURCE, "a.js").output).toBe(EXPECTED);
  });

  it("keeps CRLF line endings, inserted lines included", () => {
    const crlf = SOURCE.replaceAll("\n", "\r\n");
    const output = newEngine().fix(crlf, "a.js").output;
    expect(output).toBe(EXPECTED.replaceAll("\n", "\r\n"));
    expect(output.replaceAll("\r\n", "")).not.toContain("\n");
  });

  it("keeps a byte-order mark", () => {
    const output = newEngine().fix("\uFEFF" + SOURCE, "a.js").output;
    expect(output).toBe("\uFEFF" + EXPECTED);
  });

  it("changes no byte outside the edited ranges", () => {
    const engine = newEngine();
    const findings = engine.analyze(SOURCE, "a.js").findings;
    const edits = findings.flatMap((f) => f.edits ?? []).sort((a, b) => a.start - b.start);
    let cursor = 0;
    const output = engine.fix(SOURCE, "a.js").output;
    let shift = 0;
    for (const edit of edits) {
      expect(output.slice(cursor + shift, edit.start + shift)).toBe(SOURCE.slice(cursor, edit.start));
      shift += edit.text.length - (edit.end - edit.start);
      cursor = edit.end;
    }
    expect(output.slice(cursor + shift)).toBe(SOURCE.slice(cursor));
  });

  it("is idempotent", () => {
    const engine = newEngine();
    const once = engine.fix(SOURCE, "a.js").output;
    const twice = engine.fix(once, "a.js");
    expect(twice.output).toBe(once);
    expect(twice.applied).toEqual([]);
  });

  it("never returns text that does not parse", () => {
    const breaking: Rule = {
      meta: { id: "breaks-code", severity: "error", description: "test rule", fixable: true, messages: { bad: "bad fix" } },
      mayMatch: () => true,
      check(context) {
        const first = context.file.ast.program.body[0];
        context.report({ node: first, messageId: "bad", edits: [{ start: first.start!, end: first.start!, text: "{{{" }] });
      },
    };
    const result = new Engine({ rules: [breaking] }).fix("const a = 1;\n", "a.js");
    expect(result.output).toBe("const a = 1;\n");
    expect(result.applied).toEqual([]);
    expect(result.unsafe?.message).toBeTruthy();
  });

  it("applies overlapping fixes in later passes, not at once", () => {
    const { chosen, deferred } = selectFixes([
      {
        ruleId: "a",
        severity: "error",
        message: "",
        start: 0,
        end: 5,
        loc: { start: { line: 1, column: 1 }, end: { line: 1, column: 6 } },
        edits: [{ start: 0, end: 5, text: "x" }],
      },
      {
        ruleId: "b",
        severity: "error",
        message: "",
        start: 3,
        end: 8,
        loc: { start: { line: 1, column: 4 }, end: { line: 1, column: 9 } },
        edits: [{ start: 3, end: 8, text: "y" }],
      },
    ]);
    expect(chosen.map((f) => f.ruleId)).toEqual(["a"]);
    expect(deferred.map((f) => f.ruleId)).toEqual(["b"]);
    expect(() =>
      applyEdits("0123456789", [
        { start: 0, end: 5, text: "" },
        { start: 3, end: 8, text: "" },
      ]),
    ).toThrow(/Overlapping/);
  });
});
