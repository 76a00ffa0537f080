// The 2.14 API's request surface, from the committed index that scripts/build-openapi-index.mjs derives from
// the OpenAPI description: operations (method, path template) and their JSON request body schemas.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** A request body schema, reduced to what a linter checks (see scripts/build-openapi-index.mjs). */
export interface SchemaNode {
  ref?: string;
  type?: "object" | "array" | "string" | "integer" | "number" | "boolean";
  properties?: Record<string, SchemaNode>;
  required?: string[];
  /** Keys beyond `properties` are allowed (`true`), or allowed with this schema. */
  additional?: true | SchemaNode;
  /** A free-form object: no properties listed. */
  free?: true;
  items?: SchemaNode;
  enum?: Array<string | number | boolean | null>;
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  /** Parts the index could not merge: nothing can be decided against them. */
  allOf?: SchemaNode[];
  nullable?: true;
}

export interface ApiOperation {
  method: string;
  /** Path template as in the API description, e.g. `/tickets/{ticket_id}`. */
  path: string;
  operationId?: string;
  /** The description's tags: code generators name API classes for them (`TicketsApi`). */
  tags?: string[];
  /** The JSON request body, when the operation takes one. */
  body?: SchemaNode;
  bodyRequired?: true;
  /** Where the description's own request examples disagree with the body schema: it does not decide there. */
  examplesContradict?: ExampleContradiction[];
}

/** A place in a request body (`["from", "type"]`, `"*"` for array elements) and what an example sends there. */
export type ExampleContradiction =
  | { path: string[]; unknown: true }
  | { path: string[]; enum: string | number | boolean }
  | { path: string[]; type: "string" | "number" | "boolean" | "object" | "array" };

export interface OpenApiIndex {
  source: string;
  sha256: string;
  version: string;
  operations: ApiOperation[];
  schemas: Record<string, SchemaNode>;
}

export const INDEX_FILE = "openapi-2.14-index.json";

/** Where the index is: `src/data/` of the package (found upwards from src/ in tests and from dist/src/ when built). */
export function indexPath(): string {
  return dataPath(INDEX_FILE);
}

/** A data file of the package (`src/data/<name>`), found upwards from this module. */
export function dataPath(name: string): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    for (const candidate of [path.join(dir, "data", name), path.join(dir, "src", "data", name)]) {
      if (existsSync(candidate)) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`intercom-migrate: src/data/${name} is missing from the package`);
    dir = parent;
  }
}

let loaded: OpenApiIndex | undefined;

export function openApiIndex(): OpenApiIndex {
  loaded ??= JSON.parse(readFileSync(indexPath(), "utf8")) as OpenApiIndex;
  return loaded;
}

/** A schema with its `ref` followed (refs point into the index's `schemas`). */
export function derefSchema(schema: SchemaNode): SchemaNode {
  let current = schema;
  for (let i = 0; current.ref !== undefined && i < 32; i++) {
    const next = openApiIndex().schemas[current.ref];
    if (!next) return {};
    current = next;
  }
  return current;
}

function segmentsOf(pathText: string): string[] {
  return pathText.split("/").filter(Boolean);
}

const isParameter = (segment: string) => segment.startsWith("{") && segment.endsWith("}") && segment.length > 2;

/**
 * Does a concrete request path (`/tickets/123`, `/tickets/{}` where `{}` is an unknown part) fit a template?
 * `strict`: an unknown part stands for exactly one parameter segment (the way requests are matched to
 * operations). Otherwise an unknown part may stand for any number of segments, literal or not (the way
 * "this path does not exist" is decided: only when no reading of the unknown parts could exist).
 */
export function pathFits(concrete: string, template: string, strict: boolean): boolean {
  const have = segmentsOf(concrete);
  const want = segmentsOf(template);
  if (strict) {
    if (have.length !== want.length) return false;
    return want.every((part, i) => (isParameter(part) ? have[i] !== "" : part === have[i]));
  }
  const fits = (i: number, j: number): boolean => {
    if (i === have.length) return j === want.length;
    if (have[i] === "{}") {
      for (let k = j; k <= want.length; k++) if (fits(i + 1, k)) return true;
      return false;
    }
    if (j === want.length) return false;
    return (isParameter(want[j]) || want[j] === have[i]) && fits(i + 1, j + 1);
  };
  return fits(0, 0);
}

/** How many literal (non-parameter) segments a template has: the more, the more specific. */
export function literalSegments(template: string): number {
  return segmentsOf(template).filter((segment) => !isParameter(segment)).length;
}

/** Operations at a concrete path for any method, reading unknown parts as loosely as possible. */
export function operationsAtPath(concrete: string): ApiOperation[] {
  return openApiIndex().operations.filter((operation) => pathFits(concrete, operation.path, false));
}
