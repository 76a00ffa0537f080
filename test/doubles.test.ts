// Test doubles in the core: which mocks and assertions stand for an Intercom request (and which do not), the
// version pin's assertions, mocked responses, test-file paths, and switching it all off.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../rules/index.js";
import { isTestFile } from "../src/requests/doubles.js";
import { Engine } from "../src/core/engine.js";
import { parseSource } from "../src/core/parse.js";
import { SourceFile } from "../src/core/source.js";
import { tempDir } from "./support.js";

function load(files: Record<string, string>, entry: string, tests = true): { engine: Engine; file: SourceFile } {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  const engine = new Engine({ rules: RULES, tests });
  const filePath = path.join(dir, entry);
  const parsed = parseSource(files[entry], filePath);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const file = new SourceFile(filePath, files[entry], parsed.ast);
  engine.project.register(file);
  return { engine, file };
}

/** The requests of a file as `double client METHOD path operation`. */
function requestsIn(files: Record<string, string>, entry: string, tests = true): string[] {
  const { engine, file } = load(files, entry, tests);
  return engine.finder.findRequests(file).map((r) => `${r.double ?? "-"} ${r.client} ${r.method ?? "?"} ${r.path ?? "?"} ${r.endpoint?.operation ?? "-"}`);
}

const SDK_CLIENT = `import { IntercomClient } from "intercom-client";\nexport const intercom = new IntercomClient({ token: "t" });\n`;

describe("test doubles of requests", () => {
  it("nock interceptors, with the base and the scope in variables", () => {
    const found = requestsIn(
      {
        "test/a.test.js": [
          `import nock from "nock";`,
          `const BASE = "https://api.intercom.io";`,
          `const scope = nock(BASE).matchHeader("Intercom-Version", "2.14");`,
          `scope.put("/tickets/1", { admin_id: 1 }).reply(200, {}).post("/messages", { to: [] }).reply(200);`,
          `nock(BASE).intercept("/tickets/2", "put", {}).reply(200);`,
          `nock(BASE).get("/me").reply(200);`,
          `nock(BASE).put(/tickets/, {}).reply(200);`,
          `nock("https://acme.zendesk.com").put("/tickets/1", {}).reply(200);`,
        ].join("\n"),
      },
      "test/a.test.js",
    );
    expect(found.sort()).toEqual([
      "nock nock GET /me identifyAdmin",
      "nock nock POST /messages messages.create",
      "nock nock PUT /tickets/1 tickets.update",
      "nock nock PUT /tickets/2 tickets.update",
    ]);
  });

  it("msw handlers count only where they assert the body", () => {
    const found = requestsIn(
      {
        "test/handlers.js": [
          `import { http, HttpResponse } from "msw";`,
          `http.put("https://api.intercom.io/tickets/:id", async ({ request }) => { expect(await request.json()).toEqual({ open: true }); return HttpResponse.json({}); });`,
          `http.post("https://api.intercom.io/messages", async (info) => { const body = await info.request.clone().json(); assert.deepEqual(body, { to: [] }); return HttpResponse.json({}); });`,
          `http.put("https://api.intercom.io/tickets/:id", () => HttpResponse.json({ assignment: {} }));`,
        ].join("\n"),
      },
      "test/handlers.js",
    );
    expect(found).toEqual(["msw msw PUT /tickets/{} tickets.update", "msw msw POST /messages messages.create"]);
  });

  it("mocked HTTP clients asserted with toHaveBeenCalledWith, and SDK stand-ins", () => {
    const found = requestsIn(
      {
        "src/intercom.js": SDK_CLIENT,
        "test/a.test.js": [
          `import axios from "axios";`,
          `import { intercom } from "../src/intercom.js";`,
          `jest.mock("axios");`,
          `const fetchMock = jest.fn();`,
          `global.fetch = fetchMock;`,
          `const update = jest.spyOn(intercom.tickets, "update");`,
          `expect(fetchMock).toHaveBeenCalledWith("https://api.intercom.io/messages", expect.objectContaining({ body: "{}" }));`,
          `expect(axios.put).toHaveBeenNthCalledWith(2, "https://api.intercom.io/tickets/3", {});`,
          `expect(update).toHaveBeenCalledWith({ ticket_id: "1" });`,
          `expect(intercom.messages.create).lastCalledWith({});`,
          `expect(fetchMock).not.toHaveBeenCalledWith("https://api.intercom.io/messages", {});`,
          `expect(fetchMock).toHaveBeenCalledWith("https://api.example.com/tickets/1", { method: "PUT" });`,
        ].join("\n"),
      },
      "test/a.test.js",
    );
    expect(found).toEqual([
      "assertion fetch POST /messages messages.create",
      "assertion axios PUT /tickets/3 tickets.update",
      "spy intercom-client PUT /tickets/{ticket_id} tickets.update",
      "spy intercom-client POST /messages messages.create",
    ]);
  });

  it("a fake client in a module mock, typed as the SDK's, or from a typed mock factory", () => {
    const found = requestsIn(
      {
        "src/intercom.ts": SDK_CLIENT,
        "test/a.test.ts": [
          `import type { IntercomClient } from "intercom-client";`,
          `import { mockDeep } from "vitest-mock-extended";`,
          `const { update } = vi.hoisted(() => ({ update: vi.fn() }));`,
          `vi.mock("../src/intercom", () => ({ intercom: { tickets: { update } } }));`,
          `const fake = { messages: { create: vi.fn() } } as unknown as IntercomClient;`,
          `const deep = mockDeep<IntercomClient>();`,
          `expect(update).toHaveBeenCalledWith({});`,
          `expect(fake.messages.create).toHaveBeenCalledWith({});`,
          `expect(deep.tickets.update).toHaveBeenCalledWith({});`,
          `expect(vi.mocked(fake.messages.create).mock.calls[0][0]).toEqual({});`,
        ].join("\n"),
      },
      "test/a.test.ts",
    );
    expect(found).toEqual([
      "spy intercom-client PUT /tickets/{ticket_id} tickets.update",
      "spy intercom-client POST /messages messages.create",
      "spy intercom-client PUT /tickets/{ticket_id} tickets.update",
      "spy intercom-client POST /messages messages.create",
    ]);
  });

  it("none with tests switched off", () => {
    const files = { "test/a.test.js": `import nock from "nock";\nnock("https://api.intercom.io").put("/tickets/1", { assignment: { admin_id: 1 } });\n` };
    expect(requestsIn(files, "test/a.test.js", false)).toEqual([]);
    const { engine } = load(files, "test/a.test.js", false);
    expect(engine.analyze(files["test/a.test.js"], "a.test.js").findings).toEqual([]);
  });
});

describe("version pins and mocked responses", () => {
  it("certain pins, uncertain ones (only named like a version, in Intercom code), and none", () => {
    const { engine, file } = load(
      {
        "test/v.test.ts": [
          `import { INTERCOM_VERSION as PINNED } from "../src/intercom";`,
          `import { IntercomClient } from "intercom-client";`,
          `expect(PINNED).toBe("2.13");`,
          `expect(headers.get("intercom-version")).toEqual("2.13");`,
          `expect(client.apiVersion).toBe("2.13");`,
          `expect(pkg.name).toBe("2.13");`,
          `expect(PINNED).not.toBe("2.13");`,
        ].join("\n"),
      },
      "test/v.test.ts",
    );
    const pins = engine.finder.doubles!.versionPins(file).map((pin) => `${file.sourceOf(pin.subject.node)} ${pin.certain ? "certain" : "uncertain"}`);
    expect(pins).toEqual(["PINNED certain", 'headers.get("intercom-version") certain', "client.apiVersion uncertain"]);
  });

  it("what a mock answers is a response, not a request", () => {
    const text = [
      `import nock from "nock";`,
      `nock("https://api.intercom.io").put("/tickets/1", { admin_id: 1 }).reply(200, { assignment: { admin_id: "1" } });`,
      `const fetchMock = vi.fn().mockResolvedValue({ json: async () => ({ to: {} }) });`,
    ].join("\n");
    const { engine, file } = load({ "test/r.test.js": text }, "test/r.test.js");
    const at = (snippet: string) => ({ start: text.indexOf(snippet), end: text.indexOf(snippet) + snippet.length }) as never;
    expect(engine.finder.doubles!.mockedResponseAt(file, at(`assignment: { admin_id: "1" }`))).toBeTruthy();
    expect(engine.finder.doubles!.mockedResponseAt(file, at(`to: {}`))).toBeTruthy();
    expect(engine.finder.doubles!.mockedResponseAt(file, at(`admin_id: 1 }`))).toBeUndefined();
    expect(engine.analyze(text, file.path).findings).toEqual([]);
  });
});

describe("test files", () => {
  it.each([
    ["src/tickets.test.ts", true],
    ["src/tickets.spec.mjs", true],
    ["src/__tests__/tickets.js", true],
    ["src/__mocks__/intercom-client.js", true],
    ["test/helpers/nock.ts", true],
    ["tests/e2e.ts", true],
    ["packages/api/test/x.js", true],
    ["src/tickets.ts", false],
    ["src/testing-utils.ts", false],
    ["src/latest/tickets.ts", false],
    ["contest/entry.ts", false],
  ])("%s: %s", (file, expected) => {
    expect(isTestFile(file)).toBe(expected);
  });
});
