// Issue 19, "inputs that hang it": bounded work on adversarial inputs (regexes, deep nesting, huge statement lists).
//
// Where the work can be counted (tree walks), the test counts steps. Where it cannot (a regex's backtracking), it
// runs the 1 MB input once under a ceiling that is generous on purpose — about 100× what the linear code takes, and
// a thousandth of what the quadratic code took. The times themselves are measured in bench/hostile.mjs.
import { afterEach, describe, expect, it, vi } from "vitest";
import { selectFixes } from "../src/core/edits.js";
import { parseJsonc } from "../src/core/jsonc.js";
import { bracketDepth, parseSource } from "../src/core/parse.js";
import { SourceFile } from "../src/core/source.js";
import { commentsIn } from "../src/core/syntax.js";
import { joinUrl } from "../src/core/values.js";
import type { Finding } from "../src/core/types.js";
import { formatMarkdownReport } from "../src/formats/markdown-report.js";
import { oneLine } from "../src/formats/one-line.js";
import { linesAbove } from "../src/run/annotate.js";
import { nearest } from "../src/workspace/config.js";
import { RULES } from "../rules/index.js";
import { newEngine, project, runCli } from "./support.js";

const MB = 1024 * 1024;
/** Generous: the linear code takes milliseconds here; the quadratic code took minutes to hours. */
const CEILING_MS = 5000;

function withinCeiling<T>(work: () => T): T {
  const started = performance.now();
  const result = work();
  expect(performance.now() - started).toBeLessThan(CEILING_MS);
  return result;
}

const TICKET_UPDATE = `import { IntercomClient } from "intercom-client";\nconst client = new IntercomClient({ version: "2.14" });\nclient.tickets.update({ ticket_id: "1", assignment: { admin_id: "1", assignee_id: "2" } });\n`;

afterEach(() => {
  vi.restoreAllMocks();
});

describe("huge statement lists", () => {
  // 130k short statements: `push(...spread)` of that many nodes threw RangeError, the rule's error was swallowed,
  // and the error-level finding below vanished (exit 0).
  const text = "a;b;\n".repeat(65_000) + TICKET_UPDATE;

  it("a finding after 130k statements is still reported (engine)", () => {
    expect(text.length).toBeGreaterThan(320_000);
    const analysis = newEngine().analyze(text, "many.js");
    expect(analysis.internalErrors).toEqual([]);
    expect(analysis.findings.map((f) => f.ruleId)).toEqual(["ticket-update-assignment"]);
  });

  it("… and through the CLI: exit 1 with the finding", () => {
    const dir = project({ "many.js": text });
    const run = runCli(["check", "--format", "json", "many.js"], dir);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)[0].messages.map((m: { ruleId: string }) => m.ruleId)).toEqual(["ticket-update-assignment"]);
  });

  it("choosing 100k non-overlapping fixes is not quadratic", () => {
    const findings: Finding[] = Array.from({ length: 100_000 }, (_, i) => ({
      ruleId: "r",
      severity: "error",
      message: "",
      start: i * 10,
      end: i * 10 + 5,
      loc: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
      edits: [
        { start: i * 10, end: i * 10 + 5, text: "x" },
        { start: i * 10 + 7, end: i * 10 + 7, text: "y" },
      ],
    }));
    const { chosen, deferred } = withinCeiling(() => selectFixes(findings.slice().reverse()));
    expect(chosen).toHaveLength(100_000);
    expect(deferred).toHaveLength(0);
    // Overlaps are still deferred, insertions at one point included.
    const clash = selectFixes([
      findings[0],
      { ...findings[1], edits: [{ start: 2, end: 3, text: "" }] },
      { ...findings[2], edits: [{ start: 7, end: 7, text: "" }] },
    ]);
    expect(clash.chosen).toEqual([findings[0]]);
    expect(clash.deferred).toHaveLength(2);
  });
});

describe("deep nesting", () => {
  /** Steps up the tree (parent lookups and ancestor walks) while the engine analyses `f(f(…))` this deep. */
  function treeSteps(depth: number): number {
    const text = `import { IntercomClient } from "intercom-client";\nconst client = new IntercomClient({ version: "2.13" });\n${"f(\n".repeat(depth)}x${")\n".repeat(depth)};\n`;
    let steps = 0;
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called with its own `this` below
    const parent = SourceFile.prototype.parent;
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called with its own `this` below
    const ancestors = SourceFile.prototype.ancestors;
    vi.spyOn(SourceFile.prototype, "parent").mockImplementation(function (this: SourceFile, node) {
      steps++;
      return parent.call(this, node);
    });
    vi.spyOn(SourceFile.prototype, "ancestors").mockImplementation(function* (this: SourceFile, node) {
      for (const ancestor of ancestors.call(this, node)) {
        steps++;
        yield ancestor;
      }
    });
    const analysis = newEngine().analyze(text, "nested.js");
    vi.restoreAllMocks();
    expect(analysis.findings.map((f) => f.ruleId)).toEqual(["intercom-version-header"]);
    return steps;
  }

  it("resolving every name of f(f(…)) 10k deep walks the tree a bounded number of times (was quadratic: 25 s)", () => {
    const depth = 10_000;
    // Quadratic resolution took ~depth²/2 = 50M steps; linear work is a small multiple of the depth.
    expect(treeSteps(depth)).toBeLessThan(40 * depth);
  }, 60_000);
});

describe("nesting beyond any code's", () => {
  it("is refused before any parse attempt (a retry on a large stack took minutes at 400k levels)", () => {
    const text = `x(${"[\n".repeat(300_000)}${"]\n".repeat(300_000)});\n`;
    expect(bracketDepth(text)).toBe(300_001);
    const result = withinCeiling(() => parseSource(text, "deep.js"));
    expect(result).toEqual({
      ok: false,
      error: { message: "The file is nested too deeply to parse (300001 levels of brackets; the limit is 20000).", line: 1, column: 1 },
    });
  });

  it("counts brackets outside strings and comments only", () => {
    expect(bracketDepth(`const s = "((((("; // ((((\n/* [[[[ */ f({ a: [1] });`)).toBe(3);
    expect(bracketDepth(`'\\'' + ( 'x' )`)).toBe(1);
  });

  it("nesting within the limit still parses, on the large stack (its time is in bench/hostile.mjs)", () => {
    const text = `x(${"[\n".repeat(15_000)}${"]\n".repeat(15_000)});\n`;
    const result = withinCeiling(() => parseSource(text, "deep.js"));
    expect(result.ok).toBe(true);
  }, 60_000);
});

describe("every regex on source text is linear (1 MB adversarial inputs)", () => {
  it("message-recipients-array's prefilter: `messages:` then 1 MB of spaces (was 30 s at 100 KB)", () => {
    const rule = RULES.find((r) => r.meta.id === "message-recipients-array")!;
    const text = `const x = { messages:${" ".repeat(MB)}};\nconst to = 1;\n`;
    expect(withinCeiling(() => rule.mayMatch(text))).toBe(false);
    expect(rule.mayMatch(`vi.spyOn(client.messages,\n "create"); const to = 1;`)).toBe(true);
    expect(rule.mayMatch(`const fake = { messages: {\n  create: vi.fn() } }; // to`)).toBe(true);
    expect(rule.mayMatch(`const fake = { messages: { createX: 1 } }; // to`)).toBe(false);
  });

  it("the Markdown report's cells: a property name of 1 MB of blanks (was 12 s)", () => {
    const name = `a${" ".repeat(MB)}b`;
    const finding: Finding = {
      ruleId: "request-schema",
      severity: "warning",
      message: `unknown property \`${name}\``,
      start: 0,
      end: 1,
      loc: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } },
    };
    const report = withinCeiling(() => formatMarkdownReport([{ filePath: "/p/a.js", findings: [finding], applied: [], written: false }], RULES, "/p", false));
    expect(report).toContain("unknown property");
    expect(oneLine(`a  \n \n  b${" ".repeat(10)}`)).toBe(`a b${" ".repeat(10)}`);
    expect(withinCeiling(() => oneLine(`x${" ".repeat(MB)}\ny`))).toBe("x y");
  });

  it("--annotate reads only the lines above each comment, not the whole file before it", () => {
    const text = "x\n".repeat(MB / 2);
    withinCeiling(() => {
      for (let point = 2; point < text.length; point += 2000) linesAbove(text, point, 2);
    });
    expect(linesAbove("a\r\nb\nc\n", 7, 2)).toEqual(["b", "c"]);
  });

  it("comments between tokens: 1 MB of unclosed `/*`", () => {
    expect(withinCeiling(() => commentsIn("/* ".repeat(MB / 3)))).toEqual([]);
    expect(commentsIn("a /* b */ c // d\n e")).toEqual(["/* b */", "// d"]);
  });

  it("joining a base URL that ends in 1 MB of slashes and one more character", () => {
    expect(withinCeiling(() => joinUrl(`https://api.intercom.io${"/".repeat(MB)}x`, "tickets")).length).toBe(MB + 32);
    expect(joinUrl("https://api.intercom.io///", "/tickets")).toBe("https://api.intercom.io/tickets");
  });

  it("tsconfig.json with comments: 1 MB of unclosed `/*` and of `,]`", () => {
    expect(() => withinCeiling(() => parseJsonc(`{ "a": 1 ${"/* ".repeat(MB / 3)}`))).toThrow(SyntaxError);
    expect(withinCeiling(() => parseJsonc(`[${"[],".repeat(MB / 3)}]`))).toHaveLength(Math.floor(MB / 3));
    expect(parseJsonc(`{ // c\n "a": "http://x//y", /* b */ "b": [1, 2,], }`)).toEqual({ a: "http://x//y", b: [1, 2] });
  });

  it("'did you mean' on a 1 MB path or property name gives up instead of computing the edit distance", () => {
    expect(withinCeiling(() => nearest("a".repeat(MB), ["tickets", "messages"]))).toBeUndefined();
    expect(nearest("tickts", ["tickets", "messages"])).toBe("tickets");
  });

  it("request-schema on a request to a 1 MB unknown path", () => {
    const text = `await fetch("https://api.intercom.io/${"a".repeat(MB)}", { method: "POST", body: JSON.stringify({ a: 1 }) });\n`;
    const findings = withinCeiling(() => newEngine().analyze(text, "a.js").findings);
    expect(findings.map((f) => f.ruleId)).toEqual(["request-schema"]);
  });

  it("every rule's prefilter on 1 MB of each needle's worst neighbourhood", () => {
    const engine = newEngine();
    const needles = ["messages", "ssignment", "ntercom", "admin_id", "published_at", "assignee_id", "/tickets", "intercom-migrate-disable"];
    for (const needle of needles) {
      for (const filler of [" ", "\t", "\n", "/*", "{", '"', "(", "/"]) {
        const text = `${needle}:${filler.repeat(MB / 4)}`;
        withinCeiling(() => {
          engine.rulesForBytes(Buffer.from(text));
          for (const rule of RULES) rule.mayMatch(text);
        });
      }
    }
  }, 120_000);
});
