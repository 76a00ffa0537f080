// The ESLint plugin (`intercom-migrate/eslint`): each rule reports the engine's findings for the text ESLint passes in,
// from the same engine the CLI builds in that folder (configuration file, settings, type-aware mode).
import type { Rule as EslintRule, SourceCode } from "eslint";
import { RULES } from "../../rules/index.js";
import type { Engine } from "../core/engine.js";
import { createEngine } from "../workspace/create-engine.js";
import { DOCS_BASE_URL, packageVersion } from "../package-info.js";
import { withoutBaselined } from "./eslint-baseline.js";
import { typescriptParser } from "./eslint-typescript-parser.js";
import type { Finding, Rule, TextEdit } from "../core/types.js";
import { describeFailures, type InternalFailure } from "../run/failures.js";

const PLUGIN_NAME = "intercom-migrate";

/** One analysis per file, shared by every rule of the plugin (ESLint calls each rule separately). */
const analyses = new WeakMap<SourceCode, { findings: Finding[]; failures: InternalFailure[] }>();
/** One engine per working directory and settings, built as the CLI builds it there. */
const engines = new Map<string, Engine>();

/**
 * The plugin's shared ESLint settings (`settings: { "intercom-migrate": { … } }` in the ESLint config): a
 * configuration file to use, type-aware mode (a tsconfig path, or false), and whether test files are migrated.
 */
interface PluginSettings {
  configPath?: string;
  types?: string | false;
  tests?: boolean;
}

function pluginSettings(settings: Record<string, unknown> | undefined): PluginSettings {
  const raw = (settings?.[PLUGIN_NAME] ?? {}) as Record<string, unknown>;
  return {
    configPath: typeof raw.configPath === "string" ? raw.configPath : undefined,
    types: raw.types === false || typeof raw.types === "string" ? raw.types : undefined,
    tests: typeof raw.tests === "boolean" ? raw.tests : undefined,
  };
}

/** The engine for a settings object ESLint passes (one object for every file a config covers), per working directory. */
const enginesBySettings = new WeakMap<object, Map<string, Engine>>();
const NO_SETTINGS = {};

function engineFor(context: EslintRule.RuleContext): Engine {
  const settings = context.settings ?? NO_SETTINGS;
  let byCwd = enginesBySettings.get(settings);
  if (!byCwd) enginesBySettings.set(settings, (byCwd = new Map<string, Engine>()));
  let engine = byCwd.get(context.cwd);
  if (!engine) {
    const request = { cwd: context.cwd, ...pluginSettings(context.settings) };
    const key = JSON.stringify(request);
    engine = engines.get(key);
    if (!engine) engines.set(key, (engine = createEngine(request).engine));
    byCwd.set(context.cwd, engine);
  }
  return engine;
}

/** Whether the engine's prefilter lets this file through (asked once per file, whichever rule asks first). */
const worthAnalysing = new WeakMap<SourceCode, boolean>();

function mayReport(context: EslintRule.RuleContext): boolean {
  let result = worthAnalysing.get(context.sourceCode);
  if (result === undefined) worthAnalysing.set(context.sourceCode, (result = engineFor(context).mayReport(context.sourceCode.text)));
  return result;
}

function analysisFor(context: EslintRule.RuleContext): { findings: Finding[]; failures: InternalFailure[] } {
  const { sourceCode, filename } = context;
  let analysis = analyses.get(sourceCode);
  if (!analysis) {
    // ESLint strips a BOM from `text`; the engine's offsets are into the same text, so fixes line up.
    const name = /\.[cm]?[jt]sx?$/.test(filename) ? filename : `${filename}.js`;
    const result = engineFor(context).analyze(sourceCode.text, name);
    // A rule that threw is reported by that rule, on the file: never a silent "no problems".
    analysis = { findings: withoutBaselined(context, result.findings), failures: describeFailures(result.internalErrors) };
    analyses.set(sourceCode, analysis);
  }
  return analysis;
}

function toFix(edits: readonly TextEdit[]): EslintRule.ReportFixer {
  return (fixer) => edits.map((edit) => fixer.replaceTextRange([edit.start, edit.end], edit.text));
}

/**
 * The placeholders the plugin fills after a rule's own message: the review action (`<id>Review`) and, in a test
 * double, the note that says so (`<id>InTest`). A rule's templates must not use these names.
 */
export const PLUGIN_PLACEHOLDERS = ["action", "testNote"] as const;

/**
 * The rule's own `meta.messages`, and the variants ESLint shows a finding as: with the review action after the
 * message, with a test double's note, or both. Each renders exactly as the engine's message (and action) does.
 */
function eslintMessages(rule: Rule): Record<string, string> {
  const messages: Record<string, string> = {};
  const add = (id: string, template: string) => {
    if (id in messages) throw new Error(`${rule.meta.id}: message id "${id}" is also a variant the ESLint plugin makes`);
    messages[id] = template;
  };
  for (const [id, template] of Object.entries<string>(rule.meta.messages)) {
    add(id, template);
    add(`${id}Review`, `${template} {{ action }}`);
    add(`${id}InTest`, `${template} {{ testNote }}`);
    add(`${id}InTestReview`, `${template} {{ testNote }} {{ action }}`);
  }
  return messages;
}

/** The message id (the rule's, or its variant) and the data ESLint renders a finding from. */
function eslintMessage(finding: Finding, messageId: string): { messageId: string; data: Record<string, string> } {
  const data: Record<string, string> = { ...finding.data };
  if (finding.testNote) data.testNote = finding.testNote;
  if (finding.action) data.action = finding.action;
  return { messageId: `${messageId}${finding.testNote ? "InTest" : ""}${finding.action ? "Review" : ""}`, data };
}

function eslintRule(rule: Rule): EslintRule.RuleModule {
  const id = rule.meta.id;
  return {
    meta: {
      type: "problem",
      docs: { description: rule.meta.description, recommended: true, url: `${DOCS_BASE_URL}/rules/${id}.md` },
      fixable: rule.meta.fixable ? "code" : undefined,
      hasSuggestions: true,
      schema: [],
      messages: { ...eslintMessages(rule), internalError: "{{ message }}" },
    },
    create(context) {
      // A file the prefilter rules out gets no listener: ESLint has nothing of ours to call while it walks it.
      if (!mayReport(context)) return {};
      return {
        "Program:exit"() {
          const { findings, failures } = analysisFor(context);
          for (const failure of failures) {
            if (failure.ruleId === id) context.report({ loc: { line: 1, column: 0 }, messageId: "internalError", data: { message: failure.message } });
          }
          for (const finding of findings) {
            // Every finding of a rule has a message id (only the engine's own findings may lack one).
            if (finding.ruleId !== id || finding.messageId === undefined) continue;
            const loc = {
              start: { line: finding.loc.start.line, column: finding.loc.start.column - 1 },
              end: { line: finding.loc.end.line, column: finding.loc.end.column - 1 },
            };
            context.report({
              loc,
              ...eslintMessage(finding, finding.messageId),
              ...(finding.edits ? { fix: toFix(finding.edits) } : {}),
              ...(finding.suggestions ? { suggest: finding.suggestions.map((s) => ({ desc: s.message, fix: toFix(s.edits) })) } : {}),
            });
          }
        },
      };
    },
  };
}

const rules: Record<string, EslintRule.RuleModule> = Object.fromEntries(RULES.map((rule) => [rule.meta.id, eslintRule(rule)]));

const plugin = {
  meta: { name: PLUGIN_NAME, version: packageVersion() },
  rules,
  configs: {} as Record<string, unknown>,
};

const JAVASCRIPT_FILES = ["**/*.js", "**/*.jsx", "**/*.mjs", "**/*.cjs"];
const TYPESCRIPT_FILES = ["**/*.ts", "**/*.tsx", "**/*.mts", "**/*.cts"];

/**
 * Every extension the CLI checks, as typescript-eslint ships its configs: an array to spread into the flat config.
 * The rules for JavaScript and TypeScript files (ESLint lints only `.js`/`.mjs`/`.cjs` unless a config names more),
 * JSX in `.js`/`.jsx`, and `@typescript-eslint/parser` for TypeScript (an error naming it when it is missing).
 */
plugin.configs.recommended = [
  {
    name: `${PLUGIN_NAME}/recommended`,
    files: [...JAVASCRIPT_FILES, ...TYPESCRIPT_FILES],
    plugins: { [PLUGIN_NAME]: plugin },
    rules: Object.fromEntries(RULES.map((rule) => [`${PLUGIN_NAME}/${rule.meta.id}`, rule.meta.severity === "error" ? "error" : "warn"])),
  },
  {
    name: `${PLUGIN_NAME}/jsx`,
    files: ["**/*.js", "**/*.jsx"],
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
  },
  {
    name: `${PLUGIN_NAME}/typescript`,
    files: TYPESCRIPT_FILES,
    languageOptions: { parser: typescriptParser },
  },
];

export default plugin;
// `require("intercom-migrate/eslint")` in a CommonJS config (Node's require of an ES module) gives the plugin itself.
export { plugin as "module.exports" };
