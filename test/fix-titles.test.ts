// Each fix says what it does, in its rule's own words: SARIF's fix descriptions and the summary of `fix`.
import type * as Sarif from "sarif";
import { describe, expect, it } from "vitest";
import { project, runCli } from "./support.js";

const SOURCE = `import { IntercomClient } from "intercom-client";
const client = new IntercomClient({ token: "t", version: "2.13" });
client.tickets.update({ ticket_id: "1", assignment: { admin_id: "12", assignee_id: 34 } });
client.messages.create({ message_type: "inapp", body: "x", from: { type: "admin", id: 1 }, to: { type: "user", id: "1" } });
client.messages.create({ message_type: "inapp", body: "y", from: { type: "admin", id: 1 }, to: { type: "user", id: "2" }, cc: { type: "user", id: "3" } });
`;

describe("fix titles", () => {
  it("describe each SARIF fix", () => {
    const dir = project({ "a.js": SOURCE });
    const log = JSON.parse(runCli(["check", "--format", "sarif"], dir).stdout) as Sarif.Log;
    const described = (log.runs[0].results ?? []).map((result) => [result.ruleId, result.fixes?.[0]?.description?.text]);
    expect(described).toEqual([
      ["intercom-version-header", "Pin Intercom-Version to 2.14"],
      ["ticket-update-assignment", "Lift `assignment` to top-level `admin_id`/`assignee_id`"],
      ["message-recipients-array", "Wrap `to` in an array"],
      ["message-recipients-array", "Wrap `to` in an array"],
      ["message-recipients-array", "Wrap `cc` in an array"],
    ]);
  });

  it("say in fix's summary what each rule's fixes did", () => {
    const dir = project({ "a.js": SOURCE });
    const lines = runCli(["fix", "--dry-run"], dir).stderr.split("\n");
    expect(lines.slice(0, 4)).toEqual([
      "Would change 1 file with 5 fixes.",
      "  intercom-version-header          1  Pin Intercom-Version to 2.14",
      "  message-recipients-array         3  Wrap `to` in an array (2); Wrap `cc` in an array",
      "  ticket-update-assignment         1  Lift `assignment` to top-level `admin_id`/`assignee_id`",
    ]);
  });
});
