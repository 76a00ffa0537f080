// The 2.14 API index: it matches the reference description, requests match its operations, and every request
// example of the description passes request-schema while the same example with a property renamed does not.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { requestSchema } from "../rules/request-schema.js";
import { ENDPOINTS, NAMED_OPERATIONS, endpointForSdkMethod, matchEndpoint } from "../src/intercom-api/endpoints.js";
import { Engine } from "../src/core/engine.js";
import { indexPath, openApiIndex, pathFits } from "../src/intercom-api/openapi.js";
import { SchemaChecker, type Shape } from "../src/intercom-api/schema-check.js";
import { ROOT, describeFindings } from "./support.js";

// Vendored with its licence notice (spec/README.md), so that every test here runs in a plain clone.
const REFERENCE = path.join(ROOT, "spec", "intercom", "2.14-api.intercom.io.yaml");
const INDEX = path.join(ROOT, "src", "data", "openapi-2.14-index.json");
const METHODS = ["get", "put", "post", "delete", "patch"];

interface OperationExamples {
  method: string;
  template: string;
  examples: Array<{ name: string; value: unknown }>;
}

/** Every operation of the reference with its request-body examples (`examples` values and `example`). */
function referenceOperations(): OperationExamples[] {
  const doc = parse(readFileSync(REFERENCE, "utf8"), { maxAliasCount: -1 }) as {
    paths: Record<
      string,
      Record<string, { requestBody?: { content?: Record<string, { examples?: Record<string, { value?: unknown }>; example?: unknown }> } }>
    >;
  };
  const operations: OperationExamples[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const json = operation.requestBody?.content?.["application/json"];
      const examples = Object.entries(json?.examples ?? {}).flatMap(([name, example]) =>
        example?.value === undefined ? [] : [{ name, value: example.value }],
      );
      if (json?.example !== undefined) examples.push({ name: "example", value: json.example });
      operations.push({ method: method.toUpperCase(), template, examples });
    }
  }
  return operations;
}

/** The program the example stands for: a raw fetch with the example literal as its body. */
function program(method: string, template: string, body: unknown): string {
  const url = `https://api.intercom.io${template.replace(/\{[^}]+\}/g, "123")}`;
  return `export async function call() {\n  await fetch(${JSON.stringify(url)}, {\n    method: ${JSON.stringify(method)},\n    body: JSON.stringify(${JSON.stringify(body, null, 2).replaceAll("\n", "\n    ")}),\n  });\n}\n`;
}

const schemaOnly = () => new Engine({ rules: [requestSchema] });

describe("the 2.14 API index", () => {
  it("is what scripts/build-openapi-index.mjs derives from the reference description (run it after the description changes)", () => {
    // No --source: the script's default is the vendored description, the one read here.
    const run = spawnSync(process.execPath, [path.join(ROOT, "scripts", "build-openapi-index.mjs"), "--stdout"], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(
      run.stdout === readFileSync(INDEX, "utf8"),
      "src/data/openapi-2.14-index.json has drifted from the reference: run `node scripts/build-openapi-index.mjs`",
    ).toBe(true);
  });

  it("has every operation of the reference, each matched by method and path template", () => {
    const operations = referenceOperations();
    expect(ENDPOINTS.map((endpoint) => `${endpoint.method} ${endpoint.path}`)).toEqual(
      operations.map((operation) => `${operation.method} ${operation.template}`),
    );
    for (const operation of operations) {
      const concrete = operation.template.replace(/\{[^}]+\}/g, "123");
      expect(matchEndpoint(operation.method, concrete)?.path, `${operation.method} ${concrete}`).toBe(operation.template);
    }
  });

  it("holds facts only: no descriptions, no examples", () => {
    const allowed = new Set(["ref", "type", "properties", "required", "additional", "free", "items", "enum", "oneOf", "anyOf", "allOf", "nullable"]);
    const keys = new Set<string>();
    const walk = (node: Record<string, unknown>): void => {
      for (const [key, value] of Object.entries(node)) {
        keys.add(key);
        if (key === "properties") for (const child of Object.values(value as Record<string, Record<string, unknown>>)) walk(child);
        else if (key === "items" || (key === "additional" && value !== true)) walk(value as Record<string, unknown>);
        else if (key === "oneOf" || key === "anyOf" || key === "allOf") for (const child of value as Array<Record<string, unknown>>) walk(child);
      }
    };
    const index = openApiIndex();
    for (const operation of index.operations) if (operation.body) walk(operation.body as Record<string, unknown>);
    for (const schema of Object.values(index.schemas)) walk(schema as Record<string, unknown>);
    expect([...keys].filter((key) => !allowed.has(key))).toEqual([]);
    expect(Object.keys(index).sort()).toEqual(["operations", "schemas", "sha256", "source", "version"]);
    for (const operation of index.operations) {
      expect(
        Object.keys(operation).filter((key) => !["method", "path", "operationId", "tags", "body", "bodyRequired", "examplesContradict"].includes(key)),
      ).toEqual([]);
    }
    expect(index.version).toBe("2.14");
    expect(openApiIndex().operations.length).toBe(ENDPOINTS.length);
  });

  it("is read from the package when it runs built (dist/)", () => {
    const run = spawnSync(
      process.execPath,
      ["--input-type=module", "-e", `import("./dist/src/intercom-api/openapi.js").then((m) => console.log(m.indexPath(), m.openApiIndex().operations.length))`],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(run.stderr).toBe("");
    expect(run.stdout.trim()).toBe(`${INDEX} ${ENDPOINTS.length}`);
    expect(indexPath()).toBe(INDEX);
  });
});

describe("matching requests to operations", () => {
  it("keeps the short names the rules use", () => {
    for (const name of NAMED_OPERATIONS)
      expect(
        ENDPOINTS.filter((endpoint) => endpoint.operation === name),
        name,
      ).toHaveLength(1);
    expect(matchEndpoint("PUT", "/tickets/{}")?.operation).toBe("tickets.update");
    expect(matchEndpoint("PUT", "/tickets/123")?.operation).toBe("tickets.update");
    expect(matchEndpoint("POST", "/messages")?.operation).toBe("messages.create");
    expect(matchEndpoint("PUT", "/news/news_items/9")?.operation).toBe("news.items.update");
    expect(endpointForSdkMethod("news.items.create")?.path).toBe("/news/news_items");
  });

  it("prefers literal segments, and reads an unknown part as one id", () => {
    expect(matchEndpoint("GET", "/export/reporting_data/get_datasets")?.path).toBe("/export/reporting_data/get_datasets");
    expect(matchEndpoint("GET", "/export/reporting_data/{}")?.path).toBe("/export/reporting_data/{job_identifier}");
    expect(matchEndpoint("POST", "/contacts/search")?.operationId).toBe("SearchContacts");
    expect(matchEndpoint("POST", "/tickets/enqueue")?.path).toBe("/tickets/enqueue");
    expect(matchEndpoint("POST", "/tickets/{}")).toBeUndefined();
    expect(matchEndpoint(undefined, "/tickets/1")).toBeUndefined();
  });

  it("decides that a path does not exist only when no reading of its unknown parts exists", () => {
    expect(pathFits("/{}/1", "/tickets/{ticket_id}", false)).toBe(true);
    expect(pathFits("/tickets/{}", "/tickets/{ticket_id}/reply", false)).toBe(true);
    expect(pathFits("/ticket/{}", "/tickets/{ticket_id}", false)).toBe(false);
    expect(pathFits("/tickets/{}", "/tickets/{ticket_id}/reply", true)).toBe(false);
  });
});

/** A JSON value as the shape of a literal, located by its JSON path. */
function shapeOf(value: unknown, at = "$"): Shape<string> {
  if (value === null) return { kind: "null", at };
  if (typeof value === "string") return { kind: "string", at, value };
  if (typeof value === "number") return { kind: "number", at, value };
  if (typeof value === "boolean") return { kind: "boolean", at };
  if (Array.isArray(value)) return { kind: "array", at, elements: value.map((element, i) => shapeOf(element, `${at}[${i}]`)) };
  return {
    kind: "object",
    at,
    properties: Object.entries(value as object).map(([key, v]) => ({ key, keyAt: `${at}.${key}:key`, value: shapeOf(v, `${at}.${key}`) })),
  };
}

function problems(method: string, concrete: string, body: unknown): string[] {
  const endpoint = matchEndpoint(method, concrete)!;
  return new SchemaChecker<string>().check(shapeOf(body), endpoint.body).map((p) => `${p.kind} ${p.at}`);
}

describe("the schema check", () => {
  it("reports unknown keys, wrong literal types and values outside enums, nested and in arrays", () => {
    expect(
      problems("POST", "/messages", {
        message_type: "sms",
        from: { type: "admin", id: 1, nick: "x" },
        to: [{ type: "person", id: "1" }],
        create_conversation_without_contact_reply: "yes",
      }),
    ).toEqual(["enum $.message_type", "unknown-property $.from.nick:key", "enum $.to[0].type", "type $.create_conversation_without_contact_reply"]);
  });

  it("does not judge numbers for strings, numeric strings for numbers, null, or free-form objects", () => {
    expect(problems("POST", "/conversations/1/tags", { id: 7522907, admin_id: 991267816 })).toEqual([]);
    expect(problems("POST", "/messages", { message_type: "email", from: { type: "admin", id: "991267816" } })).toEqual([]);
    expect(problems("PUT", "/conversations/1", { company_id: null, custom_attributes: { anything: [1, { deep: true }] } })).toEqual([]);
    expect(problems("POST", "/messages", { from: { type: "admin", id: "12a" } })).toEqual(["type $.from.id"]);
  });

  it("through oneOf: an enum-valued property picks the alternative; a key no alternative knows is reported; otherwise nothing", () => {
    // `type: "admin"` singles out the admin reply, where `admin_idd` is unknown.
    expect(problems("POST", "/conversations/1/reply", { message_type: "comment", type: "admin", admin_idd: "1", body: "x" })).toEqual([
      "unknown-property $.admin_idd:key",
    ]);
    // Every alternative rejects `bodyy`.
    expect(problems("POST", "/conversations/1/reply", { message_type: "comment", bodyy: "x" })).toEqual(["unknown-property $.bodyy:key"]);
    // A contact reply by email fits one alternative.
    expect(problems("POST", "/conversations/1/reply", { message_type: "comment", type: "user", email: "a@b.c", body: "x" })).toEqual([]);
    // `to`: one recipient or an array of them; a string fits neither.
    expect(problems("POST", "/messages", { to: "user-1" })).toEqual(["type $.to"]);
  });
});

describe("request-schema on the description's own request examples", () => {
  const operations = referenceOperations().filter((operation) => operation.examples.length > 0);

  it("covers every operation that has request examples", () => {
    expect(operations.length).toBeGreaterThan(50);
    expect(operations.reduce((sum, operation) => sum + operation.examples.length, 0)).toBeGreaterThan(120);
  });

  it.each(operations.map((operation) => [`${operation.method} ${operation.template}`, operation] as const))("%s", (_, operation) => {
    const engine = schemaOnly();
    for (const example of operation.examples) {
      const text = program(operation.method, operation.template, example.value);
      expect(describeFindings(engine.analyze(text, "example.js").findings), `${example.name}:\n${text}`).toBe("");
      if (typeof example.value !== "object" || example.value === null || Array.isArray(example.value)) continue;
      // The same example with one top-level property renamed: exactly one finding, on that key.
      for (const key of Object.keys(example.value)) {
        const renamed = `${key}x`;
        const mutated = Object.fromEntries(Object.entries(example.value).map(([k, v]) => [k === key ? renamed : k, v]));
        const mutatedText = program(operation.method, operation.template, mutated);
        const findings = engine.analyze(mutatedText, "example.js").findings;
        expect(
          findings.map((f) => `${mutatedText.slice(f.start, f.end)}: ${f.message}`),
          `${example.name}, ${key} → ${renamed}`,
        ).toHaveLength(1);
        expect(mutatedText.slice(findings[0].start, findings[0].end)).toBe(JSON.stringify(renamed));
        expect(findings[0].message).toContain(`\`${renamed}\` is not a property`);
      }
    }
  });
});
