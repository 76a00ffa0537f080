#!/usr/bin/env node
// Derives the compact index of the 2.14 API's request surface from the OpenAPI description:
// every operation (method, path template, operationId, tags) and the JSON request body's schema, reduced to the
// facts a linter checks: types, enums, required lists, nested objects and arrays, oneOf / anyOf, and
// free-form objects. Descriptions, examples and responses are left out.
//
// Usage: node scripts/build-openapi-index.mjs [--stdout] [--source <yaml>] [--out <json>]
//   default source: spec/intercom/2.14-api.intercom.io.yaml (vendored; see spec/README.md)
//   default output: src/data/openapi-2.14-index.json
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const DEFAULT_SOURCE = path.join(ROOT, "spec", "intercom", "2.14-api.intercom.io.yaml");
export const DEFAULT_OUTPUT = path.join(ROOT, "src", "data", "openapi-2.14-index.json");

const METHODS = ["get", "put", "post", "delete", "patch"];
const REF_PREFIX = "#/components/schemas/";

/**
 * The index of one OpenAPI description, as the JSON text that is committed.
 *
 * A schema node is one of:
 *   { ref: "name" }                               a component schema, in `schemas`
 *   { type: "object", properties, required?, additional? }   properties known; `additional` (true or a node)
 *                                                 when other keys are allowed too
 *   { type: "object", free: true }                free-form object (no properties listed)
 *   { type: "array", items? }
 *   { type: "string" | "integer" | "number" | "boolean", enum? }
 *   { oneOf: [node, …] } / { anyOf: [node, …] }   the value fits one of them
 *   { allOf: [node, …] }                          parts that could not be merged (the checker stays silent)
 *   {}                                            anything
 * and may carry `nullable: true`.
 */
export function buildIndex(yamlText, sourceName = "2.14-api.intercom.io.yaml") {
  const doc = parse(yamlText, { maxAliasCount: -1 });
  const components = doc.components?.schemas ?? {};
  const schemas = new Map();
  const pending = [];

  function useRef(ref) {
    if (typeof ref !== "string" || !ref.startsWith(REF_PREFIX)) throw new Error(`unsupported $ref ${ref}`);
    const name = ref.slice(REF_PREFIX.length);
    if (!(name in components)) throw new Error(`dangling $ref ${ref}`);
    if (!schemas.has(name)) {
      schemas.set(name, null);
      pending.push(name);
    }
    return { ref: name };
  }

  /** The raw schema behind a $ref (for merging allOf parts). */
  function deref(schema, seen = new Set()) {
    if (schema && schema.$ref) {
      const name = schema.$ref.slice(REF_PREFIX.length);
      if (seen.has(name)) return undefined;
      seen.add(name);
      return deref(components[name], seen);
    }
    return schema;
  }

  /** Alternatives that only restate which keys are required (`anyOf: [{ required: [...] }]`) constrain nothing we check. */
  function isConstraintOnly(schema) {
    return schema && !schema.$ref && Object.keys(schema).every((key) => ["required", "title", "description"].includes(key));
  }

  /** Merge object schemas (allOf parts, or a schema's own properties next to its oneOf); undefined when they are not all objects. */
  function mergeObjects(parts) {
    const merged = { type: "object", properties: {}, required: [] };
    for (const part of parts) {
      const raw = deref(part);
      if (!raw) return undefined;
      if (raw.allOf) {
        const inner = mergeObjects(raw.allOf.concat([{ ...raw, allOf: undefined }]).filter(Boolean));
        if (!inner) return undefined;
        Object.assign(merged.properties, inner.properties);
        merged.required.push(...inner.required);
        if (inner.additionalProperties !== undefined) merged.additionalProperties = inner.additionalProperties;
        continue;
      }
      if (raw.oneOf || (raw.anyOf && !raw.anyOf.every(isConstraintOnly))) return undefined;
      if (raw.type !== undefined && raw.type !== "object") return undefined;
      Object.assign(merged.properties, raw.properties ?? {});
      merged.required.push(...(raw.required ?? []));
      if (raw.additionalProperties !== undefined) merged.additionalProperties = raw.additionalProperties;
    }
    return merged;
  }

  /** `own` object facts added to an alternative (to each of its own alternatives, when it has some). */
  function distribute(alternative, own) {
    const raw = deref(alternative);
    if (!raw) return undefined;
    for (const key of ["oneOf", "anyOf"]) {
      const inner = raw[key]?.filter((candidate) => !isConstraintOnly(candidate));
      if (!inner || inner.length === 0) continue;
      if (raw.properties !== undefined || raw.allOf) return undefined;
      const parts = inner.map((candidate) => distribute(candidate, own));
      return parts.every(Boolean) ? { [key]: parts } : undefined;
    }
    return mergeObjects([alternative, own]);
  }

  function node(schema) {
    if (schema === undefined || schema === null || schema === true) return {};
    if (schema.$ref) return useRef(schema.$ref);
    const nullable = schema.nullable === true ? { nullable: true } : {};
    const hasOwnObjectFacts = schema.properties !== undefined || schema.additionalProperties !== undefined;
    if (schema.allOf) {
      const merged = mergeObjects([
        ...schema.allOf,
        ...(hasOwnObjectFacts
          ? [{ type: "object", properties: schema.properties, required: schema.required, additionalProperties: schema.additionalProperties }]
          : []),
      ]);
      if (merged) return { ...node(merged), ...nullable };
      return { allOf: schema.allOf.map(node), ...nullable };
    }
    for (const key of ["oneOf", "anyOf"]) {
      const alternatives = schema[key]?.filter((alternative) => !isConstraintOnly(alternative));
      if (!alternatives || alternatives.length === 0) continue;
      if (hasOwnObjectFacts) {
        // Properties beside the alternatives apply to each of them.
        const own = { type: "object", properties: schema.properties ?? {}, required: schema.required ?? [], additionalProperties: schema.additionalProperties };
        const distributed = alternatives.map((alternative) => distribute(alternative, own));
        if (distributed.every(Boolean)) return { [key]: distributed.map(node), ...nullable };
        return { allOf: [{ [key]: alternatives.map(node) }, node(own)], ...nullable };
      }
      return alternatives.length === 1 ? { ...node(alternatives[0]), ...nullable } : { [key]: alternatives.map(node), ...nullable };
    }
    const type = schema.type ?? (schema.properties ? "object" : undefined);
    if (type === "object") {
      const properties = schema.properties ?? {};
      const names = Object.keys(properties);
      if (names.length === 0) return { type: "object", free: true, ...nullable };
      const out = { type: "object", properties: {} };
      for (const name of names) out.properties[name] = node(properties[name]);
      const required = [...new Set(schema.required ?? [])].filter((name) => name in properties);
      if (required.length > 0) out.required = required;
      const additional = schema.additionalProperties;
      if (additional === true || (additional && typeof additional === "object" && Object.keys(additional).length === 0)) out.additional = true;
      else if (additional && typeof additional === "object") out.additional = node(additional);
      return { ...out, ...nullable };
    }
    if (type === "array") return { type: "array", ...(schema.items ? { items: node(schema.items) } : {}), ...nullable };
    if (["string", "integer", "number", "boolean"].includes(type)) {
      return { type, ...(Array.isArray(schema.enum) ? { enum: schema.enum } : {}), ...nullable };
    }
    if (type === undefined) return { ...nullable };
    throw new Error(`unsupported schema type ${JSON.stringify(type)}`);
  }

  const operations = [];
  for (const [template, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const entry = { method: method.toUpperCase(), path: template, operationId: operation.operationId };
      // Generators name their API classes for the tags (`TicketsApi`, `TicketsService`).
      if (Array.isArray(operation.tags) && operation.tags.length > 0) entry.tags = operation.tags;
      const content = operation.requestBody?.content;
      if (content) {
        const json = content["application/json"];
        if (!json) throw new Error(`${method.toUpperCase()} ${template}: request body is not JSON (${Object.keys(content).join(", ")})`);
        entry.body = node(json.schema);
        if (operation.requestBody.required) entry.bodyRequired = true;
      }
      operations.push(entry);
    }
  }
  const table = {};
  while (pending.length > 0) {
    const name = pending.shift();
    schemas.set(name, node(components[name]));
  }
  for (const name of [...schemas.keys()].sort()) table[name] = schemas.get(name);

  // Where the description's own request examples contradict its schemas, the description does not decide:
  // those places are listed, and the checker says nothing there.
  for (const entry of operations) {
    if (!entry.body) continue;
    const json = doc.paths[entry.path][entry.method.toLowerCase()].requestBody.content["application/json"];
    const found = [];
    for (const value of requestExamples(json)) contradictions(value, entry.body, [], found, table, 0);
    const unique = [...new Map(found.map((item) => [JSON.stringify(item), item])).values()];
    unique.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    if (unique.length > 0) entry.examplesContradict = unique;
  }

  const index = {
    source: sourceName,
    sha256: createHash("sha256").update(yamlText).digest("hex"),
    version: String(doc.info?.version ?? ""),
    operations,
    schemas: table,
  };
  return serialize(index);
}

/** The request examples of a JSON body (`examples` values and `example`). */
export function requestExamples(json) {
  const values = Object.values(json.examples ?? {}).map((example) => example?.value);
  if (json.example !== undefined) values.push(json.example);
  return values.filter((value) => value !== undefined);
}

function jsonKind(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

const KIND_OF_TYPE = { integer: "number", number: "number", string: "string", boolean: "boolean", object: "object", array: "array" };

/**
 * Where an example value disagrees with a (compact) schema: `{ path, unknown: true }` for a key the schema does
 * not list, `{ path, enum: value }` for a value outside an enum, `{ path, type: kind }` for another JSON kind.
 * Through oneOf / anyOf, nothing when one alternative fits, else the disagreements with the closest one.
 */
function contradictions(value, schema, path, out, table, depth) {
  let node = schema;
  for (let i = 0; node.ref !== undefined && i < 32; i++) node = table[node.ref] ?? {};
  if (value === null || depth > 32 || node.allOf) return;
  const alternatives = node.oneOf ?? node.anyOf;
  if (alternatives) {
    const results = alternatives.map((alternative) => {
      const inner = [];
      contradictions(value, alternative, path, inner, table, depth + 1);
      return inner;
    });
    if (results.some((inner) => inner.length === 0)) return;
    out.push(...results.reduce((best, inner) => (inner.length < best.length ? inner : best)));
    return;
  }
  if (node.type === undefined) return;
  const kind = jsonKind(value);
  if (KIND_OF_TYPE[node.type] !== kind || (node.type === "integer" && !Number.isInteger(value))) {
    out.push({ path, type: kind });
    return;
  }
  if (node.enum && !node.enum.includes(value)) out.push({ path, enum: value });
  if (kind === "array" && node.items) value.forEach((element) => contradictions(element, node.items, [...path, "*"], out, table, depth + 1));
  if (kind === "object" && node.properties && !node.free) {
    for (const [key, child] of Object.entries(value)) {
      if (Object.hasOwn(node.properties, key)) contradictions(child, node.properties[key], [...path, key], out, table, depth + 1);
      else if (node.additional && node.additional !== true) contradictions(child, node.additional, [...path, key], out, table, depth + 1);
      else if (!node.additional) out.push({ path: [...path, key], unknown: true });
    }
  }
}

/** One operation and one schema a line: compact, and a drift shows as a readable diff. */
function serialize(index) {
  const lines = ["{"];
  lines.push(`  "source": ${JSON.stringify(index.source)},`);
  lines.push(`  "sha256": ${JSON.stringify(index.sha256)},`);
  lines.push(`  "version": ${JSON.stringify(index.version)},`);
  lines.push(`  "operations": [`);
  index.operations.forEach((operation, i) => lines.push(`    ${JSON.stringify(operation)}${i < index.operations.length - 1 ? "," : ""}`));
  lines.push("  ],");
  lines.push(`  "schemas": {`);
  const names = Object.keys(index.schemas);
  names.forEach((name, i) => lines.push(`    ${JSON.stringify(name)}: ${JSON.stringify(index.schemas[name])}${i < names.length - 1 ? "," : ""}`));
  lines.push("  }");
  lines.push("}");
  return lines.join("\n") + "\n";
}

function main(argv) {
  const option = (name) => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const source = path.resolve(option("--source") ?? DEFAULT_SOURCE);
  const output = path.resolve(option("--out") ?? DEFAULT_OUTPUT);
  const text = buildIndex(readFileSync(source, "utf8"), path.basename(source));
  if (argv.includes("--stdout")) {
    process.stdout.write(text);
    return;
  }
  mkdirSync(path.dirname(output), { recursive: true });
  writeFileSync(output, text);
  const { operations, schemas } = JSON.parse(text);
  console.log(
    `${path.relative(process.cwd(), output)}: ${operations.length} operations, ${operations.filter((o) => o.body).length} with a JSON body, ${Object.keys(schemas).length} schemas, ${Buffer.byteLength(text)} bytes`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
