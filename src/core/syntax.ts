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

/** The offset of the first character at or after `offset` that is neither whitespace nor inside a comment. */
export function skipTrivia(text: string, offset: number): number {
  let i = offset;
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (text.startsWith("/*", i)) {
      const close = text.indexOf("*/", i + 2);
      if (close === -1) return text.length;
      i = close + 2;
    } else if (text.startsWith("//", i)) {
      const lineEnd = text.slice(i).search(/[\n\r\u2028\u2029]/);
      if (lineEnd === -1) return text.length;
      i += lineEnd;
    } else {
      return i;
    }
  }
}

/**
 * The node's range with the grouping parentheses written around it (`(( x ))` as a whole). A rewrite that
 * puts more than one expression where the node was must replace this range, or `[("a")]` becomes `[("a", "b")]`.
 */
export function rangeWithParentheses(file: SourceFile, node: Node): { start: number; end: number } {
  const extra = node.extra as { parenthesized?: boolean; parenStart?: number } | undefined;
  if (!extra?.parenthesized || extra.parenStart === undefined) return { start: node.start!, end: node.end! };
  // Babel keeps the outermost opening parenthesis; count the ones up to the node, then close as many.
  let depth = 0;
  for (let i = extra.parenStart; i < node.start!; i = skipTrivia(file.text, i + 1)) if (file.text[i] === "(") depth++;
  let end = node.end!;
  for (let closed = 0; closed < depth; closed++) {
    const next = skipTrivia(file.text, end);
    if (file.text[next] !== ")") break;
    end = next + 1;
  }
  return { start: extra.parenStart, end };
}

/** The comments in a stretch of code that holds no strings (trivia between tokens). */
export function commentsIn(text: string): string[] {
  // Scanned by hand: the regex /\/\*[\s\S]*?\*\/|\/\/.*/g rescans to the end for every unclosed `/*` (quadratic).
  const comments: string[] = [];
  let unclosed = false;
  for (let i = 0; i < text.length;) {
    if (!unclosed && text.startsWith("/*", i)) {
      const close = text.indexOf("*/", i + 2);
      if (close !== -1) {
        comments.push(text.slice(i, close + 2));
        i = close + 2;
        continue;
      }
      unclosed = true; // no later `/*` can close either
    } else if (text.startsWith("//", i)) {
      let end = i + 2;
      while (end < text.length && !isLineBreak(text.charCodeAt(end))) end++;
      comments.push(text.slice(i, end));
      i = end;
      continue;
    }
    i++;
  }
  return comments;
}

function isLineBreak(code: number): boolean {
  return code === 10 || code === 13 || code === 0x2028 || code === 0x2029;
}

/** `a.b.c` for a chain of plain names (member expressions, TypeScript qualified names), whatever the comments in it. */
export function dottedName(node: Node): string | undefined {
  switch (node.type) {
    case "Identifier":
      return node.name;
    case "ThisExpression":
      return "this";
    case "TSQualifiedName": {
      const left = dottedName(node.left);
      return left === undefined ? undefined : `${left}.${node.right.name}`;
    }
    case "MemberExpression":
    case "OptionalMemberExpression": {
      const property = node.property;
      const name =
        !node.computed && property.type === "Identifier" ? property.name : node.computed && property.type === "StringLiteral" ? property.value : undefined;
      const object = dottedName(node.object);
      return name === undefined || object === undefined ? undefined : `${object}.${name}`;
    }
    default:
      return undefined;
  }
}
