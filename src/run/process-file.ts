// Running the engine over files from disk: read, check or fix, write atomically, report per file.
import { readFile } from "node:fs/promises";
import { writeFileAtomic } from "../core/lazy.js";
import { annotationEdits } from "./annotate.js";
import { applyEdits, selectFixes } from "../core/edits.js";
import type { Engine, FixResult, ForeignFinding } from "../core/engine.js";
import { looksMinified, readSourceFile } from "../workspace/files.js";
import type { Finding } from "../core/types.js";

export interface FileProblem {
  message: string;
  line: number;
  column: number;
}

export interface FileReport {
  filePath: string;
  /** Findings left in the file (after fixing, in fix mode). */
  findings: Finding[];
  /** The file could not be checked: unparsable, unreadable, not UTF-8. Counts as an error. */
  fatal?: FileProblem;
  /** The file was skipped on purpose (binary, too large, minified); does not count as an error. */
  notice?: string;
  /** Fixes applied (or, with --dry-run, that would be applied). */
  applied: Finding[];
  /** Findings this file's requests reach in other project files (merged into those files' reports by the run). */
  elsewhere?: ForeignFinding[];
  /** The text the findings' offsets refer to; kept only when there are findings. */
  text?: string;
  original?: string;
  output?: string;
  written: boolean;
}

/** Asked once per fix in `--interactive` mode: apply it? */
export type FixChooser = (change: { filePath: string; finding: Finding; before: string; after: string }) => Promise<boolean>;

export interface RunOptions {
  mode: "check" | "fix";
  dryRun?: boolean;
  maxFileBytes: number;
  choose?: FixChooser;
  annotate?: boolean;
  /** Fixes other files' analyses located in this file (applied with the first pass of `fix`). */
  extraFixes?: readonly Finding[];
}

export const DEFAULT_MAX_FILE_BYTES = 8 * 1024 * 1024;

export async function processFile(engine: Engine, filePath: string, options: RunOptions): Promise<FileReport> {
  try {
    return await processFileUnguarded(engine, filePath, options);
  } catch (error) {
    // One file's problem must not stop the run: report it on that file and go on.
    const message = error instanceof RangeError ? "the file is nested too deeply to analyse" : `internal error: ${(error as Error).message}`;
    return { filePath, findings: [], applied: [], written: false, fatal: { message, line: 1, column: 1 } };
  }
}

async function processFileUnguarded(engine: Engine, filePath: string, options: RunOptions): Promise<FileReport> {
  const report: FileReport = { filePath, findings: [], applied: [], written: false };
  let gate: ReturnType<Engine["rulesForBytes"]> | undefined;
  const read = readSourceFile(filePath, options.maxFileBytes, (bytes) => {
    gate = engine.rulesForBytes(bytes);
    return gate.rules.length > 0 || gate.directives || (options.extraFixes?.length ?? 0) > 0;
  });
  if (read.ok === "irrelevant") return report;
  if (!read.ok) {
    if (read.skipped) report.notice = read.reason;
    else report.fatal = { message: read.reason, line: 1, column: 1 };
    return report;
  }
  const text = read.text;
  if (engine.candidateRules(text, gate?.rules).length > 0 && looksMinified(text)) {
    report.notice = "skipped: looks minified (very long lines)";
    return report;
  }
  if (options.mode === "check") {
    const analysis = engine.analyze(text, filePath, gate?.rules);
    report.findings = analysis.findings;
    if (analysis.elsewhere.length > 0) report.elsewhere = analysis.elsewhere;
    if (report.findings.length > 0) report.text = text;
    if (analysis.parseError) report.fatal = { ...analysis.parseError, message: `Parsing error: ${analysis.parseError.message}` };
    return report;
  }
  const result = options.choose ? await chooseFixes(engine, text, filePath, options.choose) : engine.fix(text, filePath, options.extraFixes);
  if (result.elsewhere.length > 0) report.elsewhere = result.elsewhere;
  if (options.annotate && !result.parseError) annotate(engine, result, filePath);
  report.findings = result.findings;
  report.applied = result.applied;
  if (report.findings.length > 0) report.text = result.output;
  if (result.parseError) report.fatal = { ...result.parseError, message: `Parsing error: ${result.parseError.message}` };
  if (result.unsafe) {
    report.notice = `some fixes were not applied: the result would not parse (${result.unsafe.message} at ${result.unsafe.line}:${result.unsafe.column})`;
  }
  if (result.output === text) return report;
  report.original = text;
  report.output = result.output;
  if (options.dryRun) {
    // Nothing is written, so leftovers are located in the file as it is on disk.
    report.findings = engine.analyze(text, filePath).findings.filter((finding) => !finding.edits);
    report.text = report.findings.length > 0 ? text : undefined;
    return report;
  }
  return report;
}

/**
 * Write a fixed file: atomically (temp file + rename, mode kept), and only if it is still what was read —
 * a file that changed meanwhile is left alone and reported.
 */
export async function writeFixedFile(report: FileReport): Promise<void> {
  if (report.output === undefined || report.original === undefined || report.written) return;
  const current = await readFile(report.filePath, "utf8").catch(() => undefined);
  if (current !== report.original) {
    report.fatal = { message: "the file changed while it was being fixed; left it as it is now (run fix again)", line: 1, column: 1 };
    report.applied = [];
    report.output = undefined;
    return;
  }
  await writeFileAtomic()(report.filePath, report.output, { encoding: "utf8" });
  report.written = true;
}

/** `--interactive`: the first pass of fixes, each shown and applied only if the person says yes. */
async function chooseFixes(engine: Engine, text: string, filePath: string, choose: FixChooser): Promise<FixResult> {
  const analysis = engine.analyze(text, filePath);
  if (analysis.parseError) return { ...analysis, output: text, applied: [] };
  const accepted: Finding[] = [];
  for (const finding of selectFixes(analysis.findings).chosen) {
    if (await choose({ filePath, finding, before: text, after: applyEdits(text, finding.edits!) })) accepted.push(finding);
  }
  if (accepted.length === 0) return { ...analysis, output: text, applied: [] };
  const output = applyEdits(text, accepted.flatMap((finding) => finding.edits!));
  const after = engine.reanalyze(output, filePath);
  if (!after.ok) return { ...analysis, output: text, applied: [], unsafe: after.error };
  return { ...after.analysis, output, applied: accepted };
}

/** `--annotate`: comments above the leftovers, added to the fix result (kept only if the file still parses). */
function annotate(engine: Engine, result: FixResult, filePath: string): void {
  const edits = annotationEdits(result.output, filePath, result.findings);
  if (edits.length === 0) return;
  const output = applyEdits(result.output, edits);
  const reanalysis = engine.reanalyze(output, filePath);
  if (!reanalysis.ok) return;
  const after = reanalysis.analysis;
  result.output = output;
  result.findings = after.findings;
}

export function errorCount(report: FileReport): number {
  return report.findings.filter((f) => f.severity === "error").length + (report.fatal ? 1 : 0);
}

export function warningCount(report: FileReport): number {
  return report.findings.filter((f) => f.severity === "warning").length;
}
