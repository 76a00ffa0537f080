// The shapes every part of intercom-migrate agrees on: findings, text edits, rules.
import type { File, Node } from "@babel/types";
import type { IntercomRequest, RequestFinder } from "../requests/requests.js";
import type { SourceFile } from "./source.js";
import type { Resolver } from "./values.js";

export type Severity = "error" | "warning";

/** Replace `text[start, end)` by `text`. Offsets are UTF-16 indexes into the file's text. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface Position {
  line: number; // 1-based
  column: number; // 1-based, as ESLint reports it
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  loc: { start: Position; end: Position };
  /** Present when the rule has a safe automatic fix; absent means "left for review". */
  edits?: TextEdit[];
  /** What a person has to do, for review findings (shown in summaries and reports). */
  action?: string;
  /** Possible rewrites a person may choose in an editor (never applied by `fix`). */
  suggestions?: Suggestion[];
  /**
   * Set when the finding was located by another file's analysis (a constant this file exports, sent as a header
   * by that file): that file's path. Only whole-project runs (`check`, `fix`) see these.
   */
  reachedFrom?: string;
}

export interface Suggestion {
  message: string;
  edits: TextEdit[];
}

export interface RuleMeta {
  id: string;
  severity: Severity;
  description: string;
  /** Whether some findings of the rule carry a safe fix. */
  fixable: boolean;
  /** The configuration's `settings` the rule reads: the configuration file is validated against these. */
  settings?: readonly RuleSettingSpec[];
}

/** One setting a rule reads, at a dotted path under the configuration's `settings` (`ticketUpdates.actingAdminId`). */
export interface RuleSettingSpec {
  path: string;
  type: "positive-integer" | "string" | "boolean";
  description: string;
}

/** What a rule reports: a node (located by the engine) or an explicit range. */
export interface Report {
  /** The file the node belongs to; a report about another file (reached through an import) is dropped. */
  file?: SourceFile;
  node?: Node;
  start?: number;
  end?: number;
  message: string;
  edits?: TextEdit[];
  action?: string;
  suggestions?: Suggestion[];
}

export interface RuleContext {
  readonly file: SourceFile;
  readonly resolver: Resolver;
  readonly finder: RequestFinder;
  /** The Intercom requests made from this file, found once and shared by every rule. */
  requests(): IntercomRequest[];
  /** Rule options from the configuration (e.g. an acting admin id). */
  readonly settings: Readonly<Record<string, unknown>>;
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  /**
   * Short case-sensitive ASCII strings, one of which any text the rule can find something in contains. The
   * engine scans each file's bytes once for the union of all rules' needles (keep them few and short: shared
   * anchors like "ssignment" cost least), so most files cost one scan and are never decoded or parsed.
   * A rule without needles is asked through mayMatch on every file.
   */
  needles?: ReadonlyArray<string | RegExp>;
  /** Finer text test, run only when a needle is present: when false the rule cannot find anything here. */
  mayMatch(text: string): boolean;
  check(context: RuleContext): void;
}

export type { File };
