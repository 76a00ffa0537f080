// The analysis core: prefilter, parse once, run the rules, collect findings, apply fixes.
import { applyEdits, selectFixes } from "./edits.js";
import type { ParseError } from "./parse.js";
import { Project } from "./project.js";
import { RequestFinder, type IntercomRequest } from "./requests.js";
import { SourceFile } from "./source.js";
import { DIRECTIVE_MARK, applySuppressions } from "./suppressions.js";
import type { Finding, Report, Rule, RuleContext } from "./types.js";
import { Resolver } from "./values.js";

export interface EngineOptions {
  rules: readonly Rule[];
  project?: Project;
  settings?: Record<string, unknown>;
}

export interface Analysis {
  findings: Finding[];
  /** Set when the file could not be parsed: nothing else was checked. */
  parseError?: ParseError;
  /** Whether the text was parsed at all (false when the prefilter ruled it out). */
  parsed: boolean;
  /** Problems inside the tool itself, per rule; the other rules still ran. */
  internalErrors: string[];
}

export interface FixResult extends Analysis {
  output: string;
  /** Findings whose fixes were applied, in the order they were applied. */
  applied: Finding[];
  /** Set when the fixed text would not parse again: nothing is applied. */
  unsafe?: ParseError;
}

const MAX_FIX_PASSES = 10;

export class Engine {
  readonly project: Project;
  readonly resolver: Resolver;
  readonly finder: RequestFinder;
  private readonly rules: readonly Rule[];
  private readonly settings: Record<string, unknown>;
  private readonly ruleIds: ReadonlySet<string>;
  /** Every rule's needles (and the suppression mark) in one regex. */
  private readonly gate: RegExp;

  constructor(options: EngineOptions) {
    this.rules = options.rules;
    this.ruleIds = new Set(options.rules.map((rule) => rule.meta.id));
    // The shared gate works only when every rule names its needles.
    const needles = [...new Set([...options.rules.flatMap((rule) => rule.needles ?? []), DIRECTIVE_MARK])];
    this.gate = new RegExp(needles.map((needle) => needle.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("|"));
    this.project = options.project ?? new Project();
    this.resolver = new Resolver(this.project);
    this.finder = new RequestFinder(this.resolver);
    this.settings = options.settings ?? {};
  }

  /**
   * The first gate, on the raw bytes: the rules one of whose needles is there (each needle searched once).
   * No rule and no suppression comment: nothing to do, not even decoding the text.
   */
  rulesForBytes(bytes: Buffer): { rules: Rule[]; directives: boolean } {
    // Latin-1 decoding is a byte copy, and keeps every ASCII byte as it is: right for ASCII needles, and
    // several times cheaper than UTF-8. One regex with every needle scans the text once.
    const latin = bytes.toString("latin1");
    if (!this.gate.test(latin)) return { rules: this.rules.filter((rule) => !rule.needles), directives: false };
    return {
      rules: this.rules.filter((rule) => !rule.needles || rule.needles.some((needle) => latin.includes(needle))),
      directives: latin.includes(DIRECTIVE_MARK),
    };
  }

  /** Rules that may find something in this text: the cheap test that spares most files a parse. */
  candidateRules(text: string, among: readonly Rule[] = this.rules): Rule[] {
    return among.filter((rule) => (!rule.needles || rule.needles.some((needle) => text.includes(needle))) && rule.mayMatch(text));
  }

  /** `among`: the rules the byte gate left (see rulesForBytes); by default every rule. */
  analyze(text: string, filePath: string, among?: readonly Rule[]): Analysis {
    const rules = this.candidateRules(text, among);
    // Suppression comments are read even where no rule can match, so unused ones are reported.
    if (rules.length === 0 && !text.includes(DIRECTIVE_MARK)) return { findings: [], parsed: false, internalErrors: [] };
    const parsed = this.project.parse(text, filePath);
    if (!parsed.ok) return { findings: [], parseError: parsed.error, parsed: true, internalErrors: [] };
    const file = new SourceFile(filePath, text, parsed.ast);
    this.project.register(file);
    return { ...this.runRules(file, rules), parsed: true };
  }

  private runRules(file: SourceFile, rules: readonly Rule[]): { findings: Finding[]; internalErrors: string[] } {
    const findings: Finding[] = [];
    const internalErrors: string[] = [];
    const seen = new Set<string>();
    let requests: IntercomRequest[] | undefined;
    for (const rule of rules) {
      const context: RuleContext = {
        file,
        resolver: this.resolver,
        finder: this.finder,
        settings: this.settings,
        requests: () => (requests ??= this.finder.findRequests(file)),
        report: (report: Report) => {
          if (report.file && report.file !== file) return;
          const finding = toFinding(file, rule, report);
          const key = `${finding.ruleId}:${finding.start}:${finding.end}`;
          if (seen.has(key)) return;
          seen.add(key);
          findings.push(finding);
        },
      };
      try {
        rule.check(context);
      } catch (error) {
        internalErrors.push(`${rule.meta.id}: ${(error as Error).message}`);
      }
    }
    findings.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
    return { findings: applySuppressions(file, findings, this.ruleIds), internalErrors };
  }

  /** Apply every safe fix, pass after pass, until none is left; the result always re-parses. */
  fix(text: string, filePath: string): FixResult {
    let current = text;
    const applied: Finding[] = [];
    let analysis = this.analyze(current, filePath);
    for (let pass = 0; pass < MAX_FIX_PASSES && !analysis.parseError; pass++) {
      const { chosen } = selectFixes(analysis.findings);
      if (chosen.length === 0) break;
      const next = applyEdits(current, chosen.flatMap((finding) => finding.edits!));
      // Never hand back text that does not parse: checked with a parse of its own, since the prefilter may
      // rule the new text out of analysis altogether. Keep what the earlier passes made.
      const reparsed = this.project.parse(next, filePath);
      if (!reparsed.ok) {
        this.analyze(current, filePath);
        return { ...analysis, output: current, applied, unsafe: reparsed.error };
      }
      const after = this.analyze(next, filePath);
      applied.push(...chosen);
      current = next;
      analysis = after;
    }
    return { ...analysis, output: current, applied };
  }
}

function toFinding(file: SourceFile, rule: Rule, report: Report): Finding {
  const start = report.start ?? report.node?.start ?? 0;
  const end = report.end ?? report.node?.end ?? start;
  return {
    ruleId: rule.meta.id,
    severity: rule.meta.severity,
    message: report.message,
    start,
    end,
    loc: { start: file.positionAt(start), end: file.positionAt(end) },
    ...(report.edits && report.edits.length > 0 ? { edits: report.edits } : {}),
    ...(report.action ? { action: report.action } : {}),
    ...(report.suggestions && report.suggestions.length > 0 ? { suggestions: report.suggestions } : {}),
  };
}
