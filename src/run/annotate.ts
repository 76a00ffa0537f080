// --annotate: a `// intercom-migrate: <what to do>` comment above each leftover, once, never inside a string or JSX text.
import type { Node } from "@babel/types";
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

/** Where a comment line can go for a finding: its line start, moved up out of template literals and JSX. */
function insertionPoint(file: SourceFile, offset: number): number {
  let point = lineStart(file.text, offset);
  for (let guard = 0; guard < 50; guard++) {
    const container = [...TEXT_LIKE].flatMap((type) => file.nodesOfType(type as Node["type"])).find((node) => node.start! < point && point < node.end!);
    if (!container) return point;
    point = lineStart(file.text, container.start!);
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
  const byPoint = new Map<number, string[]>();
  for (const finding of leftovers) {
    if (finding.edits) continue;
    const point = insertionPoint(file, finding.start);
    const note = oneLine(`${finding.ruleId}: ${finding.action ?? finding.message}`);
    const notes = byPoint.get(point) ?? [];
    if (!notes.includes(note)) notes.push(note);
    byPoint.set(point, notes);
  }
  const edits: TextEdit[] = [];
  for (const [point, notes] of byPoint) {
    const indent = /^[ \t]*/.exec(text.slice(point))![0];
    // The lines just above, to keep a second run from adding the same comment again.
    const above = linesAbove(text, point, notes.length).map((line) => line.trim());
    const missing = notes.filter((note) => !above.includes(`${ANNOTATION_PREFIX}${note}`.trim()));
    if (missing.length === 0) continue;
    edits.push({ start: point, end: point, text: missing.map((note) => `${indent}${ANNOTATION_PREFIX}${note}${file.newline}`).join("") });
  }
  return edits;
}
