// The guard every adapter shares: options (and their environment variables), which URLs are Intercom's, and the
// verdict on one request — send it, send its 2.14 form, or stop it (strict) — with the findings reported on the way.
import path from "node:path";
import { callSite, type SourceLocation } from "./call-site.cjs";
import { HOSTS_VARIABLE, configuredOrigins, intercomUrlTest } from "./intercom-hosts.cjs";
import { inspectRequest, type Inspection, type OutgoingRequest, type RequestUpgrade, type RuntimeFinding } from "./inspect.cjs";
import type { Severity } from "./payload-upgrades.cjs";
import { report, runtimeState, warnOnce, type Outcome, type RuntimeRecord } from "./reporter.cjs";

export type Mode = "report" | "upgrade" | "strict";
const MODES: readonly Mode[] = ["report", "upgrade", "strict"];

export const MODE_VARIABLE = "INTERCOM_MIGRATE_RUNTIME";
export const REPORT_VARIABLE = "INTERCOM_MIGRATE_RUNTIME_REPORT";

export interface GuardOptions {
  /** `report` (default): send unchanged and report; `upgrade`: send the 2.14 shape; `strict`: throw. Default: $INTERCOM_MIGRATE_RUNTIME. */
  mode?: Mode;
  /** More origins that count as Intercom (a proxy, a mock server), added to $INTERCOM_MIGRATE_RUNTIME_HOSTS and the API hosts. */
  hosts?: readonly string[];
  /** A JSON Lines file for the findings (for `intercom-migrate check --runtime-report`). Default: $INTERCOM_MIGRATE_RUNTIME_REPORT, else stderr. */
  reportFile?: string;
  /** The admin your integration acts for: `upgrade` adds it as `admin_id` to ticket updates that assign without one. */
  actingAdminId?: number;
  /** Strict mode stops requests with findings of this severity or worse. Default: `error` (the changes 2.14 rejects). */
  failOn?: Severity;
  /** Called with every sighting (after the report), e.g. to count them in a test. */
  onFinding?: (record: RuntimeRecord) => void;
  /** Where environment variables are read (default: process.env). */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Thrown in strict mode (and by the strict test hook): the request sends shapes API 2.14 changed. */
export class RuntimeGuardError extends Error {
  constructor(
    readonly operation: string,
    readonly findings: readonly RuntimeFinding[],
    readonly site?: SourceLocation,
  ) {
    const where = site ? ` (${site.file}:${site.line}:${site.column})` : "";
    super(`intercom-migrate: ${operation}${where} sends 2.13 shapes:\n${findings.map((f) => `  ${f.ruleId}: ${f.message}`).join("\n")}`);
    this.name = "RuntimeGuardError";
  }
}

export type Verdict = { send: "original" } | { send: "upgraded"; upgrade: RequestUpgrade } | { send: "nothing"; error: RuntimeGuardError };

export interface Guard {
  readonly mode: Mode;
  /** Is this URL an Intercom API URL? (Cheap: it decides whether anything else happens.) */
  isIntercom(url: string): boolean;
  /**
   * Inspect a request to Intercom, report, and say what to send. `callStack` gives the stack of the application's
   * call; it is asked only when there is something to report (capturing a stack is most of the guard's cost).
   */
  review(request: OutgoingRequest, callStack: () => Error | undefined): Verdict;
  /** A failure inside the guard: rethrown in strict mode, else logged once (the caller sends the original). */
  failed(error: unknown): void;
}

function modeFrom(options: GuardOptions, env: Readonly<Record<string, string | undefined>>): Mode {
  if (options.mode) return options.mode;
  const value = env[MODE_VARIABLE]?.trim().toLowerCase();
  if (!value) return "report";
  if ((MODES as readonly string[]).includes(value)) return value as Mode;
  warnOnce(`mode ${value}`, `${MODE_VARIABLE}=${value} is not one of ${MODES.join(", ")}; reporting only.`);
  return "report";
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

export function createGuard(options: GuardOptions = {}): Guard {
  const env = options.env ?? process.env;
  const mode = modeFrom(options, env);
  const { origins, invalid } = configuredOrigins([...(env[HOSTS_VARIABLE] ?? "").split(","), ...(options.hosts ?? [])]);
  if (invalid.length > 0) warnOnce(`hosts ${invalid.join()}`, `ignoring hosts that are not URLs: ${invalid.join(", ")}`);
  const reportFile = options.reportFile ?? (env[REPORT_VARIABLE] || undefined);
  const reportPath = reportFile && path.resolve(reportFile);
  const failOn = options.failOn ?? "error";
  const stops = (finding: RuntimeFinding) => failOn === "warning" || finding.severity === "error";

  /** What this mode does with an inspected request. */
  function outcomeOf(inspection: Inspection): Outcome {
    if (mode === "strict" && inspection.findings.some(stops)) return "blocked";
    return mode === "upgrade" && inspection.upgrade ? "upgraded" : "reported";
  }

  return {
    mode,
    isIntercom: intercomUrlTest(origins),
    review(request, callStack) {
      const inspection = inspectRequest(request, { actingAdminId: options.actingAdminId });
      if (inspection.findings.length === 0) return { send: "original" };
      const site = callSite(callStack());
      const outcome = outcomeOf(inspection);
      for (const finding of inspection.findings) {
        const record = report({ finding, outcome, operation: inspection.operation, host: originOf(request.url), site }, reportPath);
        options.onFinding?.(record);
      }
      if (outcome === "blocked") {
        // Kept for a test hook to take (bounded: a process without one must not grow).
        const { violations } = runtimeState();
        if (violations.length < 100) violations.push({ operation: inspection.operation, findings: inspection.findings, site });
        return { send: "nothing", error: new RuntimeGuardError(inspection.operation, inspection.findings, site) };
      }
      return outcome === "upgraded" && inspection.upgrade ? { send: "upgraded", upgrade: inspection.upgrade } : { send: "original" };
    },
    failed(error) {
      if (mode === "strict" || error instanceof RuntimeGuardError) throw error;
      warnOnce(`internal ${(error as Error)?.message}`, `internal error, the request was sent unchanged: ${(error as Error)?.stack ?? String(error)}`);
    },
  };
}
