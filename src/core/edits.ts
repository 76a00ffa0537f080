// Text edits: merge the edits of many findings, refuse overlaps, apply them to the text.
import type { Finding, TextEdit } from "./types.js";

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // Two insertions at the same point are ambiguous; touching ranges are fine.
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end;
}

/** Apply edits that do not overlap each other; throws if they do (a rule's bug, never silent). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let output = "";
  let cursor = 0;
  for (let i = 0; i < sorted.length; i++) {
    const edit = sorted[i];
    if (i > 0 && overlaps(sorted[i - 1], edit)) throw new Error(`Overlapping edits at ${edit.start}`);
    output += text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return output + text.slice(cursor);
}

/**
 * Where an offset of the text is once the edits are applied: moved by the edits before it; inside a replaced range,
 * the start of the replacement; an insertion exactly at the offset goes after it (the offset stays before the new text).
 */
export function mapOffset(offset: number, edits: readonly TextEdit[]): number {
  let shift = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    if (edit.start >= offset) break;
    if (offset < edit.end) return edit.start + shift;
    shift += edit.text.length - (edit.end - edit.start);
  }
  return offset + shift;
}

/**
 * Choose the fixable findings whose edits can be applied together: in source order, a finding whose
 * edits overlap an already chosen one waits for the next pass (as ESLint does).
 */
export function selectFixes(findings: readonly Finding[]): { chosen: Finding[]; deferred: Finding[] } {
  const chosen: Finding[] = [];
  const deferred: Finding[] = [];
  const taken = new TakenEdits();
  const fixable = findings.filter((finding) => finding.edits && finding.edits.length > 0);
  fixable.sort((a, b) => a.start - b.start);
  for (const finding of fixable) {
    const edits = finding.edits!;
    if (edits.some((edit) => taken.overlapsAny(edit))) {
      deferred.push(finding);
      continue;
    }
    chosen.push(finding);
    for (const edit of edits) taken.add(edit);
  }
  return { chosen, deferred };
}

/**
 * Edits already chosen, sorted by (start, end). They never overlap each other, so their ends are sorted too and
 * an overlap with a new edit shows at the place it would be inserted: each question is a binary search, not a scan
 * (a file with 100k fixes must not cost 100k² comparisons).
 */
class TakenEdits {
  private readonly edits: TextEdit[] = [];

  private insertionPoint(edit: TextEdit): number {
    let low = 0;
    let high = this.edits.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      const other = this.edits[mid];
      if (other.start < edit.start || (other.start === edit.start && other.end <= edit.end)) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  overlapsAny(edit: TextEdit): boolean {
    const at = this.insertionPoint(edit);
    for (let i = at - 1; i >= 0 && this.edits[i].end >= edit.start; i--) if (overlaps(this.edits[i], edit)) return true;
    for (let i = at; i < this.edits.length && this.edits[i].start <= edit.end; i++) if (overlaps(this.edits[i], edit)) return true;
    return false;
  }

  add(edit: TextEdit): void {
    this.edits.splice(this.insertionPoint(edit), 0, edit);
  }
}
