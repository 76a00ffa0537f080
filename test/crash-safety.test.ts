// Crash safety: `fix` killed with SIGKILL at any moment leaves every file either as it was or fully fixed, never half-written.
//
// A tree of small files (each with 2.13 shapes) and a few big ones is fixed by the CLI as a child process, which is
// killed partway: as soon as the first write shows in the folder, a little after it, or after a random delay. Every
// source file must then be byte-identical to its original or to the fully fixed version (computed in-process with
// Engine.fix); temp files that write-file-atomic leaves behind are not sources and are never treated as such.
// CRASH_KILLS=10 runs more kills.
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, watch, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, newEngine, runCli, tempDir } from "./support.js";

const SMALL_FILES = 400;
const BIG_FILES = 4;
const KILLS = Number(process.env.CRASH_KILLS ?? 3);
const SOURCE = /\.(js|jsx|mjs|cjs|ts|tsx|mts|cts)$/;
/** write-file-atomic writes `<file>.<number>` next to the file, then renames it over the file. */
const ATOMIC_TEMP = /\.(js|jsx|mjs|cjs|ts|tsx|mts|cts)\.\d+$/;

/** Files with 2.13 shapes: a version pin, a ticket update, an activity type, a metadata read, a message. */
function smallFile(index: number): { name: string; text: string } {
  const ext = [".js", ".ts", ".mjs", ".tsx"][index % 4];
  const typed = ext.includes("ts") ? ": string" : "";
  const lines = [
    `// Generated case ${index}.`,
    `import { IntercomClient } from "intercom-client";`,
    ``,
    `const client = new IntercomClient({ token: "t${index}", version: "2.13" });`,
    ``,
    `export async function reassign${index}(ticketId${typed}, adminId${typed}) {`,
    `  await client.tickets.update({`,
    `    ticket_id: ticketId,`,
    `    assignment: { admin_id: "${index + 100}", assignee_id: ${index + 200} },`,
    `  });`,
    `}`,
    ``,
    `export function describe${index}(log${ext.includes("ts") ? ": { activity_type: string; metadata: { assignment_limit: number } }" : ""}) {`,
    `  switch (log.activity_type) {`,
    `    case "admin_assignment_limit_change":`,
    `      return \`limit \${log.metadata.assignment_limit}\`;`,
    `    default:`,
    `      return "other";`,
    `  }`,
    `}`,
    ``,
  ];
  return { name: `case-${String(index).padStart(3, "0")}${ext}`, text: lines.join(index % 3 === 0 ? "\r\n" : "\n") };
}

/** A big file: many functions, each with a ticket update and an activity-type comparison. */
function bigFile(index: number): { name: string; text: string } {
  const parts = [`import axios from "axios";`, ``];
  for (let i = 0; i < 1500; i++) {
    parts.push(
      `export async function update${i}(ticketId) {`,
      `  const { data } = await axios.put("https://api.intercom.io/tickets/" + ticketId, { assignment: { admin_id: "${i}", assignee_id: ${i} } });`,
      `  return data.activity_type === "admin_assignment_limit_change";`,
      `}`,
      ``,
    );
  }
  return { name: `big-${index}.js`, text: parts.join("\n") };
}

interface Tree {
  dir: string;
  /** Relative path → [original, fully fixed]. */
  files: Map<string, [string, string]>;
}

function buildTree(): Tree {
  const dir = tempDir();
  const files = new Map<string, [string, string]>();
  const engine = newEngine();
  const add = (relative: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    writeFileSync(path.join(dir, relative), text);
    const fixed = engine.fix(text, path.join(dir, relative)).output;
    expect(fixed, `${relative} has something to fix`).not.toBe(text);
    files.set(relative, [text, fixed]);
  };
  for (let i = 0; i < SMALL_FILES; i++) {
    const { name, text } = smallFile(i);
    add(path.join("src", name), text);
  }
  for (let i = 0; i < BIG_FILES; i++) {
    const { name, text } = bigFile(i);
    add(path.join("big", name), text);
  }
  return { dir, files };
}

function listFiles(dir: string, prefix = ""): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(dir, path.join(prefix, entry.name)) : [path.join(prefix, entry.name)],
  );
}

/**
 * When to kill: at the first change in the folder (a temp file appearing), a few milliseconds after it, or a fraction
 * of the way through the writes (as long as they took in an uninterrupted run) after it. (Fixes are all computed
 * before the first write, so a kill before it would only ever find untouched files.)
 */
type KillAt = { kind: "first-write" } | { kind: "after-first-write"; ms: number } | { kind: "into-writes"; fraction: number };

interface Timing {
  /** Milliseconds from the start to the first change in the folder, and to the end of the run. */
  firstWrite: number;
  end: number;
}

/** Run `fix` on the folder and SIGKILL it at the chosen moment (or never); resolves once it has exited. */
function fixAndKill(dir: string, killAt: KillAt | undefined, timing?: Timing): Promise<{ killed: boolean; firstWrite?: number; end: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let firstWrite: number | undefined;
    const child = spawn(process.execPath, [BIN, "fix", "."], { cwd: dir, stdio: "ignore" });
    let timer: NodeJS.Timeout | undefined;
    const kill = () => child.kill("SIGKILL");
    const watchers = ["src", "big"].map((folder) =>
      watch(path.join(dir, folder), () => {
        firstWrite ??= Date.now() - started;
        if (killAt?.kind === "first-write") kill();
        else if (killAt?.kind === "after-first-write" && !timer) timer = setTimeout(kill, killAt.ms);
        else if (killAt?.kind === "into-writes" && timing && !timer) timer = setTimeout(kill, killAt.fraction * (timing.end - timing.firstWrite));
      }),
    );
    child.on("error", reject);
    child.on("exit", (_code, signal) => {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
      resolve({ killed: signal === "SIGKILL", firstWrite, end: Date.now() - started });
    });
  });
}

describe("fix killed with SIGKILL partway", () => {
  let tree: Tree;
  let timing: Timing;
  beforeAll(async () => {
    tree = buildTree();
    // An uninterrupted run: it fixes every file as Engine.fix does, and times the writes for the kills below.
    const dir = tempDir();
    cpSync(tree.dir, dir, { recursive: true });
    const run = await fixAndKill(dir, undefined);
    for (const [relative, [, after]] of tree.files) expect(readFileSync(path.join(dir, relative), "utf8"), relative).toBe(after);
    expect(listFiles(dir).length).toBe(tree.files.size);
    timing = { firstWrite: run.firstWrite!, end: run.end };
    console.log(`uninterrupted fix: first write after ${timing.firstWrite} ms, done after ${timing.end} ms`);
  }, 180_000);
  const killMoments: KillAt[] = [{ kind: "first-write" }, { kind: "after-first-write", ms: 5 + Math.floor(Math.random() * 40) }];
  for (let i = killMoments.length; i < KILLS; i++) killMoments.push({ kind: "into-writes", fraction: Math.round(Math.random() * 100) / 100 });

  it.each(killMoments.map((killAt) => [JSON.stringify(killAt), killAt] as const))(
    "leaves every file as it was or fully fixed (kill at %s)",
    async (_label, killAt) => {
      const dir = tempDir();
      cpSync(tree.dir, dir, { recursive: true });
      const { killed } = await fixAndKill(dir, killAt, timing);

      let original = 0;
      let fixed = 0;
      for (const [relative, [before, after]] of tree.files) {
        const now = readFileSync(path.join(dir, relative), "utf8");
        if (now === before) original++;
        else if (now === after) fixed++;
        else expect.fail(`${relative} is neither the original nor the fixed file (${now.length} bytes; ${before.length} before, ${after.length} fixed)`);
      }
      // Anything else in the folder is a temp file of an interrupted atomic write, never a source.
      const strays = listFiles(dir).filter((relative) => !tree.files.has(relative));
      for (const stray of strays) expect(stray).toMatch(ATOMIC_TEMP);
      if (killAt.kind === "first-write") expect(killed, "the kill landed while fix was writing").toBe(true);
      console.log(
        `kill at ${JSON.stringify(killAt)}: ${killed ? "killed" : "finished first"}; ${fixed} fixed, ${original} untouched, ${strays.length} temp file(s) left`,
      );

      // A full run afterwards finishes the job, and never takes a leftover temp file for a source.
      const rerun = runCli(["fix", ".", "--format", "json"], dir);
      expect(rerun.code, rerun.stderr).not.toBe(2);
      const reported = (JSON.parse(rerun.stdout) as Array<{ filePath: string }>).map((result) => path.relative(dir, result.filePath));
      expect(reported.filter((file) => !SOURCE.test(file))).toEqual([]);
      for (const [relative, [, after]] of tree.files) expect(readFileSync(path.join(dir, relative), "utf8"), relative).toBe(after);
    },
    120_000,
  );
});
