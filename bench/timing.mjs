// Whole-process timing for the benchmark modules: wall time, CPU time and peak resident memory of one run (GNU time),
// medians. CPU time (user + system) is reported beside wall time: on a shared machine it varies far less.
import { spawnSync } from "node:child_process";

/** One timed run: wall and CPU seconds, peak resident memory; output discarded. `ok` decides which exit codes are fine. */
export function measure(command, args, { cwd, env, ok = (status) => status === 0 || status === 1 } = {}) {
  const result = spawnSync("/usr/bin/time", ["-f", "%e %U %S %M", command, ...args], { cwd, env, encoding: "utf8", maxBuffer: 1 << 30 });
  const line = result.stderr.trim().split("\n").pop() ?? "";
  const [seconds, user, system, kb] = line.split(" ").map(Number);
  if (!Number.isFinite(seconds) || !ok(result.status))
    throw new Error(`could not time ${command} ${args.join(" ")} (exit ${result.status}):\n${result.stderr.slice(-2000)}`);
  return { seconds, cpu: user + system, mb: kb / 1024 };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Several commands measured in turn, round after round (so a busy moment of the machine falls on all of them alike),
 * after one warm-up round that is not counted. Each: median wall and CPU seconds, peak MB (largest of its runs), every run.
 */
export function interleaved(commands, runs, log = (text) => process.stderr.write(text)) {
  for (const { command, args, options } of commands) measure(command, args, options);
  const times = commands.map(() => []);
  for (let round = 0; round < runs; round++) commands.forEach(({ command, args, options }, i) => times[i].push(measure(command, args, options)));
  return commands.map(({ label }, i) => {
    const result = {
      label,
      seconds: median(times[i].map((r) => r.seconds)),
      cpu: median(times[i].map((r) => r.cpu)),
      mb: Math.max(...times[i].map((r) => r.mb)),
      runs: times[i].map((r) => r.seconds),
    };
    log(`  ${label}: median ${result.seconds.toFixed(3)} s (CPU ${result.cpu.toFixed(3)} s), peak ${result.mb.toFixed(0)} MB\n`);
    return result;
  });
}

/** The machine, for a results section. */
export async function machine() {
  const os = await import("node:os");
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}
