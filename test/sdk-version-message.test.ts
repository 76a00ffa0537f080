// The SDK review message names the intercom-client the project has installed, or no version: never one it lacks.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { project, runCli } from "./support.js";

const SDK_CALL = [
  `import { IntercomClient } from "intercom-client";`,
  `const client = new IntercomClient({ token: "t" });`,
  `export const welcome = (user: { id: string }) => client.messages.create({ message_type: "inapp", body: "Hi", from: { type: "admin", id: 1 }, to: { type: "user", id: user.id } });`,
  ``,
].join("\n");

function recipientMessages(dir: string): string[] {
  const result = runCli(["check", "--format", "json", "--no-types", "."], dir);
  const reports = JSON.parse(result.stdout) as { messages: { ruleId: string; message: string; line: number; column: number }[] }[];
  return reports.flatMap((r) => r.messages.filter((m) => m.ruleId === "message-recipients-array").map((m) => `${m.line}:${m.column} ${m.message}`));
}

describe("message-recipients-array's SDK review message", () => {
  it("names the version installed in the nearest node_modules (6.x here)", () => {
    const dir = project({ "package.json": `{ "name": "app", "dependencies": { "intercom-client": "^6.4.0" } }`, "src/welcome.ts": SDK_CALL });
    mkdirSync(path.join(dir, "node_modules", "intercom-client"), { recursive: true });
    writeFileSync(path.join(dir, "node_modules", "intercom-client", "package.json"), `{ "name": "intercom-client", "version": "6.4.0" }`);
    const [message, ...rest] = recipientMessages(dir);
    expect(rest).toEqual([]);
    expect(message).toMatch(/^3:\d+ Message `to` may be a single recipient; .*intercom-client 6\.4\.0's request types still declare a single recipient/);
    expect(message).not.toContain("7.0.3");
  });

  it("names no version when none is installed", () => {
    const dir = project({ "package.json": `{ "name": "app", "dependencies": { "intercom-client": "^6.4.0" } }`, "src/welcome.ts": SDK_CALL });
    const [message, ...rest] = recipientMessages(dir);
    expect(rest).toEqual([]);
    expect(message).toContain("This is an SDK call in a TypeScript file, and intercom-client's request types still declare a single recipient");
    expect(message).not.toMatch(/intercom-client \d/);
  });
});
