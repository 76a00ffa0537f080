// The 2.14 API's operations and request bodies at run time: the committed index src/data/openapi-2.14-index.json
// (read once, on the first Intercom request), matched to a method and path; unknown body properties found as
// request-schema finds them in literals (src/schema-check.ts), nothing else.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { isJsonObject, type Json } from "./payload-upgrades.cjs";

interface SchemaNode {
  ref?: string;
  type?: string;
  properties?: Record<string, SchemaNode>;
  additional?: true | SchemaNode;
  free?: true;
  items?: SchemaNode;
  enum?: Array<string | number | boolean | null>;
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  allOf?: SchemaNode[];
}

interface IndexOperation {
  method: string;
  path: string;
  body?: SchemaNode;
  examplesContradict?: Array<{ path: string[]; unknown?: true }>;
}

interface RequestIndex {
  operations: IndexOperation[];
  schemas: Record<string, SchemaNode>;
}

const INDEX_FILE = "openapi-2.14-index.json";

/** The index beside the package's sources: `src/data/` above `src/runtime/` (tests) or `dist/src/runtime/` (built). */
function findIndex(from: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    for (const candidate of [path.join(dir, "data", INDEX_FILE), path.join(dir, "src", "data", INDEX_FILE)]) {
      if (existsSync(candidate)) return candidate;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

let loaded: RequestIndex | null | undefined;

/** The index, or null when the package lost it (request-schema is then silent; the other rules go on). */
export function requestIndex(): RequestIndex | null {
  if (loaded === undefined) {
    const file = findIndex(__dirname);
    loaded = file ? (JSON.parse(readFileSync(file, "utf8")) as RequestIndex) : null;
  }
  return loaded;
}

const segmentsOf = (text: string) => text.split("/").filter(Boolean);
const isParameter = (segment: string) => segment.startsWith("{") && segment.endsWith("}");

interface Template {
  operation: IndexOperation;
  segments: string[];
  literals: number;
}

let templates: Map<string, Template[]> | undefined;

/** The operations by method and number of path segments, split once. */
function templatesFor(method: string, count: number): Template[] {
  if (!templates) {
    templates = new Map();
    for (const operation of requestIndex()?.operations ?? []) {
      const segments = segmentsOf(operation.path);
      const key = `${operation.method} ${segments.length}`;
      templates.set(key, [...(templates.get(key) ?? []), { operation, segments, literals: segments.filter((part) => !isParameter(part)).length }]);
    }
  }
  return templates.get(`${method} ${count}`) ?? [];
}

/** The operation a concrete request is (`PUT /tickets/123` → `/tickets/{ticket_id}`): the template with most literal segments wins. */
export function operationFor(method: string, pathname: string): IndexOperation | undefined {
  const have = segmentsOf(pathname);
  let best: Template | undefined;
  for (const template of templatesFor(method, have.length)) {
    if (!template.segments.every((part, i) => isParameter(part) || part === have[i])) continue;
    if (!best || template.literals > best.literals) best = template;
  }
  return best?.operation;
}

function deref(schema: SchemaNode): SchemaNode {
  let current = schema;
  for (let i = 0; current.ref !== undefined && i < 32; i++) current = requestIndex()?.schemas[current.ref] ?? {};
  return current;
}

/** The JSON kinds a schema admits, or undefined when it admits anything. */
function admittedKinds(schema: SchemaNode, depth = 0): Set<string> | undefined {
  const resolved = deref(schema);
  const alternatives = resolved.oneOf ?? resolved.anyOf;
  if (depth > 16 || resolved.allOf) return undefined;
  if (alternatives) {
    const kinds = new Set<string>();
    for (const alternative of alternatives) {
      const inner = admittedKinds(alternative, depth + 1);
      if (!inner) return undefined;
      inner.forEach((kind) => kinds.add(kind));
    }
    return kinds;
  }
  if (resolved.type === "integer" || resolved.type === "number") return new Set(["number"]);
  return resolved.type ? new Set([resolved.type]) : undefined;
}

const kindOf = (value: Json) => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value);

/** Does an enum-valued property (`type: "admin"`) rule this object alternative out? */
function contradicts(value: Json, schema: SchemaNode): boolean {
  const properties = deref(schema).properties;
  if (!isJsonObject(value) || !properties) return false;
  return Object.entries(value).some(([key, child]) => {
    const values = Object.hasOwn(properties, key) ? deref(properties[key]).enum : undefined;
    return typeof child === "string" && values !== undefined && !values.includes(child);
  });
}

export interface UnknownProperty {
  /** JSON path of the property (`["to", "*", "user_id"]`). */
  path: string[];
  /** The names the schema has there (for a "did you mean", see `nearest`). */
  known: readonly string[];
}

/** Properties of a body that its 2.14 schema does not list. Where alternatives disagree, only what all of them reject. */
export function unknownProperties(value: Json, schema: SchemaNode, at: string[] = [], depth = 0): UnknownProperty[] {
  const resolved = deref(schema);
  if (depth > 32 || resolved.allOf || value === null) return [];
  const alternatives = resolved.oneOf ?? resolved.anyOf;
  if (alternatives) {
    // Only alternatives of the value's JSON kind count (a value of no such kind is a type problem: not judged here).
    const fitting = alternatives.filter((alternative) => admittedKinds(alternative)?.has(kindOf(value)) !== false);
    const results = fitting.map((alternative) => unknownProperties(value, alternative, at, depth + 1));
    if (results.length === 0 || results.some((found) => found.length === 0)) return [];
    const unrefuted = results.filter((_, i) => !contradicts(value, fitting[i]));
    const candidates = unrefuted.length > 0 ? unrefuted : results;
    const key = (found: UnknownProperty) => found.path.join("\u0000");
    return candidates[0].filter((found) => candidates.every((other) => other.some((o) => key(o) === key(found))));
  }
  if (Array.isArray(value)) return resolved.items ? value.flatMap((element) => unknownProperties(element, resolved.items!, [...at, "*"], depth + 1)) : [];
  if (!isJsonObject(value) || resolved.free || !resolved.properties) return [];
  const properties = resolved.properties;
  return Object.entries(value).flatMap(([key, child]) => {
    if (Object.hasOwn(properties, key)) return unknownProperties(child, properties[key], [...at, key], depth + 1);
    if (resolved.additional === true) return [];
    if (resolved.additional) return unknownProperties(child, resolved.additional, [...at, key], depth + 1);
    return [{ path: [...at, key], known: Object.keys(properties) }];
  });
}

/** The closest name (Levenshtein distance at most max(2, a third of the word)), as the static "did you mean". */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    let previous = Array.from({ length: candidate.length + 1 }, (_, j) => j);
    for (let i = 1; i <= word.length; i++) {
      const row = [i];
      for (let j = 1; j <= candidate.length; j++)
        row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (word[i - 1] === candidate[j - 1] ? 0 : 1));
      previous = row;
    }
    if (previous[candidate.length] < bestDistance) [best, bestDistance] = [candidate, previous[candidate.length]];
  }
  return best;
}
