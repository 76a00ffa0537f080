// The language server as a child process, spoken to in JSON-RPC: diagnostics, quick fixes, fix-all, close.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { LspClient, applyLspEdits } from "./lsp-client.js";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RULES } from "../rules/index.js";
import { BIN, ROOT, newEngine } from "./support.js";

const languageOf = (file: string) => (/\.[cm]?tsx?$/.test(file) ? (file.endsWith("x") ? "typescriptreact" : "typescript") : "javascript");

let child: ChildProcessWithoutNullStreams;
let client: LspClient;

beforeAll(async () => {
  child = spawn(process.execPath, [BIN, "lsp", "--stdio"], { cwd: ROOT });
  client = new LspClient(child);
  const init = await client.request("initialize", { processId: process.pid, rootUri: pathToFileURL(ROOT).href, capabilities: {} });
  expect(init.capabilities.codeActionProvider).toBeTruthy();
  client.notify("initialized", {});
});

afterAll(() => {
  child.kill();
});

describe("intercom-migrate lsp", () => {
  it("publishes diagnostics on open, offers quick fixes, and clears them once applied", async () => {
    const uri = "file:///project/src/tickets.js";
    const text = `import { IntercomClient } from "intercom-client";\nconst client = new IntercomClient({ version: "2.13" });\nclient.tickets.update({ ticket_id: "1", assignment: { admin_id: "1", assignee_id: 2 } });\n`;
    client.notify("textDocument/didOpen", { textDocument: { uri, languageId: "javascript", version: 1, text } });
    const published = await client.diagnostics(uri);
    const diagnostics = published.params.diagnostics;
    expect(diagnostics.map((d: { code: string; range: { start: object } }) => [d.code, d.range.start])).toEqual([
      ["intercom-version-header", { line: 1, character: 45 }],
      ["ticket-update-assignment", { line: 2, character: 40 }],
    ]);
    expect(diagnostics[1]).toMatchObject({
      severity: 1,
      source: "intercom-migrate",
      codeDescription: { href: expect.stringMatching(/rules\/ticket-update-assignment\.md$/) },
    });

    const actions = await client.request("textDocument/codeAction", {
      textDocument: { uri },
      range: diagnostics[1].range,
      context: { diagnostics: [diagnostics[1]] },
    });
    const quickFix = actions.find((a: { kind: string }) => a.kind === "quickfix");
    expect(quickFix.title).toBe("Lift `assignment` to top-level `admin_id`/`assignee_id`");
    const fixAll = actions.find((a: { kind: string }) => a.kind === "source.fixAll.intercom-migrate");
    const fixed = applyLspEdits(text, fixAll.edit.changes[uri]);
    expect(fixed).toBe(text.replace("2.13", "2.14").replace('assignment: { admin_id: "1", assignee_id: 2 }', 'admin_id: 1, assignee_id: "2"'));

    client.notify("textDocument/didChange", { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    expect((await client.diagnostics(uri)).params.diagnostics).toEqual([]);

    client.notify("textDocument/didClose", { textDocument: { uri } });
    expect((await client.diagnostics(uri)).params.diagnostics).toEqual([]);
  });

  it("fix-all code actions turn every fixture into its .output", async () => {
    const fixtures = path.join(ROOT, "fixtures");
    let checked = 0;
    for (const rule of readdirSync(fixtures)) {
      if (rule === "type-aware" || rule.includes(".")) continue;
      for (const name of readdirSync(path.join(fixtures, rule))) {
        const match = /^(.*)\.input\.(\w+)$/.exec(name);
        if (!match || match[1].startsWith("no-change-")) continue;
        const outputPath = path.join(fixtures, rule, `${match[1]}.output.${match[2]}`);
        if (!existsSync(outputPath)) continue;
        // A case with its own settings (`<case>.config.json`) is not what the server's configuration gives.
        if (existsSync(path.join(fixtures, rule, `${match[1]}.config.json`))) continue;
        const file = path.join(fixtures, rule, name);
        const uri = pathToFileURL(file).href;
        const text = readFileSync(file, "utf8");
        client.notify("textDocument/didOpen", { textDocument: { uri, languageId: languageOf(name), version: 1, text } });
        await client.diagnostics(uri);
        const actions = await client.request("textDocument/codeAction", {
          textDocument: { uri },
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          context: { diagnostics: [], only: ["source.fixAll"] },
        });
        expect(actions, name).toHaveLength(1);
        expect(applyLspEdits(text, actions[0].edit.changes[uri]), name).toBe(readFileSync(outputPath, "utf8"));
        client.notify("textDocument/didClose", { textDocument: { uri } });
        await client.diagnostics(uri);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it("titles every quick fix by what it does, the rule's own fix title (never a generic one)", async () => {
    const fixtures = path.join(ROOT, "fixtures");
    const titlesByRule = new Map<string, Set<string>>();
    for (const rule of readdirSync(fixtures)) {
      if (rule === "type-aware" || rule.includes(".")) continue;
      for (const name of readdirSync(path.join(fixtures, rule))) {
        if (!name.includes(".input.") || existsSync(path.join(fixtures, rule, name.replace(/\.input\.\w+$/, ".config.json")))) continue;
        const file = path.join(fixtures, rule, name);
        const uri = pathToFileURL(file).href;
        const text = readFileSync(file, "utf8");
        // What the engine calls each fix in this file: SARIF's fix descriptions and fix's summary say the same.
        const expected = new Set(
          newEngine()
            .analyze(text, file)
            .findings.flatMap((f) => (f.fixTitle ? [`${f.ruleId}: ${f.fixTitle}`] : [])),
        );
        if (expected.size === 0) continue;
        client.notify("textDocument/didOpen", { textDocument: { uri, languageId: languageOf(name), version: 1, text } });
        const diagnostics = (await client.diagnostics(uri)).params.diagnostics as { code: string; range: object }[];
        for (const diagnostic of diagnostics) {
          const actions = await client.request<{ kind: string; title: string }[]>("textDocument/codeAction", {
            textDocument: { uri },
            range: diagnostic.range,
            context: { diagnostics: [diagnostic], only: ["quickfix"] },
          });
          for (const action of actions.filter((a) => a.kind === "quickfix" && !a.title.startsWith("Disable"))) {
            const title = `${diagnostic.code}: ${action.title}`;
            if (!expected.has(title)) continue; // a suggestion: titled by its own message
            expect(action.title, name).not.toMatch(/^Fix\b|intercom-migrate\)$/);
            if (!titlesByRule.has(diagnostic.code)) titlesByRule.set(diagnostic.code, new Set());
            titlesByRule.get(diagnostic.code)!.add(action.title);
          }
        }
        client.notify("textDocument/didClose", { textDocument: { uri } });
        await client.diagnostics(uri);
      }
    }
    // Every fixable rule's quick fixes were seen, each under its fix title.
    expect(Object.fromEntries([...titlesByRule].map(([rule, titles]) => [rule, [...titles].sort()]))).toMatchObject({
      "intercom-version-header": ["Pin Intercom-Version to 2.14"],
      "ticket-update-assignment": expect.arrayContaining(["Lift `assignment` to top-level `admin_id`/`assignee_id`"]),
      "message-recipients-array": expect.arrayContaining(["Wrap `to` in an array"]),
    });
    // ticket-update-acting-admin fixes only with settings (its fixtures' own config), which the server here has not.
    for (const rule of RULES.filter((r) => r.meta.fixable && r.meta.id !== "ticket-update-acting-admin"))
      expect(titlesByRule.has(rule.meta.id), rule.meta.id).toBe(true);
  });
});
