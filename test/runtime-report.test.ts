// Closing the loop: an app runs with the runtime guard writing JSON Lines, then `intercom-migrate check
// --runtime-report` shows those sightings as findings at their call sites, in every output format, beside the static ones.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN } from "./support.js";
import { installedProject, recordingServer, runAsync, type RecordingServer } from "./runtime-support.js";

/** The CLI as a child process, without blocking this worker while it runs. */
const runCli = (args: string[], cwd: string) => runAsync(process.execPath, [BIN, ...args], { cwd });

/** A payload built from configuration: the static pass cannot know its shape. */
const SEND_JS = `export async function updateTicket(base, id, changes) {
  const body = { ...changes };
  return fetch(base + "/tickets/" + id, { method: "PUT", body: JSON.stringify(body) });
}
`;
const APP_JS = `import { updateTicket } from "./send.js";
const changes = JSON.parse(process.env.CHANGES);
for (let i = 0; i < 3; i++) await updateTicket(process.env.BASE, "1", changes);
// A static finding in the same project: a literal nested assignment.
export const literal = () => fetch("https://api.intercom.io/tickets/2", { method: "PUT", body: JSON.stringify({ assignment: { admin_id: "1" } }) });
`;

let server: RecordingServer;
let dir: string;
let report: string;
const CALL = { line: 3, column: 10 };

beforeAll(async () => {
  server = await recordingServer();
  dir = installedProject({ "package.json": '{ "type": "module" }\n', "src/send.js": SEND_JS, "src/app.js": APP_JS });
  report = path.join(dir, "intercom-runtime.jsonl");
  const run = await runAsync(process.execPath, ["--import", "intercom-migrate/runtime/register", "src/app.js"], {
    cwd: dir,
    env: {
      INTERCOM_MIGRATE_RUNTIME_HOSTS: server.origin,
      INTERCOM_MIGRATE_RUNTIME_REPORT: report,
      BASE: server.origin,
      CHANGES: '{"assignment":{"admin_id":"7","assignee_id":9}}',
    },
  });
  expect(run).toMatchObject({ code: 0, stderr: "" });
  expect(server.received).toHaveLength(3);
});
afterAll(() => server.close());

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string; severity: number; message: string; line: number; column: number }>;
}

describe("check --runtime-report", () => {
  it("json: the sighting is a finding at the call site, with the rule id and the count, beside the static findings", async () => {
    const run = await runCli(["check", "--format", "json", "--runtime-report", "intercom-runtime.jsonl", "src"], dir);
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout) as JsonResult[];
    const send = results.find((r) => r.filePath.endsWith("send.js"))!;
    expect(send.messages).toEqual([
      expect.objectContaining({
        ruleId: "ticket-update-assignment",
        severity: 2,
        line: CALL.line,
        column: CALL.column,
        message: expect.stringMatching(
          /^Ticket update nests `assignment: \{ admin_id, assignee_id \}`, which API 2\.14 rejects\. Seen at run time 3 times \(PUT \/tickets\/\{ticket_id\}\)\.$/,
        ),
      }),
    ]);
    const app = results.find((r) => r.filePath.endsWith("app.js"))!;
    expect(app.messages.map((m) => m.ruleId)).toEqual(["ticket-update-assignment"]);
    expect(run.stderr).not.toContain("--runtime-report");
  });

  it("stylish, sarif and github show it too", async () => {
    const stylish = await runCli(["check", "--runtime-report", "intercom-runtime.jsonl", "src"], dir);
    expect(stylish.stdout).toMatch(/3:10\s+error\s+Ticket update nests .* Seen at run time 3 times/);
    const sarif = JSON.parse((await runCli(["check", "--format", "sarif", "--runtime-report", "intercom-runtime.jsonl", "src"], dir)).stdout) as {
      runs: Array<{
        results: Array<{
          ruleId: string;
          message: { text: string };
          locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }>;
        }>;
      }>;
    };
    const seen = sarif.runs[0].results.find((r) => r.message.text.includes("Seen at run time"))!;
    expect(seen.ruleId).toBe("ticket-update-assignment");
    expect(seen.locations[0].physicalLocation).toMatchObject({
      artifactLocation: { uri: expect.stringContaining("send.js") },
      region: { startLine: 3, startColumn: 10 },
    });
    const github = await runCli(["check", "--format", "github", "--runtime-report", "intercom-runtime.jsonl", "src"], dir);
    expect(github.stdout).toMatch(/::error file=src\/send\.js,line=3,.*Seen at run time 3 times/);
  });

  it("places records written in another checkout (same layout under another folder)", async () => {
    const moved = readFileSync(report, "utf8").replaceAll(JSON.stringify(dir).slice(1, -1), "/srv/app");
    writeFileSync(path.join(dir, "moved.jsonl"), moved);
    const results = JSON.parse((await runCli(["check", "--format", "json", "--runtime-report", "moved.jsonl", "src"], dir)).stdout) as JsonResult[];
    expect(results.find((r) => r.filePath.endsWith("send.js"))!.messages).toHaveLength(1);
  });

  it("says what it could not place or read, and keeps to the run's rules", async () => {
    const lines = [
      readFileSync(report, "utf8").trim(),
      JSON.stringify({ ruleId: "message-recipients-array", message: "m", operation: "POST /messages", outcome: "reported", count: 2, cwd: dir }),
      JSON.stringify({
        ruleId: "ticket-update-assignment",
        message: "m",
        operation: "PUT /tickets/{ticket_id}",
        outcome: "reported",
        count: 1,
        file: "/elsewhere/x.js",
        line: 1,
        column: 1,
      }),
      "not json",
    ];
    writeFileSync(path.join(dir, "mixed.jsonl"), lines.join("\n") + "\n");
    const run = await runCli(["check", "--format", "json", "--rule", "ticket-update-assignment", "--runtime-report", "mixed.jsonl", "src"], dir);
    expect(run.stderr).toContain("--runtime-report: 1 line of mixed.jsonl is not runtime guard records; left out");
    expect(run.stderr).toContain("2 run-time sightings of rules this run does not include were left out");
    expect(run.stderr).toContain("1 run-time finding is outside the checked files:\n  /elsewhere/x.js:1:1 ticket-update-assignment (1×)");
    const missing = await runCli(["check", "--runtime-report", "nope.jsonl", "src"], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot read the runtime report");
  });
});
