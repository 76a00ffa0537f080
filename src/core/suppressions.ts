// Inline suppressions: `// intercom-migrate-disable-next-line <rule-id> -- reason`, `-line`, and `-file`; unused ones are reported.
import type { Comment } from "@babel/types";
import type { SourceFile } from "./source.js";
import type { Finding, TextEdit } from "./types.js";

export const DIRECTIVE_MARK = "intercom-migrate-disable";
export const UNUSED_SUPPRESSION = "unused-suppression";

interface Directive {
  comment: Comment;
  kind: "next-line" | "line" | "file";
  /** Rule ids named; empty means every rule. */
  rules: string[];
  used: Set<string>;
  line: number;
}

const DIRECTIVE = /^\s*intercom-migrate-disable-(next-line|line|file)\b([^]*)$/;

function parseDirectives(file: SourceFile): Directive[] {
  const directives: Directive[] = [];
  for (const comment of file.ast.comments ?? []) {
    const match = DIRECTIVE.exec(comment.value);
    if (!match) continue;
    const [, kind, rest] = match;
    const list = rest.split(/\s--\s|^--\s/)[0].replace(/\*\/?$/, "");
    const rules = list
      .split(/[\s,]+/)
      .map((id) => id.trim())
      .filter(Boolean);
    const line = kind === "next-line" ? comment.loc!.end.line + 1 : comment.loc!.start.line;
    directives.push({ comment, kind: kind as Directive["kind"], rules, used: new Set(), line });
  }
  return directives;
}

function covers(directive: Directive, finding: Finding): boolean {
  if (directive.rules.length > 0 && !directive.rules.includes(finding.ruleId)) return false;
  if (directive.kind === "file") return true;
  return finding.loc.start.line === directive.line;
}

/** Remove the directive comment, and its whole line when it stands alone there. */
function removalEdit(file: SourceFile, comment: Comment): TextEdit {
  const start = comment.start!;
  const end = comment.end!;
  const lineStart = file.text.lastIndexOf("\n", start - 1) + 1;
  const lineEndIndex = file.text.indexOf("\n", end);
  const lineEnd = lineEndIndex === -1 ? file.text.length : lineEndIndex + 1;
  const before = file.text.slice(lineStart, start);
  const after = file.text.slice(end, lineEndIndex === -1 ? file.text.length : lineEndIndex).replace(/\r$/, "");
  if (before.trim() === "" && after.trim() === "") return { start: lineStart, end: lineEnd, text: "" };
  return { start: before.trim() === "" ? start : start - (before.length - before.trimEnd().length), end, text: "" };
}

/**
 * Drop suppressed findings, and report directives that suppressed nothing, among the rules that ran
 * (a directive naming a rule that was not run is not "unused").
 */
export function applySuppressions(file: SourceFile, findings: Finding[], rulesRun: ReadonlySet<string>): Finding[] {
  if (!file.text.includes(DIRECTIVE_MARK)) return findings;
  const directives = parseDirectives(file);
  if (directives.length === 0) return findings;
  const kept: Finding[] = [];
  for (const finding of findings) {
    const directive = directives.find((d) => covers(d, finding));
    if (directive) directive.used.add(finding.ruleId);
    else kept.push(finding);
  }
  for (const directive of directives) {
    const named = directive.rules.filter((id) => rulesRun.has(id));
    const unused = directive.rules.length === 0 ? (directive.used.size === 0 ? ["any rule"] : []) : named.filter((id) => !directive.used.has(id));
    if (unused.length === 0) continue;
    const where = directive.kind === "file" ? "in this file" : `on line ${directive.line}`;
    const comment = directive.comment;
    kept.push({
      ruleId: UNUSED_SUPPRESSION,
      severity: "warning",
      message: `Unused intercom-migrate-disable-${directive.kind} directive: no ${unused.join(", ")} finding ${where}.`,
      messageId: "unusedDirective",
      start: comment.start!,
      end: comment.end!,
      loc: { start: file.positionAt(comment.start!), end: file.positionAt(comment.end!) },
      ...(unused.length === directive.rules.length || directive.rules.length === 0
        ? { edits: [removalEdit(file, comment)], fixTitle: "Remove the unused directive" }
        : {}),
    });
  }
  return kept.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
}
