// The literals an expression may be sent as (a version pin, an id): followed through names, conditionals, fallbacks,
// default values and the arguments a file's own calls pass for a parameter.
import { isMember, memberName, objectProperty, unwrapExpression } from "./expressions.js";
import { defaultValueOf, functionName, resolveBinding, type Binding } from "./scope.js";
import type { LiteralCandidate, Ref, Resolver } from "./values.js";

/**
 * The literals an expression may be sent as: followed through names (across modules), conditionals, fallbacks
 * (`process.env.X ?? "2.13"`, `config.get("X") || "2.13"`) and default values (parameters, destructuring).
 * `fallback` marks a literal the environment, the configuration or a caller may still override.
 */
export function literalCandidatesOf(resolver: Resolver, ref: Ref, depth = 0, fallback = false): LiteralCandidate[] {
  if (depth > 24) return [];
  const node = unwrapExpression(ref.node);
  const here = { ...ref, node };
  switch (node.type) {
    case "StringLiteral":
    case "NumericLiteral":
      return [{ ref: here, fallback }];
    case "TemplateLiteral":
      return node.expressions.length === 0 ? [{ ref: here, fallback }] : [];
    case "LogicalExpression":
      if (node.operator === "&&") return [];
      return [
        ...literalCandidatesOf(resolver, { ...ref, node: node.left }, depth + 1, fallback),
        ...literalCandidatesOf(resolver, { ...ref, node: node.right }, depth + 1, true),
      ];
    case "ConditionalExpression":
      return [
        ...literalCandidatesOf(resolver, { ...ref, node: node.consequent }, depth + 1, fallback),
        ...literalCandidatesOf(resolver, { ...ref, node: node.alternate }, depth + 1, fallback),
      ];
    case "Identifier":
    case "MemberExpression":
    case "OptionalMemberExpression": {
      // `config.intercom.version`: the property as written, so a name there keeps its own default.
      if (isMember(node) && node.object.type !== "ThisExpression") {
        const name = memberName(node);
        const owner = name === undefined ? undefined : resolver.resolveValue({ ...ref, node: node.object }, depth + 1);
        const object = owner?.kind === "node" ? unwrapExpression(owner.ref.node) : undefined;
        const property = object?.type === "ObjectExpression" ? objectProperty(object, name!) : undefined;
        if (property && owner?.kind === "node") return literalCandidatesOf(resolver, { ...owner.ref, node: property.value }, depth + 1, fallback);
      }
      const binding = node.type === "Identifier" ? resolveBinding(ref.file, node) : undefined;
      const fallbackValue = binding ? defaultValueOf(binding) : undefined;
      const defaults = fallbackValue ? literalCandidatesOf(resolver, { file: binding!.file, node: fallbackValue, env: ref.env }, depth + 1, true) : [];
      const value = resolver.resolveValue(here, depth + 1);
      const followed = value.kind === "node" && value.ref.node !== node ? literalCandidatesOf(resolver, value.ref, depth + 1, fallback) : [];
      // A parameter no call is being followed into: what this file's calls of the function pass.
      const passed = value.kind === "param" ? callArgumentsOf(value.binding).flatMap((arg) => literalCandidatesOf(resolver, arg, depth + 1, fallback)) : [];
      return [...followed, ...passed, ...defaults];
    }
    default:
      return [];
  }
}

/** The arguments this file's calls of a function pass for one of its parameters (a plain one, not destructured). */
export function callArgumentsOf(binding: Extract<Binding, { kind: "param" }>): Ref[] {
  if (binding.path.length > 0) return [];
  const { file, fn } = binding;
  const name = functionName(file, fn);
  if (!name) return [];
  const args: Ref[] = [];
  // The calls by that name, through the file's index of identifiers (not every call of the file, per parameter).
  for (const identifier of file.identifiersNamed(name.name)) {
    const call = file.parent(identifier);
    if (call?.type !== "CallExpression" || call.callee !== identifier || resolveBinding(file, identifier)?.id !== name) continue;
    const arg = call.arguments[binding.index];
    if (arg && arg.type !== "SpreadElement" && arg.type !== "ArgumentPlaceholder") args.push({ file, node: arg });
  }
  return args;
}
