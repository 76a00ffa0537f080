// --annotate: a `// intercom-migrate: <what to do>` comment above each leftover, once, never inside a string or JSX text.
import type { Comment, Node } from "@babel/types";
import { parseSource } from "../core/parse.js";
import { oneLine } from "../formats/one-line.js";
import { SourceFile } from "../core/source.js";
import type { Finding, TextEdit } from "../core/types.js";

export const ANNOTATION_PREFIX = "// intercom-migrate: ";

/** Nodes whose inside is text, where a new line would change the program. */
const TEXT_LIKE = new Set(["TemplateLiteral", "JSXElement", "JSXFragment", "StringLiteral"]);

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

/** For one node type, in source order: the first node strictly containing an offset, by binary search. */
class Containers {
  private readonly nodes: readonly Node[];
  /** The largest end among the nodes up to each index (non-decreasing). */
  private readonly reach: number[];

  constructor(nodes: readonly Node[]) {
    this.nodes = nodes;
    this.reach = [];
    let most = -1;
    for (const node of nodes) this.reach.push((most = Math.max(most, node.end!)));
  }

  /** What `nodes.find((node) => node.start < offset && offset < node.end)` answers, without the scan. */
  firstAround(offset: number): Node | undefined {
    let low = 0;
    let high = this.nodes.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.reach[mid] > offset) high = mid;
      else low = mid + 1;
    }
    const node = this.nodes[low];
    return node && node.start! < offset ? node : undefined;
  }
}

/** Where a comment line can go for a finding: its line start, moved up out of template literals and JSX. */
function insertionPoint(text: string, containers: readonly Containers[], offset: number): number {
  let point = lineStart(text, offset);
  for (let guard = 0; guard < 50; guard++) {
    let container: Node | undefined;
    for (const byType of containers) if ((container = byType.firstAround(point))) break;
    if (!container) return point;
    point = lineStart(text, container.start!);
  }
  return point;
}

/** Line comments that speak about the next line: a comment put between one and its line would change what it does. */
const NEXT_LINE_DIRECTIVE =
  /^\/\/\s*(?:@ts-expect-error|@ts-ignore|eslint-disable-next-line|prettier-ignore|biome-ignore|oxlint-disable-next-line|intercom-migrate-disable-next-line)\b/;

/** The last comment ending at or before an offset (comments are in source order and do not overlap), by binary search. */
function lastEndingBy(comments: readonly Comment[], offset: number): Comment | undefined {
  let low = 0;
  let high = comments.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (comments[mid].end! <= offset) low = mid + 1;
    else high = mid;
  }
  return comments[low - 1];
}

/**
 * A comment line goes above what belongs to the line it annotates: a JSDoc block (`/** … *\/`) and next-line
 * directives directly above it (each on lines of their own), so it never lands between a doc comment and its declaration.
 */
function aboveAttachedComments(text: string, comments: readonly Comment[], point: number): number {
  for (let guard = 0; guard < 50; guard++) {
    // The comment ending on the line just above: only blanks between its end and the point.
    const comment = lastEndingBy(comments, point);
    if (!comment || !/^[ \t]*\r?\n$/.test(text.slice(comment.end, point))) return point;
    const start = lineStart(text, comment.start!);
    if (text.slice(start, comment.start).trim() !== "") return point;
    const written = text.slice(comment.start, comment.end);
    const attached = comment.type === "CommentBlock" ? written.startsWith("/**") : NEXT_LINE_DIRECTIVE.test(written);
    if (!attached) return point;
    point = start;
  }
  return point;
}

/** The `count` lines just above a line start (fewer at the top of the file); reads only those lines, not the whole prefix. */
export function linesAbove(text: string, point: number, count: number): string[] {
  let from = point;
  for (let j = 0; j < count && from > 0; j++) from = from >= 2 ? text.lastIndexOf("\n", from - 2) + 1 : 0;
  return text.slice(from, point).split(/\r?\n/).slice(0, -1);
}

/** Edits that add the annotation comments (none where the same comment already stands on the line above). */
export function annotationEdits(text: string, filePath: string, leftovers: readonly Finding[]): TextEdit[] {
  const parsed = parseSource(text, filePath);
  if (!parsed.ok) return [];
  const file = new SourceFile(filePath, text, parsed.ast);
  // Searched once per type, in the order the types are tried (each in source order).
  const containers = [...TEXT_LIKE].map((type) => new Containers(file.nodesOfType(type as Node["type"])));
  const comments = parsed.ast.comments ?? [];
  const byPoint = new Map<number, string[]>();
  for (const finding of leftovers) {
    if (finding.edits) continue;
    const point = aboveAttachedComments(text, comments, insertionPoint(text, containers, finding.start));
    const note = oneLine(`${finding.ruleId}: ${finding.action ?? finding.message}`);
    const notes = byPoint.get(point) ?? [];
    if (!notes.includes(note)) notes.push(note);
    byPoint.set(point, notes);
  }
  const edits: TextEdit[] = [];
  const newline = file.newline; // a scan of the whole text: once, not once per comment
  for (const [point, notes] of byPoint) {
    const indent = /^[ \t]*/.exec(text.slice(point))![0];
    // The lines just above, to keep a second run from adding the same comment again.
    const above = linesAbove(text, point, notes.length).map((line) => line.trim());
    const missing = notes.filter((note) => !above.includes(`${ANNOTATION_PREFIX}${note}`.trim()));
    if (missing.length === 0) continue;
    edits.push({ start: point, end: point, text: missing.map((note) => `${indent}${ANNOTATION_PREFIX}${note}${newline}`).join("") });
  }
  return edits;
}
