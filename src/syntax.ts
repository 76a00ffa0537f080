// Small questions about syntax that several rules ask: purity, precedence, quoting.
import type { Node } from "@babel/types";
import type { SourceFile } from "./source.js";

/** Reading it twice is the same as reading it once: names and member chains without calls. */
export function isSideEffectFree(node: Node): boolean {
  switch (node.type) {
    case "Identifier":
    case "ThisExpression":
    case "StringLiteral":
    case "NumericLiteral":
      return true;
    case "MemberExpression":
    case "OptionalMemberExpression":
      return isSideEffectFree(node.object) && (!node.computed || node.property.type === "StringLiteral" || node.property.type === "NumericLiteral");
    case "TSNonNullExpression":
    case "ParenthesizedExpression":
      return isSideEffectFree(node.expression);
    default:
      return false;
  }
}

/** Where an `a ?? b`, `a || b` or `a && b` can replace `node` without parentheses. */
export function needsParentheses(file: SourceFile, node: Node, operator: "??" | "||" | "&&"): boolean {
  if ((node as { extra?: { parenthesized?: boolean } }).extra?.parenthesized) return false;
  const parent = file.parent(node);
  if (!parent) return false;
  switch (parent.type) {
    case "VariableDeclarator":
    case "ReturnStatement":
    case "ExpressionStatement":
    case "ArrayExpression":
    case "SpreadElement":
    case "TemplateLiteral":
    case "JSXExpressionContainer":
    case "SequenceExpression":
    case "IfStatement":
    case "WhileStatement":
    case "DoWhileStatement":
    case "ThrowStatement":
    case "SwitchStatement":
    case "SwitchCase":
      return false;
    case "ObjectProperty":
      return parent.value !== node;
    case "AssignmentExpression":
      return parent.right !== node;
    case "ArrowFunctionExpression":
      return parent.body !== node;
    case "CallExpression":
    case "OptionalCallExpression":
    case "NewExpression":
      return parent.callee === node;
    case "ConditionalExpression":
      return false;
    case "LogicalExpression":
      return parent.operator !== operator;
    default:
      return true;
  }
}

/** The quote a string literal was written with. */
export function quoteOf(file: SourceFile, node: Node): string {
  const first = file.text[node.start!];
  return first === "'" || first === '"' || first === "`" ? first : '"';
}
