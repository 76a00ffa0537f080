// Running the engine over files from disk: read, check or fix, write atomically, report per file.
import { realpathSync } from "node:fs";
import path from "node:path";
import { annotationEdits } from "./annotate.js";
import { applyEdits, mapOffset, selectFixes } from "../core/edits.js";
import type { Analysis, Engine, FixResult, ForeignFinding } from "../core/engine.js";
import type { FileIdentity, SkipReason } from "../workspace/file-facts.js";
import { looksMinified, mentionsNeedles, readSourceFile } from "../workspace/files.js";
import { identityOf } from "../workspace/read.js";
import { replaceIfUnchanged, type WritePolicy, type WriteRefusalReason } from "../workspace/safe-write.js";
import { describeFailures, internalFailure, type InternalFailure } from "./failures.js";
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
  /** The file could not be checked: unparsable, unreadable, not UTF-8, not written. Counts as an error. */
  fatal?: FileProblem;
  /** Why the file was skipped (binary, too large, minified, a link, ignored), or a note on its fixes. */
  notice?: string;
  /**
   * Skipped on purpose, and why (`notice` says it in words). A note, or a warning when the file mentions what
   * the rules look for (or was named explicitly): then it counts as a warning, so a skip is never silent.
   */
  skipped?: { reason: SkipReason; level: "note" | "warning" };
  /** The tool failed on this file (a rule or the core threw): the file is left untouched and the run exits 2. */
  internalErrors?: InternalFailure[];
  /** Fixes applied (or, with --dry-run, that would be applied). */
  applied: Finding[];
  /** `--annotate`: how many `// intercom-migrate:` comments were added above leftovers (a change like a fix). */
  annotations?: number;
  /** Findings this file's requests reach in other project files (merged into those files' reports by the run). */
  elsewhere?: ForeignFinding[];
  /** The text the findings' offsets refer to; kept only when there are findings. */
  text?: string;
  original?: string;
  output?: string;
  /** The file as it was read (fix mode): a write goes ahead only if it is still this file. */
  identity?: FileIdentity;
  written: boolean;
  /** Why fix did not write the file (a link, read-only, hard-linked, changed meanwhile, the system refused). */
  notWritten?: WriteRefusalReason;
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
  /** `--follow-symlinks`: read through a link (otherwise a link found in place of a file is skipped). */
  followSymlinks?: boolean;
}

export const DEFAULT_MAX_FILE_BYTES = 8 * 1024 * 1024;

export async function processFile(engine: Engine, filePath: string, options: RunOptions): Promise<FileReport> {
  try {
    return await processFileUnguarded(engine, filePath, options);
  } catch (error) {
    // One file's problem must not stop the run: report it on that file, loudly, and go on.
    return { filePath, findings: [], applied: [], written: false, internalErrors: [internalFailure(null, error)] };
  }
}

function failuresOf(analysis: Pick<Analysis, "internalErrors">): InternalFailure[] {
  return describeFailures(analysis.internalErrors);
}

/** Whether a gate's answer leaves anything to do in the file: a rule's needle, a suppression comment, or fixes for it. */
function gatePasses(gate: ReturnType<Engine["rulesForBytes"]>, options: RunOptions): boolean {
  return gate.rules.length > 0 || gate.directives || (options.extraFixes?.length ?? 0) > 0;
}

/**
 * Whether `processFile` would find nothing to do in the file on its raw bytes (no needle of any rule, no
 * suppression comment): its report is the empty one. Read and gated only; anything else (unreadable, skipped,
 * relevant) is false, and the file goes through `processFile`.
 */
export function isIrrelevant(engine: Engine, filePath: string, options: RunOptions): boolean {
  try {
    const read = readSourceFile(filePath, options.maxFileBytes, (bytes) => gatePasses(engine.rulesForBytes(bytes), options), {
      followSymlinks: options.followSymlinks,
    });
    return read.ok === "irrelevant";
  } catch {
    return false;
  }
}

/** The report of a file with nothing to do in it. */
export function emptyReport(filePath: string): FileReport {
  return { filePath, findings: [], applied: [], written: false };
}

async function processFileUnguarded(engine: Engine, filePath: string, options: RunOptions): Promise<FileReport> {
  const report = emptyReport(filePath);
  let gate: ReturnType<Engine["rulesForBytes"]> | undefined;
  const read = readSourceFile(
    filePath,
    options.maxFileBytes,
    (bytes) => {
      gate = engine.rulesForBytes(bytes);
      return gatePasses(gate, options);
    },
    { followSymlinks: options.followSymlinks },
  );
  if (read.ok === "irrelevant") return report;
  if (!read.ok) {
    if (!read.skipped) {
      report.fatal = { message: read.reason, line: 1, column: 1 };
      return report;
    }
    report.notice = read.reason;
    report.skipped = { reason: read.skip, level: "note" };
    if (read.skip === "too-large") {
      // Too large to analyse, but not too large to scan for the rules' needles: a skip that may hide findings is a warning.
      const mentions = mentionsNeedles(filePath, (bytes) => engine.rulesForBytes(bytes).rules.length > 0);
      if (mentions !== false) {
        report.skipped.level = "warning";
        report.notice = `not analysed: ${read.reason.replace(/^skipped: /, "")}; ${mentions ? "it mentions what the rules look for" : "too large even to scan for what the rules look for"}`;
      }
    }
    return report;
  }
  const text = read.text;
  report.identity = identityOf(read.stat);
  if (engine.candidateRules(text, gate?.rules).length > 0 && looksMinified(text)) {
    report.notice =
      "not analysed: looks minified (most of it is in long lines of dense code), and it mentions what the rules look for; add it to the configuration's ignores if it is generated";
    report.skipped = { reason: "minified", level: "warning" };
    return report;
  }
  if (options.mode === "check") {
    const analysis = engine.analyze(text, filePath, gate?.rules);
    report.findings = analysis.findings;
    if (analysis.elsewhere.length > 0) report.elsewhere = analysis.elsewhere;
    if (report.findings.length > 0) report.text = text;
    if (analysis.parseError) report.fatal = { ...analysis.parseError, message: `Parsing error: ${analysis.parseError.message}` };
    if (analysis.internalErrors.length > 0) report.internalErrors = failuresOf(analysis);
    return report;
  }
  const result = options.choose ? await chooseFixes(engine, text, filePath, options.choose) : engine.fix(text, filePath, options.extraFixes);
  if (result.elsewhere.length > 0) report.elsewhere = result.elsewhere;
  if (result.internalErrors.length > 0) {
    // A rule failed: the file is left untouched, and what is reported is what is in it now.
    const now = engine.analyze(text, filePath);
    report.findings = now.findings;
    if (report.findings.length > 0) report.text = text;
    report.internalErrors = failuresOf({ internalErrors: [...result.internalErrors, ...now.internalErrors] });
    return report;
  }
  const annotations = options.annotate && !result.parseError ? annotate(engine, result, filePath) : 0;
  if (annotations > 0) report.annotations = annotations;
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
 * Write a fixed file: atomically (temp file + rename, mode kept), only a regular file inside the roots, never
 * through a link, never a read-only or hard-linked file, and only if it is still what was read. A refusal is
 * reported on the file (an error) and the file is left as it is. Without a policy the file's own folder is the root.
 */
export async function writeFixedFile(report: FileReport, policy?: WritePolicy): Promise<void> {
  if (report.output === undefined || report.original === undefined || report.written) return;
  if ((report.internalErrors?.length ?? 0) > 0 || !report.identity) return;
  const result = await replaceIfUnchanged(
    { filePath: report.filePath, identity: report.identity, original: report.original, output: report.output },
    policy ?? { roots: [ownFolder(report.filePath)] },
  );
  if (!result.ok) {
    report.fatal = { message: result.refusal.message, line: 1, column: 1 };
    report.notWritten = result.refusal.reason;
    report.applied = [];
    report.output = undefined;
    return;
  }
  report.written = true;
}

function ownFolder(filePath: string): string {
  try {
    return path.dirname(realpathSync(filePath));
  } catch {
    return path.dirname(path.resolve(filePath));
  }
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
  const edits = accepted.flatMap((finding) => finding.edits!);
  const output = applyEdits(text, edits);
  for (const finding of accepted) finding.fixedStart = mapOffset(finding.start, edits);
  const after = engine.reanalyze(output, filePath);
  if (!after.ok) return { ...analysis, output: text, applied: [], unsafe: after.error };
  return { ...after.analysis, output, applied: accepted };
}

/**
 * `--annotate`: comments above the leftovers, added to the fix result (kept only if the file still parses).
 * Returns how many comment lines were added (the summary counts them as changes).
 */
function annotate(engine: Engine, result: FixResult, filePath: string): number {
  const edits = annotationEdits(result.output, filePath, result.findings);
  if (edits.length === 0) return 0;
  const output = applyEdits(result.output, edits);
  const reanalysis = engine.reanalyze(output, filePath);
  if (!reanalysis.ok) return 0;
  const after = reanalysis.analysis;
  result.output = output;
  result.findings = after.findings;
  for (const finding of result.applied) if (finding.fixedStart !== undefined) finding.fixedStart = mapOffset(finding.fixedStart, edits);
  return edits.reduce((sum, edit) => sum + edit.text.split("\n").length - 1, 0);
}

export function errorCount(report: FileReport): number {
  return report.findings.filter((f) => f.severity === "error").length + (report.fatal ? 1 : 0) + (report.internalErrors?.length ?? 0);
}

export function warningCount(report: FileReport): number {
  return report.findings.filter((f) => f.severity === "warning").length + (report.skipped?.level === "warning" ? 1 : 0);
}

/** Whether the file was fully analysed, and if not, how that counts: failed (an error or a tool failure) or skipped. */
export function analysisOutcome(report: FileReport): "analysed" | "skipped" | "failed" {
  if (report.fatal || (report.internalErrors?.length ?? 0) > 0) return "failed";
  return report.skipped ? "skipped" : "analysed";
}
