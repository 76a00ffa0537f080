// The configuration file (`intercom-migrate.config.json` or a package.json key): ignores, rule severities, settings.
import { existsSync } from "node:fs";
import path from "node:path";
import type { Rule, RuleSettingSpec, Severity } from "../core/types.js";
import { readRegularFile } from "./read.js";

export const CONFIG_FILE = "intercom-migrate.config.json";
export const PACKAGE_KEY = "intercom-migrate";

export type RuleSetting = Severity | "off";

export interface Config {
  /** Where it was read from (undefined: defaults). */
  source?: string;
  /** Folder the ignore patterns are relative to. */
  root: string;
  ignores: string[];
  rules: Record<string, RuleSetting>;
  settings: Record<string, unknown>;
  /** Check test files too (mocks and assertions of Intercom requests). */
  tests: boolean;
}

export class ConfigError extends Error {}

const KEYS = ["$schema", "ignores", "rules", "settings", "tests"];
const SETTINGS = ["off", "warning", "error", "warn"];

const MAX_SUGGESTION_INPUT = 200;

/** The closest name in a list, for "did you mean" (Levenshtein distance, small lists only). */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  // Edit distance costs length × length: a 1 MB path or property name from the code gets no suggestion, not a hang.
  if (word.length > MAX_SUGGESTION_INPUT) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(word, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

export function unknownRuleMessage(id: string, rules: readonly Rule[]): string {
  const suggestion = nearest(
    id,
    rules.map((r) => r.meta.id),
  );
  return `unknown rule "${id}"${suggestion ? ` (did you mean "${suggestion}"?)` : ""}; rules: ${rules.map((r) => r.meta.id).join(", ")}`;
}

/** Validate raw configuration data; every problem is reported with where it is. */
export function validateConfig(data: unknown, source: string, root: string, rules: readonly Rule[]): Config {
  const fail = (message: string): never => {
    throw new ConfigError(`${source}: ${message}`);
  };
  if (typeof data !== "object" || data === null || Array.isArray(data)) fail("expected an object");
  const raw = data as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!KEYS.includes(key)) {
      const suggestion = nearest(key, KEYS);
      fail(`unknown key "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : ""}; allowed: ${KEYS.slice(1).join(", ")}`);
    }
  }
  const ignores = raw.ignores ?? [];
  if (!Array.isArray(ignores) || ignores.some((i) => typeof i !== "string")) fail(`"ignores" must be an array of glob strings (.gitignore syntax)`);
  const ruleSettings: Record<string, RuleSetting> = {};
  const rawRules = raw.rules ?? {};
  if (typeof rawRules !== "object" || rawRules === null || Array.isArray(rawRules)) fail(`"rules" must map rule ids to "error", "warning" or "off"`);
  for (const [id, value] of Object.entries(rawRules as Record<string, unknown>)) {
    if (!rules.some((rule) => rule.meta.id === id)) fail(`"rules": ${unknownRuleMessage(id, rules)}`);
    if (typeof value !== "string" || !SETTINGS.includes(value)) fail(`"rules"."${id}" must be "error", "warning" or "off", not ${JSON.stringify(value)}`);
    ruleSettings[id] = value === "warn" ? "warning" : (value as RuleSetting);
  }
  const settings = raw.settings ?? {};
  if (typeof settings !== "object" || settings === null || Array.isArray(settings)) fail(`"settings" must be an object`);
  const problem = settingsProblem(settings as Record<string, unknown>, rules);
  if (problem) fail(problem);
  if (raw.tests !== undefined && typeof raw.tests !== "boolean") fail(`"tests" must be true or false`);
  return {
    source,
    root,
    ignores: ignores as string[],
    rules: ruleSettings,
    settings: settings as Record<string, unknown>,
    tests: (raw.tests as boolean | undefined) ?? true,
  };
}

const SETTING_TYPES: Record<RuleSettingSpec["type"], { test: (value: unknown) => boolean; says: string }> = {
  "positive-integer": { test: (value) => Number.isSafeInteger(value) && (value as number) > 0, says: "a positive integer" },
  string: { test: (value) => typeof value === "string", says: "a string" },
  boolean: { test: (value) => typeof value === "boolean", says: "true or false" },
};

/** What is wrong with `settings`, checked against the settings the rules declare (every key known, every value typed). */
export function settingsProblem(settings: Record<string, unknown>, rules: readonly Rule[]): string | undefined {
  const specs = rules.flatMap((rule) => rule.meta.settings ?? []);
  const quoted = (path: string[]) => ["settings", ...path].map((key) => `"${key}"`).join(".");
  const walk = (value: Record<string, unknown>, at: string[]): string | undefined => {
    for (const [key, child] of Object.entries(value)) {
      const path = [...at, key];
      const dotted = path.join(".");
      const spec = specs.find((s) => s.path === dotted);
      if (spec) {
        if (!SETTING_TYPES[spec.type].test(child))
          return `${quoted(path)} must be ${SETTING_TYPES[spec.type].says} (${spec.description}), not ${JSON.stringify(child)}`;
        continue;
      }
      const below = specs.filter((s) => s.path.startsWith(dotted + "."));
      if (below.length === 0) {
        const known = specs.map((s) => s.path);
        const suggestion = nearest(dotted, known);
        return `unknown setting ${quoted(path)}${suggestion ? ` (did you mean "settings.${suggestion}"?)` : ""}; settings: ${known.map((k) => `settings.${k}`).join(", ") || "none"}`;
      }
      if (typeof child !== "object" || child === null || Array.isArray(child))
        return `${quoted(path)} must be an object (with ${below.map((s) => s.path.slice(dotted.length + 1)).join(", ")})`;
      const problem = walk(child as Record<string, unknown>, path);
      if (problem) return problem;
    }
    return undefined;
  };
  return walk(settings, []);
}

/**
 * The last folder the configuration search looks in, going up from `cwd`: the repository root (a folder holding
 * `.git`), or outside a repository the nearest folder with a package.json (as ESLint's flat config stops at the
 * project), or `cwd` itself. A configuration above it — someone else's `ignores: ["**"]` — never applies.
 */
export function configSearchBoundary(cwd: string): string {
  let packageRoot: string | undefined;
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, ".git"))) return dir;
    packageRoot ??= existsSync(path.join(dir, "package.json")) ? dir : undefined;
    if (path.dirname(dir) === dir) return packageRoot ?? path.resolve(cwd);
  }
}

/** Find and read the configuration for a run started in `cwd` (searching upwards, as far as the project goes). */
export function loadConfig(cwd: string, rules: readonly Rule[], explicit?: string): Config {
  if (explicit) {
    const file = path.resolve(cwd, explicit);
    if (!existsSync(file)) throw new ConfigError(`${explicit}: no such configuration file`);
    // As with ESLint's --config: its ignore patterns are relative to the folder the run starts in, so a config
    // kept elsewhere (ci/, .github/) can still ignore files outside its own folder.
    return { ...readConfigFile(file, rules), root: path.resolve(cwd) };
  }
  const boundary = configSearchBoundary(cwd);
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const file = path.join(dir, CONFIG_FILE);
    if (existsSync(file)) return readConfigFile(file, rules);
    const pkg = path.join(dir, "package.json");
    if (existsSync(pkg)) {
      const data = parseJson(pkg) as Record<string, unknown>;
      if (data && typeof data === "object" && PACKAGE_KEY in data) return validateConfig(data[PACKAGE_KEY], `${pkg} ("${PACKAGE_KEY}")`, dir, rules);
    }
    if (dir === boundary || path.dirname(dir) === dir) break;
  }
  return defaultConfig(cwd);
}

/** The configuration when there is no file: every rule at its own severity, no ignores, no settings. */
export function defaultConfig(cwd: string): Config {
  return { root: path.resolve(cwd), ignores: [], rules: {}, settings: {}, tests: true };
}

function readConfigFile(file: string, rules: readonly Rule[]): Config {
  return validateConfig(parseJson(file), file, path.dirname(file), rules);
}

/** Configuration files and package.json files larger than this are refused (they are not configuration). */
const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

function parseJson(file: string): unknown {
  // Regular files only, within a size limit: a configuration that is a FIFO or /dev/zero must not hang the run.
  const read = readRegularFile(file, MAX_CONFIG_BYTES);
  if (!read.ok) throw new ConfigError(`${file}: cannot be read as configuration: ${read.problem}`);
  try {
    return JSON.parse(read.bytes.toString("utf8"));
  } catch (error) {
    throw new ConfigError(`${file}: not valid JSON (${(error as Error).message})`);
  }
}

/** The rules a run uses, with severities from the config and --rule / --ignore-rule. */
export function selectRules(all: readonly Rule[], config: Config, only: readonly string[], skip: readonly string[]): Rule[] {
  for (const id of [...only, ...skip]) if (!all.some((rule) => rule.meta.id === id)) throw new ConfigError(unknownRuleMessage(id, all));
  const selected: Rule[] = [];
  for (const rule of all) {
    const setting = config.rules[rule.meta.id];
    if (setting === "off" && !only.includes(rule.meta.id)) continue;
    if (only.length > 0 && !only.includes(rule.meta.id)) continue;
    if (skip.includes(rule.meta.id)) continue;
    selected.push(setting && setting !== "off" && setting !== rule.meta.severity ? { ...rule, meta: { ...rule.meta, severity: setting } } : rule);
  }
  return selected;
}
