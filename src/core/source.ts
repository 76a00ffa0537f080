// A parsed file: its text, its tree, parent links and an index of nodes by type, built in one walk.
import type { File, Identifier, Node } from "@babel/types";
import { CHILD_KEYS } from "./child-keys.js";
import { isTypeScriptPath } from "./parse.js";

/** A place in a file, as editors and ESLint show it. */
export interface Position {
  line: number; // 1-based
  column: number; // 1-based, as ESLint reports it
}

/** Keys of a node that hold no child nodes, though some hold objects: positions, comments, tokens, recovered errors. */
const SKIPPED_KEYS = new Set([
  "loc",
  "start",
  "end",
  "extra",
  "leadingComments",
  "trailingComments",
  "innerComments",
  "type",
  "range",
  "comments",
  "tokens",
  "errors",
]);

/**
 * Where a node's parent is kept: on the node itself, under a key no walker sees (for-in, Object.keys and JSON skip
 * symbols). A Map of every node to its parent was the largest thing a parse allocated after the tree itself, and its
 * growth and hashing a fifth of re-checking a dense file in an editor.
 */
const PARENT = Symbol("parent");
type WithParent = { [PARENT]?: Node };

/** The keys of a node that may hold child nodes, when its type is not in the table (see CHILD_KEYS). */
function ownKeys(node: Node): string[] {
  return Object.keys(node).filter((key) => !SKIPPED_KEYS.has(key));
}

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}

const NONE: readonly Node[] = [];

export class SourceFile {
  private readonly byType = new Map<string, Node[]>();
  private lineStarts: number[] | undefined;
  readonly isTypeScript: boolean;

  constructor(
    readonly path: string,
    readonly text: string,
    readonly ast: File,
  ) {
    this.isTypeScript = isTypeScriptPath(path);
    // Iterative walk (deeply nested input must not overflow the stack), allocating nothing per node: children
    // go on the stack in reverse, so nodes come off it in source order. Only the keys that hold child nodes are
    // read (Babel's own table of them); a node type missing from it has every property looked at.
    const stack: Node[] = [ast];
    while (stack.length > 0) {
      const node = stack.pop()!;
      let list = this.byType.get(node.type);
      if (!list) this.byType.set(node.type, (list = []));
      list.push(node);
      const base = stack.length;
      const keys = CHILD_KEYS[node.type] ?? ownKeys(node);
      for (let k = keys.length - 1; k >= 0; k--) {
        const value = (node as unknown as Record<string, unknown>)[keys[k]];
        if (Array.isArray(value)) {
          for (let i = value.length - 1; i >= 0; i--) if (isNode(value[i])) stack.push(value[i] as Node);
        } else if (isNode(value)) {
          stack.push(value);
        }
      }
      for (let i = base; i < stack.length; i++) (stack[i] as WithParent)[PARENT] = node;
    }
  }

  private readonly memos = new Map<object, Map<Node, unknown>>();

  /**
   * A cache of facts about this file's nodes, one per `table` (any object the analysis keeps as its name): freed
   * with the file, and far cheaper for the garbage collector than a WeakMap keyed by every node it has seen.
   */
  memo<V>(table: object): Map<Node, V> {
    let memo = this.memos.get(table);
    if (!memo) this.memos.set(table, (memo = new Map<Node, unknown>()));
    return memo as Map<Node, V>;
  }

  private identifiersByName: Map<string, Identifier[]> | undefined;

  /** Every Identifier node with this name (an index built on first use). */
  identifiersNamed(name: string): Identifier[] {
    if (!this.identifiersByName) {
      this.identifiersByName = new Map();
      for (const identifier of this.nodesOfType("Identifier")) {
        let list = this.identifiersByName.get(identifier.name);
        if (!list) this.identifiersByName.set(identifier.name, (list = []));
        list.push(identifier);
      }
    }
    return this.identifiersByName.get(name) ?? [];
  }

  parent(node: Node): Node | undefined {
    return (node as WithParent)[PARENT];
  }

  /** Nodes of the given types, in source order (the index's own list for one type: read it, never change it). */
  nodesOfType<T extends Node["type"]>(...types: T[]): readonly Extract<Node, { type: T }>[] {
    if (types.length === 1) return (this.byType.get(types[0]) ?? NONE) as readonly Extract<Node, { type: T }>[];
    const result: Node[] = [];
    // One push per node: spreading a list of 100k+ nodes into push() overflows the call's argument limit.
    for (const type of types) for (const node of this.byType.get(type) ?? []) result.push(node);
    result.sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
    return result as Extract<Node, { type: T }>[];
  }

  /** Ancestors from the parent outwards. */
  *ancestors(node: Node): Generator<Node> {
    for (let current = this.parent(node); current; current = this.parent(current)) yield current;
  }

  sourceOf(node: Node): string {
    return this.text.slice(node.start ?? 0, node.end ?? 0);
  }

  positionAt(offset: number): Position {
    return positionIn(this.text, offset, (this.lineStarts ??= computeLineStarts(this.text)));
  }

  /** The whitespace that starts the line holding `offset`. */
  indentAt(offset: number): string {
    const lineStart = this.text.lastIndexOf("\n", offset - 1) + 1;
    return /^[ \t]*/.exec(this.text.slice(lineStart, offset))![0];
  }

  /** The file's line break, so inserted lines keep CRLF files CRLF. */
  get newline(): string {
    return this.text.includes("\r\n") ? "\r\n" : "\n";
  }

  private fileQuote: string | undefined;

  /** The quote most string literals in the file use (counted once: a fix per finding asks, and a file can hold thousands). */
  get quote(): string {
    if (this.fileQuote === undefined) {
      const literals = this.byType.get("StringLiteral") ?? [];
      let single = 0;
      for (const literal of literals.slice(0, 50)) if (this.text[literal.start!] === "'") single++;
      this.fileQuote = single * 2 > Math.min(literals.length, 50) ? "'" : '"';
    }
    return this.fileQuote;
  }
}

/** 1-based line and column of an offset in a text (for formats that only have the text). */
export function positionIn(text: string, offset: number, lineStarts = computeLineStarts(text)): Position {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - lineStarts[low] + 1 };
}

export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 0x2028 || c === 0x2029) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}
