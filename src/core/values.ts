// Following values without running code: names to definitions (across modules), strings, payloads, static types.
import type { AssignmentExpression, Expression, Function as FunctionNode, Node, ObjectExpression } from "@babel/types";
import type { Project } from "./project.js";
import { REST, defaultValueOf, functionName, isFunctionNode, isReassigned, moduleBinding, resolveBinding, type Binding, type PatternStep } from "./scope.js";
import type { SourceFile } from "./source.js";
import { HOLE, isMember, memberName, objectProperty, unwrapExpression } from "./expressions.js";
import { returnedString } from "./function-returns.js";
import { declaredMember } from "./member-values.js";
import { callArgumentsOf, literalCandidatesOf } from "./literal-candidates.js";
import { followPayloadOf } from "./payloads.js";
import { mayBeUnsetOf, staticTypeOf } from "./static-types.js";
import { stringMethodResult } from "./string-methods.js";

export { HOLE, isMember, memberName, objectProperty, unwrapExpression } from "./expressions.js";
export { typeOfAnnotation } from "./static-types.js";
export { hasKey, payloadProperties, payloadValue } from "./payloads.js";

/** Arguments bound to a function's parameters while looking through a wrapper call. */
export interface Env {
  fn: FunctionNode;
  args: Ref[];
  parent: Env | undefined;
  depth: number;
  /** The instance `this` stands for in this call of a method: the `new` expression that made it. */
  self?: Ref;
}

/** A node in a file, seen under an environment (when reached through a wrapper call). */
export interface Ref {
  file: SourceFile;
  node: Node;
  env?: Env;
}

export type Value =
  | { kind: "node"; ref: Ref }
  | { kind: "external"; module: string; path: string[] }
  | { kind: "module"; file: SourceFile }
  | { kind: "param"; binding: Extract<Binding, { kind: "param" }> }
  | { kind: "unknown" };

const UNKNOWN: Value = { kind: "unknown" };

/**
 * How many steps values are followed (a name to its definition, a member to its property, a module to its export):
 * the one limit for the core's following and for rules' own walks over what it follows.
 */
export const FOLLOW_DEPTH = 24;

/**
 * Values the core does not model itself, read by extensions the request finder installs: `this.x` and members of
 * class instances (src/core/class-members.ts), clients made lazily, request layers' API objects.
 */
export interface ValueReader {
  /** `value.name` where the core finds nothing (a method of an instance, a hook of an API object). */
  member?(value: Value, name: PatternStep, depth: number): Value | undefined;
  /** `this.name` or `super.name` at ref. */
  thisMember?(ref: Ref, name: string, depth: number): Value | undefined;
  /** A name no declaration binds (a framework's auto-import), before it is taken for a global. */
  global?(ref: Ref, name: string, depth: number): Value | undefined;
  /** A variable declared without a value or assigned again (a client kept in a module-level `let`). */
  variable?(binding: Extract<Binding, { kind: "variable" }>, env: Env | undefined, depth: number): Value | undefined;
}

export type StaticType = "number" | "string" | "array" | "object" | "unknown";

/** A payload as far as it can be followed: the object literals that make it up and later writes to it. */
export interface Payload {
  /** Object literals whose properties reach the request, outermost first. */
  objects: Array<{ file: SourceFile; node: ObjectExpression; env?: Env }>;
  /** `x.key = value` statements made after the object was created. */
  writes: Array<{ file: SourceFile; node: AssignmentExpression; key: string }>;
  /** Some part (a spread, a parameter, a call) could not be followed. */
  opaque: boolean;
  /**
   * Only part of the payload is written here: a test's `expect.objectContaining({...})` (or `toMatchObject`)
   * names some keys of what is sent, and says nothing of the others. Always comes with `opaque`.
   */
  partial?: boolean;
}

export class Resolver {
  /** Readers of what the core does not model (see ValueReader), asked in order. */
  readonly readers: ValueReader[] = [];

  constructor(readonly project: Project) {}

  /** Functions that build a followed payload and are used elsewhere too, by file: fixes inside them are reviewed. */
  private readonly shared = new WeakMap<SourceFile, Array<{ start: number; end: number; name: string }>>();

  markShared(file: SourceFile, fn: FunctionNode): void {
    const list = this.shared.get(file) ?? [];
    if (list.some((range) => range.start === fn.start)) return;
    const name = functionName(file, fn)?.name ?? "a function";
    list.push({ start: fn.start!, end: fn.end!, name });
    this.shared.set(file, list);
  }

  /** The shared function (see markShared) a range of the file lies in. */
  sharedCode(file: SourceFile, start: number, end: number): string | undefined {
    return this.shared.get(file)?.find((range) => start >= range.start && end <= range.end)?.name;
  }

  private read(ask: (reader: ValueReader) => Value | undefined): Value {
    for (const reader of this.readers) {
      const found = ask(reader);
      if (found && found.kind !== "unknown") return found;
    }
    return UNKNOWN;
  }

  /** Follow a name or member to the expression or declaration that defines it. */
  resolveValue(ref: Ref, depth = 0): Value {
    if (depth > FOLLOW_DEPTH) return UNKNOWN;
    const node = unwrapExpression(ref.node);
    const { file } = ref;
    switch (node.type) {
      case "Identifier": {
        const binding = resolveBinding(file, node);
        const imported = binding || node.name === "undefined" ? UNKNOWN : this.read((r) => r.global?.(ref, node.name, depth + 1));
        if (!binding)
          return node.name === "undefined" ? UNKNOWN : imported.kind !== "unknown" ? imported : { kind: "external", module: "<global>", path: [node.name] };
        return this.bindingValue(binding, ref.env, depth + 1);
      }
      case "MemberExpression":
      case "OptionalMemberExpression": {
        const name = memberName(node);
        if (name === undefined) return UNKNOWN;
        if (node.object.type === "ThisExpression" || node.object.type === "Super") return this.read((r) => r.thisMember?.({ ...ref, node }, name, depth + 1));
        return this.memberOf(this.resolveValue({ ...ref, node: node.object }, depth + 1), name, depth + 1);
      }
      case "CallExpression": {
        const required = this.requireTarget(file, node);
        if (required) return required;
        return { kind: "node", ref: { ...ref, node } };
      }
      // `await import("@/lib/intercom")`: the module, as a static import would give it.
      case "AwaitExpression": {
        const loaded = this.dynamicImport(file, node.argument);
        return loaded ?? { kind: "node", ref: { ...ref, node } };
      }
      // `client ??= new Client()`, `(client = make())`: what is assigned.
      case "AssignmentExpression":
        return ["=", "??=", "||="].includes(node.operator)
          ? this.resolveValue({ ...ref, node: node.right }, depth + 1)
          : { kind: "node", ref: { ...ref, node } };
      default:
        return { kind: "node", ref: { ...ref, node } };
    }
  }

  /** `import("x")` with a literal specifier: a package, or a project module. */
  private dynamicImport(file: SourceFile, node: Node): Value | undefined {
    if (node.type !== "CallExpression" || node.callee.type !== "Import") return undefined;
    const [arg] = node.arguments;
    return arg?.type === "StringLiteral" ? this.moduleValue(file, arg.value) : undefined;
  }

  /** `require("x")`: a package, or a project module. */
  requireTarget(file: SourceFile, node: Node): Value | undefined {
    if (node.type !== "CallExpression" || node.callee.type !== "Identifier" || node.callee.name !== "require") return undefined;
    const [arg] = node.arguments;
    if (!arg || arg.type !== "StringLiteral" || resolveBinding(file, node.callee)) return undefined;
    return this.moduleValue(file, arg.value);
  }

  /** A project module (relative, aliased, a workspace package's source), else the package it names. */
  private moduleValue(file: SourceFile, specifier: string): Value {
    const target = this.project.resolveImport(file.path, specifier);
    if (target) return { kind: "module", file: target };
    return specifier.startsWith(".") ? UNKNOWN : { kind: "external", module: specifier, path: [] };
  }

  bindingValue(binding: Binding, env: Env | undefined, depth: number): Value {
    switch (binding.kind) {
      case "variable": {
        const init = binding.declarator.init;
        if (!init || isReassigned(binding)) return this.read((r) => r.variable?.(binding, env, depth + 1));
        return this.followPath(this.resolveValue({ file: binding.file, node: init, env }, depth + 1), binding.path, depth);
      }
      case "param": {
        for (let frame = env; frame; frame = frame.parent) {
          if (frame.fn !== binding.fn) continue;
          // A parameter the call leaves out takes its default: `(token, baseUrl = "https://api.intercom.io")`.
          const arg =
            frame.args[binding.index] ??
            withNode(binding.path.length === 0 && frame.args.length <= binding.index ? defaultValueOf(binding) : undefined, binding.file, frame);
          if (!arg) return UNKNOWN;
          return this.followPath(this.resolveValue(arg, depth + 1), binding.path, depth);
        }
        return { kind: "param", binding };
      }
      case "function":
      case "class":
        return { kind: "node", ref: { file: binding.file, node: binding.node, env } };
      case "import": {
        const module = this.moduleValue(binding.file, binding.source);
        if (binding.imported === "*") return module;
        if (module.kind === "external") return binding.imported === "default" ? module : { ...module, path: [binding.imported] };
        return this.memberOf(module, binding.imported, depth + 1);
      }
      default:
        return UNKNOWN;
    }
  }

  followPath(value: Value, path: PatternStep[], depth: number): Value {
    let current = value;
    for (const step of path) if (step !== REST) current = this.memberOf(current, step, depth + 1);
    return current;
  }

  memberOf(value: Value, name: PatternStep, depth: number): Value {
    if (depth > FOLLOW_DEPTH) return UNKNOWN;
    switch (value.kind) {
      case "external":
        return { ...value, path: [...value.path, String(name)] };
      case "module":
        return this.exportValue(value.file, String(name), depth + 1);
      case "node": {
        const node = unwrapExpression(value.ref.node);
        if (node.type === "ObjectExpression" && typeof name === "string") {
          const property = objectProperty(node, name);
          if (property) return this.resolveValue({ ...value.ref, node: property.value }, depth + 1);
          // Shorthand methods and accessors: the readers'.
          return this.read((r) => r.member?.(value, name, depth + 1));
        }
        if (node.type === "ArrayExpression" && typeof name === "number") {
          const element = node.elements[name];
          return element && element.type !== "SpreadElement" ? this.resolveValue({ ...value.ref, node: element }, depth + 1) : UNKNOWN;
        }
        // An enum's member, a frozen object's property.
        const declared = declaredMember(this, value.ref, node, name, depth);
        if (declared) return declared;
        // `vi.hoisted(() => ({ update: vi.fn() })).update`: what the hoisted factory returns.
        const hoisted = hoistedValue(node);
        if (hoisted) return this.memberOf(this.resolveValue({ ...value.ref, node: hoisted }, depth + 1), name, depth + 1);
        return this.read((r) => r.member?.(value, name, depth + 1));
      }
      case "param":
        return this.read((r) => r.member?.(value, name, depth + 1));
      default:
        return UNKNOWN;
    }
  }

  /** What modules export, by module and name, with the depth each was found at (only while files cannot change). */
  private readonly exports = new WeakMap<SourceFile, Map<string, { value: Value; depth: number }>>();

  /**
   * What a module exports under `name` (ESM or CommonJS). A check asks the same few exports again and again (every
   * call through `core.fetcher` asks `core/index`'s `fetcher`): the answer is kept, and found again only when it was
   * unknown and this question may follow further (it starts less deep).
   */
  exportValue(file: SourceFile, name: string, depth: number): Value {
    if (depth > FOLLOW_DEPTH) return UNKNOWN;
    if (!this.project.unchanging) return this.findExport(file, name, depth);
    let known = this.exports.get(file);
    if (!known) this.exports.set(file, (known = new Map<string, { value: Value; depth: number }>()));
    const cached = known.get(name);
    if (cached && (cached.value.kind !== "unknown" || depth >= cached.depth)) return cached.value;
    const value = this.findExport(file, name, depth);
    known.set(name, { value, depth });
    return value;
  }

  private findExport(file: SourceFile, name: string, depth: number): Value {
    for (const statement of file.ast.program.body) {
      if (statement.type === "ExportNamedDeclaration") {
        const declaration = statement.declaration;
        if (declaration) {
          // `export const x = …`, `export const { useX } = api` (a destructured name too), `export class X`.
          const binding = moduleBinding(file, name);
          const declares =
            declaration.type === "VariableDeclaration"
              ? binding?.kind === "variable" && declaration.declarations.includes(binding.declarator)
              : "id" in declaration && declaration.id?.type === "Identifier" && declaration.id.name === name;
          if (declares) return binding ? this.bindingValue(binding, undefined, depth + 1) : UNKNOWN;
        }
        for (const specifier of statement.specifiers) {
          const exported = specifier.exported.type === "Identifier" ? specifier.exported.name : specifier.exported.value;
          if (exported !== name) continue;
          if (statement.source) {
            const module = this.moduleValue(file, statement.source.value);
            if (specifier.type === "ExportNamespaceSpecifier") return module;
            const local = specifier.type === "ExportSpecifier" ? specifier.local.name : "default";
            return module.kind === "external" ? { ...module, path: local === "default" ? [] : [local] } : this.memberOf(module, local, depth + 1);
          }
          if (specifier.type === "ExportSpecifier") {
            const binding = moduleBinding(file, specifier.local.name);
            return binding ? this.bindingValue(binding, undefined, depth + 1) : UNKNOWN;
          }
        }
      } else if (statement.type === "ExportDefaultDeclaration" && name === "default") {
        return this.resolveValue({ file, node: statement.declaration }, depth + 1);
      }
    }
    for (const statement of file.ast.program.body) {
      if (statement.type === "ExportAllDeclaration") {
        const module = this.moduleValue(file, statement.source.value);
        if (module.kind === "module") {
          const found = this.exportValue(module.file, name, depth + 1);
          if (found.kind !== "unknown") return found;
        }
      }
    }
    return this.commonJsExport(file, name, depth + 1);
  }

  private commonJsExport(file: SourceFile, name: string, depth: number): Value {
    let whole: Value = UNKNOWN;
    let named: Value = UNKNOWN;
    for (const assignment of file.nodesOfType("AssignmentExpression")) {
      if (assignment.operator !== "=") continue;
      const left = assignment.left;
      if (!isMember(left)) continue;
      const target = memberName(left);
      const object = left.object;
      const isModuleExports = (n: Node) => isMember(n) && n.object.type === "Identifier" && n.object.name === "module" && memberName(n) === "exports";
      if (isModuleExports(left)) whole = this.resolveValue({ file, node: assignment.right }, depth + 1);
      else if (target === name && ((object.type === "Identifier" && object.name === "exports") || isModuleExports(object))) {
        named = this.resolveValue({ file, node: assignment.right }, depth + 1);
      }
    }
    if (named.kind !== "unknown") return named;
    if (name === "default") return whole;
    return whole.kind === "unknown" ? UNKNOWN : this.memberOf(whole, name, depth + 1);
  }

  /**
   * The literals an expression may be sent as: followed through names (across modules), conditionals, fallbacks
   * (`process.env.X ?? "2.13"`, `config.get("X") || "2.13"`) and default values (parameters, destructuring).
   * `fallback` marks a literal the environment, the configuration or a caller may still override.
   */
  literalCandidates(ref: Ref, depth = 0, fallback = false): LiteralCandidate[] {
    return literalCandidatesOf(this, ref, depth, fallback);
  }

  /** The arguments this file's calls of a function pass for one of its parameters (a plain one, not destructured). */
  callArguments(binding: Extract<Binding, { kind: "param" }>): Ref[] {
    return callArgumentsOf(binding);
  }

  /** The text a string expression evaluates to, with HOLE for every part that cannot be known. */
  evalString(ref: Ref, depth = 0): string {
    if (depth > FOLLOW_DEPTH) return HOLE;
    const node = unwrapExpression(ref.node);
    switch (node.type) {
      case "StringLiteral":
        return node.value;
      case "NumericLiteral":
        return String(node.value);
      case "TemplateLiteral": {
        let text = "";
        node.quasis.forEach((quasi, index) => {
          text += quasi.value.cooked ?? quasi.value.raw;
          const expression = node.expressions[index];
          if (expression) text += this.evalString({ ...ref, node: expression }, depth + 1);
        });
        return text;
      }
      case "BinaryExpression":
        if (node.operator !== "+") return HOLE;
        return this.evalString({ ...ref, node: node.left }, depth + 1) + this.evalString({ ...ref, node: node.right }, depth + 1);
      case "LogicalExpression": {
        // `process.env.URL || "https://api.intercom.io"`: the known default names the host.
        const left = this.evalString({ ...ref, node: node.left }, depth + 1);
        return left.includes(HOLE) ? this.evalString({ ...ref, node: node.right }, depth + 1) : left;
      }
      case "Identifier":
      case "MemberExpression":
      case "OptionalMemberExpression": {
        const value = this.resolveValue({ ...ref, node }, depth + 1);
        if (value.kind === "node" && value.ref.node !== node) return this.evalString(value.ref, depth + 1);
        return HOLE;
      }
      case "CallExpression": {
        // String(x), x.toString(), new URL(path, base).toString()
        if (node.callee.type === "Identifier" && node.callee.name === "String" && node.arguments[0]) {
          return this.evalString({ ...ref, node: node.arguments[0] }, depth + 1);
        }
        if (isMember(node.callee) && ["toString", "href"].includes(memberName(node.callee) ?? "")) {
          return this.evalString({ ...ref, node: node.callee.object }, depth + 1);
        }
        // `baseUrl.replace(/\/+$/, "")`, `url.trim()`
        const method = isMember(node.callee) ? memberName(node.callee) : undefined;
        const known =
          method !== undefined && isMember(node.callee)
            ? stringMethodResult(this.evalString({ ...ref, node: node.callee.object }, depth + 1), node, method)
            : undefined;
        return known ?? returnedString(this, ref, node, depth);
      }
      case "NewExpression": {
        if (node.callee.type === "Identifier" && node.callee.name === "URL" && node.arguments[0]) {
          const pathText = this.evalString({ ...ref, node: node.arguments[0] }, depth + 1);
          if (!node.arguments[1] || /^https?:/.test(pathText)) return pathText;
          const base = this.evalString({ ...ref, node: node.arguments[1] }, depth + 1);
          return joinUrl(base, pathText);
        }
        return HOLE;
      }
      default:
        return HOLE;
    }
  }

  /** What syntax (and the type oracle, when present) says about an expression's type. */
  staticType(ref: Ref, depth = 0): StaticType {
    return staticTypeOf(this, ref, depth);
  }

  /** Whether an expression may be `undefined` or `null` when sent (see mayBeUnsetOf). */
  mayBeUnset(ref: Ref): boolean {
    return mayBeUnsetOf(this, ref);
  }

  /** Follow a payload expression to the object literals that build it (src/core/payloads.ts). */
  followPayload(ref: Ref, depth = 0): Payload {
    return followPayloadOf(this, ref, depth);
  }

  /** The function a callee names, when it is one of the project's own. */
  functionOf(ref: Ref): { file: SourceFile; fn: FunctionNode; env?: Env } | undefined {
    const value = this.resolveValue(ref);
    if (value.kind !== "node") return undefined;
    let node = unwrapExpression(value.ref.node);
    if (node.type === "VariableDeclarator" && node.init) node = unwrapExpression(node.init);
    return isFunctionNode(node) ? { file: value.ref.file, fn: node, env: value.ref.env } : undefined;
  }
}

/** `vi.hoisted(() => value)`: the expression the factory returns (vitest runs it before the imports). */
/** A literal an expression may be sent as (see Resolver.literalCandidates). */
export interface LiteralCandidate {
  ref: Ref;
  /** Written as a fallback or a default: the environment, the configuration or a caller may override it. */
  fallback: boolean;
}

export function hoistedValue(node: Node): Node | undefined {
  if (node.type !== "CallExpression" || !isMember(node.callee) || memberName(node.callee) !== "hoisted") return undefined;
  if (node.callee.object.type !== "Identifier" || node.callee.object.name !== "vi") return undefined;
  const factory = node.arguments[0];
  if (!factory || (factory.type !== "ArrowFunctionExpression" && factory.type !== "FunctionExpression")) return undefined;
  if (factory.body.type !== "BlockStatement") return factory.body;
  const returns = factory.body.body.filter((statement) => statement.type === "ReturnStatement");
  return returns.length === 1 && returns[0].type === "ReturnStatement" ? (returns[0].argument ?? undefined) : undefined;
}

function withNode(node: Node | undefined, file: SourceFile, env: Env): Ref | undefined {
  return node ? { file, node, env } : undefined;
}

/** Join a base URL and a path the way HTTP clients with a base URL do. */
export function joinUrl(base: string, pathText: string): string {
  if (/^https?:\/\//i.test(pathText)) return pathText;
  if (pathText === "") return base;
  // Trailing slashes trimmed by hand: /\/+$/ backtracks quadratically on a long run of slashes not at the end.
  let end = base.length;
  while (end > 0 && base[end - 1] === "/") end--;
  return base.slice(0, end) + "/" + pathText.replace(/^\/+/, "");
}

export type { Expression };
