// One source of truth: random 2.13 payload literals, sent with fetch to the endpoints whose bodies changed in 2.14, are
// fixed by the static rules (`fixText`) and upgraded by the runtime guard (`upgradeBody`), and both must give the same
// JSON — same keys, same order, same values — and the same version pin when the guard upgrades the whole request.
//
// PROPERTY_RUNS=5000 npx vitest run test/runtime-property.test.ts   runs longer; a failure prints the seed and the case.
import vm from "node:vm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fixText } from "../src/index.js";
import { inspectRequest } from "../src/runtime/inspect.cjs";
import { upgradeBody, type ChangedOperation, type Json, type JsonObject } from "../src/runtime/payload-upgrades.cjs";

const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);
const SEED = process.env.PROPERTY_SEED === undefined ? undefined : Number(process.env.PROPERTY_SEED);

const ENDPOINTS: Record<ChangedOperation, { method: string; path: string }> = {
  "tickets.update": { method: "PUT", path: "/tickets/1" },
  "messages.create": { method: "POST", path: "/messages" },
  "news.items.create": { method: "POST", path: "/news/news_items" },
  "news.items.update": { method: "PUT", path: "/news/news_items/7" },
};

const NOW = Math.floor(Date.now() / 1000);
const DAY = 86_400;

/**
 * Keys no rule looks at, with small JSON values. No `__proto__` key at any depth: an object literal sets the prototype
 * with it, JSON.parse makes an own property, so the two are not the same payload to begin with.
 */
const extras = fc.dictionary(
  fc.constantFrom("custom", "note", "tags", "meta", "ticket_attributes", "open"),
  (fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>).filter((value) => !JSON.stringify(value).includes('"__proto__"')),
  { maxKeys: 2 },
);

/** Ids as 2.13 sent them (strings) and as 2.14 wants them (admin ids as integers). */
const adminId = fc.oneof(
  fc.integer({ min: 0, max: 2 ** 40 }).map(String),
  fc.tuple(fc.constantFrom("", " ", "0", "00"), fc.integer({ min: -99, max: 99_999 }), fc.constantFrom("", " ")).map(([pre, n, post]) => `${pre}${n}${post}`),
  fc.constantFrom("me", "12a", "", "1.5", "99999999999999999999"),
  fc.integer({ min: -5, max: 2 ** 40 }),
);
const assigneeId = fc.oneof(
  fc.integer({ min: -5, max: 2 ** 40 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e22, max: 1e22 }),
  fc.string({ maxLength: 6 }),
  fc.constant(null),
);

const assignment: fc.Arbitrary<Json> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ admin_id: adminId, assignee_id: assigneeId }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.record({ admin_id: adminId, team: fc.integer() }) },
  { weight: 1, arbitrary: fc.constantFrom<Json>("5", null, [], 7) },
);

const ticketUpdate = fc
  .record(
    { assignment, admin_id: adminId, assignee_id: assigneeId, ticket_state_id: fc.string({ maxLength: 4 }), is_shared: fc.boolean() },
    { requiredKeys: [] },
  )
  .chain((body) => extras.map((more) => ({ ...more, ...body })));

const recipient = fc.record({ type: fc.constantFrom("user", "lead"), id: fc.string({ maxLength: 8 }) });
const recipients: fc.Arbitrary<Json> = fc.oneof(recipient, fc.array(recipient, { maxLength: 2 }), fc.constantFrom<Json>("a@example.com", null, 3, true));
const messageCreate = fc
  .record(
    { message_type: fc.constantFrom("email", "inapp"), body: fc.string({ maxLength: 8 }), to: recipients, cc: recipients, bcc: recipients },
    { requiredKeys: ["message_type"] },
  )
  .map((body) => body as JsonObject);

const publishedAt: fc.Arbitrary<Json> = fc.oneof(
  fc.integer({ min: 1_000_000_000_000, max: (NOW - DAY) * 1000 }),
  fc.integer({ min: 0, max: NOW - DAY }),
  fc.integer({ min: NOW + DAY, max: 99_999_999_999 }),
  fc.integer({ min: (NOW + DAY) * 1000, max: 9_999_999_999_999 }),
  fc.constantFrom<Json>("1664638214", null, 1.5e12),
);
const newsfeedAssignment: fc.Arbitrary<Json> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ newsfeed_id: fc.integer({ min: 1, max: 99 }), published_at: publishedAt }, { requiredKeys: ["newsfeed_id"] }) },
  { weight: 1, arbitrary: fc.constantFrom<Json>(3, "x", null) },
);
const newsItem = fc
  .record(
    {
      title: fc.string({ maxLength: 8 }),
      newsfeed_assignments: fc.oneof(fc.array(newsfeedAssignment, { maxLength: 3 }), fc.constant<Json>({ newsfeed_id: 1 })),
    },
    { requiredKeys: [] },
  )
  .map((body) => body as JsonObject);

const payloads: Record<ChangedOperation, fc.Arbitrary<JsonObject>> = {
  "tickets.update": ticketUpdate,
  "messages.create": messageCreate,
  "news.items.create": newsItem,
  "news.items.update": newsItem,
};

const actingAdminId = fc.option(fc.integer({ min: 1, max: 2 ** 31 }), { nil: undefined });

/** The static fix of `fetch(<endpoint>, { …, body: JSON.stringify(<literal>) })`: the fixed literal's JSON and version pin. */
function staticFix(operation: ChangedOperation, body: JsonObject, actingAdmin: number | undefined): { body: string; version: string } {
  const { method, path } = ENDPOINTS[operation];
  const text = `fetch("https://api.intercom.io${path}", { method: "${method}", headers: { "Intercom-Version": "2.13" }, body: JSON.stringify(${JSON.stringify(body)}) });\n`;
  const settings = actingAdmin === undefined ? {} : { ticketUpdates: { actingAdminId: actingAdmin } };
  const { output, parseError } = fixText({ text, filePath: "/project/src/send.js" }, { settings });
  expect(parseError).toBeUndefined();
  const literal = output.slice(output.indexOf("JSON.stringify(") + "JSON.stringify(".length, output.lastIndexOf(") });"));
  const version = /"Intercom-Version": "([^"]*)"/.exec(output)![1];
  return { body: JSON.stringify(vm.runInNewContext(`(${literal})`)), version };
}

describe("the runtime upgrade and the static fix agree", () => {
  it.each(Object.keys(ENDPOINTS) as ChangedOperation[])("%s", (operation) => {
    fc.assert(
      fc.property(payloads[operation], actingAdminId, (payload, actingAdmin) => {
        const fixed = staticFix(operation, payload, actingAdmin);
        const upgraded = upgradeBody(operation, JSON.parse(JSON.stringify(payload)) as JsonObject, { actingAdminId: actingAdmin });
        expect(JSON.stringify(upgraded.body)).toBe(fixed.body);
        // In flight, the whole request: the same body, with the version pin the static fix writes.
        const { method, path } = ENDPOINTS[operation];
        const inspection = inspectRequest(
          { method, url: `https://api.intercom.io${path}`, headers: { "Intercom-Version": "2.13" }, body: JSON.stringify(payload) },
          { actingAdminId: actingAdmin },
        );
        if (inspection.upgrade) {
          expect(inspection.upgrade.body?.text ?? JSON.stringify(payload)).toBe(fixed.body);
          expect(inspection.upgrade.headers["Intercom-Version"]).toBe(fixed.version);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
