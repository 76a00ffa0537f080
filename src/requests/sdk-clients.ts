// `intercom-client` SDK clients: which expressions are one, the method a call names, and the request it makes.
import type { CallExpression, Node } from "@babel/types";
import { endpointForSdkMethod, sdkMethod, type SdkMethod } from "../intercom-api/endpoints.js";
import { declaredParamType, declaredType } from "../core/declared-types.js";
import { resolveBinding } from "../core/scope.js";
import type { SourceFile } from "../core/source.js";
import { isMember, memberName, payloadValue, unwrapExpression, type Ref, type Resolver, type Value } from "../core/values.js";
import { returnedExpressions } from "../core/function-returns.js";
import { callResult } from "../core/lazy-values.js";
import { injectedValue } from "../core/nest-providers.js";
import type { IntercomRequest } from "./intercom-request.js";

const SDK_PACKAGES = new Set(["intercom-client"]);
export const SDK_CLASSES = new Set(["IntercomClient", "Client"]);
/** Keys that make an object literal worth a type question (the payload shapes the rules look at). */
const TYPED_PAYLOAD_KEYS = new Set(["assignment", "to", "cc", "bcc", "admin_id", "assignee_id"]);
/** Factories of typed mocks (`mockDeep<IntercomClient>()`, `createMock<Client>()`): their result stands for the type. */
const TYPED_MOCK_FACTORY = /^(mock|mockDeep|mockFn|createMock|createMockInstance|stub|stubInterface)$/;

export class SdkClients {
  constructor(private readonly resolver: Resolver) {}

  /** `client.tickets.update(request, options)` on an SDK client: the request of that SDK method. */
  request(callRef: Ref, call: CallExpression): IntercomRequest | undefined {
    const methodPath = this.methodPath({ ...callRef, node: call.callee });
    if (!methodPath) return undefined;
    const method = sdkMethod(methodPath);
    const endpoint = method?.endpoint;
    const payloadRef = call.arguments[0] ? this.bodyOf({ ...callRef, node: call.arguments[0] }, method) : undefined;
    const headers: Ref[] = [];
    if (call.arguments[1]) headers.push({ ...callRef, node: call.arguments[1] });
    return {
      via: "sdk",
      client: "intercom-client",
      call: callRef,
      method: endpoint?.method,
      path: endpoint?.path,
      endpoint,
      payloadRef,
      payload: payloadRef ? this.resolver.followPayload(payloadRef) : undefined,
      headers,
    };
  }

  /**
   * The request body an SDK call sends: the request object (less its path keys), or, for methods whose request
   * nests it (`news.items.update({ news_item_id, body: { … } })`), its `body` key.
   */
  private bodyOf(request: Ref, method: SdkMethod | undefined): Ref | undefined {
    if (!method?.body.includes("body")) return request;
    const nested = payloadValue(this.resolver.followPayload(request), "body");
    if (nested) return nested;
    return method.body.length > 1 ? request : undefined;
  }

  /**
   * Type-aware mode: object literals typed as the SDK's request types are payloads of that endpoint, even
   * when the call that sends them is in another module.
   */
  typedPayloads(file: SourceFile): IntercomRequest[] {
    // The type checker starts only for a file with an object that could be such a payload.
    let oracle: ReturnType<Resolver["project"]["typeOracleFor"]> | null = null;
    const found: IntercomRequest[] = [];
    for (const object of file.nodesOfType("ObjectExpression")) {
      const keys = object.properties.flatMap((p) => (p.type === "ObjectProperty" && !p.computed && p.key.type === "Identifier" ? [p.key.name] : []));
      if (!keys.some((key) => TYPED_PAYLOAD_KEYS.has(key))) continue;
      if (oracle === null) oracle = this.resolver.project.typeOracleFor(file);
      if (!oracle) return [];
      const facts = oracle.facts(file, object.start!, object.end!);
      const typeName = facts?.contextualSdkType ?? facts?.sdkType;
      const operation = typeName === "UpdateTicketRequest" ? "tickets.update" : typeName === "CreateMessageRequest" ? "messages.create" : undefined;
      if (!operation) continue;
      const endpoint = endpointForSdkMethod(operation);
      const payloadRef = { file, node: object };
      found.push({
        via: "sdk",
        client: "intercom-client",
        call: payloadRef,
        method: endpoint?.method,
        path: endpoint?.path,
        endpoint,
        payloadRef,
        payload: this.resolver.followPayload(payloadRef),
        headers: [],
      });
    }
    return found;
  }

  /**
   * `client.tickets.update` on an `intercom-client` client: the method path ("tickets.update"). `ref` is the
   * callee; `trailing` names follow it (`vi.spyOn(client.tickets, "update")` asks about `client.tickets` + update).
   */
  methodPath(ref: Ref, trailing: readonly string[] = []): string | undefined {
    // The member chain from the callee inwards: update, tickets, client, this …
    const names: string[] = [...trailing];
    const objects: Node[] = trailing.map(() => unwrapExpression(ref.node));
    let node: Node = unwrapExpression(ref.node);
    while (isMember(node)) {
      const name = memberName(node);
      if (name === undefined) return undefined;
      names.unshift(name);
      node = unwrapExpression(node.object);
      objects.unshift(node);
    }
    // SDK method paths are two or three names long (tickets.update, news.items.create): try those roots.
    for (const length of [2, 3]) {
      if (names.length < length) break;
      const root = objects[names.length - length];
      if (this.isClient({ ...ref, node: root })) return names.slice(names.length - length).join(".");
    }
    return undefined;
  }

  /** Is this expression an `intercom-client` client (`new IntercomClient(…)`, a typed parameter, a factory's result)? */
  isClient(ref: Ref, depth = 0): boolean {
    if (depth > 8) return false;
    // Type-aware mode: the client's class comes from intercom-client, whatever it is called or wherever it is made.
    const facts = this.resolver.project.typeOracleFor(ref.file)?.facts(ref.file, ref.node.start!, ref.node.end!);
    if (facts?.sdkType === "IntercomClient" || facts?.sdkType === "Client") return true;
    // A stand-in typed as the client: `{ tickets: { update: vi.fn() } } as unknown as IntercomClient`,
    // `const client: IntercomClient = …`, `mockDeep<IntercomClient>()`.
    if (this.typedAsClient(ref, depth)) return true;
    const value = this.resolver.resolveValue(ref);
    if (value.kind === "param") {
      const provided = injectedValue(this.resolver, value.binding);
      if (provided?.kind === "node") return this.isClient(provided.ref, depth + 1);
      // `(client: IntercomClient)`, or a member of a typed parameter: `({ intercom }: Deps)`, `(deps: { intercom: IntercomClient })`.
      const annotation = value.binding.annotation ?? declaredParamType(value.binding);
      return annotation?.type === "TSTypeReference" && this.isClientClass({ file: value.binding.file, node: annotation.typeName });
    }
    if (value.kind !== "node") return false;
    const node = unwrapExpression(value.ref.node);
    if (node.type === "NewExpression") return this.isClientClass({ ...value.ref, node: node.callee });
    if (node.type === "AwaitExpression") return this.isClient({ ...value.ref, node: node.argument }, depth + 1);
    if (node.type === "CallExpression") {
      // A memoised or lazily filled client: `getClient()` over `once(() => new IntercomClient(…))`, `client ??= …`.
      const made = callResult(this.resolver, value.ref);
      if (made?.kind === "node" && made.ref.node !== node && this.isClient(made.ref, depth + 1)) return true;
      const factory = this.resolver.functionOf({ ...value.ref, node: node.callee });
      if (!factory) return false;
      return returnedExpressions(factory.fn).some((returned) => this.isClient({ file: factory.file, node: returned }, depth + 1));
    }
    return false;
  }

  /** Is the expression (or the variable it names) typed as the SDK client by a cast, an annotation or a typed mock factory? */
  private typedAsClient(ref: Ref, depth: number): boolean {
    let node: Node = ref.node;
    for (;;) {
      if (node.type === "ParenthesizedExpression" || node.type === "TSNonNullExpression") node = node.expression;
      else if (node.type === "TSAsExpression" || node.type === "TSSatisfiesExpression" || node.type === "TSTypeAssertion") {
        if (this.isClientClassType(ref, node.typeAnnotation)) return true;
        node = node.expression;
      } else break;
    }
    if (
      node.type === "CallExpression" &&
      node.typeParameters?.params.length === 1 &&
      node.callee.type === "Identifier" &&
      TYPED_MOCK_FACTORY.test(node.callee.name)
    ) {
      return this.isClientClassType(ref, node.typeParameters.params[0]);
    }
    // `deps.intercom`, `ctx.clients.intercom`: a member the declared type of its object types as the client.
    if (isMember(node)) {
      const declared = declaredType(ref.file, node);
      return !!declared && this.isClientClassType(ref, declared);
    }
    if (node.type !== "Identifier" || depth > 8) return false;
    const binding = resolveBinding(ref.file, node);
    if (binding?.kind !== "variable" || binding.path.length > 0) return false;
    const id = binding.declarator.id;
    if (
      id.type === "Identifier" &&
      id.typeAnnotation?.type === "TSTypeAnnotation" &&
      this.isClientClassType({ ...ref, file: binding.file }, id.typeAnnotation.typeAnnotation)
    )
      return true;
    return binding.declarator.init ? this.typedAsClient({ file: binding.file, node: binding.declarator.init, env: ref.env }, depth + 1) : false;
  }

  private isClientClassType(ref: Ref, type: Node): boolean {
    return type.type === "TSTypeReference" && !type.typeParameters && this.isClientClass({ ...ref, node: type.typeName });
  }

  /** Does this name (or qualified type name) stand for the SDK's client class? */
  isClientClass(ref: Ref): boolean {
    const node = ref.node;
    let value: Value;
    if (node.type === "TSQualifiedName") {
      value = this.resolver.memberOf(this.resolver.resolveValue({ ...ref, node: node.left }), node.right.name, 0);
    } else {
      value = this.resolver.resolveValue(ref);
    }
    return value.kind === "external" && SDK_PACKAGES.has(value.module) && SDK_CLASSES.has(value.path[value.path.length - 1] ?? "");
  }
}
