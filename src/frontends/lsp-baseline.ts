// The language server's baseline: `initializationOptions.baseline` names the file, `baselined` hides its findings or shows them as hints.
import path from "node:path";
import { DiagnosticSeverity, type Diagnostic } from "vscode-languageserver/node.js";
import { DEFAULT_BASELINE_FILE } from "../baseline/baseline-file.js";
import { EditorBaseline, type BaselinedDisplay } from "../baseline/editor-baseline.js";
import type { Finding } from "../core/types.js";

export interface LspBaseline {
  baseline: EditorBaseline;
  display: BaselinedDisplay;
}

/**
 * From `initializationOptions`: `{ "baseline": "intercom-migrate-baseline.json", "baselined": "hint" | "hide" }`
 * (`baseline: true` for the default name; relative to the workspace folder; `baselined` defaults to "hint").
 */
export function lspBaseline(initializationOptions: unknown, workspaceFolder: string): LspBaseline | undefined {
  const options = (typeof initializationOptions === "object" && initializationOptions !== null ? initializationOptions : {}) as {
    baseline?: unknown;
    baselined?: unknown;
  };
  const named = options.baseline === true ? DEFAULT_BASELINE_FILE : typeof options.baseline === "string" ? options.baseline : undefined;
  if (!named) return undefined;
  return { baseline: new EditorBaseline(path.resolve(workspaceFolder, named)), display: options.baselined === "hide" ? "hide" : "hint" };
}

/** The document's diagnostics: findings the baseline holds are left out or turned into hints that say so. */
export function diagnosticsWithBaseline(
  lsp: LspBaseline | undefined,
  filePath: string,
  text: string,
  findings: readonly Finding[],
  toDiagnostic: (finding: Finding) => Diagnostic,
  warn: (message: string) => void,
): Diagnostic[] {
  const held = lsp ? lsp.baseline.baselined(filePath, text, findings) : new Set<Finding>();
  const problem = lsp?.baseline.newProblem();
  if (problem) warn(`intercom-migrate: ${problem}; showing every finding`);
  const diagnostics: Diagnostic[] = [];
  for (const finding of findings) {
    if (!held.has(finding)) diagnostics.push(toDiagnostic(finding));
    else if (lsp?.display === "hint") {
      const diagnostic = toDiagnostic(finding);
      diagnostics.push({
        ...diagnostic,
        severity: DiagnosticSeverity.Hint,
        message: `${diagnostic.message}\n(in the baseline: ${path.basename(lsp.baseline.file)})`,
      });
    }
  }
  return diagnostics;
}
