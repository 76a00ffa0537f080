// The ESLint plugin (`intercom-migrate/eslint`): each rule reports the engine's findings for the text ESLint passes in,
// from the same engine the CLI builds in that folder (configuration file, settings, type-aware mode).
import type { Rule as EslintRule, SourceCode } from "eslint";
import { RULES } from "../../rules/index.js";
import type { Engine } from "../core/engine.js";
import { createEngine } from "../workspace/create-engine.js";
import { DOCS_BASE_URL, packageVersion } from "../package-info.js";
import { withoutBaselined } from "./eslint-baseline.js";
import type { Finding, TextEdit } from "../core/types.js";

const PLUGIN_NAME = "intercom-migrate";

/** One analysis per file, shared by every rule of the plugin (ESLint calls each rule separately). */
const analyses = new WeakMap<SourceCode, Finding[]>();
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

function engineFor(context: EslintRule.RuleContext): Engine {
  const request = { cwd: context.cwd, ...pluginSettings(context.settings) };
  const key = JSON.stringify(request);
  let engine = engines.get(key);
  if (!engine) engines.set(key, (engine = createEngine(request).engine));
  return engine;
}

function findingsFor(context: EslintRule.RuleContext): Finding[] {
  const { sourceCode, filename } = context;
  let findings = analyses.get(sourceCode);
  if (!findings) {
    // ESLint strips a BOM from `text`; the engine's offsets are into the same text, so fixes line up.
    const name = /\.[cm]?[jt]sx?$/.test(filename) ? filename : `${filename}.js`;
    findings = withoutBaselined(context, engineFor(context).analyze(sourceCode.text, name).findings);
    analyses.set(sourceCode, findings);
  }
  return findings;
}

function toFix(edits: readonly TextEdit[]): EslintRule.ReportFixer {
  return (fixer) => edits.map((edit) => fixer.replaceTextRange([edit.start, edit.end], edit.text));
}

function eslintRule(id: string): EslintRule.RuleModule {
  const rule = RULES.find((r) => r.meta.id === id)!;
  return {
    meta: {
      type: "problem",
      docs: { description: rule.meta.description, recommended: true, url: `${DOCS_BASE_URL}/rules/${id}.md` },
      fixable: rule.meta.fixable ? "code" : undefined,
      hasSuggestions: true,
      schema: [],
      messages: { finding: "{{ message }}", review: "{{ message }} {{ action }}" },
    },
    create(context) {
      return {
        "Program:exit"() {
          for (const finding of findingsFor(context)) {
            if (finding.ruleId !== id) continue;
            const loc = {
              start: { line: finding.loc.start.line, column: finding.loc.start.column - 1 },
              end: { line: finding.loc.end.line, column: finding.loc.end.column - 1 },
            };
            context.report({
              loc,
              messageId: finding.action ? "review" : "finding",
              data: { message: finding.message, action: finding.action ?? "" },
              ...(finding.edits ? { fix: toFix(finding.edits) } : {}),
              ...(finding.suggestions
                ? { suggest: finding.suggestions.map((s) => ({ desc: s.message, fix: toFix(s.edits) })) }
                : {}),
            });
          }
        },
      };
    },
  };
}

const rules: Record<string, EslintRule.RuleModule> = Object.fromEntries(RULES.map((rule) => [rule.meta.id, eslintRule(rule.meta.id)]));

const plugin = {
  meta: { name: PLUGIN_NAME, version: packageVersion() },
  rules,
  configs: {} as Record<string, unknown>,
};

plugin.configs.recommended = {
  name: `${PLUGIN_NAME}/recommended`,
  plugins: { [PLUGIN_NAME]: plugin },
  rules: Object.fromEntries(RULES.map((rule) => [`${PLUGIN_NAME}/${rule.meta.id}`, rule.meta.severity === "error" ? "error" : "warn"])),
};

export default plugin;
