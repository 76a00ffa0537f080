// Clients generated from Intercom's OpenAPI description, read by the generators' naming: API classes named for a tag
// (`new TicketsApi(configuration).updateTicket(id, body)`: openapi-generator's typescript-axios and typescript-fetch),
// static services (`TicketsService.updateTicket({ ticketId, requestBody })`: openapi-typescript-codegen) and
// namespaces (`api.tickets.updateTicket(id, data)`: swagger-typescript-api). The operation is the one whose
// operationId the method is named for, when the class fits its tag and the client's base is Intercom's.
import type { CallExpression } from "@babel/types";
import { endpointForOperationId, type Endpoint } from "../intercom-api/endpoints.js";
import { settledValue } from "../core/lazy-values.js";
import { resolveBinding } from "../core/scope.js";
import type { SourceFile } from "../core/source.js";
import { HOLE, isMember, memberName, payloadValue, unwrapExpression, type Ref, type Resolver, type Value } from "../core/values.js";
import type { IntercomRequest } from "./intercom-request.js";
import { isIntercomUrl } from "./intercom-url.js";

/** Options of a generated client's configuration that give its base URL. */
const BASE_OPTIONS = ["basePath", "BASE", "baseUrl", "baseURL"];
/** Suffixes generators add to a tag's name: `TicketsApi`, `TicketsService`. */
const CLASS_SUFFIX = /(?:api|service|client|resource|endpoints?)$/;
/** Keys a generator puts the body under in a single request-parameters object, besides `<operationId>Request`. */
const BODY_KEYS = ["requestBody", "body", "data"];

/** A generated client's method, as an operation: the endpoint, and the owner the method was called on. */
export interface GeneratedOperation {
  endpoint: Endpoint;
  owner: Ref;
}

function normalized(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")
    .replace(CLASS_SUFFIX, "");
}

/** Does a class (or namespace) name fit the operation: its tag (`TicketsApi` for "Tickets") or the path's first segment? */
function fitsOperation(name: string, endpoint: Endpoint): boolean {
  const own = normalized(name);
  if (own === "") return false;
  const segment = endpoint.path.split("/").filter(Boolean)[0] ?? "";
  return [...(endpoint.tags ?? []), segment].some((candidate) => normalized(candidate) === own);
}

/** The operation a generated client's method names: `updateTicket`, typescript-fetch's `updateTicketRaw`. */
function operationNamed(name: string): Endpoint | undefined {
  return endpointForOperationId(name) ?? (name.endsWith("Raw") ? endpointForOperationId(name.slice(0, -3)) : undefined);
}

/** What the owner of a generated method is: its class name (or namespace), its constructor arguments, the module it comes from. */
interface Owner {
  name: string;
  args: Ref[];
  /** The project file that declares the class, when it is the project's. */
  file?: SourceFile;
  /** The module the class is imported from, when it is a package. */
  module?: string;
}

function ownerOf(resolver: Resolver, ref: Ref): Owner | undefined {
  const written = unwrapExpression(ref.node);
  // `TicketsApi.prototype.updateTicket`: the class's method, as a test spies on it.
  if (isMember(written) && memberName(written) === "prototype") return ownerOf(resolver, { ...ref, node: written.object });
  // `api.tickets.updateTicket(…)`: a namespace of a generated client.
  const namespace = isMember(written) ? memberName(written) : undefined;
  const value = settledValue(resolver, ref);
  const node = value.kind === "node" ? unwrapExpression(value.ref.node) : undefined;
  if (value.kind === "node" && node?.type === "NewExpression") {
    const cls = classDeclared(resolver, { ...value.ref, node: node.callee });
    return cls ? { ...cls, args: node.arguments.map((arg) => ({ ...value.ref, node: arg })) } : undefined;
  }
  if (value.kind === "param") {
    const annotation = value.binding.annotation;
    if (annotation?.type !== "TSTypeReference" || annotation.typeName.type !== "Identifier") return undefined;
    const cls = classDeclared(resolver, { file: value.binding.file, node: annotation.typeName });
    return cls ? { ...cls, args: [] } : undefined;
  }
  if (value.kind === "node" && (node?.type === "ClassDeclaration" || node?.type === "ClassExpression")) {
    return node.id ? { name: node.id.name, args: [], file: value.ref.file } : undefined;
  }
  if (value.kind === "external" && value.module !== "<global>")
    return { name: value.path[value.path.length - 1] ?? value.module, args: [], module: value.module };
  if (namespace !== undefined && isMember(written)) {
    const parent = ownerOf(resolver, { ...ref, node: written.object });
    return parent ? { ...parent, name: namespace } : undefined;
  }
  return undefined;
}

/** The class a name stands for: a project class (its name and file) or a package's export (its name and module). */
function classDeclared(resolver: Resolver, ref: Ref): Omit<Owner, "args"> | undefined {
  const value: Value = resolver.resolveValue(ref);
  if (value.kind === "external" && value.module !== "<global>") return { name: value.path[value.path.length - 1] ?? "", module: value.module };
  if (value.kind !== "node") return undefined;
  const node = unwrapExpression(value.ref.node);
  if ((node.type === "ClassDeclaration" || node.type === "ClassExpression") && node.id) return { name: node.id.name, file: value.ref.file };
  return undefined;
}

/**
 * The base URL a generated client is configured with, when its construction says: `new Configuration({ basePath })`
 * or `{ basePath }` first, a base path string second (typescript-axios), `new Api({ baseUrl })`.
 */
function configuredBase(resolver: Resolver, args: Ref[]): string | undefined {
  for (const arg of args) {
    const value = settledValue(resolver, arg);
    const node = value.kind === "node" ? unwrapExpression(value.ref.node) : undefined;
    const options =
      node?.type === "NewExpression" && node.arguments[0] && value.kind === "node"
        ? { ...value.ref, node: node.arguments[0] }
        : value.kind === "node"
          ? value.ref
          : undefined;
    if (!options) continue;
    if (unwrapExpression(options.node).type === "StringLiteral" || unwrapExpression(options.node).type === "TemplateLiteral") {
      const text = resolver.evalString(options);
      if (/^https?:\/\//i.test(text)) return text;
      continue;
    }
    const payload = resolver.followPayload(options);
    for (const key of BASE_OPTIONS) {
      const found = payloadValue(payload, key);
      if (found) return resolver.evalString(found);
    }
  }
  return undefined;
}

/** Does a file (or a project module it imports, one step away) name Intercom's API host, as a generated runtime's `BASE_PATH` does? */
function namesIntercom(resolver: Resolver, file: SourceFile): boolean {
  const mentions = (candidate: SourceFile) =>
    candidate.text.includes("api.intercom.io") &&
    candidate.nodesOfType("StringLiteral", "TemplateElement").some((node) => isIntercomUrl(node.type === "StringLiteral" ? node.value : node.value.raw));
  if (mentions(file)) return true;
  for (const statement of file.ast.program.body) {
    const source =
      statement.type === "ImportDeclaration" || statement.type === "ExportAllDeclaration" || statement.type === "ExportNamedDeclaration"
        ? statement.source?.value
        : undefined;
    const imported = source?.startsWith(".") ? resolver.project.resolveImport(file.path, source) : undefined;
    if (imported && mentions(imported)) return true;
  }
  return false;
}

/**
 * Is the client Intercom's? Its configured base decides when known; else the generated module's own default
 * (`BASE_PATH`, `OpenAPI.BASE`), a package named for Intercom, or the calling module naming Intercom's host.
 */
function isIntercomClient(resolver: Resolver, owner: Owner, caller: SourceFile): boolean {
  const base = configuredBase(resolver, owner.args);
  if (base !== undefined && !base.startsWith(HOLE)) return isIntercomUrl(base);
  if (owner.file && namesIntercom(resolver, owner.file)) return true;
  if (owner.module && /intercom/i.test(owner.module)) return true;
  return namesIntercom(resolver, caller);
}

/** The operation `owner.method` calls on a generated Intercom client, if it is one. */
export function generatedOperation(resolver: Resolver, ownerRef: Ref, method: string, caller: SourceFile): GeneratedOperation | undefined {
  const endpoint = operationNamed(method);
  if (!endpoint) return undefined;
  const owner = ownerOf(resolver, ownerRef);
  if (!owner || !fitsOperation(owner.name, endpoint) || !isIntercomClient(resolver, owner, caller)) return undefined;
  return { endpoint, owner: ownerRef };
}

/**
 * Where a generated method's arguments put the body: under `<operationId>Request` (or `requestBody`, `body`) of one
 * request-parameters object, else the first object argument after the path parameters.
 */
export function generatedBody(resolver: Resolver, endpoint: Endpoint, args: Ref[]): Ref | undefined {
  if (!endpoint.body) return undefined;
  const keys = [`${endpoint.operationId ?? ""}Request`, ...BODY_KEYS];
  for (const arg of args) {
    if (unwrapExpression(arg.node).type !== "ObjectExpression" && unwrapExpression(arg.node).type !== "Identifier") continue;
    const payload = resolver.followPayload(arg);
    for (const key of keys) {
      const found = payloadValue(payload, key);
      // A message's own `body` is text: the parameters object holds its body as an object.
      if (found && isObjectArgument(resolver, found)) return found;
    }
  }
  const pathParameters = (endpoint.path.match(/\{[^}]+\}/g) ?? []).length;
  return args.slice(pathParameters).find((arg) => isObjectArgument(resolver, arg));
}

function isObjectArgument(resolver: Resolver, arg: Ref): boolean {
  const node = unwrapExpression(arg.node);
  if (node.type === "Identifier" && node.name === "undefined" && !resolveBinding(arg.file, node)) return false;
  const type = resolver.staticType(arg);
  if (type === "string" || type === "number" || type === "array") return false;
  return resolver.followPayload(arg).objects.length > 0 || node.type === "Identifier" || isMember(node);
}

/** The request a call of a generated client's method makes: `tickets.updateTicket(id, { assignment })`. */
export function generatedRequest(resolver: Resolver, callRef: Ref & { node: CallExpression }): IntercomRequest | undefined {
  const callee = unwrapExpression(callRef.node.callee);
  if (!isMember(callee)) return undefined;
  const method = memberName(callee);
  const operation = method === undefined ? undefined : generatedOperation(resolver, { ...callRef, node: callee.object }, method, callRef.file);
  if (!operation) return undefined;
  const args = callRef.node.arguments.map((arg) => ({ ...callRef, node: arg }));
  return operationRequest(resolver, operation.endpoint, callRef, generatedBody(resolver, operation.endpoint, args));
}

/** A request of a generated client's operation, its payload given. */
export function operationRequest(resolver: Resolver, endpoint: Endpoint, callRef: Ref, payloadRef: Ref | undefined): IntercomRequest {
  return {
    via: "http",
    client: "generated API client",
    call: callRef,
    method: endpoint.method,
    path: endpoint.path.replace(/\{[^}]+\}/g, "{}"),
    endpoint,
    payloadRef,
    payload: payloadRef ? resolver.followPayload(payloadRef) : undefined,
    headers: [],
  };
}
