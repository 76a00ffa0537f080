// `npm run bench`: intercom-migrate against the read-all-files floor, a conventional jscodeshift codemod and
// ESLint with our plugin, on real code (our own node_modules) and a generated monorepo; writes bench/RESULTS.md.
// Env: BENCH_RUNS (default 5), BENCH_DIR (default a temp folder), BENCH_SKIP_PEERS=1 (only floor and check).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildCorpora } from "./corpus.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const WORK = process.env.BENCH_DIR ?? path.join(os.tmpdir(), "intercom-migrate-bench");
const NODE = process.execPath;
const BIN = path.join(ROOT, "bin", "intercom-migrate.js");
const EXTENSIONS = "js,jsx,mjs,cjs,ts,tsx,mts,cts";

/** One timed run: wall seconds and peak resident memory (GNU time), output discarded. */
function measure(command, args, cwd) {
  const result = spawnSync("/usr/bin/time", ["-f", "%e %M", command, ...args], { cwd, encoding: "utf8", maxBuffer: 1 << 30 });
  const line = result.stderr.trim().split("\n").pop();
  const [seconds, kb] = line.split(" ").map(Number);
  if (!Number.isFinite(seconds)) throw new Error(`could not time ${command} ${args.join(" ")}:\n${result.stderr.slice(-2000)}`);
  return { seconds, mb: kb / 1024 };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function series(label, command, args, cwd = ROOT) {
  measure(command, args, cwd); // warm the file cache; not counted
  const runs = Array.from({ length: RUNS }, () => measure(command, args, cwd));
  const result = { label, seconds: median(runs.map((r) => r.seconds)), mb: Math.max(...runs.map((r) => r.mb)), runs: runs.map((r) => r.seconds) };
  process.stderr.write(`  ${label}: median ${result.seconds.toFixed(3)} s, peak ${result.mb.toFixed(0)} MB\n`);
  return result;
}

function tools(dir, skipPeers) {
  const floor = series("floor: walk + read every file", NODE, [path.join(ROOT, "bench", "floor.mjs"), dir]);
  const check = series("intercom-migrate check", NODE, [BIN, "check", dir, "--no-types", "--format", "json", "--output-file", path.join(WORK, "out.json")]);
  const rows = { floor, check };
  if (!skipPeers) {
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

async function main() {
  execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "ignore" });
  mkdirSync(WORK, { recursive: true });
  const lines = [];
  const results = [];
  for (const scale of [1, 2, 4]) {
    const out = path.join(WORK, `x${scale}`);
    process.stderr.write(`building corpora ×${scale} in ${out}\n`);
    const sizes = buildCorpora(out, scale);
    const corpora = [
      ["node_modules (real code)", path.join(out, "node-modules-corpus"), sizes.nodeModules],
      ["generated monorepo (1 in 200 legacy)", path.join(out, "monorepo"), sizes.monorepo],
    ];
    for (const [name, dir, size] of corpora) {
      process.stderr.write(`${name} ×${scale}: ${size.files} files, ${(size.bytes / 2 ** 20).toFixed(1)} MB\n`);
      // The peers are measured at 1× (their cost is the point); growth is measured for the floor and check.
      const rows = tools(dir, scale > 1 || !!process.env.BENCH_SKIP_PEERS);
      let typed;
      if (scale === 1 && name.startsWith("generated")) {
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
      results.push({ name, scale, size, rows, typed });
    }
  }
  const editor = await editorPath();

  lines.push("# intercom-migrate benchmark", "");
  lines.push(`Machine: ${machine()}. Median of ${RUNS} runs each (after one warm-up run); peak = largest max RSS of those runs.`, "");
  lines.push("## Against the floor and the peers (1×)", "");
  lines.push(
    "| corpus | files | MB | floor s | check s | jscodeshift s | ESLint s | check / floor | jscodeshift / check | ESLint / check | peak MB floor / check / jscodeshift / ESLint |",
  );
  lines.push("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
  for (const r of results.filter((x) => x.scale === 1)) {
    const { floor, check, jscodeshift, eslint } = r.rows;
    lines.push(
      `| ${r.name} | ${r.size.files} | ${fmt(r.size.bytes / 2 ** 20, 1)} | ${fmt(floor.seconds)} | ${fmt(check.seconds)} | ${jscodeshift ? fmt(jscodeshift.seconds) : "–"} | ${eslint ? fmt(eslint.seconds) : "–"} | ` +
        `**${fmt(check.seconds / floor.seconds)}×** | ${jscodeshift ? `**${fmt(jscodeshift.seconds / check.seconds, 1)}×**` : "–"} | ${eslint ? `**${fmt(eslint.seconds / check.seconds, 1)}×**` : "–"} | ` +
        `${fmt(floor.mb, 0)} / ${fmt(check.mb, 0)} / ${jscodeshift ? fmt(jscodeshift.mb, 0) : "–"} / ${eslint ? fmt(eslint.mb, 0) : "–"} |`,
    );
  }
  lines.push("", "## Growth (1×, 2×, 4× the corpus)", "");
  lines.push("| corpus | scale | files | floor s | check s | check / floor | check peak MB |", "|---|---:|---:|---:|---:|---:|---:|");
  for (const r of results) {
    lines.push(
      `| ${r.name} | ${r.scale}× | ${r.size.files} | ${fmt(r.rows.floor.seconds)} | ${fmt(r.rows.check.seconds)} | ${fmt(r.rows.check.seconds / r.rows.floor.seconds)}× | ${fmt(r.rows.check.mb, 0)} |`,
    );
  }
  const typed = results.find((r) => r.typed);
  lines.push("", "## Type-aware mode", "");
  lines.push(
    `Generated monorepo (1×, ${typed.size.files} files): plain check ${fmt(typed.rows.check.seconds)} s, type-aware check ${fmt(typed.typed.seconds)} s (${fmt(typed.typed.seconds / typed.rows.check.seconds, 1)}×), peak ${fmt(typed.typed.mb, 0)} MB. ts-morph loads only when a file the tsconfig covers passes the text prefilter.`,
  );
  lines.push("", "## Editor path", "");
  lines.push(
    `Re-checking one changed file in a running engine (as the language server does), median of 50 runs: a typical ${editor.typical.lines}-line TypeScript file ` +
      `(one 2.13 shape among ordinary code) **${fmt(editor.typical.ms, 1)} ms**; a dense ${editor.dense.lines}-line file (499 ticket updates with 2.13 shapes) **${fmt(editor.dense.ms, 1)} ms**.`,
    "",
  );
  const text = lines.join("\n") + "\n";
  writeFileSync(path.join(ROOT, "bench", "RESULTS.md"), text);
  process.stdout.write(text);
  JSON.parse(readFileSync(path.join(WORK, "out.json"), "utf8")); // the check output was real JSON
}

await main();
