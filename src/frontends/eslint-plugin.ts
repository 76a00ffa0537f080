// The ESLint plugin (`intercom-migrate/eslint`): each rule reports the engine's findings for the text ESLint passes in.
import type { Rule as EslintRule, SourceCode } from "eslint";
import { RULES } from "../../rules/index.js";
import { Engine } from "../core/engine.js";
import { describeFailures, type InternalFailure } from "../run/failures.js";
import { withInjectedFaults } from "../run/faults.js";
import { DOCS_BASE_URL, packageVersion } from "../run/run.js";
import type { Finding, TextEdit } from "../core/types.js";

const PLUGIN_NAME = "intercom-migrate";

let sharedEngine: Engine | undefined;
/** One analysis per file, shared by every rule of the plugin (ESLint calls each rule separately). */
const analyses = new WeakMap<SourceCode, { findings: Finding[]; failures: InternalFailure[] }>();

function analysisFor(sourceCode: SourceCode, filename: string): { findings: Finding[]; failures: InternalFailure[] } {
  let analysis = analyses.get(sourceCode);
  if (!analysis) {
    sharedEngine ??= new Engine({ rules: withInjectedFaults(RULES) });
    // ESLint strips a BOM from `text`; the engine's offsets are into the same text, so fixes line up.
    const name = /\.[cm]?[jt]sx?$/.test(filename) ? filename : `${filename}.js`;
    const result = sharedEngine.analyze(sourceCode.text, name);
    // A rule that threw is reported by that rule, on the file: never a silent "no problems".
    analysis = { findings: result.findings, failures: describeFailures(result.internalErrors) };
    analyses.set(sourceCode, analysis);
  }
  return analysis;
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
      messages: { finding: "{{ message }}", review: "{{ message }} {{ action }}", internalError: "{{ message }}" },
    },
    create(context) {
      return {
        "Program:exit"() {
          const { findings, failures } = analysisFor(context.sourceCode, context.filename);
          for (const failure of failures) {
            if (failure.ruleId === id) context.report({ loc: { line: 1, column: 0 }, messageId: "internalError", data: { message: failure.message } });
          }
          for (const finding of findings) {
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
