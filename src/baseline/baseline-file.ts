// The baseline file: findings a team accepts for now, counted per file, rule and fingerprint, in sorted, one-entry-a-line JSON.
import { readFileSync } from "node:fs";

export const DEFAULT_BASELINE_FILE = "intercom-migrate-baseline.json";
export const BASELINE_VERSION = 1;

/** How many findings of one rule, with one fingerprint, one file may keep. */
export interface BaselineRecord {
  /** The file, relative to the baseline file's folder, with "/" separators. */
  file: string;
  ruleId: string;
  fingerprint: string;
  count: number;
  /** The enclosing functions (`TicketService.assign`) and the normalised code: for the person reading a diff of the file. */
  scope: string;
  code: string;
}

/** The baseline file cannot be read or is not one: the message names the file and what to do. */
export class BaselineFileError extends Error {}

const FINGERPRINT = /^[0-9a-f]{16}$/;
const CODE_SHOWN = 80;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

export function readBaselineFile(filePath: string): BaselineRecord[] {
  let text: string;
  try {
    text = readFileSync(filePath, "utf8");
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    throw new BaselineFileError(missing ? `${filePath}: no such baseline file (write one with --update-baseline)` : `${filePath}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BaselineFileError(
      `${filePath}: not valid JSON (${(error as Error).message}); a merge conflict left in it? Resolve it, or write it again with --update-baseline`,
    );
  }
  return parseBaseline(data, filePath);
}

/** The records of a parsed baseline file, every field checked. */
export function parseBaseline(data: unknown, filePath: string): BaselineRecord[] {
  const wrong = (what: string) => new BaselineFileError(`${filePath}: ${what}; write it again with --update-baseline`);
  if (!isObject(data) || data.version !== BASELINE_VERSION || !isObject(data.files)) {
    throw wrong(`not an intercom-migrate baseline (version ${BASELINE_VERSION} with "files")`);
  }
  const records: BaselineRecord[] = [];
  for (const [file, rules] of Object.entries(data.files)) {
    if (!isObject(rules)) throw wrong(`"${file}" should map rule ids to entries`);
    for (const [ruleId, entries] of Object.entries(rules)) {
      if (!isObject(entries)) throw wrong(`"${file}" → "${ruleId}" should map fingerprints to entries`);
      for (const [fingerprint, entry] of Object.entries(entries)) {
        const count = isObject(entry) ? entry.count : undefined;
        if (!FINGERPRINT.test(fingerprint) || typeof count !== "number" || !Number.isInteger(count) || count < 1) {
          throw wrong(`"${file}" → "${ruleId}" → "${fingerprint}" should be a 16-digit hex fingerprint with a positive whole "count"`);
        }
        const text = (key: string) => (isObject(entry) && typeof entry[key] === "string" ? entry[key] : "");
        records.push({ file, ruleId, fingerprint, count, scope: text("scope"), code: text("code") });
      }
    }
  }
  return records;
}

/** Code-unit order: the same on every machine and locale, so the file never churns by who wrote it. */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The file's text: keys sorted, one entry a line, a newline at the end. Two branches that baseline different
 * findings touch different lines, so git merges them.
 */
export function formatBaselineFile(records: readonly BaselineRecord[]): string {
  const files = new Map<string, Map<string, Map<string, BaselineRecord>>>();
  for (const record of records) {
    if (record.count < 1) continue;
    let rules = files.get(record.file);
    if (!rules) files.set(record.file, (rules = new Map<string, Map<string, BaselineRecord>>()));
    let entries = rules.get(record.ruleId);
    if (!entries) rules.set(record.ruleId, (entries = new Map<string, BaselineRecord>()));
    const previous = entries.get(record.fingerprint);
    entries.set(record.fingerprint, previous ? { ...previous, count: previous.count + record.count } : record);
  }
  const fileBlocks = [...files.keys()].sort(byCodeUnits).map((file) => {
    const rules = files.get(file)!;
    const ruleBlocks = [...rules.keys()].sort(byCodeUnits).map((ruleId) => {
      const entries = rules.get(ruleId)!;
      const lines = [...entries.keys()].sort(byCodeUnits).map((fingerprint) => {
        const { count, scope, code } = entries.get(fingerprint)!;
        return `        ${JSON.stringify(fingerprint)}: { "count": ${count}, "scope": ${JSON.stringify(scope)}, "code": ${JSON.stringify(shorten(code))} }`;
      });
      return `      ${JSON.stringify(ruleId)}: {\n${lines.join(",\n")}\n      }`;
    });
    return `    ${JSON.stringify(file)}: {\n${ruleBlocks.join(",\n")}\n    }`;
  });
  const body = fileBlocks.length > 0 ? `{\n${fileBlocks.join(",\n")}\n  }` : "{}";
  return `{\n  "version": ${BASELINE_VERSION},\n  "files": ${body}\n}\n`;
}

/** The code shown beside an entry: enough to recognise it (the fingerprint is what matches). */
function shorten(code: string): string {
  if (code.length <= CODE_SHOWN) return code;
  // Never half a surrogate pair: the file must stay valid UTF-8.
  const cut = /[\ud800-\udbff]/.test(code[CODE_SHOWN - 2]) ? CODE_SHOWN - 2 : CODE_SHOWN - 1;
  return `${code.slice(0, cut)}…`;
}

/** Total findings a set of records allows. */
export function recordCount(records: readonly BaselineRecord[]): number {
  return records.reduce((sum, record) => sum + record.count, 0);
}
