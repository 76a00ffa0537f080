// Checking a literal value against a request body schema of the API index: unknown properties, wrong literal
// types, values outside an enum. Where the schema cannot decide, nothing is said.
import { nearest } from "../workspace/config.js";
import { derefSchema, type ExampleContradiction, type SchemaNode } from "./openapi.js";

/**
 * What is known about a value, as written in the code. `at` locates it (a syntax node); `unknown` is a value
 * whose shape cannot be known statically (a variable, a call, an object with spreads): it is never judged.
 */
export type Shape<At> =
  | { kind: "string"; at: At; value: string | undefined }
  | { kind: "number"; at: At; value: number }
  | { kind: "boolean"; at: At }
  | { kind: "null"; at: At }
  | { kind: "object"; at: At; properties: Array<ShapeProperty<At>> }
  | { kind: "array"; at: At; elements: Array<Shape<At>> }
  | { kind: "unknown" };

export interface ShapeProperty<At> {
  key: string;
  /** Where the key is written (the property, or the `x.key = …` target). */
  keyAt: At;
  /** The value sent for the key; `unknown` when a later write or property may replace it. */
  value: Shape<At>;
}

export type ProblemKind = "unknown-property" | "type" | "enum";

export interface Problem<At> {
  kind: ProblemKind;
  at: At;
  /** The JSON path of the value or property, e.g. `["from", "id"]`, `["to", "*", "type"]`. */
  path: string[];
  message: string;
}

export interface CheckOptions {
  /** A property a dedicated rule judges: `request-schema` stays silent about it. */
  covered?: (path: readonly string[], kind: ProblemKind, shape: Shape<unknown>) => boolean;
}

const JSON_KIND: Record<string, string> = {
  string: "a string",
  number: "a number",
  boolean: "a boolean",
  object: "an object",
  array: "an array",
  null: "null",
};

function describeType(schema: SchemaNode): string {
  const resolved = derefSchema(schema);
  if (resolved.oneOf || resolved.anyOf) {
    const parts = [...new Set((resolved.oneOf ?? resolved.anyOf)!.map(describeType))];
    return parts.join(" or ");
  }
  switch (resolved.type) {
    case "integer":
      return "an integer";
    case "number":
      return "a number";
    case "string":
      return "a string";
    case "boolean":
      return "a boolean";
    case "array":
      return "an array";
    case "object":
      return "an object";
    default:
      return "a value";
  }
}

function showPath(path: readonly string[]): string {
  return path.map((part, i) => (part === "*" ? "[]" : (i > 0 ? "." : "") + part)).join("");
}

/** How a place in the body is named in a message. */
function subject(path: readonly string[]): string {
  return path.length === 0 ? "The request body" : `\`${showPath(path)}\``;
}

function showValue(value: string | number | boolean | null): string {
  return JSON.stringify(value);
}

/**
 * Numbers where a string is expected, and numeric strings where a number is: the description's own examples
 * mix them throughout (ids above all), so it does not decide, and they are not reported. (2.14's ticket-update
 * `admin_id` is the exception, and has a rule of its own.)
 */
function coercible(shape: Shape<unknown>, type: SchemaNode["type"]): boolean {
  if (shape.kind === "number") return type === "string";
  if (shape.kind === "string") {
    // A template with unknown parts may well be numeric.
    if (shape.value === undefined) return type === "integer" || type === "number";
    if (type === "integer") return /^-?\d+$/.test(shape.value.trim());
    if (type === "number") return shape.value.trim() !== "" && Number.isFinite(Number(shape.value));
  }
  return false;
}

/** Which JSON kinds a schema admits, or undefined when it admits anything (or cannot tell). */
function admittedKinds(schema: SchemaNode, depth = 0): Set<string> | undefined {
  const resolved = derefSchema(schema);
  if (depth > 16) return undefined;
  if (resolved.allOf) return undefined;
  const alternatives = resolved.oneOf ?? resolved.anyOf;
  if (alternatives) {
    const kinds = new Set<string>();
    for (const alternative of alternatives) {
      const inner = admittedKinds(alternative, depth + 1);
      if (!inner) return undefined;
      for (const kind of inner) kinds.add(kind);
    }
    return kinds;
  }
  switch (resolved.type) {
    case "integer":
    case "number":
      return new Set(["number"]);
    case "string":
    case "boolean":
    case "object":
    case "array":
      return new Set([resolved.type]);
    default:
      return undefined;
  }
}

export class SchemaChecker<At> {
  constructor(private readonly options: CheckOptions = {}) {}

  check(shape: Shape<At>, schema: SchemaNode | undefined): Array<Problem<At>> {
    return schema ? this.value(shape, schema, [], 0) : [];
  }

  private covered(path: readonly string[], kind: ProblemKind, shape: Shape<At>): boolean {
    return this.options.covered?.(path, kind, shape) ?? false;
  }

  private value(shape: Shape<At>, schema: SchemaNode, path: string[], depth: number): Array<Problem<At>> {
    if (shape.kind === "unknown" || depth > 32) return [];
    // The description often leaves out `nullable` where the API takes null to clear a field: null is not judged.
    if (shape.kind === "null") return [];
    const resolved = derefSchema(schema);
    if (resolved.allOf) return [];
    const alternatives = resolved.oneOf ?? resolved.anyOf;
    if (alternatives) return this.alternatives(shape, alternatives, path, depth);
    const type = resolved.type;
    if (type === undefined) return [];
    const kinds = admittedKinds(resolved)!;
    if (!kinds.has(shape.kind) && !coercible(shape, type)) {
      if (this.covered(path, "type", shape)) return [];
      return [{ kind: "type", at: shape.at, path, message: `${subject(path)} should be ${describeType(resolved)}, not ${JSON_KIND[shape.kind]}.` }];
    }
    switch (shape.kind) {
      case "number":
        if (type === "string") return this.enumProblem(shape, String(shape.value), resolved, path);
        if (type === "integer" && !Number.isInteger(shape.value) && !this.covered(path, "type", shape)) {
          return [{ kind: "type", at: shape.at, path, message: `${subject(path)} should be an integer, not ${shape.value}.` }];
        }
        return this.enumProblem(shape, shape.value, resolved, path);
      case "string":
        if (type === "integer" || type === "number") return [];
        return shape.value === undefined ? [] : this.enumProblem(shape, shape.value, resolved, path);
      case "boolean":
        return [];
      case "array":
        if (!resolved.items) return [];
        return shape.elements.flatMap((element) => this.value(element, resolved.items!, [...path, "*"], depth + 1));
      case "object":
        return this.object(shape, resolved, path, depth);
    }
  }

  private enumProblem(shape: Shape<At> & { at: At }, value: string | number, schema: SchemaNode, path: string[]): Array<Problem<At>> {
    if (!schema.enum || schema.enum.includes(value) || this.covered(path, "enum", shape)) return [];
    const allowed = schema.enum.map((v) => showValue(v)).join(", ");
    return [
      {
        kind: "enum",
        at: shape.at,
        path,
        message: `${subject(path)} is ${showValue(value)}, which API 2.14 does not accept here; expected one of ${allowed}.`,
      },
    ];
  }

  private object(shape: Extract<Shape<At>, { kind: "object" }>, schema: SchemaNode, path: string[], depth: number): Array<Problem<At>> {
    if (schema.free || !schema.properties) return [];
    const properties = schema.properties;
    const names = Object.keys(properties);
    const problems: Array<Problem<At>> = [];
    for (const property of shape.properties) {
      const childPath = [...path, property.key];
      const known = Object.hasOwn(properties, property.key) ? properties[property.key] : undefined;
      if (known) {
        for (const problem of this.value(property.value, known, childPath, depth + 1)) problems.push(problem);
        continue;
      }
      if (schema.additional === true) continue;
      if (schema.additional) {
        for (const problem of this.value(property.value, schema.additional, childPath, depth + 1)) problems.push(problem);
        continue;
      }
      if (this.covered(childPath, "unknown-property", property.value)) continue;
      problems.push({ kind: "unknown-property", at: property.keyAt, path: childPath, message: unknownMessage(property.key, path, names) });
    }
    return problems;
  }

  /**
   * oneOf / anyOf: fine when the value fits one alternative. Otherwise judged against the one alternative its
   * JSON kind or an enum-valued property (`type: "admin"`, `message_type: "close"`) singles out; failing that,
   * only the problems every alternative has are reported (a key no alternative knows); the rest is undecidable.
   */
  private alternatives(shape: Shape<At>, alternatives: SchemaNode[], path: string[], depth: number): Array<Problem<At>> {
    const results = alternatives.map((alternative) => this.value(shape, alternative, path, depth + 1));
    if (results.some((problems) => problems.length === 0)) return [];
    const compatible: number[] = [];
    for (const [i, alternative] of alternatives.entries()) {
      const kinds = admittedKinds(alternative);
      if (!kinds || kinds.has(shape.kind)) compatible.push(i);
    }
    if (compatible.length === 0) {
      if (this.covered(path, "type", shape)) return [];
      const expected = [...new Set(alternatives.map(describeType))].join(" or ");
      return [{ kind: "type", at: (shape as { at: At }).at, path, message: `${subject(path)} should be ${expected}, not ${JSON_KIND[shape.kind]}.` }];
    }
    if (compatible.length === 1) return results[compatible[0]];
    const selected = compatible.filter((i) => !this.contradicts(shape, alternatives[i], path, 0));
    if (selected.length === 1) return results[selected[0]];
    const candidates = selected.length > 0 ? selected : compatible;
    return this.common(
      candidates.map((i) => results[i]),
      candidates.map((i) => alternatives[i]),
      path,
    );
  }

  /** Does a literal property value rule this alternative out (a value outside one of its enums)? */
  private contradicts(shape: Shape<At>, schema: SchemaNode, path: string[], depth: number): boolean {
    if (shape.kind !== "object" || depth > 8) return false;
    const resolved = derefSchema(schema);
    const alternatives = resolved.oneOf ?? resolved.anyOf;
    if (alternatives) return alternatives.every((alternative) => this.contradicts(shape, alternative, path, depth + 1));
    if (!resolved.properties) return false;
    return shape.properties.some((property) => {
      const known = Object.hasOwn(resolved.properties!, property.key) ? resolved.properties![property.key] : undefined;
      if (!known || property.value.kind !== "string" || property.value.value === undefined) return false;
      const values = derefSchema(known).enum;
      return values !== undefined && !values.includes(property.value.value) && !this.covered([...path, property.key], "enum", property.value);
    });
  }

  /** The problems that all alternatives share (same kind, same place); an unknown key's "did you mean" looks at every alternative. */
  private common(results: Array<Array<Problem<At>>>, alternatives: SchemaNode[], path: string[]): Array<Problem<At>> {
    const [first, ...rest] = results;
    const shared = first.filter((problem) =>
      rest.every((other) => other.some((p) => p.kind === problem.kind && p.at === problem.at && showPath(p.path) === showPath(problem.path))),
    );
    return shared.map((problem) => {
      if (problem.kind !== "unknown-property" || problem.path.length !== path.length + 1) return problem;
      const names = [...new Set(alternatives.flatMap((alternative) => Object.keys(objectProperties(alternative))))];
      return { ...problem, message: unknownMessage(problem.path[problem.path.length - 1], path, names) };
    });
  }
}

/** Every property name an object schema (or its alternatives) lists. */
function objectProperties(schema: SchemaNode, depth = 0): Record<string, SchemaNode> {
  const resolved = derefSchema(schema);
  if (depth > 8) return {};
  const alternatives = resolved.oneOf ?? resolved.anyOf;
  if (alternatives) return Object.assign({}, ...alternatives.map((alternative) => objectProperties(alternative, depth + 1))) as Record<string, SchemaNode>;
  return resolved.properties ?? {};
}

function unknownMessage(key: string, path: readonly string[], names: readonly string[]): string {
  const where = path.length === 0 ? "the request body" : `\`${showPath(path)}\``;
  const suggestion = nearest(key, names);
  return `\`${key}\` is not a property of ${where} in API 2.14${suggestion ? ` (did you mean \`${suggestion}\`?)` : ""}.`;
}

/** Does one of the places where the description's examples contradict its schema cover this problem? */
export function exampleContradicts(
  list: readonly ExampleContradiction[] | undefined,
  path: readonly string[],
  kind: ProblemKind,
  shape: Shape<unknown>,
): boolean {
  if (!list) return false;
  const where = path.join("\u0000");
  return list.some((item) => {
    if (item.path.join("\u0000") !== where) return false;
    if ("unknown" in item) return kind === "unknown-property";
    if ("enum" in item)
      return kind === "enum" && (shape.kind === "string" || shape.kind === "number") && (shape.kind === "string" ? shape.value : shape.value) === item.enum;
    return kind === "type" && shape.kind === item.type;
  });
}
