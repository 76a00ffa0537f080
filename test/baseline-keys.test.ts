// The baseline's parts: GitHub's line hash, finding identities that survive moves and reformatting, the file format, counting.
import { describe, expect, it } from "vitest";
import { BaselineFileError, formatBaselineFile, parseBaseline, type BaselineRecord } from "../src/baseline/baseline-file.js";
import { compareWithBaseline, matchFile, nextBaseline, type IdentifiedFinding } from "../src/baseline/compare.js";
import { identifyFindings, normaliseCode } from "../src/baseline/fingerprint.js";
import { lineHashes } from "../src/baseline/line-hash.js";
import { newEngine } from "./support.js";

describe("primaryLocationLineHash", () => {
  // The expected values are github/codeql-action's own test vectors (src/fingerprints.test.ts).
  it("matches GitHub's values for empty text, blanks and every line ending", () => {
    expect(lineHashes("")).toEqual(["c129715d7a2bc9a3:1"]);
    expect(lineHashes(" a\nb\n  \t\tc\n d")).toEqual(["271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1", "a23a3dc5e078b07b:1"]);
    const expected = [
      "e9496ae3ebfced30:1",
      "fb7c023a8b9ccb3f:1",
      "ce8ba1a563dcdaca:1",
      "e20e36e16fcb0cc8:1",
      "b3edc88f2938467e:1",
      "c8e28b0b4002a3a0:1",
      "c129715d7a2bc9a3:1",
    ];
    expect(lineHashes(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n")).toEqual(expected);
    expect(lineHashes(" hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r")).toEqual(expected);
    expect(lineHashes(" hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n")).toEqual(expected);
  });

  it("numbers equal hashes in order, as GitHub does", () => {
    expect(lineHashes("Lorem ipsum dolor sit amet.\n".repeat(10))).toEqual([
      "a7f2ff13bc495cf2:1",
      "a7f2ff13bc495cf2:2",
      "a7f2ff13bc495cf2:3",
      "a7f2ff13bc495cf2:4",
      "a7f2ff13bc495cf2:5",
      "a7f2ff13bc495cf2:6",
      "a7f2ff1481e87703:1",
      "a9cf91f7bbf1862b:1",
      "55ec222b86bcae53:1",
      "cc97dc7b1d7d8f7b:1",
      "c129715d7a2bc9a3:1",
    ]);
    expect(lineHashes("x = 2\nx = 1\nprint(x)\nx = 3\nprint(x)\nx = 4\nprint(x)\n")).toEqual([
      "e54938cc54b302f1:1",
      "bb609acbe9138d60:1",
      "1131fd5871777f34:1",
      "5c482a0f8b35ea28:1",
      "54517377da7028d2:1",
      "2c644846cb18d53e:1",
      "f1b89f20de0d133:1",
      "c129715d7a2bc9a3:1",
    ]);
  });

  it("does not change for a line when lines are inserted above it", () => {
    const text = "const a = 1;\nclient.tickets.update({ assignment: {} });\nmore();\n";
    expect(lineHashes("// new\n// lines\n" + text)[3]).toBe(lineHashes(text)[1]);
  });
});

const SDK = `import { IntercomClient } from "intercom-client";\nconst client = new IntercomClient({ token: "t" });\n`;

function identities(code: string, file = "a.ts") {
  const findings = newEngine().analyze(code, file).findings;
  return identifyFindings(code, file, findings).map(({ ruleId, scope, code: own }) => ({ ruleId, scope, code: own }));
}

describe("finding identity", () => {
  it("normalises blanks, comments, quote style and trailing commas away", () => {
    expect(normaliseCode(`assignment: {\n    admin_id: '12',\n    assignee_id: 34,\n  }`)).toBe(`assignment:{admin_id:"12",assignee_id:34}`);
    expect(normaliseCode(`new  Foo( a ,b )`)).toBe(`new Foo(a,b)`);
    const a = SDK + `client.tickets.update({ ticket_id: "1", assignment: { admin_id: "12", assignee_id: 34 } });\n`;
    const b = SDK + `client.tickets.update({\n  ticket_id: '1',\n  assignment: { /* legacy */ admin_id: '12',\n    assignee_id: 34, },\n});\n`;
    const fa = identifyFindings(a, "a.js", newEngine().analyze(a, "a.js").findings);
    const fb = identifyFindings(b, "a.js", newEngine().analyze(b, "a.js").findings);
    expect(fb.map((f) => f.fingerprint)).toEqual(fa.map((f) => f.fingerprint));
    expect(fa[0].code).toBe(`assignment:{admin_id:"12",assignee_id:34}`);
  });

  it("names the enclosing functions and classes, however they are declared", () => {
    const code =
      SDK +
      [
        `export const assign = (id: string) => client.tickets.update({ ticket_id: id, assignment: { admin_id: "1", assignee_id: 2 } });`,
        `export function reassign(id: string) { return client.tickets.update({ ticket_id: id, assignment: { admin_id: "3", assignee_id: 4 } }); }`,
        `export class Tickets { move(id: string) { return client.tickets.update({ ticket_id: id, assignment: { admin_id: "5", assignee_id: 6 } }); } }`,
        `export const handlers = { put: async (id: string) => client.tickets.update({ ticket_id: id, assignment: { admin_id: "7", assignee_id: 8 } }) };`,
        `describe("tickets", () => { it("assigns", () => client.tickets.update({ ticket_id: "9", assignment: { admin_id: "9", assignee_id: 9 } })); });`,
        `client.tickets.update({ ticket_id: "0", assignment: { admin_id: "0", assignee_id: 0 } });`,
      ].join("\n");
    expect(identities(code).map((f) => f.scope)).toEqual(["assign", "reassign", "Tickets.move", "put", `describe("tickets").it("assigns")`, ""]);
  });

  it("keeps a finding's fingerprint when lines move and unrelated code changes, and changes it when its own code does", () => {
    const before = SDK + `export function assign(id) {\n  return client.tickets.update({ ticket_id: id, assignment: { admin_id: "1", assignee_id: 2 } });\n}\n`;
    const moved =
      SDK + `const unrelated = 1;\n\nexport function other() { return unrelated; }\n` + before.slice(SDK.length).replace("return", "log(id);\n  return");
    const changed = before.replace(`"1"`, `"2"`);
    const fingerprint = (code: string) => identifyFindings(code, "a.js", newEngine().analyze(code, "a.js").findings)[0].fingerprint;
    expect(fingerprint(moved)).toBe(fingerprint(before));
    expect(fingerprint(changed)).not.toBe(fingerprint(before));
    expect(fingerprint(before.replace("function assign", "function assignTicket"))).not.toBe(fingerprint(before));
  });
});

const record = (file: string, fingerprint: string, count: number, ruleId = "ticket-update-assignment"): BaselineRecord => ({
  file,
  ruleId,
  fingerprint,
  count,
  scope: "assign",
  code: "assignment:{}",
});

describe("the baseline file", () => {
  it("is sorted, one entry a line, and the same whatever order it was built in", () => {
    const records = [
      record("src/b.js", "00000000000000bb", 1),
      record("src/a.js", "00000000000000ff", 2),
      record("src/a.js", "00000000000000aa", 1, "intercom-version-header"),
    ];
    const text = formatBaselineFile(records);
    expect(text).toBe(
      [
        "{",
        '  "version": 1,',
        '  "files": {',
        '    "src/a.js": {',
        '      "intercom-version-header": {',
        '        "00000000000000aa": { "count": 1, "scope": "assign", "code": "assignment:{}" }',
        "      },",
        '      "ticket-update-assignment": {',
        '        "00000000000000ff": { "count": 2, "scope": "assign", "code": "assignment:{}" }',
        "      }",
        "    },",
        '    "src/b.js": {',
        '      "ticket-update-assignment": {',
        '        "00000000000000bb": { "count": 1, "scope": "assign", "code": "assignment:{}" }',
        "      }",
        "    }",
        "  }",
        "}",
        "",
      ].join("\n"),
    );
    expect(formatBaselineFile([...records].reverse())).toBe(text);
    expect(parseBaseline(JSON.parse(text), "b.json")).toEqual(records.sort((x, y) => (x.file + x.ruleId < y.file + y.ruleId ? -1 : 1)));
    expect(formatBaselineFile([])).toBe('{\n  "version": 1,\n  "files": {}\n}\n');
  });

  it("is checked when read, naming the file and what to do", () => {
    expect(() => parseBaseline({ version: 2, files: {} }, "b.json")).toThrow(BaselineFileError);
    expect(() => parseBaseline({ version: 1, files: { "a.js": { r: { xyz: { count: 1 } } } } }, "b.json")).toThrow(
      'b.json: "a.js" → "r" → "xyz" should be a 16-digit hex fingerprint with a positive whole "count"; write it again with --update-baseline',
    );
  });
});

describe("matching and counting", () => {
  const finding = (start: number) => ({
    ruleId: "ticket-update-assignment",
    severity: "error" as const,
    message: "m",
    start,
    end: start + 1,
    loc: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } },
  });
  const found = (fingerprint: string, start: number): IdentifiedFinding => ({
    finding: finding(start),
    identity: { ruleId: "ticket-update-assignment", fingerprint, scope: "assign", code: "assignment:{}" },
  });

  it("holds the first `count` findings of a key, calls the rest new, and the unused count stale", () => {
    const entries = [record("a.js", "000000000000000a", 2), record("a.js", "000000000000000b", 1)];
    const list = [found("000000000000000a", 1), found("000000000000000a", 5), found("000000000000000a", 9)];
    const { states, left } = matchFile(entries, list);
    expect(list.map((f) => states.get(f.finding))).toEqual(["unchanged", "unchanged", "new"]);
    expect([...left.entries()].map(([entry, count]) => [entry.fingerprint, count])).toEqual([["000000000000000b", 1]]);
  });

  it("updates what it judged, prunes without adding, and keeps what it could not judge", () => {
    const records = [record("a.js", "000000000000000a", 2), record("b.js", "000000000000000b", 1)];
    const checked = new Map([["/p/a.js", [found("000000000000000a", 1), found("000000000000000c", 4)]]]);
    const onlyA = (file: string) => file === "/p/a.js";
    expect(compareWithBaseline(records, "/p", checked, onlyA).stale.map((s) => [s.file, s.fixed])).toEqual([["a.js", 1]]);
    const fingerprints = (list: BaselineRecord[]) => list.map((r) => `${r.file} ${r.fingerprint} ${r.count}`).sort();
    expect(fingerprints(nextBaseline(records, "/p", checked, onlyA, "update"))).toEqual([
      "a.js 000000000000000a 1",
      "a.js 000000000000000c 1",
      "b.js 000000000000000b 1",
    ]);
    expect(fingerprints(nextBaseline(records, "/p", checked, onlyA, "prune"))).toEqual(["a.js 000000000000000a 1", "b.js 000000000000000b 1"]);
  });
});
