// Following a payload without running code: the object literals a request body is built from (through variables,
// JSON.stringify, spreads, Object.assign, conditionals, wrappers' parameters) and the writes made to it later.
import type { CallExpression, Function as FunctionNode, Node, ObjectExpression, ObjectProperty } from "@babel/types";
import { isMember, memberName, unwrapExpression } from "./expressions.js";
import { callFrame, returnedExpressions } from "./function-returns.js";
import { REST, functionName, isReassigned, isReference, propertyKeyName, resolveBinding, type Binding } from "./scope.js";
import type { SourceFile } from "./source.js";
import type { Env, Payload, Ref, Resolver } from "./values.js";

/**
 * Functions that combine their object arguments into one (the target first), by module: what each names, or ""
 * when the module itself is the function (`import merge from "lodash/merge"`).
 */
const MERGERS: Readonly<Record<string, readonly string[]>> = {
  "<global>": ["Object.assign"],
  lodash: ["merge", "assign", "assignIn", "extend", "defaults", "defaultsDeep"],
  "lodash-es": ["merge", "assign", "assignIn", "extend", "defaults", "defaultsDeep"],
  "lodash/merge": [""],
  "lodash/assign": [""],
  "lodash/defaultsDeep": [""],
  "lodash.merge": [""],
  "lodash.defaultsdeep": [""],
  underscore: ["extend", "extendOwn", "assign", "defaults"],
  deepmerge: [""],
  "ts-deepmerge": ["merge", "default"],
};

/** Is this callee a function that merges its object arguments (see MERGERS)? */
function isMerger(resolver: Resolver, callee: Ref): boolean {
  const value = resolver.resolveValue(callee);
  if (value.kind !== "external") return false;
  const path = value.path[0] === "default" ? value.path.slice(1) : value.path;
  return MERGERS[value.module]?.includes(path.join(".")) ?? false;
}

/** Follow a payload expression to the object literals that build it. */
export function followPayloadOf(resolver: Resolver, ref: Ref, depth = 0): Payload {
  const payload: Payload = { objects: [], writes: [], opaque: false };
  collectPayload(resolver, ref, payload, depth, new Set());
  return payload;
}

function collectPayload(resolver: Resolver, ref: Ref, payload: Payload, depth: number, seen: Set<Node>): void {
  if (depth > 16) {
    payload.opaque = true;
    return;
  }
  const node = unwrapExpression(ref.node);
  if (seen.has(node)) return;
  seen.add(node);
  switch (node.type) {
    case "ObjectExpression":
      payload.objects.push({ file: ref.file, node, env: ref.env });
      for (const property of node.properties) {
        if (property.type === "SpreadElement") collectPayload(resolver, { ...ref, node: property.argument }, payload, depth + 1, seen);
      }
      return;
    case "CallExpression": {
      const callee = node.callee;
      // JSON.stringify(x)
      if (isMember(callee) && callee.object.type === "Identifier" && callee.object.name === "JSON" && memberName(callee) === "stringify" && node.arguments[0]) {
        collectPayload(resolver, { ...ref, node: node.arguments[0] }, payload, depth + 1, seen);
        return;
      }
      // A test's `expect.objectContaining({...})`: the keys it names are sent, others may be too.
      if (
        isMember(callee) &&
        callee.object.type === "Identifier" &&
        callee.object.name === "expect" &&
        memberName(callee) === "objectContaining" &&
        node.arguments[0]
      ) {
        payload.opaque = true;
        payload.partial = true;
        collectPayload(resolver, { ...ref, node: node.arguments[0] }, payload, depth + 1, seen);
        return;
      }
      // Object.assign({}, a, b), lodash's merge({}, defaults, patch), deepmerge(a, b): every argument's keys.
      if (isMerger(resolver, { ...ref, node: callee })) {
        for (const arg of node.arguments) collectPayload(resolver, { ...ref, node: arg }, payload, depth + 1, seen);
        return;
      }
      // `buildUpdate(adminId, teamId)`: what the project's own function returns, its parameters bound to the arguments.
      if (followBuilder(resolver, ref, node, payload, depth, seen)) return;
      payload.opaque = true;
      return;
    }
    case "Identifier": {
      const binding = resolveBinding(ref.file, node);
      if (binding?.kind === "variable" && binding.path.length === 0 && binding.declarator.init) {
        if (isReassigned(binding)) {
          payload.opaque = true;
          return;
        }
        collectPayload(resolver, { file: binding.file, node: binding.declarator.init, env: ref.env }, payload, depth + 1, seen);
        collectWrites(resolver, binding, payload);
        return;
      }
      if (binding?.kind === "param") {
        for (let frame = ref.env; frame; frame = frame.parent) {
          if (frame.fn !== binding.fn) continue;
          const arg = frame.args[binding.index];
          // `({ id, body }) =>`, `({ id, ...patch }) =>`: the part of the argument (a rest is not all of it: opaque).
          const part = arg && binding.path.length > 0 ? resolver.followPath(resolver.resolveValue(arg, depth + 1), binding.path, depth) : undefined;
          if (arg && binding.path.length === 0) collectPayload(resolver, arg, payload, depth + 1, seen);
          else if (part?.kind === "node") collectPayload(resolver, part.ref, payload, depth + 1, seen);
          payload.opaque ||= !arg || binding.path.includes(REST) || (binding.path.length > 0 && part?.kind !== "node");
          return;
        }
      }
      const value = resolver.resolveValue({ ...ref, node }, depth + 1);
      if (value.kind === "node" && value.ref.node !== node) collectPayload(resolver, value.ref, payload, depth + 1, seen);
      payload.opaque ||= value.kind !== "node" || value.ref.node === node || (binding?.kind === "variable" && binding.path.includes(REST));
      return;
    }
    case "MemberExpression":
    case "OptionalMemberExpression": {
      const value = resolver.resolveValue({ ...ref, node }, depth + 1);
      if (value.kind === "node" && value.ref.node !== node) collectPayload(resolver, value.ref, payload, depth + 1, seen);
      else payload.opaque = true;
      return;
    }
    // `await buildPayload(form)`: what the async builder returns.
    case "AwaitExpression": {
      const inner = unwrapExpression(node.argument);
      if (inner.type === "CallExpression" && followBuilder(resolver, { ...ref, node: inner }, inner, payload, depth, seen, true)) return;
      collectPayload(resolver, { ...ref, node: node.argument }, payload, depth + 1, seen);
      return;
    }
    // `body ? JSON.stringify(body) : undefined`, `body ?? {}`: whatever is sent comes from one of the branches.
    case "ConditionalExpression":
      for (const branch of [node.consequent, node.alternate])
        if (!isNothing(branch)) collectPayload(resolver, { ...ref, node: branch }, payload, depth + 1, seen);
      return;
    case "LogicalExpression":
      for (const side of [node.left, node.right]) if (!isNothing(side)) collectPayload(resolver, { ...ref, node: side }, payload, depth + 1, seen);
      return;
    default:
      payload.opaque = true;
  }
}

/**
 * A payload a function of the project builds and returns. Its object literals are followed with the parameters bound
 * to this call's arguments; when other code calls the function too, an edit there would change what they send as
 * well, so the function is recorded as shared (Resolver.sharedCode) and fixes inside it are left for review.
 */
function followBuilder(resolver: Resolver, ref: Ref, call: CallExpression, payload: Payload, depth: number, seen: Set<Node>, awaited = false): boolean {
  if (call.callee.type === "V8IntrinsicIdentifier") return false;
  const target = resolver.functionOf({ ...ref, node: call.callee });
  if (!target || target.fn.generator || (target.fn.async && !awaited)) return false;
  const returned = returnedExpressions(target.fn);
  if (returned.length === 0) return false;
  const { frame, complete } = callFrame(ref, call, target.fn);
  if (!complete) payload.opaque = true;
  if (target.file !== ref.file || !calledOnlyHere(target.file, target.fn, call)) resolver.markShared(target.file, target.fn);
  for (const expression of returned) collectPayload(resolver, { file: target.file, node: expression, env: frame }, payload, depth + 1, seen);
  return true;
}

/** Is this call the function's only use: a named function of the call's module, not exported, referred to once? */
function calledOnlyHere(file: SourceFile, fn: FunctionNode, call: CallExpression): boolean {
  if (call.callee.type !== "Identifier" || file.parent(call) === undefined) return false;
  const name = functionName(file, fn);
  if (!name || name.name !== call.callee.name || resolveBinding(file, call.callee)?.id !== name) return false;
  const declarator = fn.type === "FunctionDeclaration" ? undefined : file.parent(fn);
  const declaration = fn.type === "FunctionDeclaration" ? fn : declarator ? file.parent(declarator) : undefined;
  const exported = declaration && file.parent(declaration)?.type.startsWith("Export");
  if (exported) return false;
  const uses = file.identifiersNamed(name.name).filter((id) => id !== name && isReference(file, id) && resolveBinding(file, id)?.id === name);
  return uses.length === 1 && uses[0] === call.callee;
}

/** `x.key = value` statements on a payload variable, and `Object.assign(x, {...})` (or another merging function's). */
function collectWrites(resolver: Resolver, binding: Extract<Binding, { kind: "variable" }>, payload: Payload): void {
  const { file, id } = binding;
  for (const candidate of file.identifiersNamed(id.name)) {
    if (candidate === id) continue;
    const parent = file.parent(candidate);
    if (!parent) continue;
    if (isMember(parent) && parent.object === candidate) {
      const grand = file.parent(parent);
      const key = memberName(parent);
      if (grand?.type === "AssignmentExpression" && grand.left === parent && key !== undefined && resolveBinding(file, candidate) === binding) {
        payload.writes.push({ file, node: grand, key });
      }
    } else if (parent.type === "CallExpression" && parent.arguments[0] === candidate) {
      if (resolveBinding(file, candidate) === binding && isMerger(resolver, { file, node: parent.callee })) {
        for (const arg of parent.arguments.slice(1)) {
          const inner = unwrapExpression(arg);
          if (inner.type === "ObjectExpression") payload.objects.push({ file, node: inner });
          else payload.opaque = true;
        }
      }
    }
  }
}

/** `undefined`, `null`, `void 0`: a branch that sends no payload. */
function isNothing(node: Node): boolean {
  const inner = unwrapExpression(node);
  return (
    inner.type === "NullLiteral" ||
    (inner.type === "Identifier" && inner.name === "undefined") ||
    (inner.type === "UnaryExpression" && inner.operator === "void") ||
    (inner.type === "BooleanLiteral" && !inner.value)
  );
}

/** The properties named `key` that a payload's object literals declare (computed string keys included). */
export function payloadProperties(payload: Payload, key: string): Array<{ file: SourceFile; node: ObjectProperty; object: ObjectExpression; env?: Env }> {
  const found: Array<{ file: SourceFile; node: ObjectProperty; object: ObjectExpression; env?: Env }> = [];
  for (const object of payload.objects) {
    for (const property of object.node.properties) {
      if (property.type !== "ObjectProperty") continue;
      const name = property.computed ? (property.key.type === "StringLiteral" ? property.key.value : undefined) : propertyKeyName(property.key);
      if (name === key) found.push({ file: object.file, node: property, object: object.node, env: object.env });
    }
  }
  return found;
}

/** The value a payload ends up with for `key`: the last write, else the last property. */
export function payloadValue(payload: Payload, key: string): Ref | undefined {
  const write = payload.writes.filter((w) => w.key === key).pop();
  if (write) return { file: write.file, node: write.node.right };
  const property = payloadProperties(payload, key).pop();
  return property ? { file: property.file, node: property.node.value, env: property.env } : undefined;
}

/** Does the file write this key anywhere (an object property, or `x.key = …`)? A cheap test before request recognition. */
export function hasKey(context: { file: SourceFile }, key: string): boolean {
  return context.file.identifiersNamed(key).length > 0 || context.file.nodesOfType("StringLiteral").some((literal) => literal.value === key);
}
