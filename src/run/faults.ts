// Test-only fault injection: INTERCOM_MIGRATE_TEST_FAULTS makes a rule throw or a write fail or pause, so tests can
// check through the CLI, as a process, that failures are loud. Not a feature: unset, it changes nothing.
//
//   INTERCOM_MIGRATE_TEST_FAULTS="rule:ticket-update-assignment"            the rule throws an Error on every file
//   INTERCOM_MIGRATE_TEST_FAULTS="rule:ticket-update-assignment=TypeError"  … a TypeError (RangeError, Error)
//   INTERCOM_MIGRATE_TEST_FAULTS="write:b.js"                               renaming the fixed b.js over it fails (EPERM)
//   INTERCOM_MIGRATE_TEST_FAULTS="pause-before-rename:300"                  each write waits 300 ms before its last check
import type { Rule } from "../core/types.js";

export const FAULTS_VARIABLE = "INTERCOM_MIGRATE_TEST_FAULTS";

interface Faults {
  throwingRules: Map<string, string>;
  failingWrites: Set<string>;
  pauseBeforeRenameMs: number;
}

const ERROR_CLASSES: Record<string, new (message: string) => Error> = { Error, TypeError, RangeError };

export function injectedFaults(): Faults {
  const faults: Faults = { throwingRules: new Map(), failingWrites: new Set(), pauseBeforeRenameMs: 0 };
  for (const entry of (process.env[FAULTS_VARIABLE] ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [kind, value] = [entry.slice(0, entry.indexOf(":")), entry.slice(entry.indexOf(":") + 1)];
    if (kind === "rule") {
      const [id, errorClass = "Error"] = value.split("=");
      faults.throwingRules.set(id, errorClass);
    } else if (kind === "write") faults.failingWrites.add(value);
    else if (kind === "pause-before-rename") faults.pauseBeforeRenameMs = Number(value) || 0;
  }
  return faults;
}

/** The rules, with the ones named in the fault variable replaced by rules that throw. */
export function withInjectedFaults(rules: readonly Rule[]): Rule[] {
  const { throwingRules } = injectedFaults();
  if (throwingRules.size === 0) return [...rules];
  return rules.map((rule) => {
    const errorClass = throwingRules.get(rule.meta.id);
    if (!errorClass) return rule;
    const Thrown = ERROR_CLASSES[errorClass] ?? Error;
    return {
      ...rule,
      check() {
        throw new Thrown(`injected fault (${FAULTS_VARIABLE})`);
      },
    };
  });
}
