// `fix --dry-run`: the unified diff of one file's fixes, named relative to the run's folder (a/… b/…, as git prints them).
import path from "node:path";
import { diff } from "../core/lazy.js";
import type { FileReport } from "../run/process-file.js";

/** The diff of a file a dry run would rewrite; undefined for a file it would leave alone (or one a real run wrote). */
export function dryRunPatch(report: FileReport, cwd: string): string | undefined {
  if (report.written || report.original === undefined || report.output === undefined) return undefined;
  const name = path.relative(cwd, report.filePath).split(path.sep).join("/");
  return diff().createTwoFilesPatch(`a/${name}`, `b/${name}`, report.original, report.output, undefined, undefined, { context: 3 });
}
