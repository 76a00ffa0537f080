// The ESLint plugin: RuleTester cases with exact messages, positions and output; the same findings as `check` on every fixture.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import tsParser from "@typescript-eslint/parser";
import { Linter, RuleTester } from "eslint";
import { afterAll, describe, expect, it } from "vitest";
import { ticketUpdateAssignment } from "../rules/ticket-update-assignment.js";
import { actions as activityActions, assignmentLimitActivityType } from "../rules/assignment-limit-activity-type.js";
import { actions as recipientActions, messageRecipientsArray } from "../rules/message-recipients-array.js";
import { renderMessage } from "../src/core/messages.js";
import plugin from "../src/frontends/eslint-plugin.js";
import { ROOT, newEngine } from "./support.js";

/** The intercom-client this repository has installed: the SDK review message names it (ESLint runs from ROOT). */
const INSTALLED_SDK = (JSON.parse(readFileSync(path.join(ROOT, "node_modules", "intercom-client", "package.json"), "utf8")) as { version: string }).version;

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;
(RuleTester as unknown as { afterAll: typeof afterAll }).afterAll = afterAll;

const jsTester = new RuleTester({ languageOptions: { ecmaVersion: "latest", sourceType: "module" } });
const tsTester = new RuleTester({ languageOptions: { parser: tsParser, sourceType: "module" } });

const SDK = `import { IntercomClient } from "intercom-client";\nconst client = new IntercomClient({ token: "t" });\n`;

jsTester.run("ticket-update-assignment (espree)", plugin.rules["ticket-update-assignment"], {
  valid: [
    { code: SDK + `client.tickets.create({ assignment: { admin_assignee_id: "1", team_assignee_id: "2" } });` },
    { code: SDK + `client.tickets.update({ ticket_id: "1", admin_id: 1, assignee_id: "2" });` },
    { code: `import axios from "axios";\naxios.put("https://acme.zendesk.com/api/v2/tickets/1", { assignment: { admin_id: "1", assignee_id: "2" } });` },
  ],
  invalid: [
    {
      code: SDK + `client.tickets.update({ ticket_id: "1", assignment: { admin_id: "12", assignee_id: 34 } });`,
      errors: [{ message: ticketUpdateAssignment.meta.messages.nested, line: 3, column: 41, endLine: 3, endColumn: 88 }],
      output: SDK + `client.tickets.update({ ticket_id: "1", admin_id: 12, assignee_id: "34" });`,
    },
  ],
});

tsTester.run("assignment-limit-activity-type (@typescript-eslint/parser)", plugin.rules["assignment-limit-activity-type"], {
  valid: [{ code: `const t: string[] = ["team_assignment_limit_change"];`, filename: "a.ts" }],
  invalid: [
    {
      code: `export const isLimit = (t: string) => t === "admin_assignment_limit_change";`,
      filename: "a.ts",
      errors: [{ message: assignmentLimitActivityType.meta.messages.split, line: 1, column: 45 }],
      output: `export const isLimit = (t: string) => t === "admin_conversation_assignment_limit_change" || t === "admin_ticket_assignment_limit_change";`,
    },
    {
      code: `type Watched = "admin_away_mode_change" | "admin_assignment_limit_change";`,
      filename: "a.ts",
      errors: [
        {
          message: `${assignmentLimitActivityType.meta.messages.typeUnion} ${activityActions.review}`,
          line: 1,
          column: 43,
          suggestions: [
            {
              desc: "Replace with admin_conversation_assignment_limit_change",
              output: `type Watched = "admin_away_mode_change" | "admin_conversation_assignment_limit_change";`,
            },
            {
              desc: "Replace with admin_ticket_assignment_limit_change",
              output: `type Watched = "admin_away_mode_change" | "admin_ticket_assignment_limit_change";`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

tsTester.run("message-recipients-array (@typescript-eslint/parser)", plugin.rules["message-recipients-array"], {
  valid: [
    {
      code: SDK + `client.messages.create({ message_type: "inapp", body: "x", from: { type: "admin", id: 1 }, to: [{ type: "user", id: "1" }] });`,
      filename: "a.ts",
    },
  ],
  invalid: [
    {
      code: SDK + `client.messages.create({ to: { type: "user", id: "1" } });`,
      filename: "a.ts",
      errors: [
        {
          message: `${renderMessage(messageRecipientsArray.meta.messages.sdkTypes, { key: "to", sdk: `intercom-client ${INSTALLED_SDK}` })} ${recipientActions.review}`,
          line: 3,
          column: 26,
          suggestions: [
            {
              desc: "Wrap `to` in an array (your SDK's types must accept an array)",
              output: SDK + `client.messages.create({ to: [{ type: "user", id: "1" }] });`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      code: SDK + `client.messages.create({ to: { type: "user", id: "1" } });`,
      filename: "a.js",
      errors: [{ message: renderMessage(messageRecipientsArray.meta.messages.single, { key: "to" }), line: 3, column: 26 }],
      output: SDK + `client.messages.create({ to: [{ type: "user", id: "1" }] });`,
    },
  ],
});

describe("the plugin", () => {
  it("has the flat-config shape and a recommended config with every rule", () => {
    expect(plugin.meta.name).toBe("intercom-migrate");
    // Every documented rule, derived from the docs (rules/<id>.md), not from a list kept here.
    const documented = readdirSync(path.join(ROOT, "rules"))
      .filter((name) => name.endsWith(".md") && name !== "README.md")
      .map((name) => name.slice(0, -3));
    expect(Object.keys(plugin.rules).sort()).toEqual(documented.sort());
    const [recommended] = plugin.configs.recommended as [{ plugins: Record<string, unknown>; rules: Record<string, string> }];
    expect(recommended.plugins["intercom-migrate"]).toBe(plugin);
    expect(recommended.rules["intercom-migrate/ticket-update-assignment"]).toBe("error");
    expect(recommended.rules["intercom-migrate/message-recipients-array"]).toBe("warn");
    for (const [id, rule] of Object.entries(plugin.rules)) expect(rule.meta?.docs?.url).toMatch(new RegExp(`/rules/${id}\\.md$`));
  });

  it("hands ESLint each rule's own messages by id, with variants for the review action and test doubles", () => {
    const code = [
      `import nock from "nock";`,
      SDK.trimEnd(),
      `const LIMIT_CHANGE = "admin_assignment_limit_change";`,
      `client.tickets.update({ ticket_id: "1", assignment: { admin_id: "12", assignee_id: 34 } });`,
      `nock("https://api.intercom.io").put("/tickets/1", { assignment: { admin_id: "1", assignee_id: "2" } }).reply(200);`,
      `nock("https://api.intercom.io").put("/tickets/2", { assignment: assignmentFor(2) }).reply(200);`,
      ``,
    ].join("\n");
    const filename = path.join(ROOT, "test", "a.test.js");
    const config = [
      ...(plugin.configs.recommended as Linter.Config[]),
      { files: ["**/*.js"], languageOptions: { ecmaVersion: "latest" as const, sourceType: "module" as const } },
    ];
    const messages = new Linter({ configType: "flat" }).verify(code, config, { filename });
    expect(messages.map((m) => [m.ruleId, m.messageId, m.line])).toEqual([
      ["intercom-migrate/assignment-limit-activity-type", "constantReview", 4],
      ["intercom-migrate/ticket-update-assignment", "nested", 5],
      ["intercom-migrate/ticket-update-assignment", "nestedInTest", 6],
      ["intercom-migrate/ticket-update-assignment", "notLiteralInTestReview", 7],
    ]);
    // The text ESLint shows is the engine's message, with the action after it.
    const findings = newEngine().analyze(code, filename).findings;
    expect(messages.map((m) => m.message)).toEqual(findings.map((f) => (f.action ? `${f.message} ${f.action}` : f.message)));
    const meta = plugin.rules["ticket-update-assignment"].meta!;
    expect(meta.messages?.nested).toBe(ticketUpdateAssignment.meta.messages.nested);
    expect(meta.messages?.nestedReview).toBe(`${ticketUpdateAssignment.meta.messages.nested} {{ action }}`);
  });

  it("reports the same findings as check on every fixture (rule, line, column)", () => {
    const linter = new Linter({ configType: "flat" });
    const engine = newEngine();
    const fixtures = path.join(ROOT, "fixtures");
    let compared = 0;
    for (const rule of readdirSync(fixtures)) {
      if (rule === "type-aware" || rule.includes(".")) continue;
      for (const name of readdirSync(path.join(fixtures, rule))) {
        if (!name.includes(".input.")) continue;
        const file = path.join(fixtures, rule, name);
        const text = readFileSync(file, "utf8");
        const typescript = /\.[cm]?tsx?$/.test(name);
        const config = [
          ...(plugin.configs.recommended as Linter.Config[]),
          {
            files: ["**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}"],
            languageOptions: {
              ecmaVersion: "latest" as const,
              sourceType: name.endsWith(".cjs") ? ("commonjs" as const) : ("module" as const),
              ...(typescript ? { parser: tsParser } : { parserOptions: { ecmaFeatures: { jsx: true } } }),
            },
          },
        ];
        const eslintFindings = linter.verify(text, config, { filename: file }).map((m) => `${m.ruleId} ${m.line}:${m.column}${m.fatal ? " " + m.message : ""}`);
        const engineFindings = engine.analyze(text, file).findings.map((f) => `intercom-migrate/${f.ruleId} ${f.loc.start.line}:${f.loc.start.column}`);
        expect(eslintFindings, name).toEqual(engineFindings);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(80);
  });
});
