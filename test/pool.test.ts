// The opt-in worker pool gives exactly the reports of the single engine, in the same order.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { run } from "../src/run/run.js";
import { tempDir } from "./support.js";

describe("check with INTERCOM_MIGRATE_WORKERS", () => {
  afterEach(() => {
    delete process.env.INTERCOM_MIGRATE_WORKERS;
  });

  it("spreads a large check over workers with the same results", async () => {
    const dir = tempDir();
    for (let i = 0; i < 2100; i++) {
      const folder = path.join(dir, `pkg-${i % 30}`);
      mkdirSync(folder, { recursive: true });
      const legacy = i % 300 === 0;
      writeFileSync(
        path.join(folder, `m${i}.js`),
        legacy
          ? `const { IntercomClient } = require("intercom-client");\nconst c = new IntercomClient({ version: "2.13" });\nc.tickets.update({ ticket_id: "${i}", assignment: { admin_id: "1", assignee_id: 2 } });\n`
          : `export const value${i} = ${i};\n`,
      );
    }
    const describeReports = (reports: Awaited<ReturnType<typeof run>>["reports"]) =>
      reports.flatMap((r) => r.findings.map((f) => `${path.relative(dir, r.filePath)}:${f.loc.start.line}:${f.loc.start.column} ${f.ruleId}`));
    const single = await run({ paths: ["."], cwd: dir, mode: "check", types: false });
    process.env.INTERCOM_MIGRATE_WORKERS = "2";
    const pooled = await run({ paths: ["."], cwd: dir, mode: "check", types: false });
    expect(pooled.reports.map((r) => r.filePath)).toEqual(single.reports.map((r) => r.filePath));
    expect(describeReports(pooled.reports)).toEqual(describeReports(single.reports));
    expect(describeReports(single.reports)).toHaveLength(14);
    expect(pooled.stats.parsed).toBe(single.stats.parsed);
  });
});
