// The analysis core: prefilter, parse once, run the rules, collect findings, apply fixes.
import { applyEdits, mapOffset, selectFixes } from "./edits.js";
import type { ParseError } from "./parse.js";
import { Project } from "./project.js";
import { RequestFinder, type IntercomRequest } from "../requests/requests.js";
import type { File } from "@babel/types";
import { SourceFile } from "./source.js";
import { renderMessage } from "./messages.js";
import { DIRECTIVE_MARK, applySuppressions } from "./suppressions.js";
import { FileRuleContext, type FileScope } from "./rule-context.js";
import type { Finding, Report, Rule } from "./types.js";
import { Resolver } from "./values.js";

export interface EngineOptions {
  rules: readonly Rule[];
  project?: Project;
  settings?: Record<string, unknown>;
  /**
   * Recognise test doubles of Intercom requests (nock interceptors, msw handlers, mocked clients asserted in
   * tests) and the version pin's assertions, as the rules' requests and pins. On unless false (`--no-tests`).
   */
  tests?: boolean;
}

export interface Analysis {
  findings: Finding[];
  /** Set when the file could not be parsed: nothing else was checked. */
  parseError?: ParseError;
  /** Whether the text was parsed at all (false when the prefilter ruled it out). */
  parsed: boolean;
  /** Problems inside the tool itself, per rule (what it threw); the other rules still ran. */
  internalErrors: RuleFailure[];
  /**
   * Findings in other project modules that this file's requests reach: the version constant a config module
   * exports, a payload built in another module. They belong to those files' reports (see src/run/run.ts).
   */
  elsewhere: ForeignFinding[];
}

/** A finding located in another file than the one analysed (its offsets are into that file's text on disk). */
export interface ForeignFinding {
  filePath: string;
  finding: Finding;
  /** Which text of that file the finding's offsets are in (textDigest): the file on disk, or a fixed version of it. */
  basis: string;
}

/** A short digest of a text: tells apart the versions of one file a run has seen (on disk, fixed in memory). */
export function textDigest(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  return `${text.length}:${(hash >>> 0).toString(36)}`;
}

export interface FixResult extends Analysis {
  output: string;
  /** Findings whose fixes were applied, in the order they were applied. */
  applied: Finding[];
  /** Set when the fixed text would not parse again: nothing is applied. */
  unsafe?: ParseError;
}

/** A rule that threw on a file: front-ends report it (rule id, file, cause), never drop it. */
export interface RuleFailure {
  ruleId: string;
  error: unknown;
}

const MAX_FIX_PASSES = 10;

function hasNeedle(text: string, needle: string | RegExp): boolean {
  return typeof needle === "string" ? text.includes(needle) : needle.test(text);
}

export class Engine {
  readonly project: Project;
  readonly resolver: Resolver;
  readonly finder: RequestFinder;
  private readonly rules: readonly Rule[];
  private readonly settings: Record<string, unknown>;
  private readonly ruleIds: ReadonlySet<string>;
  /** Every rule's needles (and the suppression mark), and one regex with a group per needle. */
  private readonly needles: ReadonlyArray<string | RegExp>;
  private readonly scanner: RegExp;

  constructor(options: EngineOptions) {
    this.rules = options.rules;
    this.ruleIds = new Set(options.rules.map((rule) => rule.meta.id));
    // The shared gate works only when every rule names its needles.
    this.needles = [...new Set([...options.rules.flatMap((rule) => rule.needles ?? []), DIRECTIVE_MARK])];
    const source = (needle: string | RegExp) => (typeof needle === "string" ? needle.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&") : needle.source);
    this.scanner = new RegExp(this.needles.map((needle) => `(${source(needle)})`).join("|"), "g");
    this.project = options.project ?? new Project();
    // Type-aware mode builds its program for the files this gate lets through (see Project.mayHoldFindings).
    this.project.mayHoldFindings ??= (bytes) => {
      const gate = this.rulesForBytes(bytes);
      return (
        gate.rules.length > 0 && this.candidateRules(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8"), gate.rules).length > 0
      );
    };
    this.resolver = new Resolver(this.project);
    this.finder = new RequestFinder(this.resolver, { tests: options.tests });
    this.settings = options.settings ?? {};
  }

  /**
   * The first gate, on the raw bytes: the rules one of whose needles is there (each needle searched once).
   * No rule and no suppression comment: nothing to do, not even decoding the text.
   */
  rulesForBytes(bytes: Uint8Array): { rules: Rule[]; directives: boolean } {
    // Latin-1 decoding is a byte copy, and keeps every ASCII byte as it is: right for ASCII needles, and
    // several times cheaper than UTF-8. One regex with every needle scans the text once.
    const latin = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
    // One pass of one regex finds which needles the file holds (stepping one character at a time after each
    // match, so a needle inside another needle's match is seen too), stopping once every needle was seen.
    const seen = new Set<number>();
    const scanner = this.scanner;
    scanner.lastIndex = 0;
    for (let match = scanner.exec(latin); match; match = scanner.exec(latin)) {
      seen.add(match.slice(1).findIndex((group) => group !== undefined));
      if (seen.size === this.needles.length) break;
      scanner.lastIndex = match.index + 1;
    }
    const present = new Set([...seen].map((index) => this.needles[index]));
    return {
      rules: this.rules.filter((rule) => !rule.needles || rule.needles.some((needle) => present.has(needle))),
      directives: present.has(DIRECTIVE_MARK),
    };
  }

  /** Rules one of whose needles the text holds (each distinct needle searched once). */
  private rulesWithNeedles(text: string): Rule[] {
    const present = new Map<string | RegExp, boolean>();
    const has = (needle: string | RegExp) => {
      let found = present.get(needle);
      if (found === undefined) present.set(needle, (found = hasNeedle(text, needle)));
      return found;
    };
    return this.rules.filter((rule) => !rule.needles || rule.needles.some(has));
  }

  /**
   * Rules that may find something in this text: the cheap test that spares most files a parse. `among`: rules
   * whose needles the byte gate already found (see rulesForBytes); without it the needles are searched here.
   */
  candidateRules(text: string, among?: readonly Rule[]): Rule[] {
    return (among ?? this.rulesWithNeedles(text)).filter((rule) => rule.mayMatch(text));
  }

  /** Whether analysing this text can report anything: a rule may match it, or it holds a suppression comment. */
  mayReport(text: string): boolean {
    return this.candidateRules(text).length > 0 || text.includes(DIRECTIVE_MARK);
  }

  /** `among`: the rules the byte gate left (see rulesForBytes); by default every rule. */
  analyze(text: string, filePath: string, among?: readonly Rule[]): Analysis {
    const rules = this.candidateRules(text, among);
    // Suppression comments are read even where no rule can match, so unused ones are reported.
    if (rules.length === 0 && !text.includes(DIRECTIVE_MARK)) return { findings: [], parsed: false, internalErrors: [], elsewhere: [] };
    const parsed = this.project.parse(text, filePath);
    if (!parsed.ok) return { findings: [], parseError: parsed.error, parsed: true, internalErrors: [], elsewhere: [] };
    return this.analyzeParsed(text, filePath, parsed.ast, rules);
  }

  /**
   * Check rewritten text: always parsed (the prefilter may rule the new text out, but a fix must never produce
   * text that does not parse), and that one parse is the one the rules run on.
   */
  reanalyze(text: string, filePath: string): { ok: true; analysis: Analysis } | { ok: false; error: ParseError } {
    const parsed = this.project.parse(text, filePath);
    if (!parsed.ok) return { ok: false, error: parsed.error };
    return { ok: true, analysis: this.analyzeParsed(text, filePath, parsed.ast, this.candidateRules(text)) };
  }

  private analyzeParsed(text: string, filePath: string, ast: File, rules: readonly Rule[]): Analysis {
    const file = new SourceFile(filePath, text, ast);
    this.project.register(file);
    return { ...this.runRules(file, rules), parsed: true };
  }

  private runRules(file: SourceFile, rules: readonly Rule[]): { findings: Finding[]; internalErrors: RuleFailure[]; elsewhere: ForeignFinding[] } {
    const findings: Finding[] = [];
    const internalErrors: RuleFailure[] = [];
    const elsewhere: ForeignFinding[] = [];
    const seen = new Set<string>();
    let requests: IntercomRequest[] | undefined;
    const scope: FileScope = {
      file,
      settings: this.settings,
      resolver: this.resolver,
      finder: this.finder,
      requests: () => (requests ??= this.finder.findRequests(file)),
    };
    for (const rule of rules) {
      const context = new FileRuleContext(scope, (given: Report) => {
        const report = this.unlessShared(given, given.file ?? file);
        if (report.file && report.file !== file) {
          // Another module of the project (never a dependency's): its own report gets it.
          if (report.file.path === file.path || report.file.path.split(/[\\/]/).includes("node_modules")) return;
          const finding = toFinding(report.file, rule, report);
          const key = `${report.file.path}:${finding.ruleId}:${finding.start}:${finding.end}`;
          if (!seen.has(key)) elsewhere.push({ filePath: report.file.path, finding, basis: digestOf(report.file) });
          seen.add(key);
          return;
        }
        const finding = toFinding(file, rule, report);
        // A finding in a test double says so: the same rule, a message that tells what the double is.
        const note = this.finder.noteAt(file, finding.start, finding.end, scope.requests);
        if (note) {
          finding.message += ` ${note}`;
          finding.testNote = note;
        }
        const key = `${finding.ruleId}:${finding.start}:${finding.end}`;
        if (seen.has(key)) return;
        seen.add(key);
        findings.push(finding);
      });
      try {
        rule.check(context);
      } catch (error) {
        internalErrors.push({ ruleId: rule.meta.id, error });
      }
    }
    findings.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
    return { findings: applySuppressions(file, findings, this.ruleIds), internalErrors, elsewhere };
  }

  /** A fix inside a function that builds this payload and is used elsewhere too (Resolver.markShared) is reviewed. */
  private unlessShared(report: Report, file: SourceFile): Report {
    const name = report.edits?.map((edit) => this.resolver.sharedCode(file, edit.start, edit.end)).find((found) => found !== undefined);
    if (name === undefined) return report;
    const action = `The payload is built by \`${name}()\`, which other code uses too, so the tool does not rewrite it for this request alone: change it there if every use sends it to API 2.14, or build this request's payload on its own.`;
    return { ...report, edits: undefined, action: report.action ? `${report.action} ${action}` : action };
  }

  /**
   * Apply every safe fix, pass after pass, until none is left; the result always re-parses. `extra`: fixable
   * findings other files' analyses located in this text (see Analysis.elsewhere), applied with the first pass.
   * The result's `elsewhere` is what the analysis of the original text found in other files.
   */
  fix(text: string, filePath: string, extra: readonly Finding[] = []): FixResult {
    let current = text;
    const applied: Finding[] = [];
    let analysis = this.analyze(current, filePath);
    const elsewhere = analysis.elsewhere;
    // A rule that failed in any pass is reported, even when a later pass (on the rewritten text) does not fail.
    const failures = [...analysis.internalErrors];
    for (let pass = 0; pass < MAX_FIX_PASSES && !analysis.parseError; pass++) {
      // Another file's analysis saw this code through a call with its arguments: where both fix the same place, it knows more.
      const { chosen } = selectFixes(pass === 0 ? [...extra, ...analysis.findings] : analysis.findings);
      if (chosen.length === 0) break;
      const edits = chosen.flatMap((finding) => finding.edits!);
      const next = applyEdits(current, edits);
      // Never hand back text that does not parse: keep what the earlier passes made.
      const after = this.reanalyze(next, filePath);
      if (!after.ok) return { ...analysis, elsewhere, internalErrors: failures, output: current, applied, unsafe: after.error };
      // Where each fix's code now is: the earlier passes' places moved by this pass's edits, and this pass's own.
      for (const finding of applied) finding.fixedStart = mapOffset(finding.fixedStart!, edits);
      for (const finding of chosen) applied.push(Object.assign(finding, { fixedStart: mapOffset(finding.start, edits) }));
      current = next;
      analysis = after.analysis;
      for (const failure of analysis.internalErrors) failures.push(failure);
    }
    return { ...analysis, elsewhere, internalErrors: failures, output: current, applied };
  }
}

const digests = new WeakMap<SourceFile, string>();
function digestOf(file: SourceFile): string {
  let digest = digests.get(file);
  if (digest === undefined) digests.set(file, (digest = textDigest(file.text)));
  return digest;
}

/** The finding a report makes: located, its message rendered from the rule's template, its fix titled. */
function toFinding(file: SourceFile, rule: Rule, report: Report): Finding {
  const template = rule.meta.messages[report.messageId] as string | undefined;
  if (template === undefined) throw new Error(`reported message "${report.messageId}", which is not in its meta.messages`);
  const start = report.start ?? report.node?.start ?? 0;
  const end = report.end ?? report.node?.end ?? start;
  const fixTitle = rule.meta.fixTitles?.[report.messageId] ?? `Fix: ${rule.meta.id}`;
  return {
    ruleId: rule.meta.id,
    severity: rule.meta.severity,
    message: renderMessage(template, report.data),
    messageId: report.messageId,
    ...(report.data ? { data: report.data } : {}),
    start,
    end,
    loc: { start: file.positionAt(start), end: file.positionAt(end) },
    ...(report.edits && report.edits.length > 0 ? { edits: report.edits, fixTitle: renderMessage(fixTitle, report.data) } : {}),
    ...(report.action ? { action: report.action } : {}),
    ...(report.suggestions && report.suggestions.length > 0 ? { suggestions: report.suggestions } : {}),
  };
}
