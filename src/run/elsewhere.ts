// Findings one file's analysis locates in another project file (a version constant a config module exports, a
// payload built in another module) are merged into that file's report: `check` lists them there, `fix` applies
// their edits when it fixes that file.
import { readFileSync } from "node:fs";
import { textDigest, type Engine } from "../core/engine.js";
import type { Finding } from "../core/types.js";
import { processFile, type FileReport, type RunOptions } from "./process-file.js";

const keyOf = (finding: Finding) => `${finding.ruleId}:${finding.start}:${finding.end}`;

/** A finding reported elsewhere, with the text of its file its offsets are in. */
interface Located {
  finding: Finding;
  basis: string;
}

/** The findings reported elsewhere, by the file they are in (only files of this run), without duplicates. */
function byTarget(reports: readonly FileReport[]): Map<string, Located[]> {
  const inRun = new Set(reports.map((report) => report.filePath));
  const found = new Map<string, Located[]>();
  for (const report of reports) {
    for (const { filePath, finding, basis } of report.elsewhere ?? []) {
      if (!inRun.has(filePath)) continue;
      const list = found.get(filePath) ?? [];
      if (!list.some((other) => other.basis === basis && keyOf(other.finding) === keyOf(finding)))
        list.push({ finding: { ...finding, reachedFrom: report.filePath }, basis });
      found.set(filePath, list);
    }
  }
  return found;
}

function merge(report: FileReport, findings: readonly Finding[]): void {
  const known = new Map(report.findings.map((finding) => [keyOf(finding), finding]));
  // The same finding with another fix: the other file's analysis knew the arguments (what `fix` applies, see Engine.fix).
  for (const finding of findings) {
    const own = known.get(keyOf(finding));
    if (own?.edits && finding.edits && JSON.stringify(own.edits) !== JSON.stringify(finding.edits)) {
      own.edits = finding.edits;
      own.refinedFrom = finding.reachedFrom;
    }
  }
  const added = findings.filter((finding) => !known.has(keyOf(finding)));
  if (added.length === 0) return;
  report.findings = [...report.findings, ...added].sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
  report.text ??= readFileSync(report.filePath, "utf8");
}

/**
 * `check`: the findings join their files' reports. `fix`: each finding is applied to the text its offsets are in. A
 * file with fixable findings from elsewhere in its text on disk is fixed again from that text with them; then fixable
 * findings another analysis located in this run's fixed text of the file (it read the fixed module) are applied to
 * that text, so one `fix` leaves nothing for a second. Findings left for review join the report when the file is
 * otherwise unchanged (when it changed, their places moved: the next `check` lists them); a finding in a text that is
 * neither is dropped, never applied at the wrong place.
 */
export async function settleElsewhere(reports: FileReport[], engine: Engine, options: RunOptions): Promise<void> {
  const targets = byTarget(reports);
  for (const [index, report] of reports.entries()) {
    const located = targets.get(report.filePath);
    if (!located || report.fatal) continue;
    const onDisk = report.original ?? report.text ?? readFileSync(report.filePath, "utf8");
    const inText = (text: string | undefined) => {
      const digest = text === undefined ? undefined : textDigest(text);
      return located.filter((entry) => entry.basis === digest).map((entry) => entry.finding);
    };
    const original = inText(onDisk);
    if (options.mode === "check") {
      merge(report, original);
      continue;
    }
    const fixedText = report.output;
    const inFixed = fixedText === undefined ? [] : inText(fixedText).filter((finding) => finding.edits);
    const fixable = original.filter((finding) => finding.edits);
    if (fixable.length > 0 && !options.choose) {
      const again = await processFile(engine, report.filePath, { ...options, extraFixes: fixable });
      reports[index] = { ...again, elsewhere: report.elsewhere };
    }
    // Found in the fixed text this run made: applied to it, if it is still the text the report holds.
    if (inFixed.length > 0 && !options.choose && reports[index].output === fixedText && fixedText !== undefined) {
      const current = reports[index];
      const result = engine.fix(fixedText, report.filePath, inFixed);
      if (result.internalErrors.length === 0 && !result.parseError && result.output !== fixedText) {
        current.output = result.output;
        current.applied = [...current.applied, ...result.applied];
        current.findings = result.findings;
        current.text = result.findings.length > 0 ? result.output : undefined;
      }
    }
    if (reports[index].output === undefined)
      merge(
        reports[index],
        original.filter((finding) => !finding.edits || options.choose),
      );
  }
}
