// The project checks its own consistency: every rule has a doc, a row in the product table, fixtures; the rules
// index is current; the CLI's --help, --version and misspelt commands behave.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../rules/index.js";
import { ROOT, runCli, tempDir } from "./support.js";

const PRODUCT = path.join(ROOT, "..", "shared", "docs", "PRODUCT.md");

describe.each(RULES.map((rule) => rule.meta.id))("rule %s", (id) => {
  it("has a doc, fixtures that change something and fixtures that must not", () => {
    expect(existsSync(path.join(ROOT, "rules", `${id}.md`))).toBe(true);
    const cases = readdirSync(path.join(ROOT, "fixtures", id)).filter((name) => name.includes(".input."));
    expect(cases.some((name) => !name.startsWith("no-change-"))).toBe(true);
    expect(cases.some((name) => name.startsWith("no-change-"))).toBe(true);
  });

  it.skipIf(!existsSync(PRODUCT))("is in PRODUCT.md's rule tables (when ../shared is beside the clone)", () => {
    expect(readFileSync(PRODUCT, "utf8")).toContain(`| \`${id}\` |`);
  });
});

describe("rules/README.md", () => {
  it("is the index generated from the rule docs (npm run rules-index)", () => {
    const stale = spawnSync(process.execPath, [path.join(ROOT, "scripts", "build-rules-index.mjs"), "--check"], { encoding: "utf8" });
    expect(stale.stderr).toBe("");
    expect(stale.status).toBe(0);
    const index = readFileSync(path.join(ROOT, "rules", "README.md"), "utf8");
    for (const rule of RULES) expect(index).toContain(`[\`${rule.meta.id}\`](${rule.meta.id}.md)`);
  });
});

describe("the command line", () => {
  const dir = tempDir();
  const version = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).version;

  it("--version prints the package version", () => {
    expect(runCli(["--version"], dir)).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it("--help lists the commands, and each command's --help its options with examples", () => {
    const help = runCli(["--help"], dir);
    expect(help.code).toBe(0);
    for (const command of ["check", "fix", "lsp"]) expect(help.stdout).toContain(command);
    const fix = runCli(["fix", "--help"], dir);
    expect(fix.stdout).toContain("--dry-run");
    expect(fix.stdout).toContain("Examples:");
    expect(runCli(["check", "--help"], dir).stdout).toContain("intercom-migrate check . --format sarif");
  });

  it("a misspelt command or option suggests the nearest and exits 2", () => {
    expect(runCli(["chekc"], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining("(Did you mean check?)") });
    expect(runCli(["fix", "--dryrun"], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining("(Did you mean --dry-run?)") });
    expect(runCli([], dir).code).toBe(2);
  });
});
