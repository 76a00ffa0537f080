// Failures inside the tool, in words: one line per rule (or core) failure, a message per error class, never dropped.

/** A failure of the tool on one file, as every output format shows it. */
export interface InternalFailure {
  /** The rule that threw, or null when the core failed (reading, parsing, walking the tree). */
  ruleId: string | null;
  /** One line: what failed, why, and what happened to the file. */
  message: string;
}

export const ISSUES_URL = "https://github.com/intercom-migrate/intercom-migrate/issues";

/** The cause of an exception in one line, worded by its class (a stack overflow is not every RangeError). */
export function failureCause(error: unknown): string {
  const message = firstLine(error instanceof Error ? error.message : String(error));
  if (error instanceof RangeError) {
    if (/call stack/i.test(message))
      return "ran out of stack: the code is nested too deeply, or a list in it is too long, for this step (RangeError: Maximum call stack size exceeded)";
    if (/invalid (array|string|typed array) length|allocation failed|too large/i.test(message))
      return `a list or text grew past JavaScript's size limits (RangeError: ${message})`;
    return `a value was out of range (RangeError: ${message})`;
  }
  if (error instanceof TypeError) return `a bug in intercom-migrate met an unexpected shape of code (TypeError: ${message})`;
  if (error instanceof SyntaxError) return `a bug in intercom-migrate: it could not read data it made itself (SyntaxError: ${message})`;
  if (error instanceof Error) return `${error.name === "Error" ? "" : `${error.name}: `}${message}`;
  return `it threw a non-error value: ${message}`;
}

/** The failure as a report carries it: who failed, the cause, and that the file was not changed. */
export function internalFailure(ruleId: string | null, error: unknown): InternalFailure {
  const who = ruleId ? `rule ${ruleId}` : "intercom-migrate";
  return { ruleId, message: `internal error in ${who}: ${failureCause(error)}. The file was not changed; please report this at ${ISSUES_URL}.` };
}

/** Each failure once (a rule that fails in every fix pass is one failure), worded for the report. */
export function describeFailures(failures: ReadonlyArray<{ ruleId: string | null; error: unknown }>): InternalFailure[] {
  const described = new Map<string, InternalFailure>();
  for (const { ruleId, error } of failures) {
    const failure = internalFailure(ruleId, error);
    described.set(`${ruleId ?? ""}\0${failure.message}`, failure);
  }
  return [...described.values()];
}

function firstLine(text: string): string {
  const line = text.split("\n", 1)[0].trim();
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
