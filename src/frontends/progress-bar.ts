// The progress bar of a long run, on a terminal's stderr: files done of the total, the rate, and the time left.
import type { SingleBar } from "cli-progress";
import { cliProgress } from "../core/lazy.js";

export interface RunProgress {
  /** The run knows how many files it will report: the bar's total. */
  start: (total: number) => void;
  /** One file done. */
  tick: () => void;
  /** The run is over (or failed): the bar is cleared, so the results and the summary start on a clean line. */
  done: () => void;
}

/** A bar only where a person watches: not --no-progress, stderr a terminal, not in CI (CI logs keep every redraw). */
export function wantsProgress(option: boolean | undefined, stream: { isTTY?: boolean } = process.stderr, env: NodeJS.ProcessEnv = process.env): boolean {
  return option !== false && stream.isTTY === true && !env.CI;
}

export interface ProgressOptions {
  stream?: NodeJS.WritableStream;
  /** A run shorter than this shows no bar at all (no flash on small projects), and never loads the library. */
  delayMs?: number;
  now?: () => number;
}

const FORMAT = "intercom-migrate {bar} {value}/{total} files | {rate} files/s | ETA {eta_formatted}";

export function runProgress(options: ProgressOptions = {}): RunProgress {
  const now = options.now ?? Date.now;
  const delayMs = options.delayMs ?? 300;
  let total = 0;
  let value = 0;
  let startedAt = now();
  let bar: SingleBar | undefined;
  const rate = () => {
    const seconds = (now() - startedAt) / 1000;
    return seconds > 0 ? String(Math.round(value / seconds)) : "–";
  };
  return {
    start: (count) => {
      total = count;
      startedAt = now();
    },
    tick: () => {
      value++;
      if (bar) {
        bar.update(value, { rate: rate() });
        return;
      }
      if (total === 0 || now() - startedAt < delayMs) return;
      const { SingleBar, Presets } = cliProgress();
      bar = new SingleBar({ stream: options.stream ?? process.stderr, format: FORMAT, clearOnComplete: true, etaBuffer: 100, fps: 10 }, Presets.shades_classic);
      bar.start(total, value, { rate: rate() });
    },
    done: () => {
      bar?.stop();
      bar = undefined;
    },
  };
}
