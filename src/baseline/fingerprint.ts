// Who a finding is, wherever its lines move: its rule, the names of the functions around it, and its own code normalised.
import { createHash } from "node:crypto";
import type { Node } from "@babel/types";
import { parseSource } from "../core/parse.js";
import type { Finding } from "../core/types.js";

export interface FindingIdentity {
  ruleId: string;
  /** The enclosing functions and classes by name, outermost first, joined by "." ("" at the top of the module). */
  scope: string;
  /** The finding's own code, without comments, blanks, quote style or trailing commas. */
  code: string;
  /** 16 hex digits of a hash of rule, scope and code: the baseline's key within a file. */
  fingerprint: string;
}

const NOT_CHILDREN = new Set([
  "loc",
  "start",
  "end",
  "extra",
  "leadingComments",
  "trailingComments",
  "innerComments",
  "comments",
  "tokens",
  "errors",
  "range",
  "type",
]);
const SCOPE_NODES = new Set([
  "FunctionDeclaration",
  "FunctionExpression",
  "ArrowFunctionExpression",
  "ObjectMethod",
  "ClassMethod",
  "ClassPrivateMethod",
  "ClassDeclaration",
  "ClassExpression",
  "TSModuleDeclaration",
]);
const NAME_LENGTH = 60;
const ANONYMOUS = "<anonymous>";

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}

/** Blanks, quote style, trailing commas and a final semicolon are formatting, not code: they do not change who a finding is. */
export function normaliseCode(code: string): string {
  return code
    .replaceAll("'", '"')
    .replace(/\s+/g, " ")
    .replace(/ ?([^\w$ ]) ?/g, "$1")
    .replace(/,([}\])])/g, "$1")
    .replace(/;$/, "")
    .trim();
}

/** The nodes from the file down to the smallest one holding [start, end). */
function pathTo(root: Node, start: number, end: number): Node[] {
  const path: Node[] = [root];
  for (;;) {
    const node = path[path.length - 1];
    let next: Node | undefined;
    for (const key in node) {
      if (NOT_CHILDREN.has(key)) continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      for (const child of Array.isArray(value) ? value : [value]) {
        if (isNode(child) && child.start! <= start && end <= child.end!) {
          next = child;
          break;
        }
      }
      if (next) break;
    }
    if (!next) return path;
    path.push(next);
  }
}

function nameOfKey(key: Node, computed: boolean, text: string): string {
  if (computed) return `[${codeOf(key, text)}]`;
  if (key.type === "Identifier") return key.name;
  if (key.type === "StringLiteral") return key.value;
  if (key.type === "NumericLiteral") return String(key.value);
  if (key.type === "PrivateName") return `#${key.id.name}`;
  return codeOf(key, text);
}

function codeOf(node: Node, text: string): string {
  return normaliseCode(text.slice(node.start!, node.end!)).slice(0, NAME_LENGTH);
}

/** An unnamed function is called by what holds it: `const assign = () => …`, `{ assign: … }`, `it("assigns", () => …)`. */
function nameFromHolder(node: Node, holder: Node | undefined, text: string): string {
  if (!holder) return ANONYMOUS;
  switch (holder.type) {
    case "VariableDeclarator":
      return holder.init === node && holder.id.type === "Identifier" ? holder.id.name : ANONYMOUS;
    case "ObjectProperty":
    case "ClassProperty":
    case "ClassAccessorProperty":
      return holder.value === node ? nameOfKey(holder.key, holder.computed, text) : ANONYMOUS;
    case "ClassPrivateProperty":
      return holder.value === node ? `#${holder.key.id.name}` : ANONYMOUS;
    case "AssignmentExpression":
      return holder.right === node ? codeOf(holder.left, text) : ANONYMOUS;
    case "CallExpression":
    case "NewExpression": {
      if (!holder.arguments.includes(node as never)) return ANONYMOUS;
      const first = holder.arguments[0];
      const label = first && first !== node && (first.type === "StringLiteral" || first.type === "TemplateLiteral") ? codeOf(first, text) : "";
      return `${codeOf(holder.callee, text)}(${label})`;
    }
    case "ExportDefaultDeclaration":
      return "default";
    default:
      return ANONYMOUS;
  }
}

function scopeName(node: Node, holder: Node | undefined, text: string): string {
  switch (node.type) {
    case "FunctionDeclaration":
    case "FunctionExpression":
    case "ClassDeclaration":
    case "ClassExpression":
      return node.id?.name ?? nameFromHolder(node, holder, text);
    case "ObjectMethod":
    case "ClassMethod":
      return nameOfKey(node.key, node.computed, text);
    case "ClassPrivateMethod":
      return `#${node.key.id.name}`;
    case "TSModuleDeclaration":
      return codeOf(node.id, text);
    default:
      return nameFromHolder(node, holder, text);
  }
}

/** The enclosing functions and classes of [start, end), by name, outermost first. */
export function scopeAt(root: Node, text: string, start: number, end: number): string {
  const path = pathTo(root, start, end);
  const names: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const node = path[i];
    const isFindingItself = node.start === start && node.end === end;
    if (SCOPE_NODES.has(node.type) && !isFindingItself) names.push(scopeName(node, path[i - 1], text));
  }
  return names.join(".");
}

/** The finding's code with the comments inside it taken out. */
function ownCode(text: string, start: number, end: number, comments: ReadonlyArray<{ start: number; end: number }>): string {
  let code = "";
  let at = start;
  // Comments are sorted by start: skip to the first one at or after the finding (binary search).
  let low = 0;
  for (let high = comments.length; low < high;) {
    const middle = (low + high) >> 1;
    if (comments[middle].start < start) low = middle + 1;
    else high = middle;
  }
  for (let i = low; i < comments.length && comments[i].start < end; i++) {
    const comment = comments[i];
    if (comment.end > end) continue;
    code += text.slice(at, comment.start) + " ";
    at = comment.end;
  }
  return normaliseCode(code + text.slice(at, end));
}

export function fingerprintOf(ruleId: string, scope: string, code: string): string {
  return createHash("sha1").update(`${ruleId}\0${scope}\0${code}`).digest("hex").slice(0, 16);
}

/** Identities of a file's findings, in the findings' order (one parse of the text, for the enclosing functions). */
export function identifyFindings(text: string, filePath: string, findings: readonly Finding[]): FindingIdentity[] {
  if (findings.length === 0) return [];
  const parsed = parseSource(text, filePath);
  const comments = parsed.ok
    ? (parsed.ast.comments ?? []).map((comment) => ({ start: comment.start!, end: comment.end! })).sort((a, b) => a.start - b.start)
    : [];
  return findings.map((finding) => {
    const scope = parsed.ok ? scopeAt(parsed.ast, text, finding.start, finding.end) : "";
    const code = ownCode(text, finding.start, finding.end, comments);
    return { ruleId: finding.ruleId, scope, code, fingerprint: fingerprintOf(finding.ruleId, scope, code) };
  });
}
