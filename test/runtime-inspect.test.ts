// The runtime guard's inspection of one request, without I/O: findings under the static rules' ids and severities,
// the 2.14 request (sent only whole), Intercom hosts, bodies read without being consumed.
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { RULES } from "../rules/index.js";
import { configuredOrigins, intercomUrlTest } from "../src/runtime/intercom-hosts.cjs";
import { inspectRequest, readBody, type OutgoingRequest } from "../src/runtime/inspect.cjs";
import { RULE_SEVERITY } from "../src/runtime/payload-upgrades.cjs";

const API = "https://api.intercom.io";

function inspect(method: string, path: string, body: unknown, headers: Record<string, string> = {}, settings = {}) {
  const request: OutgoingRequest = { method, url: API + path, headers, body: typeof body === "string" || body === undefined ? body : JSON.stringify(body) };
  const inspection = inspectRequest(request, settings);
  return {
    ...inspection,
    rules: inspection.findings.map((f) => `${f.ruleId}${f.upgradable ? "" : " (review)"}`),
    body: inspection.upgrade?.body?.json,
  };
}

describe("rules", () => {
  it("use the static rules' ids and severities", () => {
    for (const [id, severity] of Object.entries(RULE_SEVERITY)) {
      expect(RULES.find((rule) => rule.meta.id === id)?.meta.severity, id).toBe(severity);
    }
  });

  it("ticket-update-assignment: lifts the nested object in place, ids converted", () => {
    const result = inspect("PUT", "/tickets/123", { open: true, assignment: { admin_id: "991267816", assignee_id: 8 }, is_shared: false });
    expect(result.rules).toEqual(["ticket-update-assignment"]);
    expect(result.operation).toBe("PUT /tickets/{ticket_id}");
    expect(JSON.stringify(result.body)).toBe('{"open":true,"admin_id":991267816,"assignee_id":"8","is_shared":false}');
    // A request without a version pin gets the 2.14 one with its 2.14 body.
    expect(result.upgrade?.headers).toEqual({ "Intercom-Version": "2.14" });
  });

  it("ticket-update-assignment: what a person decides is reported, and the request is not upgraded", () => {
    for (const assignment of [{ admin_id: "me" }, { admin_id: "1", team: 2 }, {}, "1", null]) {
      const result = inspect("PUT", "/tickets/1", { assignment });
      expect(result.rules, JSON.stringify(assignment)).toEqual(["ticket-update-assignment (review)"]);
      expect(result.upgrade).toBeUndefined();
    }
    const conflict = inspect("PUT", "/tickets/1", { admin_id: 5, assignment: { assignee_id: "2" } });
    expect(conflict.rules).toEqual(["ticket-update-assignment (review)"]);
  });

  it("ticket-update-admin-id-type and ticket-update-acting-admin", () => {
    expect(inspect("PUT", "/tickets/1", { admin_id: " 12 ", assignee_id: 7 }).body).toEqual({ admin_id: 12, assignee_id: "7" });
    expect(inspect("PUT", "/tickets/1", { admin_id: "abc", assignee_id: "7" }).rules).toEqual(["ticket-update-admin-id-type (review)"]);
    const unnamed = inspect("PUT", "/tickets/1", { assignment: { assignee_id: 7 } });
    expect(unnamed.rules).toEqual(["ticket-update-assignment", "ticket-update-acting-admin (review)"]);
    expect(unnamed.body).toEqual({ assignee_id: "7" });
    const named = inspect("PUT", "/tickets/1", { open: true, assignee_id: "7" }, {}, { actingAdminId: 42 });
    expect(JSON.stringify(named.body)).toBe('{"open":true,"admin_id":42,"assignee_id":"7"}');
  });

  it("message-recipients-array: single recipients become arrays; strings, arrays and null stay", () => {
    const result = inspect("POST", "/messages", {
      message_type: "email",
      to: { type: "user", id: "1" },
      cc: [{ type: "user", id: "2" }],
      bcc: { type: "lead", id: "3" },
    });
    expect(result.rules).toEqual(["message-recipients-array", "message-recipients-array"]);
    expect(result.body).toMatchObject({ to: [{ type: "user", id: "1" }], cc: [{ type: "user", id: "2" }], bcc: [{ type: "lead", id: "3" }] });
    expect(inspect("POST", "/messages", { to: 5 }).rules).toContain("message-recipients-array (review)");
    expect(inspect("POST", "/messages", { to: null, cc: "a@example.com" }).rules).toEqual([]);
  });

  it("news-published-at: milliseconds become seconds; future dates are reported", () => {
    const result = inspect("POST", "/news/news_items", {
      title: "t",
      newsfeed_assignments: [
        { newsfeed_id: 1, published_at: 1664638214000 },
        { newsfeed_id: 2, published_at: 1664638214 },
      ],
    });
    expect(result.rules).toEqual(["news-published-at"]);
    expect(result.body).toMatchObject({ newsfeed_assignments: [{ published_at: 1664638214 }, { published_at: 1664638214 }] });
    const future = inspect("PUT", "/news/news_items/5", {
      newsfeed_assignments: [
        { newsfeed_id: 1, published_at: 4102444800 },
        { newsfeed_id: 2, published_at: 1664638214000 },
      ],
    });
    expect(future.rules).toEqual(["news-published-at (review)", "news-published-at"]);
    // An error-level finding no upgrade can fix: the request goes out as it was, nothing half-upgraded.
    expect(future.upgrade).toBeUndefined();
  });

  it("intercom-version-header: 2.13 moves to 2.14 under the name the request used; older pins are reported only", () => {
    const pinned = inspect("GET", "/contacts", undefined, { "intercom-version": "2.13" });
    expect(pinned.rules).toEqual(["intercom-version-header"]);
    expect(pinned.upgrade).toEqual({ headers: { "intercom-version": "2.14" } });
    const older = inspect("PUT", "/tickets/1", { assignment: { admin_id: "1" } }, { "Intercom-Version": "2.11" });
    expect(older.rules).toEqual(["ticket-update-assignment", "intercom-version-header (review)"]);
    expect(older.upgrade).toBeUndefined();
    expect(inspect("GET", "/contacts", undefined, { "Intercom-Version": "Unstable" }).rules).toEqual([]);
  });

  it("request-schema: unknown body properties with a did-you-mean, none for what a dedicated rule judges", () => {
    const result = inspect("POST", "/messages", {
      message_type: "email",
      body: "Hi",
      create_conversation_without_contact_repy: true,
      to: [{ type: "user", id: "1", emial: "x" }],
    });
    expect(result.findings.map((f) => f.message)).toEqual([
      "`create_conversation_without_contact_repy` is not a property of the request body in API 2.14 (did you mean `create_conversation_without_contact_reply`?).",
      "`emial` is not a property of `to[]` in API 2.14.",
    ]);
    expect(inspect("PUT", "/tickets/1", { assignment: { admin_id: "1" } }).rules).toEqual(["ticket-update-assignment"]);
    expect(inspect("PUT", "/conversations/1", { read: true, company_id: "c", custom_attributes: { anything: 1 } }).rules).toEqual([]);
  });

  it("never flags the 2.14 shapes nor look-alikes of other operations", () => {
    expect(
      inspect("POST", "/tickets", { ticket_type_id: "1", contacts: [{ id: "a" }], assignment: { admin_assignee_id: "1", team_assignee_id: "8" } }).rules,
    ).toEqual([]);
    expect(inspect("POST", "/conversations/1/parts", { message_type: "assignment", type: "admin", admin_id: "12", assignee_id: "34" }).rules).toEqual([]);
    expect(inspect("PUT", "/tickets/1", { admin_id: 12, assignee_id: "34" }).rules).toEqual([]);
    expect(inspect("POST", "/conversations/1/reply", { message_type: "comment", type: "admin", admin_id: "1", body: "x" }).rules).toEqual([]);
  });
});

describe("bodies", () => {
  it("reads JSON text, bytes of JSON and plain objects; leaves streams, forms and other text unread", () => {
    expect(readBody('{"a":1}')).toEqual({ kind: "json", value: { a: 1 } });
    expect(readBody(new TextEncoder().encode('{"a":1}'))).toEqual({ kind: "json", value: { a: 1 } });
    expect(readBody({ a: new Date(0) })).toEqual({ kind: "json", value: { a: "1970-01-01T00:00:00.000Z" } });
    const stream = Readable.from(['{"a":1}']);
    expect(readBody(stream)).toEqual({ kind: "unread" });
    expect(stream.readableDidRead).toBe(false);
    expect(readBody(new FormData())).toEqual({ kind: "unread" });
    expect(readBody(new URLSearchParams("a=1"))).toEqual({ kind: "unread" });
    expect(readBody("a=1&b=2")).toEqual({ kind: "unread" });
    expect(readBody("{not json")).toEqual({ kind: "unread" });
    expect(readBody(undefined)).toEqual({ kind: "none" });
  });

  it("a body it cannot read keeps the version pin too: an unseen 2.13 body must not go out as 2.14", () => {
    const result = inspectRequest({ method: "POST", url: `${API}/contacts`, headers: { "Intercom-Version": "2.13" }, body: Readable.from(["{}"]) });
    expect(result.findings.map((f) => f.ruleId)).toEqual(["intercom-version-header"]);
    expect(result.upgrade).toBeUndefined();
  });
});

describe("hosts", () => {
  it("the API hosts (US, EU, AU) and configured origins, nothing else", () => {
    const test = intercomUrlTest(configuredOrigins(["http://127.0.0.1:4010", "intercom.internal"]).origins);
    for (const url of [
      `${API}/tickets/1`,
      "https://api.eu.intercom.io/messages",
      "https://API.AU.INTERCOM.IO",
      "http://127.0.0.1:4010/tickets/1",
      "https://intercom.internal/x?y",
    ]) {
      expect(test(url), url).toBe(true);
    }
    for (const url of [
      "https://api.intercom.io.evil.com/x",
      "https://example.com/?u=https://api.intercom.io",
      "http://127.0.0.1:40100/x",
      "http://intercom.internal/x",
      "https://app.intercom.com/a",
    ]) {
      expect(test(url), url).toBe(false);
    }
    expect(configuredOrigins(["", " http://[::1]:9/ ", "http://"]).origins).toEqual(["http://[::1]:9"]);
    expect(configuredOrigins(["http://"]).invalid).toEqual(["http://"]);
  });
});
