// The jscodeshift transform, run by jscodeshift's own runner: byte-for-byte the same result as `fix`, leftovers reported.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli, tempCopy } from "./support.js";

const JSCODESHIFT = path.join(ROOT, "node_modules", "jscodeshift", "bin", "jscodeshift.js");

function runJscodeshift(args: string[], cwd: string) {
  return spawnSync(
    process.execPath,
    [JSCODESHIFT, "-t", path.join(ROOT, "jscodeshift.cjs"), "--no-babel", "--parser=tsx", "--extensions=ts,tsx,js,jsx,mjs,cjs", ...args],
    {
      cwd,
      encoding: "utf8",
      env: { ...process.env, BABEL_DISABLE_CACHE: "1" },
    },
  );
}

function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (name === "node_modules") continue;
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else files[path.relative(dir, full)] = readFileSync(full, "utf8");
    }
  };
  walk(dir);
  return files;
}

describe("jscodeshift transform", () => {
  it("gives byte-for-byte the same tree as intercom-migrate fix, and reports leftovers", () => {
    const viaJscodeshift = tempCopy(path.join(ROOT, "examples"));
    const viaFix = tempCopy(path.join(ROOT, "examples"));
    const run = runJscodeshift(["src"], viaJscodeshift);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("11 ok");
    expect(run.stdout).toMatch(/REP .*limit-report\.cjs 12:28 assignment-limit-activity-type: /);
    runCli(["fix"], viaFix);
    expect(snapshot(viaJscodeshift)).toEqual(snapshot(viaFix));
  });

  it("--dry writes nothing, and a second run changes nothing", () => {
    const dir = tempCopy(path.join(ROOT, "examples"));
    const before = snapshot(dir);
    expect(runJscodeshift(["--dry", "src"], dir).stdout).toContain("11 ok");
    expect(snapshot(dir)).toEqual(before);
    runJscodeshift(["src"], dir);
    const second = runJscodeshift(["src"], dir);
    expect(second.stdout).toContain("0 ok");
  });
});
