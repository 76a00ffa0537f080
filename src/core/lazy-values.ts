// Values made on first use: what a call gives back (through the project's functions and memoising helpers such as
// `once`, `memoize`, React's `cache`), and clients kept in a module-level `let` that one assignment fills.
import type { Function as FunctionNode, Node } from "@babel/types";
import { returnedExpressions } from "./function-returns.js";
import { isFunctionNode, resolveBinding, type Binding } from "./scope.js";
import type { SourceFile } from "./source.js";
import { unwrapExpression, type Env, type Ref, type Resolver, type Value } from "./values.js";

/** Helpers whose result is a function giving what their argument gives, made once: by module, export path (dotted). */
const MEMOISERS: Readonly<Record<string, readonly string[]>> = {
  lodash: ["once", "memoize"],
  "lodash-es": ["once", "memoize"],
  "lodash/once": [""],
  "lodash/memoize": [""],
  "lodash.once": [""],
  "lodash.memoize": [""],
  "es-toolkit": ["once", "memoize"],
  "es-toolkit/compat": ["once", "memoize"],
  radash: ["memo"],
  remeda: ["once"],
  onetime: [""],
  mem: [""],
  memoize: [""],
  "memoize-one": [""],
  memoizee: [""],
  "p-memoize": [""],
  "micro-memoize": [""],
  "fast-memoize": [""],
  moize: [""],
  react: ["cache"],
  "next/cache": ["unstable_cache"],
};

const MAX_DEPTH = 8;
const MAX_FACTORY_CHARS = 4000;

/** What calls give back, asked outside followed calls (see callResult), per resolver. */
const resultsByResolver = new WeakMap<Resolver, WeakMap<Node, Value | null>>();

/** A function that a callee stands for, with the environment its body is read in. */
export interface CalledFunction {
  file: SourceFile;
  fn: FunctionNode;
  env?: Env;
}

function isMemoiser(value: Value): boolean {
  if (value.kind !== "external") return false;
  const path = value.path[0] === "default" ? value.path.slice(1) : value.path;
  return MEMOISERS[value.module]?.includes(path.join("."));
}

/** `undefined`, `null`, `void 0`: a value that is not yet the client. */
export function isNullish(node: Node): boolean {
  const inner = unwrapExpression(node);
  return (
    inner.type === "NullLiteral" ||
    (inner.type === "Identifier" && inner.name === "undefined") ||
    (inner.type === "UnaryExpression" && inner.operator === "void")
  );
}

/** The function a callee stands for: one of the project's, a memoised one (`once(() => …)`), one a factory returns. */
export function calledFunction(resolver: Resolver, callee: Ref, depth = 0): CalledFunction | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const value = resolver.resolveValue(callee);
  if (value.kind !== "node") return undefined;
  let node = unwrapExpression(value.ref.node);
  if (node.type === "VariableDeclarator" && node.init) node = unwrapExpression(node.init);
  if (isFunctionNode(node)) return { file: value.ref.file, fn: node, env: value.ref.env };
  if (node.type !== "CallExpression") return undefined;
  const [first] = node.arguments;
  if (first && isMemoiser(resolver.resolveValue({ ...value.ref, node: node.callee })))
    return calledFunction(resolver, { ...value.ref, node: first }, depth + 1);
  // A factory that returns a function: `makeGetter(config)()`.
  const made = callResult(resolver, value.ref, depth + 1);
  if (made?.kind !== "node") return undefined;
  const fn = unwrapExpression(made.ref.node);
  return isFunctionNode(fn) ? { file: made.ref.file, fn, env: made.ref.env } : undefined;
}

/**
 * What a call gives back, when it calls a function the project defines (or memoises): its first returned value
 * that can be followed, read with the call's arguments bound. `await` and `client ??= …` are seen through.
 */
export function callResult(resolver: Resolver, call: Ref, depth = 0): Value | undefined {
  if (depth > MAX_DEPTH) return undefined;
  // Outside followed calls a call gives the same every time it is asked.
  if (call.env === undefined && depth === 0) {
    let results = resultsByResolver.get(resolver);
    if (!results) resultsByResolver.set(resolver, (results = new WeakMap()));
    const known = results.get(call.node);
    if (known !== undefined) return known ?? undefined;
    results.set(call.node, null); // a call that reaches itself gives nothing
    const found = callResult(resolver, call, depth + 1);
    results.set(call.node, found ?? null);
    return found;
  }
  const node = unwrapExpression(call.node);
  if (node.type === "AwaitExpression") return settledValue(resolver, { ...call, node: node.argument }, depth + 1);
  if (node.type !== "CallExpression") return undefined;
  const target = calledFunction(resolver, { ...call, node: node.callee }, depth + 1);
  // Factories and memoised getters are small: a large function's result is not followed (bundles are full of them).
  if (!target || target.fn.end! - target.fn.start! > MAX_FACTORY_CHARS) return undefined;
  const env: Env = {
    fn: target.fn,
    args: node.arguments.map((arg) => ({ ...call, node: arg })),
    parent: target.env ?? call.env,
    depth: (call.env?.depth ?? 0) + 1,
  };
  for (const returned of returnedExpressions(target.fn)) {
    if (isNullish(returned)) continue;
    const value = settledValue(resolver, { file: target.file, node: returned, env }, depth + 1);
    if (value.kind !== "unknown") return value;
  }
  return undefined;
}

/** A value with calls and `await` seen through: `await getClient()` → the `new` expression the factory returns. */
export function settledValue(resolver: Resolver, ref: Ref, depth = 0): Value {
  const value = resolver.resolveValue(ref);
  if (value.kind !== "node" || depth > MAX_DEPTH) return value;
  const node = unwrapExpression(value.ref.node);
  if (node.type === "AwaitExpression") return settledValue(resolver, { ...value.ref, node: node.argument }, depth + 1);
  if (node.type === "CallExpression") return callResult(resolver, value.ref, depth + 1) ?? value;
  return value;
}

/**
 * A variable declared without its value, filled once: `let client; … client ??= new Client()` or
 * `if (!client) client = make(); return client;`. Followed when exactly one write gives it a value (resets to
 * `undefined` or `null` aside).
 */
export function memoisedVariable(resolver: Resolver, binding: Extract<Binding, { kind: "variable" }>, env: Env | undefined, depth: number): Value | undefined {
  if (binding.path.length > 0) return undefined;
  let filled = fillings.get(binding.id);
  if (filled === undefined) fillings.set(binding.id, (filled = onlyFilling(binding) ?? null));
  return filled ? resolver.resolveValue({ file: binding.file, node: filled, env }, depth + 1) : undefined;
}

/** The one value a variable is filled with, per declaration (a file's names are scanned once). */
const fillings = new WeakMap<Node, Node | null>();

function onlyFilling(binding: Extract<Binding, { kind: "variable" }>): Node | undefined {
  const { file } = binding;
  const written: Node[] = [];
  const init = binding.declarator.init;
  if (init && !isNullish(init)) written.push(init);
  for (const id of file.identifiersNamed(binding.id.name)) {
    if (id === binding.id) continue;
    const parent = file.parent(id);
    if (parent?.type === "UpdateExpression" && resolveBinding(file, id) === binding) return undefined;
    if (parent?.type !== "AssignmentExpression" || parent.left !== id || resolveBinding(file, id) !== binding) continue;
    if (!["=", "??=", "||="].includes(parent.operator)) return undefined;
    if (!isNullish(parent.right)) written.push(parent.right);
  }
  return written.length === 1 ? written[0] : undefined;
}
