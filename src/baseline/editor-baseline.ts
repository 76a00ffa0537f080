// The baseline as the editor front ends read it: which findings of an open text the committed baseline holds.
import { statSync } from "node:fs";
import path from "node:path";
import type { Finding } from "../core/types.js";
import { readBaselineFile, type BaselineRecord } from "./baseline-file.js";
import { baselinePath, matchFile } from "./compare.js";
import { identifyFindings } from "./fingerprint.js";

/** How an editor shows findings the baseline holds: hidden, or as hints (LSP `DiagnosticSeverity.Hint`). */
export type BaselinedDisplay = "hide" | "hint";

/**
 * One baseline file, read again whenever it changes on disk (a `--update-baseline` shows at once). A missing or
 * broken file holds nothing: the editor shows every finding rather than none; `problem` says why.
 */
export class EditorBaseline {
  readonly file: string;
  private stamp: number | undefined;
  private byFile = new Map<string, BaselineRecord[]>();
  problem: string | undefined;
  private told: string | undefined;

  constructor(file: string) {
    this.file = path.resolve(file);
  }

  /** The findings of this text the baseline holds, matched as `check --baseline` matches them (`parsedAs`: the name the parser goes by). */
  baselined(filePath: string, text: string, findings: readonly Finding[], parsedAs = filePath): Set<Finding> {
    this.refresh();
    const entries = this.byFile.get(baselinePath(path.dirname(this.file), path.resolve(filePath)));
    if (!entries || findings.length === 0) return new Set();
    const sorted = [...findings].sort((a, b) => a.start - b.start || a.end - b.end);
    const identities = identifyFindings(text, parsedAs, sorted);
    const { states } = matchFile(
      entries,
      sorted.map((finding, i) => ({ finding, identity: identities[i] })),
    );
    return new Set(sorted.filter((finding) => states.get(finding) === "unchanged"));
  }

  /** The problem with the file, the first time it is seen (an editor says it once, not on every keystroke). */
  newProblem(): string | undefined {
    if (this.problem === this.told) return undefined;
    this.told = this.problem;
    return this.problem;
  }

  private refresh(): void {
    let stamp: number | undefined;
    try {
      stamp = statSync(this.file).mtimeMs;
    } catch {
      stamp = undefined;
    }
    if (stamp === this.stamp && this.stamp !== undefined) return;
    this.stamp = stamp;
    this.byFile = new Map();
    this.problem = undefined;
    if (stamp === undefined) {
      this.problem = `${this.file}: no such baseline file`;
      return;
    }
    try {
      for (const record of readBaselineFile(this.file)) {
        const list = this.byFile.get(record.file) ?? [];
        list.push(record);
        this.byFile.set(record.file, list);
      }
    } catch (error) {
      this.problem = (error as Error).message;
    }
  }
}
