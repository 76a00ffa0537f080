// Fake SDK clients in tests: object literals standing for an `intercom-client` client, and mocked client classes.
import type { Identifier, Node, ObjectExpression, ObjectProperty } from "@babel/types";
import { endpointForSdkMethod } from "../../intercom-api/endpoints.js";
import { isFunctionNode, propertyKeyName, resolveBinding } from "../../core/scope.js";
import type { SourceFile } from "../../core/source.js";
import { isMember, memberName, unwrapExpression, type Resolver } from "../../core/values.js";
import { SDK_CLASSES } from "../sdk-clients.js";
import type { Expectations } from "./expectations.js";
import type { SdkQuestions } from "./recognition.js";
import { MOCK_CHAIN, MOCK_IMPLEMENTATIONS, MODULE_MOCKS, referencesOf, withoutMockWrappers, writtenExpression } from "./mock-functions.js";

export class FakeSdkClients {
  constructor(
    private readonly resolver: Resolver,
    private readonly sdk: SdkQuestions,
    private readonly expectations: Expectations,
  ) {}

  /** The SDK method path a property of a fake client stands at (`{ tickets: { update: <here> } }`), if it is one. */
  methodSlot(file: SourceFile, property: ObjectProperty): string | undefined {
    const keys: string[] = [];
    let current: Node = property;
    let root: ObjectExpression | undefined;
    for (let depth = 0; depth < 5; depth++) {
      if (current.type !== "ObjectProperty") return undefined;
      const key = current.computed ? (current.key.type === "StringLiteral" ? current.key.value : undefined) : propertyKeyName(current.key);
      if (key === undefined) return undefined;
      keys.unshift(key);
      const object = file.parent(current);
      if (object?.type !== "ObjectExpression") return undefined;
      root = object;
      let holder: Node | undefined = file.parent(object);
      let wrapped: Node = object;
      while (holder && (holder.type === "ParenthesizedExpression" || holder.type === "TSAsExpression" || holder.type === "TSSatisfiesExpression"))
        holder = file.parent((wrapped = holder));
      // A field of a fake client class: `class { tickets = { update: mockUpdate } }`.
      if (holder?.type === "ClassProperty" && holder.value === wrapped && !holder.computed) {
        const field = propertyKeyName(holder.key);
        const body = file.parent(holder);
        const klass = body ? file.parent(body) : undefined;
        if (field === undefined || !klass || (klass.type !== "ClassExpression" && klass.type !== "ClassDeclaration")) return undefined;
        const methodPath = [field, ...keys].join(".");
        return keys.length >= 1 && keys.length <= 2 && endpointForSdkMethod(methodPath) && this.isClientClassMock(file, klass) ? methodPath : undefined;
      }
      if (holder?.type !== "ObjectProperty" || holder.value !== wrapped) break;
      current = holder;
    }
    if (!root || keys.length < 2) return undefined;
    // A fake client: the method path is every key.
    if ((keys.length === 2 || keys.length === 3) && endpointForSdkMethod(keys.join(".")) && this.isFakeClient(file, root)) return keys.join(".");
    // A module mock of the project's module that exports the client: `vi.mock("./intercom", () => ({ intercom: { tickets: { update } } }))`.
    const [exported, ...rest] = keys;
    if ((rest.length === 2 || rest.length === 3) && endpointForSdkMethod(rest.join("."))) {
      const module = this.mockedModule(file, root);
      if (module?.startsWith(".")) {
        const target = this.resolver.project.resolveImport(file.path, module);
        const value = target ? this.resolver.exportValue(target, exported, 0) : undefined;
        if (value?.kind === "node" && this.sdk.isClient(value.ref)) return rest.join(".");
      }
    }
    return undefined;
  }

  /** Is this object literal a fake SDK client? Typed as one, or made by a mocked client class. */
  private isFakeClient(file: SourceFile, object: ObjectExpression): boolean {
    const written = writtenExpression(file, object);
    if (this.sdk.isClient({ file, node: written })) return true;
    const parent = file.parent(written);
    if (parent?.type === "VariableDeclarator" && parent.init === written && parent.id.type === "Identifier") {
      const binding = resolveBinding(file, parent.id);
      if (!binding) return false;
      if (this.sdk.isClient({ file, node: parent.id })) return true;
      return referencesOf(file, binding).some((reference) => this.isMadeByClientMock(file, writtenExpression(file, reference)));
    }
    return this.isMadeByClientMock(file, written);
  }

  /** Is this expression what a mocked client class makes: returned by its implementation, or given to `mockReturnValue`? */
  private isMadeByClientMock(file: SourceFile, node: Node): boolean {
    const parent = file.parent(node);
    // `mockReturnValue(client)`
    if (
      parent?.type === "CallExpression" &&
      parent.arguments[0] === node &&
      isMember(parent.callee) &&
      ["mockReturnValue", "mockReturnValueOnce"].includes(memberName(parent.callee) ?? "")
    ) {
      return this.isClientClassMock(file, parent.callee.object);
    }
    // Returned by a function: `() => ({ … })`, `function () { return { … } }`.
    let fn: Node | undefined;
    if (parent && isFunctionNode(parent) && parent.body === node) fn = parent;
    else if (parent?.type === "ReturnStatement") fn = [...file.ancestors(parent)].find((ancestor) => isFunctionNode(ancestor));
    if (!fn) return false;
    const fnParent = file.parent(fn);
    if (fnParent?.type === "CallExpression" && fnParent.arguments[0] === fn) {
      const callee = unwrapExpression(fnParent.callee);
      if (isMember(callee) && MOCK_IMPLEMENTATIONS.has(memberName(callee) ?? ""))
        return this.isClientClassMock(file, callee.object) || this.isClientClassMock(file, fnParent);
      if (isMember(callee) && memberName(callee) === "fn" && ["vi", "jest"].includes(this.expectations.testApi({ file, node: callee.object }) ?? ""))
        return this.isClientClassMock(file, fnParent);
      return false;
    }
    // A plain constructor function as the mocked class: `IntercomClient: function () { return { … } }`.
    return this.isClientClassMock(file, fn);
  }

  /** Does this expression stand for the SDK's client class: the (auto-mocked) import, or the class a module mock provides? */
  isClientClassMock(file: SourceFile, node: Node, depth = 0): boolean {
    if (depth > 6) return false;
    const inner = withoutMockWrappers(node);
    if (this.sdk.isClientClass({ file, node: inner })) return true;
    // The mock as written may continue in a chain: `vi.fn().mockImplementation(…)` is the property's value.
    let current: Node = node;
    let parent = file.parent(current);
    while (parent && (isMember(parent) || parent.type === "CallExpression" || parent.type === "ParenthesizedExpression" || parent.type === "TSAsExpression")) {
      if (isMember(parent) && !(parent.object === current && MOCK_CHAIN.has(memberName(parent) ?? ""))) break;
      if (parent.type === "CallExpression" && parent.callee !== current) break;
      current = parent;
      parent = file.parent(current);
    }
    if (parent?.type === "ObjectProperty" && parent.value === current && SDK_CLASSES.has(propertyKeyName(parent.key) ?? "")) {
      const object = file.parent(parent);
      return object?.type === "ObjectExpression" && this.mockedModule(file, object) === "intercom-client";
    }
    let id: Identifier | undefined;
    if (parent?.type === "VariableDeclarator" && parent.init === current && parent.id.type === "Identifier") id = parent.id;
    if ((node.type === "ClassDeclaration" || node.type === "FunctionDeclaration") && node.id) id = node.id;
    if (id) {
      const binding = resolveBinding(file, id);
      return !!binding && referencesOf(file, binding).some((reference) => this.isClientClassMock(file, reference, depth + 1));
    }
    return false;
  }

  /** The module whose mock factory returns this object: `vi.mock("intercom-client", () => ({ … }))`. */
  private mockedModule(file: SourceFile, object: ObjectExpression): string | undefined {
    const written = writtenExpression(file, object);
    const parent = file.parent(written);
    let fn: Node | undefined;
    if (parent && isFunctionNode(parent) && parent.body === written) fn = parent;
    else if (parent?.type === "ReturnStatement") fn = [...file.ancestors(parent)].find((ancestor) => isFunctionNode(ancestor));
    if (!fn) return undefined;
    const call = file.parent(fn);
    if (call?.type !== "CallExpression" || call.arguments[1] !== fn) return undefined;
    const callee = unwrapExpression(call.callee);
    if (
      !isMember(callee) ||
      !MODULE_MOCKS.has(memberName(callee) ?? "") ||
      !["vi", "jest"].includes(this.expectations.testApi({ file, node: callee.object }) ?? "")
    )
      return undefined;
    const specifier = call.arguments[0];
    return specifier?.type === "StringLiteral" ? specifier.value : undefined;
  }
}
