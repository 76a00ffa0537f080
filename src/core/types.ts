// The shapes every part of intercom-migrate agrees on: findings, text edits, rules and the questions a rule may ask.
import type { File, Node } from "@babel/types";
import type { VersionPin } from "../requests/doubles.js";
import type { IntercomRequest } from "../requests/requests.js";
import type { TypeFacts } from "./project.js";
import type { Position, SourceFile } from "./source.js";
import type { LiteralCandidate, Payload, Ref, StaticType } from "./values.js";

export type Severity = "error" | "warning";

/** Replace `text[start, end)` by `text`. Offsets are UTF-16 indexes into the file's text. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export type { Position };

/** Values for a message's `{{ name }}` placeholders. */
export type MessageData = Readonly<Record<string, string>>;

export interface Finding {
  ruleId: string;
  severity: Severity;
  /** The rule's message rendered with its data (and, in a test double, the note that says so). */
  message: string;
  /** Which of the rule's `meta.messages` it is (absent only on findings made outside a rule). */
  messageId?: string;
  /** The values the message was rendered with. */
  data?: MessageData;
  /** In a test double: the words the engine added to the message ("In a test double (…): …"). */
  testNote?: string;
  start: number;
  end: number;
  loc: { start: Position; end: Position };
  /** Present when the rule has a safe automatic fix; absent means "left for review". */
  edits?: TextEdit[];
  /** What the fix does, in a few words: the title of an editor's quick fix and of SARIF's fix (set with `edits`). */
  fixTitle?: string;
  /** What a person has to do, for review findings (shown in summaries and reports). */
  action?: string;
  /** Possible rewrites a person may choose in an editor (never applied by `fix`). */
  suggestions?: Suggestion[];
  /**
   * Set when the finding was located by another file's analysis (a constant this file exports, sent as a header
   * by that file): that file's path. Only whole-project runs (`check`, `fix`) see these.
   */
  reachedFrom?: string;
  /**
   * Set when another file's analysis, seeing this code through a call with its arguments, found the same problem
   * with a better-informed fix (`String(teamId)` once a caller shows `teamId` is a number): that file's path. Whole-
   * project runs apply that fix; front-ends that see one file at a time offer the file's own.
   */
  refinedFrom?: string;
  /** On a fix `fix` applied: where its rewritten code starts in the fixed text (an offset), for reports that cite lines after the fix. */
  fixedStart?: number;
}

export interface Suggestion {
  message: string;
  edits: TextEdit[];
}

export interface RuleMeta<MessageId extends string = string> {
  id: string;
  severity: Severity;
  description: string;
  /** Whether some findings of the rule carry a safe fix. */
  fixable: boolean;
  /** The configuration's `settings` the rule reads: the configuration file is validated against these. */
  settings?: readonly RuleSettingSpec[];
  /**
   * Every message the rule reports, by id, as ESLint's `meta.messages`: a template whose `{{ name }}` placeholders
   * the report's `data` fills. The engine renders it; the ESLint plugin hands the same templates to ESLint.
   */
  messages: Readonly<Record<MessageId, string>>;
  /** What each fixable message's fix does (same placeholders): the title of an editor's quick fix and of SARIF's fix. */
  fixTitles?: Readonly<Partial<Record<NoInfer<MessageId>, string>>>;
  /** What each fix did, in the past tense (same ids and placeholders as fixTitles): the migration report's "Changed" lines. */
  fixesDone?: Readonly<Partial<Record<NoInfer<MessageId>, string>>>;
}

/** One setting a rule reads, at a dotted path under the configuration's `settings` (`ticketUpdates.actingAdminId`). */
export interface RuleSettingSpec {
  path: string;
  type: "positive-integer" | "string" | "boolean";
  description: string;
}

/** What a rule reports: a node (located by the engine) or an explicit range. */
export interface Report<MessageId extends string = string> {
  /** The file the node belongs to; a report about another project file (reached through an import) goes to that file (Analysis.elsewhere). */
  file?: SourceFile;
  node?: Node;
  start?: number;
  end?: number;
  /** Which of the rule's `meta.messages` this is. */
  messageId: MessageId;
  /** Values for the message's placeholders (and its fix title's). */
  data?: MessageData;
  edits?: TextEdit[];
  action?: string;
  suggestions?: Suggestion[];
}

/** A package export (or a global, module `<global>`) an expression names: `intercom-client`'s `Intercom.ActivityLog`. */
export interface PackageExport {
  module: string;
  path: readonly string[];
}

/**
 * What a rule may ask about the file it checks, and how it reports. The questions follow values as far as the core
 * does (constants, imports, destructuring, wrapper arguments, up to FOLLOW_DEPTH steps): a rule never holds the
 * resolver or the request finder.
 */
export interface RuleContext<MessageId extends string = string> {
  /** The file being checked. */
  readonly file: SourceFile;
  /** Rule options from the configuration (e.g. an acting admin id). */
  readonly settings: Readonly<Record<string, unknown>>;
  /** The Intercom requests made from this file (test doubles of requests included), found once and shared by every rule. */
  requests(): IntercomRequest[];
  /**
   * The expression a name or member stands for (never a name or member itself), or the expression itself when it is
   * neither; undefined when it cannot be followed to an expression (a parameter, an import from a package, a global).
   */
  valueOf(ref: Ref): Ref | undefined;
  /** The package export or global a name or member stands for, when it is one. */
  packageExport(ref: Ref): PackageExport | undefined;
  /** The text a string expression evaluates to, with HOLE for every part that cannot be known. */
  /**
   * For a parameter no call is being followed into (a function checked on its own): the arguments this file's calls
   * of the function pass for it (none found: an empty list); undefined when the expression is not such a parameter.
   */
  parameterArguments(ref: Ref): Ref[] | undefined;
  /**
   * The literals an expression may be sent as, followed across modules, conditionals, fallbacks
   * (`process.env.X ?? "2.13"`) and defaults; `fallback` marks one the environment or a caller may override.
   */
  literalCandidates(ref: Ref): LiteralCandidate[];
  stringOf(ref: Ref): string;
  /** The object literals a payload expression is built from, and later writes to it. */
  followPayload(ref: Ref): Payload;
  /** What syntax (and the type checker, in type-aware mode) says about an expression's type. */
  staticType(ref: Ref): StaticType;
  /** Whether an expression may be `undefined` or `null` when it is sent (its type or declaration says so). */
  mayBeUnset(ref: Ref): boolean;
  /** What the type checker says about an expression (type-aware mode only). */
  typeFacts(ref: Ref): TypeFacts | undefined;
  /**
   * Whether the type an expression is declared as in the source (an annotation or assertion, through the file's own
   * interfaces and aliases) has a member `name`; undefined when no such declared type is found.
   */
  declaresMember(ref: Ref, name: string): boolean | undefined;
  /** Whether the installed SDK's message request type accepts an array of recipients (type-aware mode only). */
  sdkAcceptsRecipientArray(): boolean;
  /**
   * The version of `intercom-client` this file's project has installed (in type-aware mode, the one its tsconfig
   * resolves; otherwise the nearest `node_modules/intercom-client` above the file), or undefined when none is found.
   */
  sdkVersion(): string | undefined;
  /** Is this expression an `intercom-client` client? */
  isSdkClient(ref: Ref): boolean;
  /** Is this node part of a mocked API response in a test? */
  isMockedResponse(ref: Ref): boolean;
  /** Comparisons of the pinned API version in this file's tests (assertions, mock header matchers). */
  versionPins(): VersionPin[];
  report(report: Report<MessageId>): void;
}

export interface Rule<MessageId extends string = string> {
  meta: RuleMeta<MessageId>;
  /**
   * Short case-sensitive ASCII strings, one of which any text the rule can find something in contains. The
   * engine scans each file's bytes once for the union of all rules' needles (keep them few and short: shared
   * anchors like "ssignment" cost least), so most files cost one scan and are never decoded or parsed.
   * A rule without needles is asked through mayMatch on every file.
   */
  needles?: ReadonlyArray<string | RegExp>;
  /** Finer text test, run only when a needle is present: when false the rule cannot find anything here. */
  mayMatch(text: string): boolean;
  check(context: RuleContext<MessageId>): void;
}

export type { File };
