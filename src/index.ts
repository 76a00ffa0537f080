// The programmatic API, for tools that embed intercom-migrate: check and fix paths or a text, findings with edits.
import { RULES } from "../rules/index.js";
import type { Engine } from "./core/engine.js";
import { createEngine, type EngineRequest } from "./workspace/create-engine.js";
import { describeFailures, type InternalFailure } from "./run/failures.js";
import type { FileReport } from "./run/process-file.js";
import { run } from "./run/run.js";
import type { Finding, Rule, Severity, Suggestion, TextEdit } from "./core/types.js";

export type { FileReport, Finding, InternalFailure, Rule, Severity, Suggestion, TextEdit };
export { RULES };

export interface ApiOptions {
  /** Folder the run starts in (configuration lookup, relative paths). Default: process.cwd(). */
  cwd?: string;
  /** Only these rule ids. */
  rules?: string[];
  /** Not these rule ids. */
  ignoreRules?: string[];
  /** Rule settings, e.g. `{ ticketUpdates: { actingAdminId: 123 } }` (texts only; paths read the config file). */
  settings?: Record<string, unknown>;
  /** Migrate tests too (test files, test doubles, version-pin assertions). Default: the config's `tests`, else true. */
  tests?: boolean;
  /** Type-aware mode: a tsconfig path, false for off; default: `tsconfig.json` in `cwd` when there is one (as the CLI). */
  types?: string | false;
  /** A configuration file to use instead of the one found upwards from `cwd`. */
  configPath?: string;
}

export interface TextInput {
  text: string;
  /** Decides the parser (TS/JSX by extension) and resolves relative imports. */
  filePath: string;
}

export interface TextResult {
  filePath: string;
  findings: Finding[];
  /** The parser's error when the text could not be parsed. */
  parseError?: { message: string; line: number; column: number };
  /** Rules that failed on the text (rule id and a one-line cause): their findings are missing, and fixText changed nothing. */
  internalErrors?: InternalFailure[];
}

export interface FixTextResult extends TextResult {
  /** The fixed text (equal to the input when nothing was fixed). */
  output: string;
  /** Findings whose fixes were applied. */
  applied: Finding[];
}

function engineRequest(options: ApiOptions): EngineRequest {
  const { cwd = process.cwd(), rules, ignoreRules, settings, tests, types, configPath } = options;
  return { cwd, rules, ignoreRules, settings, tests, types, configPath };
}

/**
 * Engines built for recent option sets, so a tool calling checkText/fixText file after file (jscodeshift) pays for
 * the configuration and the type-aware program once. Keyed by the options as data.
 */
const engines = new Map<string, Engine>();
const ENGINES_KEPT = 4;

function engineFor(options: ApiOptions): Engine {
  const request = engineRequest(options);
  const key = JSON.stringify(request);
  let engine = engines.get(key);
  if (!engine) {
    engine = createEngine(request).engine;
    if (engines.size >= ENGINES_KEPT) engines.delete(engines.keys().next().value!);
    engines.set(key, engine);
  }
  return engine;
}

/** Check a text (nothing is read but its relative imports). */
export function checkText(input: TextInput, options: ApiOptions = {}): TextResult {
  const analysis = engineFor(options).analyze(input.text, input.filePath);
  const internalErrors = describeFailures(analysis.internalErrors);
  return {
    filePath: input.filePath,
    findings: analysis.findings,
    ...(analysis.parseError ? { parseError: analysis.parseError } : {}),
    ...(internalErrors.length > 0 ? { internalErrors } : {}),
  };
}

/** Fix a text: every safe fix applied; the output always parses. */
export function fixText(input: TextInput, options: ApiOptions = {}): FixTextResult {
  const result = engineFor(options).fix(input.text, input.filePath);
  const internalErrors = describeFailures(result.internalErrors);
  return {
    filePath: input.filePath,
    // A rule that failed: the text is left as it was (its findings are incomplete).
    output: internalErrors.length > 0 ? input.text : result.output,
    applied: internalErrors.length > 0 ? [] : result.applied,
    findings: result.findings,
    ...(result.parseError ? { parseError: result.parseError } : {}),
    ...(internalErrors.length > 0 ? { internalErrors } : {}),
  };
}

/** Check files and folders (as `intercom-migrate check`), or one text. */
export async function check(input: string[] | TextInput, options: ApiOptions = {}): Promise<FileReport[] | TextResult> {
  if (!Array.isArray(input)) return checkText(input, options);
  const result = await run({ ...engineRequest(options), paths: input, mode: "check" });
  return result.reports;
}

/** Fix files and folders in place (as `intercom-migrate fix`), or one text (nothing written). */
export async function fix(input: string[] | TextInput, options: ApiOptions & { dryRun?: boolean } = {}): Promise<FileReport[] | FixTextResult> {
  if (!Array.isArray(input)) return fixText(input, options);
  const result = await run({ ...engineRequest(options), paths: input, mode: "fix", dryRun: options.dryRun });
  return result.reports;
}
