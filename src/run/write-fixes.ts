// The write phase of `fix`: the dirty-tree guard (fail closed), then each fixed file replaced safely, one at a time,
// stopping cleanly between files when the run is interrupted, so the summary can say exactly what was written.
import { setImmediate as yieldToEvents } from "node:timers/promises";
import type { Engine } from "../core/engine.js";
import { dirtyFiles } from "../workspace/git.js";
import { writePermission, type WritePolicy } from "../workspace/safe-write.js";
import { injectedFaults } from "./faults.js";
import { processFile, writeFixedFile, type FileReport, type RunOptions } from "./process-file.js";

/** `fix` would rewrite files with uncommitted changes: the migration would mix with other work. */
export class DirtyTreeError extends Error {
  constructor(readonly files: string[]) {
    const shown = files.slice(0, 10).join(", ") + (files.length > 10 ? `, and ${files.length - 10} more` : "");
    super(
      `refusing to fix: ${files.length} file${files.length === 1 ? "" : "s"} to be rewritten ha${files.length === 1 ? "s" : "ve"} uncommitted changes (${shown}). ` +
        "Commit or stash them first, so the migration is a diff of its own you can review and revert, or pass --allow-dirty.",
    );
  }
}

/** git could not answer for a work tree the files are in: the guard refuses rather than assume a clean tree. */
export class GitGuardError extends Error {
  constructor(why: string) {
    super(
      `refusing to fix: ${why}. The dirty-tree guard does not assume a clean tree when git cannot answer: fix what git says ` +
        '(for "dubious ownership", `git config --global --add safe.directory <folder>`), or pass --allow-dirty to fix without the check.',
    );
  }
}

export interface WritePhase {
  engine: Engine;
  options: RunOptions;
  cwd: string;
  roots: readonly string[];
  allowDirty?: boolean;
  choose?: RunOptions["choose"];
  signal?: AbortSignal;
  onReport?: (report: FileReport) => void;
  warnings: string[];
}

/** The policy every write follows: inside the roots, links only when followed, test faults when injected. */
export function writePolicy(roots: readonly string[], options: RunOptions): WritePolicy {
  const { pauseBeforeRenameMs, failingWrites } = injectedFaults();
  return { roots, followSymlinks: options.followSymlinks, faults: { pauseBeforeRenameMs, failingWrites } };
}

/** Guard, then write every report that has output. Returns whether the run was interrupted before all were written. */
export async function writeFixes(reports: FileReport[], phase: WritePhase): Promise<{ interrupted: boolean }> {
  const changing = reports.filter((report) => report.output !== undefined);
  if (!phase.allowDirty && changing.length > 0) {
    const guard = dirtyFiles(
      changing.map((report) => report.filePath),
      phase.cwd,
    );
    if (guard.unanswered) throw new GitGuardError(guard.unanswered);
    if (guard.dirty.length > 0) throw new DirtyTreeError(guard.dirty);
    if (guard.outsideWorkTree.length > 0) {
      const shown =
        guard.outsideWorkTree.slice(0, 10).join(", ") + (guard.outsideWorkTree.length > 10 ? `, and ${guard.outsideWorkTree.length - 10} more` : "");
      phase.warnings.push(
        `${guard.outsideWorkTree.length} file${guard.outsideWorkTree.length === 1 ? " is" : "s are"} in no git work tree, so the dirty-tree guard could not check ${guard.outsideWorkTree.length === 1 ? "it" : "them"} before fixing: ${shown}`,
      );
    }
  }
  const policy = writePolicy(phase.roots, phase.options);
  for (const [index, report] of reports.entries()) {
    if (report.output === undefined) continue;
    if (phase.signal?.aborted) return { interrupted: true };
    if (phase.choose) reports[index] = await processFile(phase.engine, report.filePath, { ...phase.options, choose: phase.choose });
    const current = reports[index];
    await writeFixedFile(current, policy);
    if (!current.written && current.notWritten && current.notWritten !== "changed" && current.original !== undefined) {
      // Left alone: what is reported is what the file still holds.
      current.findings = phase.engine.analyze(current.original, current.filePath).findings;
      current.text = current.findings.length > 0 ? current.original : undefined;
    }
    phase.onReport?.(current);
    // Let a SIGINT / SIGTERM handler run between two files (each write is whole or not at all).
    await yieldToEvents();
  }
  return { interrupted: !!phase.signal?.aborted && changing.some((report) => !report.written && report.notWritten === undefined) };
}

/** `fix --dry-run`: the files a real run would refuse to write are reported as such, so the preview does not lie. */
export function markRefusedWrites(reports: FileReport[], roots: readonly string[], options: RunOptions, engine: Engine): void {
  const policy = writePolicy(roots, options);
  for (const report of reports) {
    if (report.output === undefined || !report.identity) continue;
    const permission = writePermission({ filePath: report.filePath, identity: report.identity }, policy);
    if (permission.ok) continue;
    report.fatal = { message: permission.refusal.message.replace(/^not written/, "would not be written"), line: 1, column: 1 };
    report.notWritten = permission.refusal.reason;
    report.applied = [];
    report.findings = report.original === undefined ? report.findings : engine.analyze(report.original, report.filePath).findings;
    report.text = report.findings.length > 0 ? report.original : undefined;
    report.original = undefined;
    report.output = undefined;
  }
}
