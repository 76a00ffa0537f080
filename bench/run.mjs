// `npm run bench`: intercom-migrate against the read-all-files floor and ast-grep running the same five rules as
// YAML (bench/peers/ast-grep), on real code (our own node_modules) and a generated monorepo at 1×, 2× and 4×, with
// peak memory beside every time; checks that `check` still reports the saved findings (bench/findings.mjs); appends
// the type-aware and ESLint-overhead sections (bench/types.mjs, bench/eslint-overhead.mjs) when they exist; writes
// bench/RESULTS.md. Env: BENCH_RUNS (default 5), BENCH_DIR (default a temp folder), BENCH_SCALES (default 1,2,4),
// BENCH_SLOW_PEERS=1 (also jscodeshift and ESLint with our plugin, at 1×: minutes per run), BENCH_SKIP_PEERS=1
// (only floor and check), BENCH_UPDATE_FINDINGS=1 (save the current findings as the expected ones).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildCorpora } from "./corpus.mjs";
import { checkFindings, findingLines } from "./findings.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const WORK = process.env.BENCH_DIR ?? path.join(os.tmpdir(), "intercom-migrate-bench");
const SCALES = (process.env.BENCH_SCALES ?? "1,2,4").split(",").map(Number);
const NODE = process.execPath;
const BIN = path.join(ROOT, "bin", "intercom-migrate.js");
const EXTENSIONS = "js,jsx,mjs,cjs,ts,tsx,mts,cts";
const PEERS = path.join(ROOT, "bench", "peers");

/** One timed run: wall seconds, CPU seconds (user + system) and peak resident memory (GNU time), and what it printed. */
function measure(command, args, cwd) {
  const result = spawnSync("/usr/bin/time", ["-f", "%e %M %U %S", command, ...args], { cwd, encoding: "utf8", maxBuffer: 1 << 30 });
  const line = result.stderr.trim().split("\n").pop();
  const [seconds, kb, user, system] = line.split(" ").map(Number);
  if (!Number.isFinite(seconds)) throw new Error(`could not time ${command} ${args.join(" ")}:\n${result.stderr.slice(-2000)}`);
  return { seconds, cpu: user + system, mb: kb / 1024, stdout: result.stdout };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function series(label, command, args, cwd = ROOT, count = RUNS) {
  measure(command, args, cwd); // warm the file cache; not counted
  const runs = Array.from({ length: count }, () => measure(command, args, cwd));
  const result = {
    label,
    seconds: median(runs.map((r) => r.seconds)),
    cpu: median(runs.map((r) => r.cpu)),
    mb: Math.max(...runs.map((r) => r.mb)),
    runs: runs.map((r) => r.seconds),
    stdout: runs.at(-1).stdout,
  };
  process.stderr.write(`  ${label}: median ${result.seconds.toFixed(3)} s (cpu ${result.cpu.toFixed(2)} s), peak ${result.mb.toFixed(0)} MB\n`);
  return result;
}

/** The ast-grep binary of bench/peers, installed from its lock file when missing. */
function astGrep() {
  const bin = path.join(PEERS, "node_modules", "@ast-grep", "cli", "ast-grep");
  if (!existsSync(bin)) execFileSync("npm", ["ci", "--prefix", PEERS, "--no-audit", "--no-fund"], { stdio: ["ignore", "ignore", "inherit"] });
  return bin;
}

function tools(dir, { astGrepBin, astGrepRuns, slowPeers }) {
  const floor = series("floor: walk + read every file", NODE, [path.join(ROOT, "bench", "floor.mjs"), dir]);
  const out = path.join(WORK, "out.json");
  const check = series("intercom-migrate check", NODE, [BIN, "check", dir, "--no-types", "--format", "json", "--output-file", out]);
  const rows = { floor, check, findings: findingLines(out, dir) };
  if (astGrepBin) {
    rows.astGrep = series(
      "ast-grep scan (five rules as YAML)",
      astGrepBin,
      ["scan", "--config", path.join(PEERS, "ast-grep", "sgconfig.yml"), "--json=compact", dir],
      ROOT,
      astGrepRuns,
    );
    rows.astGrepFindings = JSON.parse(rows.astGrep.stdout).length;
  }
  if (slowPeers) {
    rows.jscodeshift = series("jscodeshift (conventional transform)", NODE, [
      path.join(ROOT, "node_modules", "jscodeshift", "bin", "jscodeshift.js"),
      "--no-babel",
      "--dry",
      "--silent",
      "--parser=tsx",
      `--extensions=${EXTENSIONS}`,
      "-t",
      path.join(ROOT, "bench", "jscodeshift-peer.cjs"),
      dir,
    ]);
    // Run from the corpus folder: ESLint ignores files outside its base path.
    rows.eslint = series(
      "ESLint + intercom-migrate plugin",
      NODE,
      [
        path.join(ROOT, "node_modules", "eslint", "bin", "eslint.js"),
        "--config",
        path.join(ROOT, "bench", "eslint.config.mjs"),
        "--no-warn-ignored",
        "--format",
        "json",
        "--output-file",
        path.join(WORK, "eslint.json"),
        ".",
      ],
      dir,
    );
  }
  return rows;
}

/** The editor path: re-checking one changed 2,000-line file in a running engine (as the language server does). */
async function editorPath() {
  const { Engine } = await import(path.join(ROOT, "dist", "src", "core", "engine.js"));
  const { RULES } = await import(path.join(ROOT, "dist", "rules", "index.js"));
  const engine = new Engine({ rules: RULES });
  const head = `import { IntercomClient } from "intercom-client";\nconst client = new IntercomClient({ token: "t", version: "2.13" });\n`;
  const measureFile = (text, edit) => {
    const times = [];
    for (let i = 0; i < 60; i++) {
      const changed = edit(text, i); // a keystroke's worth of change
      const start = process.hrtime.bigint();
      engine.analyze(changed, "/editor/open-file.ts");
      if (i >= 10) times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    return { lines: text.split("\n").length, ms: median(times) };
  };
  // Typical: one ticket update with a 2.13 shape among ordinary code.
  const ordinary = Array.from({ length: 499 }, (_, i) => `export function total${i}(x: number, y: number) {\n  return x * ${i} + y;\n}\n\n`).join("");
  const typical = measureFile(head + `client.tickets.update({ ticket_id: "1", assignment: { admin_id: "1", assignee_id: 2 } });\n` + ordinary, (t, i) =>
    t.replace(`x * ${i} +`, `x * ${i + 1} +`),
  );
  // Dense: 500 ticket updates with 2.13 shapes, 1,000 findings to build each time.
  const dense = measureFile(
    head +
      Array.from(
        { length: 499 },
        (_, i) =>
          `export function f${i}(id: string) {\n  return client.tickets.update({ ticket_id: id, assignment: { admin_id: "${i}", assignee_id: ${i} } });\n}\n\n`,
      ).join(""),
    (t, i) => t.replace(`admin_id: "${i}"`, `admin_id: "${i + 1}"`),
  );
  return { typical, dense };
}

function machine() {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
}

const fmt = (n, digits = 2) => n.toFixed(digits);

/** The sections other bench modules add (bench/types.mjs, bench/eslint-overhead.mjs), when they are there. */
async function extraSections() {
  const sections = [];
  for (const name of ["types.mjs", "eslint-overhead.mjs"]) {
    const file = path.join(ROOT, "bench", name);
    if (!existsSync(file)) continue;
    process.stderr.write(`bench/${name}\n`);
    const { run } = await import(pathToFileURL(file).href);
    const { markdown } = await run({ root: ROOT, work: path.join(WORK, name.replace(/\.mjs$/, "")), runs: RUNS });
    sections.push(markdown.trim());
  }
  return sections;
}

const mb = (row) => (row ? `${fmt(row.seconds)} s (cpu ${fmt(row.cpu)} s, ${fmt(row.mb, 0)} MB)` : "–");

async function main() {
  const loadAtStart = os.loadavg()[0];
  execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "ignore" });
  mkdirSync(WORK, { recursive: true });
  const astGrepBin = process.env.BENCH_SKIP_PEERS ? undefined : astGrep();
  const results = [];
  const findingProblems = [];
  for (const scale of SCALES) {
    const out = path.join(WORK, `x${scale}`);
    process.stderr.write(`building corpora ×${scale} in ${out}\n`);
    const sizes = buildCorpora(out, scale);
    const corpora = [
      ["node-modules", "node_modules (real code)", path.join(out, "node-modules-corpus"), sizes.nodeModules],
      ["monorepo", "generated monorepo (1 in 200 legacy)", path.join(out, "monorepo"), sizes.monorepo],
    ];
    for (const [key, name, dir, size] of corpora) {
      process.stderr.write(`${name} ×${scale}: ${size.files} files, ${(size.bytes / 2 ** 20).toFixed(1)} MB\n`);
      // jscodeshift and ESLint cost minutes per run: measured at 1× only, and only when asked for.
      // ast-grep takes tens of seconds per run on the larger corpora: one timed run (after the warm-up) above 1×.
      const rows = tools(dir, { astGrepBin, astGrepRuns: scale === 1 ? RUNS : 1, slowPeers: scale === 1 && process.env.BENCH_SLOW_PEERS === "1" });
      const findings = checkFindings(`${key}-x${scale}`, rows.findings);
      if (!findings.same) {
        findingProblems.push(findings.problem);
        process.stderr.write(findings.problem + "\n");
      }
      let typed;
      if (scale === 1 && key === "monorepo") {
        writeFileSync(
          path.join(dir, "tsconfig.json"),
          JSON.stringify({ compilerOptions: { strict: true, noEmit: true, allowJs: false }, include: ["packages"] }),
        );
        typed = series("intercom-migrate check, type-aware (--project)", NODE, [
          BIN,
          "check",
          dir,
          "--project",
          path.join(dir, "tsconfig.json"),
          "--format",
          "json",
          "--output-file",
          path.join(WORK, "out-typed.json"),
        ]);
      }
      results.push({ name, scale, size, rows, typed, findings });
    }
  }
  const editor = await editorPath();
  const extra = await extraSections();

  const lines = ["# intercom-migrate benchmark", ""];
  const load = `Load average (1 min) ${fmt(loadAtStart)} at the start, ${fmt(os.loadavg()[0])} at the end: other work shares the machine when it is over its cores, and wall times then stretch (cpu times much less).`;
  lines.push(
    `Machine: ${machine()}. Median of ${RUNS} runs each (after one warm-up run), whole processes; cpu = median user + system time (all threads), peak = largest max RSS of those runs (GNU time). ${load} ` +
      "The floor is Node walking the folder and reading every JS/TS file (bench/floor.mjs); `check` runs with `--no-types --format json`; " +
      "ast-grep runs `scan` with the five main rules written as YAML (bench/peers/ast-grep), with its default threads; " +
      "above 1× it is timed once (after the warm-up run), its runs taking tens of seconds there.",
    "",
  );
  lines.push("## Against the floor and ast-grep", "");
  lines.push("Goals (issue 21): check / floor ≤ 1.5× and ast-grep / check ≥ 10× on both corpora at every size.", "");
  lines.push(
    "| corpus | scale | files | MB | floor wall (cpu, peak) | check wall (cpu, peak) | ast-grep wall (cpu, peak) | check / floor | ast-grep / check | goals met |",
  );
  lines.push("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
  for (const r of results) {
    const { floor, check, astGrep: sg } = r.rows;
    const overFloor = check.seconds / floor.seconds;
    const overCheck = sg ? sg.seconds / check.seconds : undefined;
    const met = [overFloor <= 1.5 ? "floor ✔" : "floor ✘", overCheck === undefined ? "" : overCheck >= 10 ? "ast-grep ✔" : "ast-grep ✘"]
      .filter(Boolean)
      .join(", ");
    lines.push(
      `| ${r.name} | ${r.scale}× | ${r.size.files} | ${fmt(r.size.bytes / 2 ** 20, 1)} | ${mb(floor)} | ${mb(check)} | ${mb(sg)} | ` +
        `**${fmt(overFloor)}×** | ${overCheck === undefined ? "–" : `**${fmt(overCheck, 1)}×**`} | ${met} |`,
    );
  }
  lines.push("", "## Findings", "");
  lines.push("`check`'s findings on each corpus, compared with the saved ones in bench/expected-findings/ (path, line, column, rule, message):", "");
  lines.push("| corpus | scale | check findings | same as expected | ast-grep matches |", "|---|---:|---:|---|---:|");
  for (const r of results) {
    const same = r.findings.saved ? "saved as the expected findings" : r.findings.same ? "yes" : "**NO**";
    lines.push(`| ${r.name} | ${r.scale}× | ${r.findings.count} | ${same} | ${r.rows.astGrepFindings ?? "–"} |`);
  }
  const slow = results.filter((r) => r.rows.jscodeshift);
  if (slow.length > 0) {
    lines.push("", "## Slow peers (1×, BENCH_SLOW_PEERS=1)", "");
    lines.push(
      "| corpus | check (peak) | jscodeshift (peak) | ESLint + plugin (peak) | jscodeshift / check | ESLint / check |",
      "|---|---:|---:|---:|---:|---:|",
    );
    for (const r of slow) {
      const { check, jscodeshift, eslint } = r.rows;
      lines.push(
        `| ${r.name} | ${mb(check)} | ${mb(jscodeshift)} | ${mb(eslint)} | ${fmt(jscodeshift.seconds / check.seconds, 1)}× | ${fmt(eslint.seconds / check.seconds, 1)}× |`,
      );
    }
  } else {
    lines.push("", "jscodeshift and ESLint with the plugin (minutes per run) are measured only with BENCH_SLOW_PEERS=1; not in this run.");
  }
  const typed = results.find((r) => r.typed);
  if (typed) {
    lines.push("", "## Type-aware mode on the generated monorepo", "");
    lines.push(
      `Generated monorepo (1×, ${typed.size.files} files, a tsconfig covering all of them): plain check ${mb(typed.rows.check)}, type-aware check ${mb(typed.typed)} (${fmt(typed.typed.seconds / typed.rows.check.seconds, 1)}×).`,
    );
  }
  lines.push("", "## Editor path", "");
  lines.push(
    `Re-checking one changed file in a running engine (as the language server does), median of 50 runs: a typical ${editor.typical.lines}-line TypeScript file ` +
      `(one 2.13 shape among ordinary code) **${fmt(editor.typical.ms, 1)} ms**; a dense ${editor.dense.lines}-line file (499 ticket updates with 2.13 shapes) **${fmt(editor.dense.ms, 1)} ms** (goal: < 20 ms).`,
  );
  for (const section of extra) lines.push("", section);
  if (findingProblems.length > 0) lines.push("", "## FINDINGS CHANGED", "", "```", ...findingProblems, "```");
  const text = lines.join("\n") + "\n";
  writeFileSync(path.join(ROOT, "bench", "RESULTS.md"), text);
  process.stdout.write(text);
  if (findingProblems.length > 0) process.exitCode = 1;
}

await main();
