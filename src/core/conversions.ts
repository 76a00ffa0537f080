// Rewriting a value's source text to the type 2.14 expects: ids as integers or as strings.
import type { Node } from "@babel/types";
import type { RuleContext } from "./types.js";
import { unwrapExpression, type Ref } from "./values.js";

/** The one question a conversion asks: what type an expression is known to have. */
export type TypeQuestion = Pick<RuleContext, "staticType" | "mayBeUnset">;

/** Wrap in parentheses where an expression could not stand as a call argument. */
function asArgument(source: string, node: Node): string {
  return node.type === "SequenceExpression" ? `(${source})` : source;
}

function literalText(node: Node): string | undefined {
  if (node.type === "StringLiteral") return node.value;
  if (node.type === "TemplateLiteral" && node.expressions.length === 0) return node.quasis[0].value.cooked ?? undefined;
  return undefined;
}

/** `x` in `String(x)` or `x.toString()`. */
function stringifiedOperand(node: Node): Node | undefined {
  if (node.type !== "CallExpression") return undefined;
  if (node.callee.type === "Identifier" && node.callee.name === "String" && node.arguments.length === 1 && node.arguments[0].type !== "SpreadElement") {
    return node.arguments[0];
  }
  const callee = node.callee;
  if (
    callee.type === "MemberExpression" &&
    !callee.computed &&
    callee.property.type === "Identifier" &&
    callee.property.name === "toString" &&
    node.arguments.length === 0
  ) {
    return callee.object;
  }
  return undefined;
}

export type Conversion = { text: string; changed: boolean } | { problem: string };

/**
 * The source of `ref` as an integer: numeric string literal → number literal, number-typed expression
 * unchanged, anything else → `Number(expr)`. A string literal that is not an integer cannot be converted.
 */
export function toInteger(context: TypeQuestion, ref: Ref): Conversion {
  const source = ref.file.sourceOf(ref.node);
  const node = unwrapExpression(ref.node);
  const literal = literalText(node);
  if (literal !== undefined) {
    const trimmed = literal.trim();
    if (!/^-?\d+$/.test(trimmed) || !Number.isSafeInteger(Number(trimmed))) {
      return { problem: `${JSON.stringify(literal)} is not an integer id` };
    }
    return { text: String(Number(trimmed)), changed: true };
  }
  if (node.type === "NumericLiteral") return { text: source, changed: false };
  if (context.staticType(ref) === "number") return { text: source, changed: false };
  // `String(n)` / `n.toString()` of a number: the number itself, not Number(String(n)).
  const inner = stringifiedOperand(node);
  if (inner && context.staticType({ ...ref, node: inner }) === "number") return { text: ref.file.sourceOf(inner), changed: true };
  // `Number(undefined)` is NaN (sent as null), `Number(null)` is 0: a value that may be unset is not wrapped blindly.
  if (context.mayBeUnset(ref)) return { problem: `\`${source}\` may be unset, where \`Number()\` would send null or 0` };
  return { text: `Number(${asArgument(source, ref.node)})`, changed: true };
}

/** The source of `ref` as a string: number literal → string literal, number-typed expression → `String(expr)`. */
export function toStringId(context: TypeQuestion, ref: Ref, quote: string): Conversion {
  const source = ref.file.sourceOf(ref.node);
  const node = unwrapExpression(ref.node);
  if (node.type === "NumericLiteral") return { text: quote + String(node.value) + quote, changed: true };
  if (context.staticType(ref) === "number") {
    // `String(undefined)` is "undefined": a number that may be unset was left out of the JSON, and would now be sent.
    if (context.mayBeUnset(ref)) return { problem: `\`${source}\` may be unset, where \`String()\` would send "undefined"` };
    return { text: `String(${asArgument(source, ref.node)})`, changed: true };
  }
  return { text: source, changed: false };
}
