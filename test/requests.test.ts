// Request recognition: which calls talk to Intercom, which endpoint, across modules and wrappers.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSource } from "../src/core/parse.js";
import { SourceFile } from "../src/core/source.js";
import { newEngine, tempDir } from "./support.js";

/** Write a small project and return the recognised requests of one file as `client METHOD /path op`. */
function requestsIn(files: Record<string, string>, entry: string): string[] {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  const engine = newEngine();
  const filePath = path.join(dir, entry);
  const parsed = parseSource(files[entry], filePath);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const file = new SourceFile(filePath, files[entry], parsed.ast);
  engine.project.register(file);
  return engine.finder.findRequests(file).map((r) => `${r.client} ${r.method ?? "?"} ${r.path ?? "?"} ${r.endpoint?.operation ?? "-"}`);
}

describe("request recognition", () => {
  it("finds SDK calls on a client made in another module and re-exported", () => {
    const found = requestsIn(
      {
        "src/intercom/client.ts": `import { IntercomClient } from "intercom-client";\nexport const intercom = new IntercomClient({ token: "t" });\n`,
        "src/intercom/index.ts": `export * from "./client";\n`,
        "src/tickets.ts": `import { intercom } from "./intercom";\nexport const close = (id: string) => intercom.tickets.update({ ticket_id: id, open: false });\n`,
      },
      "src/tickets.ts",
    );
    expect(found).toEqual(["intercom-client PUT /tickets/{ticket_id} tickets.update"]);
  });

  it("follows CommonJS require of the SDK and of a project module", () => {
    const found = requestsIn(
      {
        "lib/client.js": `const Intercom = require("intercom-client");\nmodule.exports = { client: new Intercom.IntercomClient({ token: "t" }) };\n`,
        "lib/send.js": `const { client } = require("./client");\nclient.messages.create({ to: { type: "user", id: "1" } });\n`,
      },
      "lib/send.js",
    );
    expect(found).toEqual(["intercom-client POST /messages messages.create"]);
  });

  it("resolves axios instances, base URLs and constants across modules", () => {
    const found = requestsIn(
      {
        "src/config.js": `export const INTERCOM_API = "https://api.intercom.io";\n`,
        "src/http.js": `import axios from "axios";\nimport { INTERCOM_API } from "./config.js";\nexport default axios.create({ baseURL: INTERCOM_API });\n`,
        "src/use.js": `import api from "./http";\nexport const f = (id, body) => api.put(\`/tickets/\${id}\`, body);\nexport const g = () => api.post("/messages", {});\n`,
      },
      "src/use.js",
    );
    expect(found).toEqual(["axios PUT /tickets/{} tickets.update", "axios POST /messages messages.create"]);
  });

  it("recognises fetch, got.extend prefixUrl, ky, superagent and undici", () => {
    const found = requestsIn(
      {
        "a.mjs": [
          `import got from "got";`,
          `import ky from "ky";`,
          `import superagent from "superagent";`,
          `import { request } from "undici";`,
          `const BASE = "https://api.intercom.io";`,
          `const intercom = got.extend({ prefixUrl: BASE });`,
          `await fetch(BASE + "/tickets/" + id, { method: "put", body: "{}" });`,
          `await intercom.put(\`tickets/\${id}\`, { json: {} });`,
          `await ky.post(\`\${BASE}/messages\`, { json: {} });`,
          `await superagent.put(\`\${BASE}/tickets/7\`).send({});`,
          `await request(new URL("/messages", BASE), { method: "POST", body: "{}" });`,
          `await fetch("https://api.example.com/tickets/1", { method: "PUT" });`,
        ].join("\n"),
      },
      "a.mjs",
    );
    expect(found).toEqual([
      "fetch PUT /tickets/{} tickets.update",
      "got PUT /tickets/{} tickets.update",
      "ky POST /messages messages.create",
      "superagent PUT /tickets/7 tickets.update",
      "undici POST /messages messages.create",
    ]);
  });

  it("sees through a wrapper whose parameters carry method, path and body, imported from another module", () => {
    const found = requestsIn(
      {
        "src/intercom.ts": [
          `const BASE = "https://api.intercom.io";`,
          `export async function intercomRequest(method: string, path: string, body?: unknown) {`,
          `  const res = await fetch(\`\${BASE}\${path}\`, { method, body: JSON.stringify(body) });`,
          `  return res.json();`,
          `}`,
        ].join("\n"),
        "src/service.ts": `import { intercomRequest } from "./intercom";\nexport const assign = (id: string) => intercomRequest("PUT", \`/tickets/\${id}\`, { open: true });\n`,
      },
      "src/service.ts",
    );
    expect(found).toEqual(["fetch PUT /tickets/{} tickets.update"]);
  });

  it("joins a base URL only from the option of a client that has one", () => {
    const found = requestsIn(
      {
        "b.mjs": [
          `import got from "got";`,
          `import { request } from "undici";`,
          `const BASE = "https://api.intercom.io";`,
          `await fetch("/tickets/1", { prefixUrl: BASE, method: "PUT", body: "{}" });`,
          `await request("/tickets/2", { prefixUrl: BASE, method: "PUT", body: "{}" });`,
          `await got("tickets/3", { prefixUrl: BASE, method: "PUT", json: {} });`,
        ].join("\n"),
      },
      "b.mjs",
    );
    expect(found).toEqual(["got PUT /tickets/3 tickets.update"]);
  });

  it("ignores other vendors and unknown methods", () => {
    const found = requestsIn(
      {
        "z.js": [
          `const axios = require("axios");`,
          `const zendesk = axios.create({ baseURL: "https://acme.zendesk.com/api/v2" });`,
          `zendesk.put("/tickets/42", { ticket: {} });`,
          `fetch("https://api.intercom.io/tickets/1", { method: someMethod });`,
        ].join("\n"),
      },
      "z.js",
    );
    expect(found).toEqual(["fetch ? /tickets/1 -"]);
  });
});
