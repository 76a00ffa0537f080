// Which files to read: paths and directories, .gitignore respected, dependencies, build output and bundles skipped.
// Synchronous I/O on purpose: thousands of small reads are several times faster than awaited ones.
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { isUtf8 } from "node:buffer";
import path from "node:path";
import type { Ignore } from "ignore";
import { ignore } from "../core/lazy.js";
import { SOURCE_EXTENSIONS, extensionOf } from "../core/parse.js";

/** Folders never walked: dependencies, VCS data, build and cache output. */
const SKIPPED_DIRECTORIES = new Set([
  "node_modules",
  ".git",
  ".hg",
  ".svn",
  "dist",
  "build",
  "out",
  "coverage",
  ".next",
  ".nuxt",
  ".output",
  ".svelte-kit",
  ".turbo",
  ".cache",
  ".vercel",
  ".yarn",
  "bower_components",
]);

const BUNDLE_NAME = /[.-](min|bundle)\.[cm]?js$/i;

export interface DiscoveryProblem {
  path: string;
  message: string;
}

export interface Discovery {
  files: string[];
  problems: DiscoveryProblem[];
}

export function isSourcePath(filePath: string): boolean {
  return (SOURCE_EXTENSIONS as readonly string[]).includes(extensionOf(filePath)) && !filePath.endsWith(".d.ts") && !BUNDLE_NAME.test(filePath);
}

interface IgnoreLayer {
  dir: string;
  rules: Ignore;
}

function loadIgnore(dir: string): IgnoreLayer | undefined {
  const file = path.join(dir, ".gitignore");
  if (!existsSync(file)) return undefined;
  try {
    return { dir, rules: ignore()().add(readFileSync(file, "utf8")) };
  } catch {
    return undefined;
  }
}

function isIgnored(layers: readonly IgnoreLayer[], target: string, isDirectory: boolean): boolean {
  for (const layer of layers) {
    const relative = path.relative(layer.dir, target);
    if (!relative || relative.startsWith("..")) continue;
    const posix = relative.split(path.sep).join("/") + (isDirectory ? "/" : "");
    if (layer.rules.ignores(posix)) return true;
  }
  return false;
}

/** .gitignore files from the repository root down to `dir` (exclusive), so walking a sub-folder still honours them. */
function ancestorLayers(dir: string): IgnoreLayer[] {
  const chain: string[] = [];
  let current = path.dirname(dir);
  for (;;) {
    chain.unshift(current);
    if (existsSync(path.join(current, ".git"))) break;
    const parent = path.dirname(current);
    if (parent === current) return []; // not in a repository: only the walked folders' own .gitignore files count
    current = parent;
  }
  return chain.flatMap((d) => loadIgnore(d) ?? []);
}

/** Expand paths into the sorted list of source files to check. */
// eslint-disable-next-line @typescript-eslint/require-await -- async so that a throw reaches the caller as a rejection
export async function discoverFiles(inputs: readonly string[], cwd: string, extra?: { root: string; patterns: readonly string[] }): Promise<Discovery> {
  const configured: IgnoreLayer[] = extra && extra.patterns.length > 0 ? [{ dir: extra.root, rules: ignore()().add([...extra.patterns]) }] : [];
  const files = new Set<string>();
  const problems: DiscoveryProblem[] = [];
  const visited = new Set<string>();

  function walk(dir: string, layers: IgnoreLayer[]): void {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch (error) {
      problems.push({ path: dir, message: `cannot read folder: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
      return;
    }
    if (visited.has(real)) return; // a symlink loop, or a folder reached twice
    visited.add(real);
    const own = loadIgnore(dir);
    const active = own ? [...layers, own] : layers;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: dir, message: `cannot read folder: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = dir + path.sep + entry.name;
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = statSync(full);
          isDirectory = target.isDirectory();
          isFile = target.isFile();
        } catch {
          continue; // a dangling link
        }
      }
      if (isDirectory) {
        if (SKIPPED_DIRECTORIES.has(entry.name) || isIgnored(active, full, true)) continue;
        walk(full, active);
      } else if (isFile && isSourcePath(full) && !isIgnored(active, full, false)) {
        files.add(full);
      }
    }
  }

  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    let info;
    try {
      info = lstatSync(absolute).isSymbolicLink() ? statSync(absolute) : lstatSync(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push({ path: input, message: code === "ENOENT" ? "no such file or folder" : `cannot read: ${code ?? (error as Error).message}` });
      continue;
    }
    if (info.isDirectory()) {
      walk(absolute, [...configured, ...ancestorLayers(absolute)]);
    } else if (info.isFile()) {
      if (isIgnored(configured, absolute, false)) continue;
      if ((SOURCE_EXTENSIONS as readonly string[]).includes(extensionOf(absolute))) files.add(absolute);
      else problems.push({ path: input, message: `not a JavaScript or TypeScript file (extensions: ${SOURCE_EXTENSIONS.join(" ")})` });
    }
  }
  return { files: [...files].sort(), problems };
}

export type ReadResult = { ok: true; text: string } | { ok: false; reason: string; skipped: boolean } | { ok: "irrelevant" };


/** Read a source file as text, refusing what is not text: binary data, invalid UTF-8, oversized files. */
export function readSourceFile(filePath: string, maxBytes: number, relevant: (bytes: Uint8Array) => boolean = () => true): ReadResult {
  let bytes: Buffer;
  try {
    const info = statSync(filePath);
    if (info.size > maxBytes) {
      return { ok: false, skipped: true, reason: `skipped: ${(info.size / 1048576).toFixed(1)} MB is over the ${(maxBytes / 1048576).toFixed(1)} MB limit (--max-file-size)` };
    }
    bytes = readFileSync(filePath);
  } catch (error) {
    return { ok: false, skipped: false, reason: `cannot read file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
  // Most files hold nothing any rule looks for: they are not decoded at all.
  if (!relevant(bytes)) return { ok: "irrelevant" };
  if (bytes.subarray(0, 8192).includes(0)) return { ok: false, skipped: true, reason: "skipped: binary file (contains NUL bytes)" };
  try {
    // isUtf8 is a fast native check; toString keeps a BOM as U+FEFF, so a fixed file is written back with it.
    if (!isUtf8(bytes)) return { ok: false, skipped: false, reason: "not valid UTF-8: checked nothing and left the file untouched" };
    return { ok: true, text: bytes.toString("utf8") };
  } catch {
    return { ok: false, skipped: false, reason: "cannot decode the file" };
  }
}

/** A minified bundle that slipped past the name check: very long lines. */
export function looksMinified(text: string): boolean {
  if (text.length < 20_000) return false;
  const sample = text.slice(0, 20_000);
  const lines = sample.split("\n").length;
  return sample.length / lines > 500;
}
