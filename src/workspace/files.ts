// Which files to read: paths and directories, .gitignore respected, dependencies, build output and bundles skipped.
// Synchronous I/O on purpose: thousands of small reads are several times faster than awaited ones.
import { existsSync, lstatSync, readdirSync, realpathSync, statSync, type Stats } from "node:fs";
import { isUtf8 } from "node:buffer";
import path from "node:path";
import type { Ignore } from "ignore";
import { ignore } from "../core/lazy.js";
import { SOURCE_EXTENSIONS, extensionOf } from "../core/parse.js";
import { fileKind, readRegularFile, scanRegularFile } from "./read.js";

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

/** A path the walk met or was given and did not analyse, with why: every one is named in the run's output. */
export interface SkippedPath {
  path: string;
  reason: SkipReason;
  message: string;
  /** note: skipped on purpose; warning: named explicitly yet not checked; error: named explicitly and unreadable. */
  level: "note" | "warning" | "error";
}

export interface Discovery {
  files: string[];
  problems: DiscoveryProblem[];
  skipped: SkippedPath[];
  /** The real paths of the folders and files named (what `fix` may write inside). */
  roots: string[];
}

export interface DiscoveryOptions {
  /** The configuration's folder and its `ignores` patterns. */
  root: string;
  patterns: readonly string[];
  /** `--no-ignore`: neither .gitignore files nor the configuration's ignores apply. */
  noIgnore?: boolean;
  /** `--follow-symlinks`: symbolic links are followed (each real file once) instead of reported. */
  followSymlinks?: boolean;
}

export function isSourcePath(filePath: string): boolean {
  return (SOURCE_EXTENSIONS as readonly string[]).includes(extensionOf(filePath)) && !filePath.endsWith(".d.ts") && !BUNDLE_NAME.test(filePath);
}

interface IgnoreLayer {
  dir: string;
  rules: Ignore;
}

/** A .gitignore file larger than this is not read (it is not a .gitignore). */
const MAX_IGNORE_FILE_BYTES = 1024 * 1024;

function loadIgnore(dir: string): IgnoreLayer | undefined {
  const file = path.join(dir, ".gitignore");
  // Regular files only: a .gitignore that is a FIFO or /dev/zero must not hang the walk.
  const read = readRegularFile(file, MAX_IGNORE_FILE_BYTES);
  if (!read.ok) return undefined;
  try {
    return { dir, rules: ignore()().add(read.bytes.toString("utf8")) };
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

/**
 * .gitignore files from the repository root down to `dir` (exclusive), so walking a sub-folder or naming a file
 * still honours them. Outside a repository, those from the run's folder down (as a walk from there would read).
 */
function ancestorLayers(dir: string, cwd: string): IgnoreLayer[] {
  const chain: string[] = [];
  let current = path.dirname(dir);
  for (;;) {
    chain.unshift(current);
    if (existsSync(path.join(current, ".git"))) break;
    const parent = path.dirname(current);
    if (parent === current) {
      const top = path.resolve(cwd);
      const inside = chain.filter((d) => d === top || d.startsWith(top + path.sep));
      return inside.flatMap((d) => loadIgnore(d) ?? []);
    }
    current = parent;
  }
  return chain.flatMap((d) => loadIgnore(d) ?? []);
}

const IGNORED_FILE = "File ignored because of a matching ignore pattern (.gitignore or the configuration's ignores); use --no-ignore to check it";
const IGNORED_FOLDER = "Folder ignored because of a matching ignore pattern (.gitignore or the configuration's ignores); use --no-ignore to check it";
const IGNORED_CONTENTS =
  "Every file in this folder is ignored by a matching ignore pattern (.gitignore or the configuration's ignores); use --no-ignore to check them";
const LINK_NOT_FOLLOWED = "a symbolic link, not followed: name its target, or pass --follow-symlinks";

function realpathOrSelf(target: string): string {
  try {
    return realpathSync(target);
  } catch {
    return target;
  }
}

/** Expand paths into the sorted list of source files to check, and name everything left out on the way. */
// eslint-disable-next-line @typescript-eslint/require-await -- async so that a throw reaches the caller as a rejection
export async function discoverFiles(inputs: readonly string[], cwd: string, options?: DiscoveryOptions): Promise<Discovery> {
  const noIgnore = options?.noIgnore ?? false;
  const follow = options?.followSymlinks ?? false;
  const configured: IgnoreLayer[] =
    options && options.patterns.length > 0 && !noIgnore ? [{ dir: options.root, rules: ignore()().add([...options.patterns]) }] : [];
  const files = new Map<string, string>(); // real path → the path it was reached by
  const problems: DiscoveryProblem[] = [];
  const skipped: SkippedPath[] = [];
  const roots: string[] = [];
  const visited = new Set<string>();
  const add = (file: string) => {
    const real = follow ? realpathOrSelf(file) : file;
    if (!files.has(real)) files.set(real, file);
  };

  /** Source files the current walk left out because of ignore patterns (a named folder whose files all are is reported). */
  let ignoredInWalk = 0;

  /** `real`: the folder's real path when known (a plain sub-folder's is its parent's and its name). */
  function walk(dir: string, layers: IgnoreLayer[], real?: string): void {
    try {
      real ??= realpathSync(dir);
    } catch (error) {
      problems.push({ path: dir, message: `cannot read folder: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
      return;
    }
    if (visited.has(real)) return; // a symlink loop, or a folder reached twice
    visited.add(real);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: dir, message: `cannot read folder: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
      return;
    }
    // The folder's listing says whether it has a .gitignore: no second look at the disk for it.
    const own = noIgnore || !entries.some((entry) => entry.name === ".gitignore") ? undefined : loadIgnore(dir);
    const active = own ? [...layers, own] : layers;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = dir + path.sep + entry.name;
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      let target: Stats | undefined;
      if (entry.isSymbolicLink()) {
        try {
          target = statSync(full);
        } catch {
          continue; // a dangling link
        }
        isDirectory = target.isDirectory();
        isFile = target.isFile();
      }
      if (isDirectory) {
        if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
        if (isIgnored(active, full, true)) {
          ignoredInWalk++;
          continue;
        }
        if (target && !follow) skipped.push({ path: full, reason: "symlink", level: "note", message: `skipped: ${LINK_NOT_FOLLOWED}` });
        else walk(full, active, target ? undefined : real + path.sep + entry.name);
      } else if (isSourcePath(full) && isIgnored(active, full, false)) {
        ignoredInWalk++;
      } else if (isSourcePath(full)) {
        if (target && !follow) skipped.push({ path: full, reason: "symlink", level: "note", message: `skipped: ${LINK_NOT_FOLLOWED}` });
        else if (isFile) add(full);
        else if (!entry.isSymbolicLink() || follow)
          skipped.push({
            path: full,
            reason: "not-regular-file",
            level: "note",
            message: `skipped: ${fileKind(target ?? lstatSync(full))}, not a regular file; not read`,
          });
      }
    }
  }

  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    let own: Stats;
    try {
      own = lstatSync(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push({ path: input, message: code === "ENOENT" ? "no such file or folder" : `cannot read: ${code ?? (error as Error).message}` });
      continue;
    }
    let info = own;
    if (own.isSymbolicLink()) {
      if (!follow) {
        skipped.push({ path: absolute, reason: "symlink", level: "warning", message: `not checked: ${LINK_NOT_FOLLOWED}` });
        continue;
      }
      try {
        info = statSync(absolute);
      } catch {
        problems.push({ path: input, message: "a symbolic link to nothing (its target does not exist)" });
        continue;
      }
    }
    const layers = noIgnore ? [] : [...configured, ...ancestorLayers(absolute, cwd)];
    if (info.isDirectory()) {
      if (isIgnored(layers, absolute, true)) {
        skipped.push({ path: absolute, reason: "ignored", level: "warning", message: IGNORED_FOLDER });
        continue;
      }
      roots.push(realpathOrSelf(absolute));
      const before = files.size;
      ignoredInWalk = 0;
      walk(absolute, layers);
      // `legacy/**` ignores everything in a folder but not the folder: named, it must not come back empty in silence.
      if (files.size === before && ignoredInWalk > 0) skipped.push({ path: absolute, reason: "ignored", level: "warning", message: IGNORED_CONTENTS });
    } else if (!(SOURCE_EXTENSIONS as readonly string[]).includes(extensionOf(absolute))) {
      problems.push({ path: input, message: `not a JavaScript or TypeScript file (extensions: ${SOURCE_EXTENSIONS.join(" ")})` });
    } else if (isIgnored(layers, absolute, false)) {
      skipped.push({ path: absolute, reason: "ignored", level: "warning", message: IGNORED_FILE });
    } else if (!info.isFile()) {
      // Named explicitly, and nothing to read: a FIFO would block, /dev/zero would never end.
      skipped.push({ path: absolute, reason: "not-regular-file", level: "error", message: `cannot check: ${fileKind(info)}, not a regular file; not read` });
    } else {
      roots.push(realpathOrSelf(absolute));
      add(absolute);
    }
  }
  return { files: [...files.values()].sort(), problems, skipped, roots };
}

import type { SkipReason } from "./file-facts.js";
export type { SkipReason };

export type ReadResult =
  | { ok: true; text: string; stat: Stats }
  | { ok: false; reason: string; skipped: false; stat?: Stats }
  | { ok: false; reason: string; skipped: true; skip: SkipReason; stat?: Stats }
  | { ok: "irrelevant" };

/** Above this size a skipped file is not even scanned for the rules' needles: it is reported as not analysed. */
export const NEEDLE_SCAN_LIMIT = 256 * 1024 * 1024;
/** Longer than any needle: chunks of a scanned file overlap by this much. */
const NEEDLE_OVERLAP = 256;

/**
 * Read a source file as text, refusing what is not text: binary data, invalid UTF-8, oversized files, FIFOs and
 * devices (never opened for reading: they could block or never end). `relevant` is the rules' byte gate.
 */
export function readSourceFile(
  filePath: string,
  maxBytes: number,
  relevant: (bytes: Uint8Array) => boolean = () => true,
  options: { followSymlinks?: boolean } = {},
): ReadResult {
  const read = readRegularFile(filePath, maxBytes, options);
  if (!read.ok) {
    switch (read.kind) {
      case "too-large":
        return { ok: false, skipped: true, skip: "too-large", stat: read.stat, reason: `skipped: ${read.problem} (--max-file-size)` };
      case "symlink":
        return { ok: false, skipped: true, skip: "symlink", reason: "skipped: a symbolic link, not followed (--follow-symlinks follows it)" };
      case "not-regular":
        return { ok: false, skipped: true, skip: "not-regular-file", stat: read.stat, reason: `skipped: ${read.problem}; not read` };
      default:
        return { ok: false, skipped: false, reason: read.problem };
    }
  }
  const bytes = read.bytes;
  // Most files hold nothing any rule looks for: they are not decoded at all.
  if (!relevant(bytes)) return { ok: "irrelevant" };
  if (bytes.subarray(0, 8192).includes(0))
    return { ok: false, skipped: true, skip: "binary", stat: read.stat, reason: "skipped: binary file (contains NUL bytes)" };
  try {
    // isUtf8 is a fast native check; toString keeps a BOM as U+FEFF, so a fixed file is written back with it.
    if (!isUtf8(bytes)) return { ok: false, skipped: false, stat: read.stat, reason: "not valid UTF-8: checked nothing and left the file untouched" };
    return { ok: true, text: bytes.toString("utf8"), stat: read.stat };
  } catch {
    return { ok: false, skipped: false, stat: read.stat, reason: "cannot decode the file" };
  }
}

/**
 * Whether a file too large to analyse holds one of the rules' needles (scanned in chunks, never whole in memory);
 * undefined when it could not tell (over NEEDLE_SCAN_LIMIT, or unreadable).
 */
export function mentionsNeedles(filePath: string, relevant: (bytes: Uint8Array) => boolean): boolean | undefined {
  return scanRegularFile(filePath, NEEDLE_SCAN_LIMIT, NEEDLE_OVERLAP, relevant);
}

const LONG_LINE = 500;

/**
 * A minified bundle that slipped past the name check: most of its text sits in long lines of dense code (`;{}()`
 * at least every 50 characters). A long line of data — a data: URI, base64, a big string — is not code, so a normal
 * file with one such line is analysed, not skipped whole.
 */
export function looksMinified(text: string): boolean {
  if (text.length < 20_000) return false;
  let inLongCode = 0;
  let lineStart = 0;
  let punctuation = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 10;
    if (c === 10) {
      const length = i - lineStart;
      if (length > LONG_LINE && punctuation * 50 >= length) inLongCode += length;
      lineStart = i + 1;
      punctuation = 0;
    } else if (c === 59 || c === 123 || c === 125 || c === 40 || c === 41) {
      punctuation++; // ; { } ( )
    }
  }
  return inLongCode * 2 > text.length;
}
