// The 2.13 → 2.14 changes to a request body, on JSON values: the same conversions the static rules' fixes make to a
// literal payload (test/runtime-property.test.ts checks that both give the same JSON), and the same rule ids.

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export type Severity = "error" | "warning";

/** The static rules' ids and severities (test/runtime-guard.test.ts checks them against rules/). */
export const RULE_SEVERITY = {
  "ticket-update-assignment": "error",
  "ticket-update-admin-id-type": "error",
  "ticket-update-acting-admin": "warning",
  "message-recipients-array": "warning",
  "news-published-at": "error",
  "intercom-version-header": "warning",
  "request-schema": "warning",
} as const satisfies Record<string, Severity>;

export type RuleId = keyof typeof RULE_SEVERITY;

export interface BodyFinding {
  ruleId: RuleId;
  message: string;
  /** The upgrade rewrites it; false: a person has to decide. */
  upgradable: boolean;
}

/** The operations whose bodies changed shape in 2.14 (named as src/endpoints.ts names them). */
export type ChangedOperation = "tickets.update" | "messages.create" | "news.items.create" | "news.items.update";

export interface UpgradeSettings {
  /** The admin an integration acts for: added as `admin_id` to ticket updates that assign without one. */
  actingAdminId?: number;
  /** The present in Unix seconds (published dates must be in the past). */
  nowSeconds?: number;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `admin_id` as 2.14 wants it: an integer string becomes the number, a number stays; anything else has no safe conversion. */
export function adminIdAsInteger(value: Json): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return /^-?\d+$/.test(trimmed) && Number.isSafeInteger(Number(trimmed)) ? Number(trimmed) : undefined;
}

/** `assignee_id` as 2.14 wants it: a number becomes its decimal string. */
export function assigneeIdAsString(value: Json): Json {
  return typeof value === "number" ? String(value) : value;
}

/** An object with one key replaced by several, in place (`Object.fromEntries` keeps a `__proto__` key a plain key). */
function replaceKey(object: JsonObject, key: string, entries: Array<[string, Json]>): JsonObject {
  return Object.fromEntries(Object.entries(object).flatMap((entry) => (entry[0] === key ? entries : [entry])));
}

const LIFTED = ["admin_id", "assignee_id"];

/** Why a nested `assignment` cannot be lifted, or undefined when it can. */
function liftProblem(body: JsonObject, nested: Json): string | undefined {
  if (!isJsonObject(nested)) return "its value is not an object";
  const keys = Object.keys(nested);
  if (keys.length === 0 || keys.some((key) => !LIFTED.includes(key))) return "it has keys other than `admin_id` and `assignee_id`";
  if (LIFTED.some((key) => Object.hasOwn(body, key))) return "`admin_id` or `assignee_id` is also set at the top level";
  if (Object.hasOwn(nested, "admin_id") && adminIdAsInteger(nested.admin_id) === undefined) return "its `admin_id` is not an integer id";
  return undefined;
}

/** ticket-update-assignment: `assignment: { admin_id, assignee_id }` lifted to the top level, ids converted. */
function liftAssignment(body: JsonObject, findings: BodyFinding[]): JsonObject {
  if (!Object.hasOwn(body, "assignment")) return body;
  const nested = body.assignment;
  const problem = liftProblem(body, nested);
  const message = "Ticket update nests `assignment: { admin_id, assignee_id }`, which API 2.14 rejects";
  findings.push({ ruleId: "ticket-update-assignment", message: problem ? `${message}, and ${problem}.` : `${message}.`, upgradable: !problem });
  if (problem || !isJsonObject(nested)) return body;
  const lifted = Object.entries(nested).map(([key, value]): [string, Json] => [key, key === "admin_id" ? adminIdAsInteger(value)! : assigneeIdAsString(value)]);
  return replaceKey(body, "assignment", lifted);
}

/** ticket-update-admin-id-type: a top-level string `admin_id` or number `assignee_id`. */
function convertIdTypes(body: JsonObject, findings: BodyFinding[]): JsonObject {
  let result = body;
  if (typeof body.admin_id === "string") {
    const id = adminIdAsInteger(body.admin_id);
    const message = "Ticket update sends `admin_id` as a string; API 2.14 requires an integer";
    findings.push({
      ruleId: "ticket-update-admin-id-type",
      message: id === undefined ? `${message}, and this one is not an integer id.` : `${message}.`,
      upgradable: id !== undefined,
    });
    if (id !== undefined) result = { ...result, admin_id: id };
  }
  if (typeof body.assignee_id === "number") {
    findings.push({
      ruleId: "ticket-update-admin-id-type",
      message: "Ticket update sends `assignee_id` as a number; API 2.14 requires a string.",
      upgradable: true,
    });
    result = { ...result, assignee_id: String(body.assignee_id) };
  }
  return result;
}

/** ticket-update-acting-admin: an assignment without `admin_id` is recorded as made by the Operator (Fin). */
function nameActingAdmin(body: JsonObject, findings: BodyFinding[], settings: UpgradeSettings): JsonObject {
  if (!Object.hasOwn(body, "assignee_id") || Object.hasOwn(body, "admin_id")) return body;
  const id = settings.actingAdminId;
  findings.push({
    ruleId: "ticket-update-acting-admin",
    message: "Ticket update assigns (`assignee_id`) without `admin_id`: API 2.14 records the change as made by the Operator (Fin).",
    upgradable: id !== undefined,
  });
  return id === undefined
    ? body
    : replaceKey(body, "assignee_id", [
        ["admin_id", id],
        ["assignee_id", body.assignee_id],
      ]);
}

/** message-recipients-array: a single `to` / `cc` / `bcc` recipient object becomes an array of one. */
function recipientArrays(body: JsonObject, findings: BodyFinding[]): JsonObject {
  let result = body;
  for (const key of ["to", "cc", "bcc"]) {
    if (!Object.hasOwn(body, key)) continue;
    const value = body[key];
    if (value === null || typeof value === "string" || Array.isArray(value)) continue;
    const single = isJsonObject(value);
    const message = `Message \`${key}\` is ${single ? "a single recipient" : `a ${typeof value}`}; API 2.14 takes an array of recipients.`;
    findings.push({ ruleId: "message-recipients-array", message, upgradable: single });
    if (single) result = { ...result, [key]: [value] };
  }
  return result;
}

/** A 13-digit integer: a timestamp in milliseconds (as news-published-at reads a literal). */
const isMilliseconds = (value: number) => Number.isInteger(value) && value >= 1e12 && value < 1e13;

/** news-published-at: `newsfeed_assignments[].published_at` in milliseconds (→ seconds), or in the future. */
function publishedAtSeconds(body: JsonObject, findings: BodyFinding[], now: number): JsonObject {
  const assignments = body.newsfeed_assignments;
  if (!Array.isArray(assignments)) return body;
  let changed = false;
  const converted = assignments.map((assignment) => {
    if (!isJsonObject(assignment) || typeof assignment.published_at !== "number") return assignment;
    const value = assignment.published_at;
    const milliseconds = isMilliseconds(value);
    const seconds = milliseconds ? Math.floor(value / 1000) : value;
    if (seconds > now && seconds < 1e12) {
      const unit = milliseconds ? "in milliseconds, and in the future" : "in the future";
      findings.push({
        ruleId: "news-published-at",
        message: `News item \`published_at\` is ${unit}; API 2.14 takes a past Unix timestamp in seconds.`,
        upgradable: false,
      });
      return assignment;
    }
    if (!milliseconds) return assignment;
    findings.push({
      ruleId: "news-published-at",
      message: "News item `published_at` is in milliseconds; API 2.14 takes a Unix timestamp in seconds.",
      upgradable: true,
    });
    changed = true;
    return { ...assignment, published_at: seconds };
  });
  return changed ? { ...body, newsfeed_assignments: converted } : body;
}

/**
 * The body in the 2.14 shape, and what was found on the way. The steps run in the order the static fix passes
 * reach them: the lifted `assignment` is typed already, and only then is an assignment without `admin_id` seen.
 */
export function upgradeBody(operation: ChangedOperation, body: JsonObject, settings: UpgradeSettings = {}): { body: JsonObject; findings: BodyFinding[] } {
  const findings: BodyFinding[] = [];
  switch (operation) {
    case "tickets.update": {
      const lifted = liftAssignment(body, findings);
      return { body: nameActingAdmin(convertIdTypes(lifted, findings), findings, settings), findings };
    }
    case "messages.create":
      return { body: recipientArrays(body, findings), findings };
    case "news.items.create":
    case "news.items.update":
      return { body: publishedAtSeconds(body, findings, settings.nowSeconds ?? Math.floor(Date.now() / 1000)), findings };
  }
}

export type VersionPin = { kind: "2.13" } | { kind: "older"; version: string } | { kind: "current" };

/** intercom-version-header: what an `Intercom-Version` value pins. */
export function versionPin(value: string): VersionPin {
  const match = /^(\d+)\.(\d+)$/.exec(value.trim());
  if (!match) return { kind: "current" };
  const major = Number(match[1]);
  const minor = Number(match[2]);
  if (major > 2 || (major === 2 && minor >= 14)) return { kind: "current" };
  return major === 2 && minor === 13 ? { kind: "2.13" } : { kind: "older", version: value.trim() };
}
