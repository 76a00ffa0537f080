// Never silent: the summary line of a human-format run, the note when type-aware mode is on, the progress bar, plurals.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../src/frontends/cli.js";
import { runProgress, wantsProgress } from "../src/frontends/progress-bar.js";
import { plural } from "../src/formats/plural.js";
import { ROOT, project, runCli, tempCopy } from "./support.js";

const TIME = String.raw`\d+\.\d\d s`;
const LEGACY = `fetch("https://api.intercom.io/tickets/1", { method: "PUT", headers: { "Intercom-Version": "2.13" } });\n`;

describe("the summary line on stderr (human formats)", () => {
  it("a clean run says it found nothing, in how many files, and how long it took", () => {
    const run = runCli(["check", "."], project({ "a.js": "const a = 1;\n", "b.ts": "export const b = 2;\n" }));
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(new RegExp(`^intercom-migrate: no 2\\.13 shapes in 2 files checked — ${TIME}\\n$`));
  });

  it("one file, one problem: singular", () => {
    const run = runCli(["check", "."], project({ "a.js": LEGACY }));
    expect(run.stderr).toMatch(new RegExp(`^intercom-migrate: 1 problem in 1 file checked — ${TIME}\\n$`));
  });

  it("the example app: every problem counted, in how many of the files", () => {
    const run = runCli(["check", "."], tempCopy(path.join(ROOT, "examples")));
    expect(run.stderr).toMatch(new RegExp(`^intercom-migrate: 26 problems in 12 files checked — ${TIME}\\n$`));
  });

  it("skipped files are counted by reason and named", () => {
    const dir = project({ "a.js": "const a = 1;\n", "b.js": LEGACY, "big.js": `// ${"x".repeat(2 * 1024 * 1024)}\n` });
    const run = runCli(["check", "--max-file-size", "1", "."], dir);
    expect(run.stderr).toMatch(
      new RegExp(
        `^intercom-migrate: 1 problem in 1 of 2 files checked \\(1 more skipped: 1 too large\\) — ${TIME}\\n  skipped big\\.js: skipped: 2\\.0 MB is over the 1\\.0 MB limit \\(--max-file-size\\)\\n$`,
      ),
    );
  });

  it("fix says how many files were written and what is left", () => {
    const dir = project({ "a.js": LEGACY, "b.js": LEGACY, "c.js": "const c = 3;\n" });
    const run = runCli(["fix", "--allow-dirty", "."], dir);
    expect(run.stderr).toMatch(new RegExp(`intercom-migrate: 2 files were written; no 2\\.13 shapes left in 3 files checked — ${TIME}\\n$`));
    const dry = runCli(["fix", "--dry-run", "."], project({ "a.js": LEGACY }));
    expect(dry.stderr).toMatch(new RegExp(`intercom-migrate: 1 file would be written; no 2\\.13 shapes left in 1 file checked — ${TIME}\\n$`));
  });

  it("machine formats keep stderr free of the summary", () => {
    const run = runCli(["check", "--format", "json", "."], project({ "a.js": LEGACY }));
    expect(run.stderr).toBe("");
  });

  it("--max-warnings: 1 warning, singular", () => {
    const run = runCli(
      ["check", "--max-warnings", "0", "."],
      project({ "a.js": `fetch("https://api.intercom.io/me", { headers: { "Intercom-Version": "2.13" } });\n` }),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("intercom-migrate: 1 warning, more than --max-warnings 0\n");
  });
});

describe("type-aware mode says it is on, why, what it cost, and how to turn it off", () => {
  const CASE = path.join("cases", "sdk-types-single-recipient");
  const dir = () => path.join(tempCopy(path.join(ROOT, "fixtures", "type-aware")), CASE);

  it("on by itself (a tsconfig.json found)", () => {
    const run = runCli(["check", "src"], dir());
    expect(run.stderr).toMatch(
      new RegExp(
        `^intercom-migrate: type-aware mode was on \\(found tsconfig\\.json\\): TypeScript's type checker took ${TIME} of this ${TIME} run, ` +
          `and can make a run ~10× slower on a large project; --no-types turns it off, -p <tsconfig> names the one to use\\.\\n`,
      ),
    );
  });

  it("named with -p; nothing said with --no-types", () => {
    const where = dir();
    expect(runCli(["check", "-p", "tsconfig.json", "src"], where).stderr).toMatch(
      /^intercom-migrate: type-aware mode was on \(-p tsconfig\.json\): .*--no-types turns it off\.\n/,
    );
    expect(runCli(["check", "--no-types", "src"], where).stderr).not.toContain("type-aware");
  });
});

describe("progress", () => {
  it("a bar only on a terminal, not in CI, not with --no-progress", () => {
    expect(wantsProgress(undefined, { isTTY: true }, {})).toBe(true);
    expect(wantsProgress(false, { isTTY: true }, {})).toBe(false);
    expect(wantsProgress(undefined, { isTTY: false }, {})).toBe(false);
    expect(wantsProgress(undefined, {}, {})).toBe(false);
    expect(wantsProgress(undefined, { isTTY: true }, { CI: "true" })).toBe(false);
  });

  it("the bar shows files done of the total, the rate and the time left, and is cleared at the end", () => {
    let written = "";
    let clock = 0;
    const stream = Object.assign(Object.create(process.stderr) as NodeJS.WriteStream, {
      isTTY: true,
      columns: 120,
      write: (chunk: string) => ((written += chunk), true),
    });
    const bar = runProgress({ stream, delayMs: 100, now: () => clock });
    bar.start(40);
    bar.tick();
    expect(written).toBe(""); // a short run shows nothing
    clock = 2000;
    for (let i = 0; i < 9; i++) bar.tick();
    bar.done();
    // eslint-disable-next-line no-control-regex -- the bar's cursor moves are terminal escapes
    const frames = written.split(/\u001b(?:\[[0-9;?]*[A-Za-z]|7|8)/).filter((frame) => frame.trim() !== "");
    expect(frames[0]).toMatch(/^intercom-migrate [█░]+ 2\/40 files \| 1 files\/s \| ETA /);
    expect(frames.at(-1)).toMatch(/^intercom-migrate [█░]+ 10\/40 files \| 5 files\/s \| ETA /);
    // Cleared at the end: the last thing written erases the line, so what follows starts clean.
    expect(written.endsWith("\u001b[1G\u001b[2K")).toBe(true);
  });

  it("--no-progress is accepted by every command", () => {
    const program = buildProgram({ stdout: () => {}, stderr: () => {}, cwd: ROOT }, () => {});
    const missing = program.commands.filter((command) => !command.options.some((option) => option.long === "--no-progress")).map((c) => c.name());
    expect(program.commands.map((command) => command.name())).toEqual(["check", "fix", "stats", "lsp"]);
    expect(missing).toEqual([]);
  });
});

describe("plural", () => {
  it("says 1 file, 2 files, 0 fixes", () => {
    expect([plural(1, "file"), plural(2, "file"), plural(0, "fix", "fixes")]).toEqual(["1 file", "2 files", "0 fixes"]);
  });
});
