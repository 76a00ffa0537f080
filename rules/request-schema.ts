// request-schema: a raw-HTTP Intercom request whose path or literal payload does not fit the 2.14 API description.
import type { Node, ObjectExpression } from "@babel/types";
import {
  ENDPOINTS,
  FOLLOW_DEPTH,
  HOLE,
  SchemaChecker,
  defineMeta,
  exampleContradicts,
  isIntercomUrl,
  isMember,
  literalSegments,
  nearest,
  operationsAtPath,
  pathFits,
  propertyKeyName,
  unwrapExpression,
  type Endpoint,
  type IntercomRequest,
  type Payload,
  type ProblemKind,
  type Rule,
  type RuleContext,
  type Shape,
  type ShapeProperty,
  type SourceFile,
} from "../src/rule-api.js";

/** Where a value is written: the file and the node a finding points at. */
interface At {
  file: SourceFile;
  node: Node;
}

const meta = defineMeta({
  id: "request-schema",
  severity: "warning",
  description: "Raw-HTTP Intercom requests must use a path, and send a literal payload, that the 2.14 API description allows.",
  fixable: false,
  messages: {
    unknownPath: "`{{ path }}` is not a path of the Intercom API 2.14.",
    unknownPathDidYouMean: "`{{ path }}` is not a path of the Intercom API 2.14 (did you mean `{{ suggestion }}`?).",
    unknownMethod: "API 2.14 has no `{{ method }} {{ path }}`; that path takes {{ methods }}.",
    noOperation: "API 2.14 has no `{{ method }}` operation at `{{ path }}`.",
    // The body's problems, one id per kind, in the words of the schema check.
    unknownProperty: "`{{ method }} {{ path }}`: {{ problem }}",
    wrongType: "`{{ method }} {{ path }}`: {{ problem }}",
    notInEnum: "`{{ method }} {{ path }}`: {{ problem }}",
  },
});

type MessageId = keyof typeof meta.messages;
type Context = RuleContext<MessageId>;

/** The message of each kind of body problem. */
const BODY_MESSAGES: Record<ProblemKind, MessageId> = { "unknown-property": "unknownProperty", type: "wrongType", enum: "notInEnum" };

export const actions = {
  path: "Check the URL against the 2.14 API reference: a request to a path the API does not have fails with 404.",
  "unknown-property": "Rename the property to one the 2.14 API reference lists for this request, or remove it.",
  type: "Send the value with the type the 2.14 API reference gives for this property.",
  enum: "Send one of the values the 2.14 API reference lists for this property.",
} as const;

/**
 * Not part of the REST API description, yet served by the API host: the OAuth token exchange.
 * (Everything else on the host is in the description.)
 */
const OUTSIDE_DESCRIPTION = [/^\/auth\/eagle\/token$/];

/** Properties that dedicated rules judge: one problem, one finding. */
function coveredByRule(endpoint: Endpoint, path: readonly string[], kind: ProblemKind): boolean {
  const where = path.join(".");
  switch (endpoint.operation) {
    case "tickets.update":
      // ticket-update-assignment (nested `assignment`) and ticket-update-admin-id-type (string `admin_id`, number `assignee_id`).
      return (where === "assignment" && kind === "unknown-property") || ((where === "admin_id" || where === "assignee_id") && kind === "type");
    case "news.items.create":
    case "news.items.update":
      // news-published-at.
      return where === "newsfeed_assignments.*.published_at";
    default:
      return false;
  }
}

/** A literal value's shape; anything computed is `unknown` and never judged. */
function shapeOf(file: SourceFile, expression: Node, depth = 0): Shape<At> {
  const node = unwrapExpression(expression);
  const at = { file, node };
  if (depth > FOLLOW_DEPTH) return { kind: "unknown" };
  switch (node.type) {
    case "StringLiteral":
      return { kind: "string", at, value: node.value };
    case "TemplateLiteral":
      return { kind: "string", at, value: node.expressions.length === 0 ? (node.quasis[0].value.cooked ?? undefined) : undefined };
    case "NumericLiteral":
      return { kind: "number", at, value: node.value };
    case "UnaryExpression": {
      const argument = unwrapExpression(node.argument);
      if ((node.operator === "-" || node.operator === "+") && argument.type === "NumericLiteral") {
        return { kind: "number", at, value: node.operator === "-" ? -argument.value : argument.value };
      }
      return { kind: "unknown" };
    }
    case "BooleanLiteral":
      return { kind: "boolean", at };
    case "NullLiteral":
      return { kind: "null", at };
    case "ArrayExpression": {
      const elements: Array<Shape<At>> = [];
      for (const element of node.elements) {
        if (element && element.type !== "SpreadElement") elements.push(shapeOf(file, element, depth + 1));
      }
      return { kind: "array", at, elements };
    }
    case "ObjectExpression": {
      const properties = literalProperties(file, node, depth);
      return properties ? { kind: "object", at, properties } : { kind: "unknown" };
    }
    default:
      return { kind: "unknown" };
  }
}

/** The properties of an object literal, or undefined when a spread, a computed key or a method hides some. */
function literalProperties(file: SourceFile, object: ObjectExpression, depth: number): Array<ShapeProperty<At>> | undefined {
  const properties: Array<ShapeProperty<At>> = [];
  for (const property of object.properties) {
    if (property.type !== "ObjectProperty") return undefined;
    const key = literalKey(property.key, property.computed);
    if (key === undefined) return undefined;
    properties.push({ key, keyAt: { file, node: property.key }, value: shapeOf(file, property.value, depth + 1) });
  }
  // A key written twice is sent once, with its last value.
  return properties.map((property, index) =>
    properties.some((later, j) => j > index && later.key === property.key) ? { ...property, value: { kind: "unknown" } } : property,
  );
}

function literalKey(key: Node, computed: boolean): string | undefined {
  if (!computed) return propertyKeyName(key);
  if (key.type === "StringLiteral") return key.value;
  return undefined;
}

/** The whole request body as one object shape: every literal's keys, later writes, and the value that wins for each key. */
function payloadShape(payload: Payload): Shape<At> {
  if (payload.opaque || payload.objects.length === 0) return { kind: "unknown" };
  const properties: Array<ShapeProperty<At>> = [];
  for (const object of payload.objects) {
    for (const property of object.node.properties) {
      if (property.type === "SpreadElement") continue; // followed: its object is in `payload.objects`
      if (property.type !== "ObjectProperty") return { kind: "unknown" };
      const key = literalKey(property.key, property.computed);
      if (key === undefined) return { kind: "unknown" };
      properties.push({ key, keyAt: { file: object.file, node: property.key }, value: shapeOf(object.file, property.value) });
    }
  }
  for (const write of payload.writes) {
    const left = write.node.left;
    const keyNode = isMember(left) ? left.property : left;
    const value: Shape<At> = write.node.operator === "=" ? shapeOf(write.file, write.node.right) : { kind: "unknown" };
    properties.push({ key: write.key, keyAt: { file: write.file, node: keyNode }, value });
  }
  // Which occurrence is sent depends on spreads, branches and writes: a key set more than once is not judged by value.
  const count = new Map<string, number>();
  for (const property of properties) count.set(property.key, (count.get(property.key) ?? 0) + 1);
  return {
    kind: "object",
    at: { file: payload.objects[0].file, node: payload.objects[0].node },
    properties: properties.map((property) => (count.get(property.key) === 1 ? property : { ...property, value: { kind: "unknown" } })),
  };
}

/** The path as it is shown: unknown parts as `{…}`. */
function showPath(path: string): string {
  return path.replaceAll("{}", "{…}");
}

/** The argument of the request call that carries the URL (for locating a path finding), else the call. */
function urlNode(context: Context, request: IntercomRequest): Node {
  const call = request.call.node;
  if (call.type === "CallExpression" || call.type === "OptionalCallExpression") {
    const segments = (request.path ?? "").split("/").filter((segment) => segment && segment !== "{}");
    for (const argument of call.arguments) {
      const text = context.stringOf({ ...request.call, node: argument });
      if (text.replaceAll(HOLE, "") === "") continue;
      if (isIntercomUrl(text) || (segments.length > 0 && segments.every((segment) => text.includes(segment)))) return argument;
    }
  }
  return call;
}

function normalizedTemplate(template: string): string {
  return template.replace(/\{[^}]*\}/g, "{}");
}

function checkPath(context: Context, request: IntercomRequest): boolean {
  const path = request.path;
  if (path === undefined || path === "/" || OUTSIDE_DESCRIPTION.some((pattern) => pattern.test(path))) return true;
  const operations = operationsAtPath(path);
  const at = urlNode(context, request);
  if (operations.length === 0) {
    const templates = [...new Set(ENDPOINTS.map((endpoint) => endpoint.path))];
    const byNormalized = new Map(templates.map((template) => [normalizedTemplate(template), template]));
    const suggestion = nearest(path, [...byNormalized.keys()]);
    const template = suggestion && byNormalized.get(suggestion);
    const data = { path: showPath(path) };
    if (template) context.report({ node: at, messageId: "unknownPathDidYouMean", data: { ...data, suggestion: template }, action: actions.path });
    else context.report({ node: at, messageId: "unknownPath", data, action: actions.path });
    return false;
  }
  // A GET may be a client's default rather than what the code says: only explicit other methods are judged.
  const method = request.method;
  if (method && method !== "GET" && ["PUT", "POST", "PATCH", "DELETE"].includes(method) && !operations.some((operation) => operation.method === method)) {
    // Name the template the path is (when its unknown parts are single ids), and the methods it takes.
    const exact = operations.filter((operation) => pathFits(path, operation.path, true));
    const template = exact.reduce<string | undefined>(
      (best, operation) => (best === undefined || literalSegments(operation.path) > literalSegments(best) ? operation.path : best),
      undefined,
    );
    const methods = [...new Set(exact.filter((operation) => operation.path === template).map((operation) => operation.method))];
    if (template) context.report({ node: at, messageId: "unknownMethod", data: { method, path: template, methods: methods.join(", ") }, action: actions.path });
    else context.report({ node: at, messageId: "noOperation", data: { method, path: showPath(path) }, action: actions.path });
    return false;
  }
  return true;
}

function checkBody(context: Context, request: IntercomRequest): void {
  const endpoint = request.endpoint;
  if (!endpoint?.body || !request.payload) return;
  const shape = payloadShape(request.payload);
  if (shape.kind === "unknown") return;
  const checker = new SchemaChecker<At>({
    covered: (path, kind, value) => coveredByRule(endpoint, path, kind) || exampleContradicts(endpoint.examplesContradict, path, kind, value),
  });
  for (const problem of checker.check(shape, endpoint.body)) {
    const data = { method: endpoint.method, path: endpoint.path, problem: problem.message };
    context.report({ file: problem.at.file, node: problem.at.node, messageId: BODY_MESSAGES[problem.kind], data, action: actions[problem.kind] });
  }
}

/** Every first path segment of the API: a file that names none of them (nor Intercom) sends it no request. */
/** A string that starts with a path of the API (`"/tickets/…`, `` `${base}/contacts` ``): one alternative in the shared gate. */
const NEEDLE_PATHS = new RegExp(`["'\`}]/(?:${[...new Set(ENDPOINTS.map((endpoint) => endpoint.path.split("/")[1]))].join("|")})\\b`);
const FIRST_SEGMENTS = new RegExp(`intercom|/(?:${[...new Set(ENDPOINTS.map((endpoint) => endpoint.path.split("/")[1]))].join("|")})\\b`, "i");

export const requestSchema: Rule<MessageId> = {
  meta,
  // The Intercom host, or a path of the API (a client or wrapper imported from another module may hold the host).
  needles: ["ntercom", "NTERCOM", NEEDLE_PATHS],
  mayMatch: (text) => FIRST_SEGMENTS.test(text),
  check(context) {
    for (const request of context.requests()) {
      if (request.via !== "http") continue;
      if (!checkPath(context, request)) continue;
      checkBody(context, request);
    }
  },
};
