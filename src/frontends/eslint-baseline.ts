// The ESLint plugin's baseline: `settings: { "intercom-migrate": { baseline: "intercom-migrate-baseline.json" } }` hides what it holds.
import path from "node:path";
import type { Rule as EslintRule } from "eslint";
import { DEFAULT_BASELINE_FILE } from "../baseline/baseline-file.js";
import { EditorBaseline } from "../baseline/editor-baseline.js";
import type { Finding } from "../core/types.js";

/** One reader per baseline file, shared by every file ESLint lints. */
const baselines = new Map<string, EditorBaseline>();

type LintedFile = Pick<EslintRule.RuleContext, "cwd" | "filename" | "settings" | "sourceCode">;

/**
 * The findings the baseline (named relative to ESLint's cwd; `true` for the default name) does not hold. ESLint has
 * no hint severity, so baselined findings are left out, as `check --baseline` leaves them out of what fails.
 */
export function withoutBaselined(context: LintedFile, findings: Finding[]): Finding[] {
  const settings = context.settings["intercom-migrate"] as { baseline?: unknown } | undefined;
  const named = settings?.baseline === true ? DEFAULT_BASELINE_FILE : typeof settings?.baseline === "string" ? settings.baseline : undefined;
  if (!named || findings.length === 0) return findings;
  const file = path.resolve(context.cwd, named);
  let baseline = baselines.get(file);
  if (!baseline) baselines.set(file, (baseline = new EditorBaseline(file)));
  const parsedAs = /\.[cm]?[jt]sx?$/.test(context.filename) ? context.filename : `${context.filename}.js`;
  const held = baseline.baselined(context.filename, context.sourceCode.text, findings, parsedAs);
  const problem = baseline.newProblem();
  if (problem) process.emitWarning(`${problem}; reporting every finding`, { code: "INTERCOM_MIGRATE_BASELINE" });
  return findings.filter((finding) => !held.has(finding));
}
