// The editors read the same baseline as `check`: the ESLint plugin hides what it holds, the language server hides it or shows hints.
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import { EditorBaseline } from "../src/baseline/editor-baseline.js";
import plugin from "../src/frontends/eslint-plugin.js";
import { LspClient } from "./lsp-client.js";
import { BIN, project, runCli } from "./support.js";

const BASELINE = "intercom-migrate-baseline.json";
const TICKETS = `import { IntercomClient } from "intercom-client";
const client = new IntercomClient({ token: "t", version: "2.13" });
export const assign = (id) =>
  client.tickets.update({ ticket_id: id, assignment: { admin_id: "12", assignee_id: 34 } });
`;
/** Lines moved down, and a new 2.13 shape in a new function. */
const EDITED = `import { IntercomClient } from "intercom-client";
// Routing rules live in routing.js.
const client = new IntercomClient({ token: "t", version: "2.13" });
export const assign = (id) =>
  client.tickets.update({ ticket_id: id, assignment: { admin_id: "12", assignee_id: 34 } });
export const escalate = (id) => client.tickets.update({ ticket_id: id, assignment: { admin_id: "1", assignee_id: 2 } });
`;

function baselinedProject(): string {
  const dir = project({ "src/tickets.js": TICKETS });
  expect(runCli(["check", "--update-baseline"], dir).code).toBe(0);
  return dir;
}

describe("the ESLint plugin with settings.intercom-migrate.baseline", () => {
  const lint = (dir: string, text: string, settings: Record<string, unknown>) =>
    new Linter({ configType: "flat", cwd: dir })
      .verify(text, [...(plugin.configs.recommended as Linter.Config[]), { settings: { "intercom-migrate": settings } }], {
        filename: path.join(dir, "src/tickets.js"),
      })
      .map((m) => `${m.ruleId} ${m.line}:${m.column}`);

  it("reports only what the baseline does not hold, wherever the lines moved", () => {
    const dir = baselinedProject();
    expect(lint(dir, TICKETS, {})).toEqual(["intercom-migrate/intercom-version-header 2:58", "intercom-migrate/ticket-update-assignment 4:42"]);
    expect(lint(dir, TICKETS, { baseline: BASELINE })).toEqual([]);
    expect(lint(dir, EDITED, { baseline: true })).toEqual(["intercom-migrate/ticket-update-assignment 6:72"]);
  });
});

describe("a baseline an editor cannot read", () => {
  it("holds nothing, and says why once", () => {
    const dir = project({ "src/tickets.js": TICKETS, "broken.json": "{" });
    for (const name of ["missing.json", "broken.json"]) {
      const baseline = new EditorBaseline(path.join(dir, name));
      expect(baseline.baselined(path.join(dir, "src/tickets.js"), TICKETS, [])).toEqual(new Set());
      expect(baseline.newProblem()).toMatch(name === "missing.json" ? /missing\.json: no such baseline file$/ : /broken\.json: not valid JSON/);
      baseline.baselined(path.join(dir, "src/tickets.js"), TICKETS, []);
      expect(baseline.newProblem()).toBeUndefined();
    }
  });
});

describe("the language server with initializationOptions.baseline", () => {
  type Published = Array<{ code: string; severity: number; range: { start: { line: number } }; message: string }>;
  const describeAll = (diagnostics: Published) =>
    diagnostics.map(
      (d) => `${d.code} line ${d.range.start.line + 1} severity ${d.severity}${d.message.endsWith(`(in the baseline: ${BASELINE})`) ? " baselined" : ""}`,
    );

  /** A server for the project's folder; `edit` sends a new text of src/tickets.js and resolves to its diagnostics. */
  async function session(dir: string, options: Record<string, unknown>) {
    const child = spawn(process.execPath, [BIN, "lsp", "--stdio"], { cwd: dir });
    const client = new LspClient(child);
    await client.request("initialize", { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {}, initializationOptions: options });
    client.notify("initialized", {});
    const uri = pathToFileURL(path.join(dir, "src/tickets.js")).href;
    let version = 0;
    return {
      async edit(text: string): Promise<string[]> {
        version++;
        if (version === 1) client.notify("textDocument/didOpen", { textDocument: { uri, languageId: "javascript", version, text } });
        else client.notify("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ text }] });
        return describeAll((await client.diagnostics(uri)).params.diagnostics as Published);
      },
      close: () => child.kill(),
    };
  }

  async function diagnosticsOf(dir: string, options: Record<string, unknown>, text: string): Promise<string[]> {
    const server = await session(dir, options);
    try {
      return await server.edit(text);
    } finally {
      server.close();
    }
  }

  it("shows baselined findings as hints by default, and hides them when asked", async () => {
    const dir = baselinedProject();
    expect(await diagnosticsOf(dir, { baseline: BASELINE }, EDITED)).toEqual([
      "intercom-version-header line 3 severity 4 baselined",
      "ticket-update-assignment line 5 severity 4 baselined",
      "ticket-update-assignment line 6 severity 1",
    ]);
    expect(await diagnosticsOf(dir, { baseline: BASELINE, baselined: "hide" }, EDITED)).toEqual(["ticket-update-assignment line 6 severity 1"]);
    expect(await diagnosticsOf(dir, {}, EDITED)).toEqual([
      "intercom-version-header line 3 severity 2",
      "ticket-update-assignment line 5 severity 1",
      "ticket-update-assignment line 6 severity 1",
    ]);
  });

  it("reads the baseline again when it changes on disk", async () => {
    const dir = baselinedProject();
    const server = await session(dir, { baseline: BASELINE, baselined: "hide" });
    try {
      expect(await server.edit(EDITED)).toEqual(["ticket-update-assignment line 6 severity 1"]);
      writeFileSync(path.join(dir, "src/tickets.js"), EDITED);
      expect(runCli(["check", "--update-baseline"], dir).code).toBe(0);
      expect(readFileSync(path.join(dir, BASELINE), "utf8")).toContain('"escalate"');
      expect(await server.edit(EDITED + "\n")).toEqual([]);
    } finally {
      server.close();
    }
  });
});
