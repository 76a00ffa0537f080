// What a mock function stands for: an HTTP client function (a stubbed fetch, a spied axios.put) or an SDK method.
import type { CallExpression, Node } from "@babel/types";
import { resolveBinding } from "../../core/scope.js";
import type { SourceFile } from "../../core/source.js";
import { isMember, memberName, unwrapExpression, type Ref, type Resolver } from "../../core/values.js";
import { fetch } from "../clients/fetch.js";
import type { HttpCallee } from "../http-calls.js";
import type { Expectations } from "./expectations.js";
import type { FakeSdkClients } from "./fake-sdk-clients.js";
import type { HttpQuestions, SdkQuestions } from "./recognition.js";
import { MOCK_CHAIN, nameOf, withoutMockWrappers } from "./mock-functions.js";

export type StandIn = { kind: "http"; callee: HttpCallee; name: string } | { kind: "sdk"; methodPath: string };

/** The globals a stubbed fetch is installed on: `global.fetch = mock`. */
const FETCH_HOLDERS = ["global", "globalThis", "window", "self"];

export class StandIns {
  private readonly installedCache = new WeakMap<SourceFile, Map<Node, StandIn>>();

  constructor(
    private readonly resolver: Resolver,
    private readonly sdk: SdkQuestions,
    private readonly http: HttpQuestions,
    private readonly expectations: Expectations,
    private readonly fakeClients: FakeSdkClients,
  ) {}

  /** What a mocked function in an assertion stands for: an HTTP client function, or an SDK method. */
  of(ref: Ref, depth = 0): StandIn | undefined {
    if (depth > 8) return undefined;
    const node = withoutMockWrappers(ref.node);
    const inner = { ...ref, node };
    // The SDK method itself (after `vi.spyOn(client.tickets, "update")` the member is the spy), or a mocked module's export.
    const methodPath = isMember(node) ? this.sdk.methodPath(inner) : undefined;
    if (methodPath) return { kind: "sdk", methodPath };
    const callee = this.http.callee(inner);
    if (callee) return { kind: "http", callee, name: nameOf(node) ?? callee.client.name };
    const origin = this.mockOrigin(inner);
    if (origin) {
      const spied = this.spyTarget(origin);
      if (spied) return spied;
      const installed = this.installed(origin.file).get(origin.node);
      if (installed) return installed;
    }
    // A mock named for fetch (`fetchMock`, `mockFetch`, `fetchSpy`; any name with "fetch" when it is a mock made
    // here), asserted with an Intercom URL (the caller checks the URL).
    const named = node.type === "Identifier" && (origin ? /fetch/i.test(node.name) : /^(mock(ed)?_?)?fetch(_?(mock|spy|stub|fn))?$/i.test(node.name));
    if (named) return { kind: "http", callee: { client: fetch }, name: "fetch" };
    return undefined;
  }

  /** The call that made a mock (`vi.fn()`, `jest.spyOn(o, "m")`), through variables, `vi.hoisted` and mock method chains. */
  mockOrigin(ref: Ref, depth = 0): Ref | undefined {
    if (depth > 12) return undefined;
    const node = withoutMockWrappers(ref.node);
    if (node.type === "CallExpression") {
      const callee = unwrapExpression(node.callee);
      if (isMember(callee)) {
        const name = memberName(callee);
        const api = this.expectations.testApi({ ...ref, node: callee.object });
        if ((api === "vi" || api === "jest") && (name === "fn" || name === "spyOn")) return { ...ref, node };
        if (name && MOCK_CHAIN.has(name)) return this.mockOrigin({ ...ref, node: callee.object }, depth + 1);
      }
      return undefined;
    }
    if (node.type === "Identifier" || isMember(node)) {
      const value = this.resolver.resolveValue({ ...ref, node });
      if (value.kind === "node" && value.ref.node !== node) return this.mockOrigin(value.ref, depth + 1);
    }
    return undefined;
  }

  /** `vi.spyOn(client.tickets, "update")`, `jest.spyOn(globalThis, "fetch")`: the spied method. */
  private spyTarget(origin: Ref): StandIn | undefined {
    const call = origin.node as CallExpression;
    if (!isMember(call.callee) || memberName(call.callee) !== "spyOn") return undefined;
    const [object, name] = call.arguments;
    if (!object || !name || object.type === "SpreadElement" || name.type !== "StringLiteral") return undefined;
    const objectRef = { ...origin, node: object };
    const methodPath = this.sdk.methodPath(objectRef, [name.value]);
    if (methodPath) return { kind: "sdk", methodPath };
    const callee = this.http.member(objectRef, name.value);
    return callee ? { kind: "http", callee, name: name.value } : undefined;
  }

  /**
   * Mocks installed where the code will find them, by the call that made each: `vi.stubGlobal("fetch", m)`,
   * `global.fetch = m`, and methods of fake SDK clients (`IntercomClient: vi.fn(() => ({ tickets: { update: m } }))`
   * in a module mock, `{ tickets: { update: m } } as unknown as IntercomClient`, a module mock of the project's
   * own client module).
   */
  private installed(file: SourceFile): Map<Node, StandIn> {
    const map = this.installedCache.get(file);
    if (map) return map;
    const installedMocks = new Map<Node, StandIn>();
    this.installedCache.set(file, installedMocks);
    const stubbedFetch: StandIn = { kind: "http", callee: { client: fetch }, name: "fetch" };
    const install = (value: Node, standIn: StandIn) => {
      const origin = this.mockOrigin({ file, node: value });
      if (origin && !installedMocks.has(origin.node)) installedMocks.set(origin.node, standIn);
    };
    for (const call of file.nodesOfType("CallExpression")) {
      const callee = unwrapExpression(call.callee);
      if (!isMember(callee) || memberName(callee) !== "stubGlobal" || this.expectations.testApi({ file, node: callee.object }) !== "vi") continue;
      const [name, value] = call.arguments;
      if (name?.type === "StringLiteral" && name.value === "fetch" && value && value.type !== "SpreadElement") install(value, stubbedFetch);
    }
    for (const assignment of file.nodesOfType("AssignmentExpression")) {
      const left = assignment.left;
      if (assignment.operator !== "=" || !isMember(left) || memberName(left) !== "fetch") continue;
      const object = unwrapExpression(left.object);
      if (object.type === "Identifier" && FETCH_HOLDERS.includes(object.name) && !resolveBinding(file, object)) install(assignment.right, stubbedFetch);
    }
    for (const property of file.nodesOfType("ObjectProperty")) {
      const value = unwrapExpression(property.value);
      if (value.type !== "Identifier" && value.type !== "CallExpression" && !isMember(value)) continue;
      const methodPath = this.fakeClients.methodSlot(file, property);
      if (methodPath) install(property.value, { kind: "sdk", methodPath });
    }
    return installedMocks;
  }
}
