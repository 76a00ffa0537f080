// Property tests for `fix`: the fixtures' 2.13 shapes, placed in random surroundings, are found and fixed as in plain code.
//
// A generated case is a list of units (the shapes, plus unrelated "filler" code) written in a plain layout. Three texts
// come from it: the plain program (shapes only), the structural program (shapes and fillers) and the decorated program:
// the structural one with random trivia between its tokens (block and line comments, newlines, tabs, extra spaces),
// extra parentheses around expressions, single quotes, CRLF line endings, a BOM. Every token of the decorated text is
// a token of the structural one, so offsets map back to the plain program and findings can be compared exactly.
//
// The properties, for every generated case: the decorated program's findings are the plain program's (same rules, same
// order, same places: lines move only by the lines the decoration inserts); the fixed file parses; no byte outside the
// edited ranges changes; a second fix changes nothing; `check` after `fix` finds only review leftovers; the fixed
// program is the fixed plain program (same syntax tree, fillers aside); every comment, CRLF and the BOM survive.
//
// PROPERTY_RUNS=100000 npx vitest run test/property.test.ts   runs long. A failure prints fast-check's seed and path
// (replay with PROPERTY_SEED / PROPERTY_PATH) and the shrunk case as JSON (replay with PROPERTY_CASE='<json>').
import { parse } from "@babel/parser";
import type { File, Node } from "@babel/types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RULES } from "../rules/index.js";
import { parseSource, parserOptions } from "../src/core/parse.js";
import type { Finding, TextEdit } from "../src/core/types.js";
import { describeFindings, newEngine } from "./support.js";

const RUNS = Number(process.env.PROPERTY_RUNS ?? 200);
const SEED = process.env.PROPERTY_SEED === undefined ? undefined : Number(process.env.PROPERTY_SEED);
const PATH = process.env.PROPERTY_PATH;

// ---------------------------------------------------------------------------------------------------------------
// Shapes: the 2.13 uses of the fixtures, written plainly (two-space indentation, double quotes, semicolons).

const EXTENSIONS = [".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts"] as const;
type Ext = (typeof EXTENSIONS)[number];

interface Context {
  ext: Ext;
  ts: boolean;
  jsx: boolean;
  /** ES modules (import/export) or CommonJS (require, no export). */
  esm: boolean;
  /** Unique per unit, so names never clash. */
  i: number;
}

function contextFor(ext: Ext, i: number): Context {
  return { ext, i, ts: /ts/.test(ext), jsx: ext === ".jsx" || ext === ".tsx", esm: ext !== ".cjs" && ext !== ".cts" };
}

/** Module-level code a shape needs: the SDK client, axios, the SDK's types. */
type Need = "sdk-client" | "sdk-import" | "axios" | "sdk-namespace";

interface Unit {
  code: string;
  needs: Need[];
}

type Shape = (c: Context) => Unit;

const exp = (c: Context) => (c.esm ? "export " : "");
/** `name: type` in TypeScript, `name` in JavaScript. */
const typed = (c: Context, name: string, type: string) => (c.ts ? `${name}: ${type}` : name);

const ADMIN_VALUES = [`"123"`, `123`, `adminId`, `user.adminId`];
const ASSIGNEE_VALUES = [`"456"`, `456`, `teamId`, `user.teamId`];

/** `{ admin_id, assignee_id }`, on one line or one property a line. */
function nestedAssignment(admin: number, assignee: number, layout: number, indent: string): string {
  const keys = [`admin_id: ${ADMIN_VALUES[admin]}`, `assignee_id: ${ASSIGNEE_VALUES[assignee]}`];
  if (layout % 3 === 2) keys.reverse();
  if (layout % 2 === 0) return `{ ${keys.join(", ")} }`;
  return `{\n${keys.map((key) => `${indent}  ${key},`).join("\n")}\n${indent}}`;
}

const ticketParams = (c: Context) =>
  [typed(c, "ticketId", "string"), typed(c, "adminId", "string"), typed(c, "teamId", "number"), typed(c, "user", "{ adminId: string; teamId: string }")].join(
    ", ",
  );

const ticketSdk =
  (admin: number, assignee: number, layout: number, viaVariable: boolean, quotedKey = false): Shape =>
  (c) => {
    if (quotedKey) {
      const unit = ticketSdk(admin, assignee, layout, viaVariable)(c);
      return { ...unit, code: unit.code.replace("    assignment: ", `    "assignment": `) };
    }
    if (viaVariable) {
      return {
        needs: ["sdk-client"],
        code: [
          `${exp(c)}async function reassign${c.i}(${ticketParams(c)}) {`,
          `  const payload = {`,
          `    ticket_id: ticketId,`,
          `    assignment: ${nestedAssignment(admin, assignee, layout, "    ")},`,
          `  };`,
          `  return client.tickets.update(payload);`,
          `}`,
        ].join("\n"),
      };
    }
    return {
      needs: ["sdk-client"],
      code: [
        `${exp(c)}async function reassign${c.i}(${ticketParams(c)}) {`,
        `  await client.tickets.update({`,
        `    ticket_id: ticketId,`,
        `    assignment: ${nestedAssignment(admin, assignee, layout, "    ")},`,
        `  });`,
        `}`,
      ].join("\n"),
    };
  };

const ticketHttp =
  (form: number, admin: number, assignee: number, layout: number): Shape =>
  (c) => {
    switch (form % 3) {
      case 0:
        return {
          needs: [],
          code: [
            `${exp(c)}async function close${c.i}(${ticketParams(c)}) {`,
            `  const res = await fetch(\`https://api.intercom.io/tickets/\${ticketId}\`, {`,
            `    method: "PUT",`,
            `    headers: { "Content-Type": "application/json" },`,
            `    body: JSON.stringify({ open: false, assignment: ${nestedAssignment(admin, assignee, layout, "    ")} }),`,
            `  });`,
            `  return res.json();`,
            `}`,
          ].join("\n"),
        };
      case 1:
        return {
          needs: ["axios"],
          code: [
            `${exp(c)}async function unassign${c.i}(${ticketParams(c)}) {`,
            `  const { data } = await axios.put("https://api.intercom.io/tickets/" + ticketId, {`,
            `    ticket_state_id: "7489",`,
            `    assignment: ${nestedAssignment(admin, assignee, layout, "    ")},`,
            `  });`,
            `  return data;`,
            `}`,
          ].join("\n"),
        };
      default:
        return {
          needs: [],
          code: [
            `${exp(c)}async function updateTicket${c.i}(${typed(c, "ticketId", "string")}, ${typed(c, "assignee", "{ id: string }")}) {`,
            `  const body${c.ts ? ": any" : ""} = { ticket_attributes: { _default_title_: "Refund" } };`,
            `  if (assignee) {`,
            `    body.assignment = { admin_id: "991268011", assignee_id: assignee.id };`,
            `  }`,
            `  const res = await fetch(\`https://api.intercom.io/tickets/\${ticketId}\`, { method: "PUT", body: JSON.stringify(body) });`,
            `  return res.json();`,
            `}`,
          ].join("\n"),
        };
    }
  };

const versionHeader =
  (form: number): Shape =>
  (c) => {
    switch (form % 6) {
      case 4:
        return {
          needs: [],
          code: [
            `const INTERCOM_VERSION${c.i} = "2.13";`,
            `${exp(c)}async function listTeams${c.i}() {`,
            `  const res = await fetch("https://api.intercom.io/teams", { headers: { "intercom-version": INTERCOM_VERSION${c.i} } });`,
            `  return res.json();`,
            `}`,
          ].join("\n"),
        };
      case 5:
        return {
          needs: ["axios"],
          code: [
            `const api${c.i} = axios.create({ baseURL: "https://api.intercom.io" });`,
            `api${c.i}.defaults.headers.common["Intercom-Version"] = "2.13";`,
          ].join("\n"),
        };
      case 0:
        return {
          needs: [],
          code: [
            `${exp(c)}async function listAdmins${c.i}() {`,
            `  const res = await fetch("https://api.intercom.io/admins", {`,
            `    headers: { Accept: "application/json", "Intercom-Version": "2.13" },`,
            `  });`,
            `  return res.json();`,
            `}`,
          ].join("\n"),
        };
      case 1:
        return { needs: ["sdk-import"], code: `${exp(c)}const pinned${c.i} = new IntercomClient({ token: "secret", version: "2.13" });` };
      case 2:
        return {
          needs: [],
          code: [
            `function buildHeaders${c.i}(${typed(c, "token", "string")}) {`,
            `  const headers = new Headers();`,
            `  headers.set("Authorization", \`Bearer \${token}\`);`,
            `  headers.set("Intercom-Version", "2.13");`,
            `  return headers;`,
            `}`,
            `${exp(c)}async function listTags${c.i}(${typed(c, "token", "string")}) {`,
            `  const res = await fetch("https://api.intercom.io/tags", { headers: buildHeaders${c.i}(token) });`,
            `  return res.json();`,
            `}`,
          ].join("\n"),
        };
      default:
        return {
          needs: ["axios"],
          code: [
            `${exp(c)}const api${c.i} = axios.create({`,
            `  baseURL: "https://api.intercom.io",`,
            `  headers: { "Intercom-Version": "2.13" },`,
            `});`,
          ].join("\n"),
        };
    }
  };

const LOG_TYPE = "{ id: string; activity_type: string }";

const ENUM_MEMBER = "Intercom.ActivityLog.ActivityType.AdminAssignmentLimitChange";

const activityType =
  (form: number, flipped: boolean, enumMember = false): Shape =>
  (c) => {
    const log = typed(c, "log", LOG_TYPE);
    const compare = (subject: string, operator: string) =>
      flipped ? `"admin_assignment_limit_change" ${operator} ${subject}` : `${subject} ${operator} "admin_assignment_limit_change"`;
    // The SDK's enum member (TypeScript) instead of the string: the same positions, the same fixes.
    if (enumMember && c.ts) {
      const unit = activityType(form, flipped)(c);
      return { needs: ["sdk-namespace", ...unit.needs], code: unit.code.replaceAll(`"admin_assignment_limit_change"`, ENUM_MEMBER) };
    }
    switch (form % 6) {
      case 0: {
        const result = (text: string) => (c.jsx ? `<span className="badge">${text}</span>` : `"${text}"`);
        return {
          needs: [],
          code: [
            `${exp(c)}function describe${c.i}(${log}) {`,
            `  switch (log.activity_type) {`,
            `    case "admin_away_mode_change":`,
            `      return ${result("away")};`,
            `    case "admin_assignment_limit_change":`,
            `      return ${result("limit")};`,
            `    default:`,
            `      return null;`,
            `  }`,
            `}`,
          ].join("\n"),
        };
      }
      case 1:
        return { needs: [], code: `${exp(c)}const AUDITED${c.i} = ["admin_permission_change", "admin_assignment_limit_change", "role_change"];` };
      case 2:
        return { needs: [], code: `${exp(c)}const EVENTS${c.i} = new Set(["admin_away_mode_change", "admin_assignment_limit_change"]);` };
      case 3:
        return {
          needs: [],
          code: `${exp(c)}const limitChanges${c.i} = (${typed(c, "logs", `Array<${LOG_TYPE}>`)}) => logs.filter((log) => ${compare("log.activity_type", "===")});`,
        };
      case 4:
        return {
          needs: [],
          code: [
            `${exp(c)}function shouldNotify${c.i}(${log}) {`,
            `  if (${compare("log.activity_type", "!==")}) {`,
            `    return false;`,
            `  }`,
            `  return true;`,
            `}`,
          ].join("\n"),
        };
      default:
        if (!c.jsx) return activityType(3, flipped)(c);
        return {
          needs: [],
          code: [
            `${exp(c)}function LimitList${c.i}(${typed(c, "{ logs }", `{ logs: Array<${LOG_TYPE}> }`)}) {`,
            `  return <ul>{logs.filter((log) => ${compare("log.activity_type", "===")}).map((log) => <li key={log.id}>{log.id}</li>)}</ul>;`,
            `}`,
          ].join("\n"),
        };
    }
  };

const METADATA_LOG = "{ metadata: { assignment_limit: number } }";

const metadataRead =
  (form: number): Shape =>
  (c) => {
    const log = typed(c, "log", METADATA_LOG);
    switch (form % 8) {
      case 0:
        return {
          needs: [],
          code: [`${exp(c)}function limitOf${c.i}(${log}) {`, `  const limit = log.metadata.assignment_limit;`, `  return limit;`, `}`].join("\n"),
        };
      case 1:
        return {
          needs: [],
          code: [
            `${exp(c)}function maybeLimit${c.i}(${typed(c, "log", "{ metadata?: { assignment_limit?: number } }")}) {`,
            `  return log.metadata?.assignment_limit;`,
            `}`,
          ].join("\n"),
        };
      case 2:
        return {
          needs: [],
          code: [
            `${exp(c)}function totalCapacity${c.i}(${typed(c, "logs", `Array<${METADATA_LOG}>`)}) {`,
            `  let total = 0;`,
            `  for (const { metadata } of logs) {`,
            `    total = total + metadata.assignment_limit;`,
            `  }`,
            `  return total;`,
            `}`,
          ].join("\n"),
        };
      case 3:
        return { needs: [], code: [`${exp(c)}function effectiveLimit${c.i}(${log}) {`, `  return log.metadata.assignment_limit || 10;`, `}`].join("\n") };
      case 4:
        return {
          needs: [],
          code: [`${exp(c)}function limitText${c.i}(${log}) {`, `  return \`limit: \${log.metadata.assignment_limit} chats\`;`, `}`].join("\n"),
        };
      case 5:
        if (!c.jsx) return metadataRead(0)(c);
        return {
          needs: [],
          code: [
            `${exp(c)}function LimitCell${c.i}(${typed(c, "{ log }", `{ log: ${METADATA_LOG} }`)}) {`,
            `  return <td>{log.metadata.assignment_limit}</td>;`,
            `}`,
          ].join("\n"),
        };
      case 6:
        return { needs: [], code: [`${exp(c)}function bracketLimit${c.i}(${log}) {`, `  return log.metadata["assignment_limit"] + 1;`, `}`].join("\n") };
      default:
        if (!c.ts) return metadataRead(3)(c);
        return {
          needs: ["sdk-namespace"],
          code: [`${exp(c)}function describeLimit${c.i}(meta: Intercom.ActivityLogMetadata) {`, `  return meta.assignment_limit;`, `}`].join("\n"),
        };
    }
  };

const messageRecipients =
  (form: number): Shape =>
  (c) => {
    switch (form % 4) {
      case 3:
        return {
          needs: [],
          code: [
            `${exp(c)}async function invoice${c.i}(${typed(c, "ownerId", "string")}, ${typed(c, "billingId", "string")}) {`,
            `  const message = { message_type: "email", subject: "Invoice", body: "Ready", from: { type: "admin", id: 991268011 }, to: [{ type: "user", id: ownerId }] };`,
            `  message.cc = { type: "user", id: billingId };`,
            `  const res = await fetch("https://api.intercom.io/messages", { method: "POST", body: JSON.stringify(message) });`,
            `  return res.json();`,
            `}`,
          ].join("\n"),
        };
      case 0:
        return {
          needs: ["sdk-client"],
          code: [
            `${exp(c)}async function nudge${c.i}(${typed(c, "userId", "string")}) {`,
            `  return client.messages.create({`,
            `    message_type: "inapp",`,
            `    body: "New: export your reports as CSV.",`,
            `    from: { type: "admin", id: 991268011 },`,
            `    to: { type: "user", id: userId },`,
            `  });`,
            `}`,
          ].join("\n"),
        };
      case 1:
        return {
          needs: [],
          code: [
            `${exp(c)}async function welcome${c.i}(${typed(c, "userId", "string")}) {`,
            `  const res = await fetch("https://api.intercom.io/messages", {`,
            `    method: "POST",`,
            `    body: JSON.stringify({ message_type: "email", subject: "Hi", body: "Welcome aboard", from: { type: "admin", id: 991268011 }, to: { type: "user", id: userId } }),`,
            `  });`,
            `  return res.json();`,
            `}`,
          ].join("\n"),
        };
      default:
        return {
          needs: ["axios"],
          code: [
            `${exp(c)}async function remind${c.i}(${typed(c, "recipient", "{ type: string; id: string }")}) {`,
            `  const to = recipient;`,
            `  const { data } = await axios.post("https://api.intercom.io/messages", { message_type: "email", subject: "Renewal", body: "Soon", from: { type: "admin", id: 991268011 }, to });`,
            `  return data;`,
            `}`,
          ].join("\n"),
        };
    }
  };

/** A ticket update with top-level ids of the 2.13 types: a string `admin_id`, or a number `assignee_id`. */
const ticketIdTypes =
  (form: number): Shape =>
  (c) => ({
    needs: ["sdk-client"],
    code: [
      `${exp(c)}async function retype${c.i}(${typed(c, "ticketId", "string")}) {`,
      form % 2 === 0
        ? `  await client.tickets.update({ ticket_id: ticketId, admin_id: "123", assignee_id: "456" });`
        : `  await client.tickets.update({ ticket_id: ticketId, admin_id: 123, assignee_id: 456 });`,
      `}`,
    ].join("\n"),
  });

/** A ticket update that assigns without saying who acts (left for review without the acting-admin setting). */
const actingAdmin =
  (form: number): Shape =>
  (c) => ({
    needs: form % 2 === 0 ? ["sdk-client"] : [],
    code: [
      `${exp(c)}async function handOver${c.i}(${typed(c, "ticketId", "string")}) {`,
      form % 2 === 0
        ? `  await client.tickets.update({ ticket_id: ticketId, assignee_id: "456" });`
        : `  await fetch(\`https://api.intercom.io/tickets/\${ticketId}\`, { method: "PUT", body: JSON.stringify({ assignee_id: "456", open: true }) });`,
      `}`,
    ].join("\n"),
  });

/** A news item published "now" in milliseconds: a literal, `Date.now()`, or a date's `getTime()`. */
const newsPublishedAt =
  (form: number): Shape =>
  (c) => {
    const at = [`Date.now()`, `1664638214000`, `new Date(post.date).getTime()`][form % 3];
    return {
      needs: ["axios"],
      code: [
        `${exp(c)}async function publish${c.i}(${typed(c, "post", "{ title: string; date: string }")}) {`,
        `  await axios.post("https://api.intercom.io/news/news_items", {`,
        `    title: post.title,`,
        `    sender_id: 991267816,`,
        `    newsfeed_assignments: [{ newsfeed_id: 53, published_at: ${at} }],`,
        `  });`,
        `}`,
      ].join("\n"),
    };
  };

/** A raw request the 2.14 description does not allow: a misspelt property, a value outside an enum, a wrong type. */
const requestSchema =
  (form: number): Shape =>
  (c) => {
    const payload = [
      `{ message_type: "email", subject: "Hi", body: "Welcome", from: { type: "admin", id: 991267816 }, to: [{ type: "user", id: userId }], create_conversation_without_contact_repy: true }`,
      `{ message_type: "sms", body: "Welcome", from: { type: "admin", id: 991267816 }, to: [{ type: "user", id: userId }] }`,
      `{ read: "true" }`,
    ][form % 3];
    const url = form % 3 === 2 ? `\`https://api.intercom.io/conversations/\${userId}\`` : `"https://api.intercom.io/messages"`;
    return {
      needs: ["axios"],
      code: [
        `${exp(c)}async function send${c.i}(${typed(c, "userId", "string")}) {`,
        `  await axios.${form % 3 === 2 ? "put" : "post"}(${url}, ${payload});`,
        `}`,
      ].join("\n"),
    };
  };

const valueIndex = fc.nat({ max: ADMIN_VALUES.length - 1 });

/** The shapes by name; a case names them with their arguments, so a counterexample prints as plain data. */
const SHAPES = {
  ticketSdk,
  ticketHttp,
  versionHeader,
  activityType,
  metadataRead,
  messageRecipients,
  ticketIdTypes,
  actingAdmin,
  newsPublishedAt,
  requestSchema,
} as const;
type ShapeCall = { [K in keyof typeof SHAPES]: [K, ...Parameters<(typeof SHAPES)[K]>] }[keyof typeof SHAPES];

function shapeOf(call: ShapeCall): Shape {
  const [name, ...args] = call;
  return (SHAPES[name] as (...values: unknown[]) => Shape)(...args);
}

const shapeArbitrary: fc.Arbitrary<ShapeCall> = fc.oneof(
  fc.tuple(fc.constant("ticketSdk" as const), valueIndex, valueIndex, fc.nat({ max: 5 }), fc.boolean(), fc.boolean()),
  fc.tuple(fc.constant("ticketHttp" as const), fc.nat({ max: 2 }), valueIndex, valueIndex, fc.nat({ max: 5 })),
  fc.tuple(fc.constant("versionHeader" as const), fc.nat({ max: 5 })),
  fc.tuple(fc.constant("activityType" as const), fc.nat({ max: 5 }), fc.boolean(), fc.boolean()),
  fc.tuple(fc.constant("metadataRead" as const), fc.nat({ max: 7 })),
  fc.tuple(fc.constant("messageRecipients" as const), fc.nat({ max: 3 })),
  fc.tuple(fc.constant("ticketIdTypes" as const), fc.nat({ max: 1 })),
  fc.tuple(fc.constant("actingAdmin" as const), fc.nat({ max: 1 })),
  fc.tuple(fc.constant("newsPublishedAt" as const), fc.nat({ max: 2 })),
  fc.tuple(fc.constant("requestSchema" as const), fc.nat({ max: 2 })),
);

// ---------------------------------------------------------------------------------------------------------------
// Fillers: unrelated code. Every filler names something `filler…` / `Filler…`, and no shape does.

type Filler = (c: Context) => string | undefined;

const FILLERS: Filler[] = [
  (c) => `const fillerConfig${c.i} = { retries: 3, name: "svc", tags: ["a", "b"], nested: { deep: [1, 2, { x: null }] } };`,
  (c) => [`function fillerAdd${c.i}(${typed(c, "a", "number")}, ${typed(c, "b", "number")}) {`, `  return a + b * 2 - (a % 3);`, `}`].join("\n"),
  (c) =>
    [
      `class FillerBox${c.i} {`,
      `  constructor(${typed(c, "value", "number")}) {`,
      `    this.value = value;`,
      `  }`,
      `  get() {`,
      `    return this.value;`,
      `  }`,
      `}`,
    ]
      .join("\n")
      .replace(`class FillerBox${c.i} {`, c.ts ? `class FillerBox${c.i} {\n  value: number;` : `class FillerBox${c.i} {`),
  (c) => `const fillerRegex${c.i} = /a\\/b+[/*]/g;`,
  (c) => `const fillerTemplate${c.i} = \`x \${1 + 2} y\`;`,
  (c) =>
    [
      `let fillerCounter${c.i} = 0;`,
      `for (let fillerStep = 0; fillerStep < 3; fillerStep++) {`,
      `  if (fillerStep === 1) continue;`,
      `  fillerCounter${c.i} += fillerStep;`,
      `}`,
    ].join("\n"),
  (c) => [`const fillerObject${c.i} = {`, `  get size() {`, `    return 1;`, `  },`, `  ["fillerKey" + 1]: 2,`, `  ...{ spread: true },`, `};`].join("\n"),
  (c) => `const fillerFetch${c.i} = async (${typed(c, "url", "string")}) => (await fetch(url)).json();`,
  (c) => (c.ts ? [`interface FillerThing${c.i} {`, `  id: string;`, `  count?: number;`, `  tags: readonly string[];`, `}`].join("\n") : undefined),
  (c) => (c.ts ? `type FillerUnion${c.i} = "a" | "b" | { kind: "c"; list: Array<Record<string, number>> };` : undefined),
  (c) => (c.ts ? [`enum FillerEnum${c.i} {`, `  A = 1,`, `  B,`, `}`].join("\n") : undefined),
  (c) => (c.ts ? [`function fillerIdentity${c.i}<T>(value: T): T {`, `  return value as T;`, `}`].join("\n") : undefined),
  (c) => (c.ts ? `const fillerCast${c.i} = (JSON.parse("1") as unknown) as number;` : undefined),
  (c) =>
    c.jsx
      ? [
          `function FillerWidget${c.i}(${typed(c, "{ title }", "{ title: string }")}) {`,
          `  return <div className="w"><h1 title="t">{title}</h1><p>text here</p></div>;`,
          `}`,
        ].join("\n")
      : undefined,
];

// ---------------------------------------------------------------------------------------------------------------
// Programs: the plain one (shapes), the structural one (shapes and fillers), the decorated one.

interface Case {
  ext: Ext;
  /** Shapes and fillers in order. */
  units: Array<{ kind: "shape"; shape: ShapeCall; wrap: number } | { kind: "filler"; filler: number }>;
  crlf: boolean;
  bom: boolean;
  indent: string;
  /** Seeds the decoration's random choices. */
  seed: number;
  /** How often (in %) each kind of decoration is used; shrinking drives them to 0, leaving the kinds that matter. */
  density: { comments: number; breaks: number; spacing: number; parens: number; quotes: number };
}

const caseArbitrary: fc.Arbitrary<Case> = fc.record({
  ext: fc.constantFrom(...EXTENSIONS),
  units: fc
    .tuple(
      fc.array(fc.tuple(shapeArbitrary, fc.nat({ max: 5 })), { minLength: 1, maxLength: 5 }),
      fc.array(fc.tuple(fc.nat({ max: FILLERS.length - 1 }), fc.nat({ max: 5 })), { maxLength: 5 }),
    )
    .map(([shapes, fillers]) => {
      const units: Case["units"] = shapes.map(([shape, wrap]) => ({ kind: "shape" as const, shape, wrap }));
      for (const [filler, at] of fillers) units.splice(Math.min(at, units.length), 0, { kind: "filler", filler });
      return units;
    }),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  indent: fc.constantFrom("  ", "\t", "    ", " "),
  seed: fc.integer(),
  density: fc.record({
    comments: fc.nat({ max: 60 }),
    breaks: fc.nat({ max: 40 }),
    spacing: fc.nat({ max: 50 }),
    parens: fc.nat({ max: 30 }),
    quotes: fc.nat({ max: 100 }),
  }),
});

/** A small deterministic generator (mulberry32), so a case is reproduced from its seed. */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The shape inside other code: a block, a React component (JSX files), a namespace (TypeScript files), or as it is. */
function wrapped(code: string, wrap: number, c: Context): string {
  const indented = (text: string) =>
    text
      .split("\n")
      .map((line) => (line === "" ? line : `  ${line}`))
      .join("\n");
  const inner = (text: string) => indented(text.replace(/^export /gm, ""));
  switch (wrap) {
    case 1:
      return [`if (typeof window === "undefined") {`, inner(code), `}`].join("\n");
    case 2:
      if (!c.jsx) return code;
      return [
        `${exp(c)}function Panel${c.i}(${typed(c, "props", "{ title: string }")}) {`,
        inner(code),
        `  return <section className="panel" title={props.title}><h2>{props.title}</h2></section>;`,
        `}`,
      ].join("\n");
    case 3:
      if (!c.ts) return code;
      return [`namespace Area${c.i} {`, indented(code.replace(/^export /gm, "export ")), `}`].join("\n");
    default:
      return code;
  }
}

const PRELUDE: Record<Need, (c: Context) => string> = {
  "sdk-import": (c) => (c.esm ? `import { IntercomClient } from "intercom-client";` : `const { IntercomClient } = require("intercom-client");`),
  "sdk-namespace": (c) => (c.esm ? `import { Intercom } from "intercom-client";` : `const { Intercom } = require("intercom-client");`),
  axios: (c) => (c.esm ? `import axios from "axios";` : `const axios = require("axios");`),
  "sdk-client": () => `const client = new IntercomClient({ token: "secret" });`,
};

interface Built {
  /** Shapes only, as written. */
  plain: string;
  /** Shapes and fillers, as written. */
  structural: string;
  /** Where each shape unit sits: [structural start, plain start, length]. */
  shapeSpans: Array<[number, number, number]>;
  names: string[];
}

function build(testCase: Case): Built {
  const codes: Array<{ code: string; shape: boolean; name: string }> = [];
  const needs = new Set<Need>();
  testCase.units.forEach((unit, index) => {
    const c = contextFor(testCase.ext, index);
    if (unit.kind === "shape") {
      const built = shapeOf(unit.shape)(c);
      built.needs.forEach((need) => needs.add(need));
      codes.push({ code: wrapped(built.code, unit.wrap, c), shape: true, name: unit.shape.join(",") });
    } else {
      const code = FILLERS[unit.filler](c);
      if (code !== undefined) codes.push({ code, shape: false, name: "filler" });
    }
  });
  if (needs.has("sdk-client")) needs.add("sdk-import");
  const c = contextFor(testCase.ext, 99);
  const prelude = (["sdk-import", "sdk-namespace", "axios", "sdk-client"] as const).filter((need) => needs.has(need)).map((need) => PRELUDE[need](c));
  // The prelude is plain code too: it goes first, or after the first filler ("unrelated code before").
  const preludeUnit = { code: prelude.join("\n"), shape: true, name: "prelude" };
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-boolean-literal-compare -- codes may be empty: `undefined === false` is not `!undefined`
  if (prelude.length > 0) codes.splice(codes[0]?.shape === false ? 1 : 0, 0, preludeUnit);
  let plain = "";
  let structural = "";
  const shapeSpans: Built["shapeSpans"] = [];
  for (const { code, shape } of codes) {
    if (shape) {
      shapeSpans.push([structural.length, plain.length, code.length]);
      plain += code + "\n\n";
    }
    structural += code + "\n\n";
  }
  return { plain, structural, shapeSpans, names: codes.filter((code) => code.shape).map((code) => code.name) };
}

interface Token {
  start: number;
  end: number;
  label: string;
}

function tokensOf(ast: File): Token[] {
  const tokens = (ast as unknown as { tokens: Array<{ start: number; end: number; type: string | { label: string } }> }).tokens;
  return tokens
    .map((t) => ({ start: t.start, end: t.end, label: typeof t.type === "string" ? t.type : t.type.label }))
    .filter((t) => t.label !== "eof" && t.label !== "CommentBlock" && t.label !== "CommentLine");
}

const SKIPPED_KEYS = new Set(["start", "end", "loc", "range", "extra", "comments", "leadingComments", "trailingComments", "innerComments", "tokens", "errors"]);

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}

/** Every node with its parent and the key it sits under. */
function walk(root: Node, visit: (node: Node, parent: Node | undefined, key: string) => void): void {
  const stack: Array<[Node, Node | undefined, string]> = [[root, undefined, ""]];
  while (stack.length > 0) {
    const [node, parent, key] = stack.pop()!;
    visit(node, parent, key);
    for (const childKey of Object.keys(node)) {
      if (SKIPPED_KEYS.has(childKey)) continue;
      const value = (node as unknown as Record<string, unknown>)[childKey];
      if (Array.isArray(value)) for (const item of value) if (isNode(item)) stack.push([item, node, childKey]);
      if (isNode(value)) stack.push([value, node, childKey]);
    }
  }
}

const EXPRESSION_SLOTS: Record<string, string[]> = {
  CallExpression: ["callee", "arguments"],
  NewExpression: ["callee", "arguments"],
  MemberExpression: ["object"],
  OptionalMemberExpression: ["object"],
  OptionalCallExpression: ["callee", "arguments"],
  ObjectProperty: ["value"],
  ArrayExpression: ["elements"],
  VariableDeclarator: ["init"],
  AssignmentExpression: ["right"],
  BinaryExpression: ["left", "right"],
  LogicalExpression: ["left", "right"],
  ConditionalExpression: ["test", "consequent", "alternate"],
  UnaryExpression: ["argument"],
  AwaitExpression: ["argument"],
  ReturnStatement: ["argument"],
  ThrowStatement: ["argument"],
  IfStatement: ["test"],
  SwitchStatement: ["discriminant"],
  SwitchCase: ["test"],
  ExpressionStatement: ["expression"],
  TemplateLiteral: ["expressions"],
  JSXExpressionContainer: ["expression"],
  ArrowFunctionExpression: ["body"],
  SpreadElement: ["argument"],
  TSAsExpression: ["expression"],
  TSNonNullExpression: ["expression"],
};

const NOT_WRAPPABLE = new Set(["SpreadElement", "JSXEmptyExpression", "BlockStatement", "Super", "Import", "ObjectPattern", "ArrayPattern", "RestElement"]);

/** Expressions that can take extra parentheses without changing the program. */
function wrappable(node: Node, parent: Node | undefined, key: string): boolean {
  if (!parent || !EXPRESSION_SLOTS[parent.type]?.includes(key) || NOT_WRAPPABLE.has(node.type)) return false;
  if (parent.type === "ObjectProperty" && (parent.shorthand || !["ObjectExpression"].includes(parentTypeOf.get(parent) ?? ""))) return false;
  // Parentheses end an optional chain: `(a?.b).c` is not `a?.b.c`.
  if (
    (node.type === "OptionalMemberExpression" || node.type === "OptionalCallExpression") &&
    (parent.type === "OptionalMemberExpression" || parent.type === "OptionalCallExpression")
  )
    return false;
  return true;
}
const parentTypeOf = new WeakMap<Node, string>();

/** Where trivia may not change: JSX outside expression containers, template literals outside their expressions. */
function frozenRegions(ast: File): Array<{ start: number; end: number; frozen: boolean }> {
  const regions: Array<{ start: number; end: number; frozen: boolean }> = [];
  walk(ast, (node) => {
    if (node.type === "JSXElement" || node.type === "JSXFragment" || node.type === "TemplateLiteral")
      regions.push({ start: node.start!, end: node.end!, frozen: true });
    if (node.type === "JSXExpressionContainer") regions.push({ start: node.start! + 1, end: node.end! - 1, frozen: false });
    if (node.type === "TemplateLiteral") for (const e of node.expressions) regions.push({ start: e.start!, end: e.end!, frozen: false });
  });
  return regions;
}

/** After these a line break never changes the program (no ASI, no restricted production). */
const BREAK_AFTER = new Set([",", ";", "{", "(", "[", "=", "===", "!==", "==/!=/===/!==", "||", "&&", "??", "+/-", "+", ":", "=>", "${"]);
/** Before these a line break is fine unless the token before is a restricted keyword. */
const BREAK_BEFORE = new Set([")", "]", "}", ","]);
const RESTRICTED = new Set(["return", "throw", "break", "continue", "yield", "async", "get", "set", "static"]);
/** Punctuators that can touch their neighbours without becoming another token. */
const TIGHT = new Set([",", ";", "{", "}", "(", ")", "[", "]", ":"]);

interface Decorated {
  text: string;
  /** Token spans: [decorated start, structural start, length]. */
  spans: Array<[number, number, number]>;
  /** Comment markers placed in the text. */
  markers: string[];
}

function decorate(structural: string, testCase: Case): Decorated {
  // The engine's own parser options, with tokens (to place decoration between them).
  const ast = parse(structural, { ...parserOptions(`case${testCase.ext}`), tokens: true });
  walk(ast, (node, parent) => parent && parentTypeOf.set(node, parent.type));
  const tokens = tokensOf(ast);
  const regions = frozenRegions(ast);
  const random = randomFrom(testCase.seed);
  const choose = (n: number): number => Math.floor(random() * n);
  const chance = (percent: number): boolean => random() * 100 < percent;
  const { density } = testCase;
  // Extra parentheses and quote changes, decided node by node in source order.
  const opens = new Map<number, number>();
  const closes = new Map<number, number>();
  const singleQuoted = new Set<number>();
  const nodes: Array<[Node, Node | undefined, string]> = [];
  walk(ast, (node, parent, key) => nodes.push([node, parent, key]));
  nodes.sort((a, b) => a[0].start! - b[0].start! || b[0].end! - a[0].end!);
  for (const [node, parent, key] of nodes) {
    if (wrappable(node, parent, key) && chance(density.parens)) {
      const depth = 1 + choose(2);
      opens.set(node.start!, (opens.get(node.start!) ?? 0) + depth);
      closes.set(node.end!, (closes.get(node.end!) ?? 0) + depth);
    }
    if (node.type === "StringLiteral" && /^"[^"'\\]*"$/.test(structural.slice(node.start!, node.end!)) && chance(density.quotes)) singleQuoted.add(node.start!);
  }
  const newline = testCase.crlf ? "\r\n" : "\n";
  const markers: string[] = [];
  const marker = () => {
    const name = `c${markers.length}`;
    markers.push(name);
    return name;
  };
  const lineDepth = (offset: number) => {
    const lineStart = structural.lastIndexOf("\n", offset - 1) + 1;
    return Math.floor(/^ */.exec(structural.slice(lineStart))![0].length / 2);
  };
  const reindent = (ws: string) => ws.replace(/\n( *)/g, (_, spaces: string) => newline + testCase.indent.repeat(Math.floor(spaces.length / 2)));
  const blockComment = (multiline: boolean) => {
    const name = marker();
    const bodies = [`/*${name}*/`, `/** ${name} */`, `/* ${name} // not a line comment */`, `/* ${name} } ) , */`];
    if (multiline) bodies.push(`/* ${name}${newline} */`, `/**${newline} * ${name}${newline} */`);
    return bodies[choose(bodies.length)];
  };

  let text = testCase.bom ? "\uFEFF" : "";
  const spans: Decorated["spans"] = [];
  const gap = (ws: string, before: Token | undefined, after: Token | undefined, start: number, end: number): string => {
    const region = regions.filter((r) => r.start <= start && end <= r.end).sort((a, b) => a.end - a.start - (b.end - b.start))[0];
    if (!before || !after || region?.frozen) return reindent(ws);
    const breakable = BREAK_AFTER.has(before.label) || (BREAK_BEFORE.has(after.label) && !RESTRICTED.has(structural.slice(before.start, before.end)));
    const depth = lineDepth(start) + 1;
    const freshLine = () => newline + testCase.indent.repeat(depth);
    let space = reindent(ws);
    if (chance(density.spacing)) {
      const options = [ws.includes("\n") ? " " : space + "  ", "\t" + space, ws === "" || (TIGHT.has(before.label) && TIGHT.has(after.label)) ? "" : space];
      space = options[choose(options.length)];
    }
    if (breakable && chance(density.breaks)) space = choose(4) === 0 ? newline + freshLine() : freshLine();
    if (!chance(density.comments)) return space;
    const separator = space === "" ? "" : " ";
    switch (choose(4)) {
      case 0:
        return breakable ? `${separator}// ${marker()}${freshLine()}` : `${separator}${blockComment(false)}${separator}`;
      case 1:
        return `${space}${blockComment(breakable)}${separator}`;
      case 2:
        return `${separator}${blockComment(breakable)}${space}`;
      default:
        return `${space}${blockComment(false)} ${blockComment(breakable)}${separator}`;
    }
  };
  tokens.forEach((token, index) => {
    const previous = tokens[index - 1];
    const ws = structural.slice(previous ? previous.end : 0, token.start);
    text += gap(ws, previous, token, previous ? previous.end : 0, token.start);
    for (let n = opens.get(token.start) ?? 0; n > 0; n--) text += "(" + (chance(density.comments / 4) ? `/*${marker()}*/ ` : "");
    let tokenText = structural.slice(token.start, token.end);
    if (singleQuoted.has(token.start)) tokenText = `'${tokenText.slice(1, -1)}'`;
    spans.push([text.length, token.start, tokenText.length]);
    text += tokenText;
    for (let n = closes.get(token.end) ?? 0; n > 0; n--) text += (chance(density.comments / 4) ? ` /*${marker()}*/` : "") + ")";
  });
  const last = tokens[tokens.length - 1];
  text += reindent(structural.slice(last.end));
  return { text, spans, markers };
}

// ---------------------------------------------------------------------------------------------------------------
// Offsets of the decorated text back in the plain program.

interface Mapping {
  /** The plain offset of a decorated start offset (trivia before a token belongs to the token). */
  start(offset: number): number | undefined;
  /** The plain offset of a decorated end offset (trivia after a token belongs to the token). */
  end(offset: number): number | undefined;
}

function mapping(decorated: Decorated, built: Built): Mapping {
  const toPlain = (structuralOffset: number, isEnd: boolean): number | undefined => {
    for (const [sStart, pStart, length] of built.shapeSpans) {
      if (structuralOffset > sStart && structuralOffset < sStart + length) return structuralOffset - sStart + pStart;
      if (structuralOffset === sStart && !isEnd) return pStart;
      if (structuralOffset === sStart + length && isEnd) return pStart + length;
    }
    return undefined;
  };
  const spans = decorated.spans;
  return {
    start(offset) {
      const span = spans.find(([d, , length]) => offset < d + length);
      if (!span) return undefined;
      return toPlain(span[1] + Math.max(0, offset - span[0]), false);
    },
    end(offset) {
      const span = [...spans].reverse().find(([d]) => offset > d);
      if (!span) return undefined;
      return toPlain(span[1] + Math.min(span[2], offset - span[0]), true);
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Comparing programs: the same tree, whatever the trivia (comments, parentheses, quotes, layout).

function shape(node: unknown, text: string): unknown {
  if (Array.isArray(node)) return node.map((item) => shape(item, text));
  if (!isNode(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (SKIPPED_KEYS.has(key)) continue;
    if (node.type === "JSXText" && (key === "value" || key === "raw")) out[key] = String(value).replace(/\s+/g, " ").trim();
    else if (node.type === "Program" && key === "body")
      out[key] = (value as Node[]).filter((statement) => !/iller/.test(text.slice(statement.start!, statement.end!))).map((item) => shape(item, text));
    else out[key] = shape(value, text);
  }
  return out;
}

function treeOf(text: string, ext: Ext): unknown {
  const parsed = parseSource(text, `case${ext}`);
  if (!parsed.ok) throw new Error(`does not parse: ${parsed.error.message} at ${parsed.error.line}:${parsed.error.column}`);
  return shape(parsed.ast.program, text);
}

/**
 * Every byte outside the ranges the first pass's findings edit is unchanged. When the edits do not overlap (one pass
 * applies them all) the untouched stretches are checked at their exact shifted offsets; otherwise (later passes) in order.
 */
function expectUntouchedOutside(input: string, output: string, edits: readonly TextEdit[]): void {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const overlapping = sorted.some((edit, index) => index > 0 && edit.start < sorted[index - 1].end);
  if (!overlapping) {
    let cursor = 0;
    let shift = 0;
    for (const edit of sorted) {
      expect(output.slice(cursor + shift, edit.start + shift), `untouched text before offset ${edit.start}`).toBe(input.slice(cursor, edit.start));
      shift += edit.text.length - (edit.end - edit.start);
      cursor = edit.end;
    }
    expect(output.slice(cursor + shift), "untouched text after the last edit").toBe(input.slice(cursor));
    return;
  }
  const merged: Array<{ start: number; end: number }> = [];
  for (const { start, end } of sorted) {
    const last = merged[merged.length - 1];
    if (last && start < last.end) last.end = Math.max(last.end, end);
    else merged.push({ start, end });
  }
  const segments = [
    ...merged.map((range, index) => input.slice(index === 0 ? 0 : merged[index - 1].end, range.start)),
    input.slice(merged[merged.length - 1].end),
  ];
  expect(output.startsWith(segments[0]), "untouched text before the first edit").toBe(true);
  let at = segments[0].length;
  for (const segment of segments.slice(1)) {
    const found = output.indexOf(segment, at);
    expect(found, `untouched text between edits: ${JSON.stringify(segment)}`).toBeGreaterThanOrEqual(0);
    at = found + segment.length;
  }
  expect(output.endsWith(segments[segments.length - 1]), "untouched text after the last edit").toBe(true);
}

const describeFinding = (f: Finding, start: number | undefined, end: number | undefined) => `${f.ruleId} ${start}-${end} ${f.edits ? "fix" : "review"}`;

function checkCase(testCase: Case): void {
  const built = build(testCase);
  const decorated = decorate(built.structural, testCase);
  const file = `case${testCase.ext}`;
  try {
    checkDecorated(testCase, built, decorated, file);
  } catch (error) {
    // The counterexample is data; the program it stands for is what a person needs to see.
    (error as Error).message += `\n\nThe decorated program (${file}):\n${decorated.text}\n`;
    throw error;
  }
}

function checkDecorated(testCase: Case, built: Built, decorated: Decorated, file: string): void {
  // The generator's own sanity: every program parses, and every shape is found in the plain one.
  for (const text of [built.plain, built.structural, decorated.text]) {
    const parsed = parseSource(text, file);
    expect(parsed.ok, `generated program must parse:\n${text}\n${JSON.stringify(!parsed.ok && parsed.error)}`).toBe(true);
  }
  const plainFindings = newEngine().analyze(built.plain, file).findings;
  for (const [index, [, pStart, length]] of built.shapeSpans.entries()) {
    if (built.names[index] === "prelude") continue;
    expect(
      plainFindings.some((f) => f.start >= pStart && f.end <= pStart + length),
      `shape ${built.names[index]} is found in the plain program`,
    ).toBe(true);
  }

  // Findings: the same rules in the same order, at the same places of the plain program.
  const analysis = newEngine().analyze(decorated.text, file);
  expect(analysis.parseError, "decorated program: parse error").toBeUndefined();
  expect(analysis.internalErrors, "decorated program: internal errors").toEqual([]);
  const map = mapping(decorated, built);
  expect(
    analysis.findings.map((f) => describeFinding(f, map.start(f.start), map.end(f.end))),
    "findings as in the plain program",
  ).toEqual(plainFindings.map((f) => describeFinding(f, f.start, f.end)));

  // Fix: parses, changes nothing outside the edited ranges, leaves only review findings, and a second fix is a no-op.
  const fixed = newEngine().fix(decorated.text, file);
  expect(fixed.unsafe, "the fixes must produce a parsable file").toBeUndefined();
  expect(parseSource(fixed.output, file).ok, "the fixed file parses").toBe(true);
  expectUntouchedOutside(
    decorated.text,
    fixed.output,
    analysis.findings.flatMap((f) => f.edits ?? []),
  );
  const again = newEngine().fix(fixed.output, file);
  expect(again.output, "a second fix changes nothing").toBe(fixed.output);
  expect(
    describeFindings(
      newEngine()
        .analyze(fixed.output, file)
        .findings.filter((f) => f.edits),
    ),
    "check after fix: no fixable findings",
  ).toBe("");

  // The fixed program is the fixed plain program, give or take trivia and the fillers.
  const plainFixed = newEngine().fix(built.plain, file);
  expect(treeOf(fixed.output, testCase.ext), "the fixed program is the fixed plain program").toEqual(treeOf(plainFixed.output, testCase.ext));

  // Comments are kept: every marker placed in the decorated text is still there.
  const lost = decorated.markers.filter((name) => !new RegExp(`\\b${name}\\b`).test(fixed.output));
  expect(lost, "comments lost by the fix").toEqual([]);

  // Line endings and the BOM are kept.
  if (testCase.crlf) expect(fixed.output.replaceAll("\r\n", ""), "CRLF kept").not.toContain("\n");
  expect(fixed.output.startsWith("\uFEFF"), "BOM kept").toBe(testCase.bom);
}

describe("fix on the fixtures' shapes in random surroundings", () => {
  // PROPERTY_CASE='<counterexample JSON>' replays one case, printing its decorated program on failure.
  it.runIf(process.env.PROPERTY_CASE !== undefined)("replays PROPERTY_CASE", () => {
    const replayed = JSON.parse(process.env.PROPERTY_CASE!) as Case | [Case];
    checkCase(Array.isArray(replayed) ? replayed[0] : replayed);
  });

  it("has shapes for every rule: each rule finds something in the plain programs of the shapes", () => {
    const found = new Set<string>();
    const calls = fc.sample(shapeArbitrary, { numRuns: 400, seed: 1 });
    for (const ext of [".ts", ".js"] as const) {
      for (const call of calls) {
        const built = build({
          ext,
          units: [{ kind: "shape", shape: call, wrap: 0 }],
          crlf: false,
          bom: false,
          indent: "  ",
          seed: 0,
          density: { comments: 0, breaks: 0, spacing: 0, parens: 0, quotes: 0 },
        });
        for (const finding of newEngine().analyze(built.plain, `case${ext}`).findings) found.add(finding.ruleId);
      }
    }
    expect([...found].sort()).toEqual(RULES.map((rule) => rule.meta.id).sort());
  });

  it(
    `keeps its promises (${RUNS} runs)`,
    async () => {
      let runs = 0;
      await fc.assert(
        fc.asyncProperty(caseArbitrary, async (testCase) => {
          // Let the worker's event loop breathe now and then: a long run must not starve vitest's own messages.
          if (++runs % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
          checkCase(testCase);
        }),
        { numRuns: RUNS, seed: SEED, path: PATH },
      );
    },
    Math.max(60_000, RUNS * 200),
  );
});
