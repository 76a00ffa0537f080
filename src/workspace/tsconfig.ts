// A tsconfig.json and the files it extends, checked before TypeScript reads them (regular files within a size limit:
// TypeScript would read a FIFO or /dev/zero forever), and fingerprinted so a cache knows when types may have changed.
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { parseJsonc } from "../core/jsonc.js";
import { hashText } from "./cache.js";
import { readRegularFile } from "./read.js";

const MAX_TSCONFIG_BYTES = 4 * 1024 * 1024;
const MAX_EXTENDS_DEPTH = 16;
const MAX_PACKAGE_JSON_BYTES = 4 * 1024 * 1024;

export interface TsconfigChain {
  /** The tsconfig and every file it extends that could be found, in reading order. */
  files: string[];
  /** Why type-aware mode must not use it (a file in the chain is not a regular file, or too large). */
  problem?: string;
  /** A hash of every file's content in the chain. */
  fingerprint: string;
}

function isFile(target: string): boolean {
  try {
    return !statSync(target).isDirectory();
  } catch {
    return false;
  }
}

/** Where an `extends` entry points: a path relative to the tsconfig, or a package in a node_modules folder above it. */
function resolveExtends(from: string, specifier: string): string | undefined {
  const candidates: string[] = [];
  if (specifier.startsWith(".") || path.isAbsolute(specifier)) {
    const base = path.resolve(path.dirname(from), specifier);
    candidates.push(base, `${base}.json`);
  } else {
    for (let dir = path.dirname(from); ; dir = path.dirname(dir)) {
      const base = path.join(dir, "node_modules", specifier);
      candidates.push(base, `${base}.json`, path.join(base, "tsconfig.json"));
      if (path.dirname(dir) === dir) break;
    }
  }
  return candidates.find((candidate) => existsSync(candidate) && isFile(candidate));
}

/** Read a tsconfig and what it extends, without letting a hostile file hang or flood the process. */
export function tsconfigChain(tsconfigPath: string): TsconfigChain {
  const files: string[] = [];
  const hashes: string[] = [];
  const seen = new Set<string>();
  const visit = (file: string, depth: number): string | undefined => {
    if (seen.has(file)) return undefined;
    seen.add(file);
    if (depth > MAX_EXTENDS_DEPTH) return `${file}: "extends" goes more than ${MAX_EXTENDS_DEPTH} files deep`;
    const read = readRegularFile(file, MAX_TSCONFIG_BYTES);
    if (!read.ok) return `${file}: ${read.problem}`;
    files.push(file);
    hashes.push(hashText(read.bytes));
    let config: unknown;
    try {
      config = parseJsonc(read.bytes.toString("utf8"));
    } catch {
      return undefined; // TypeScript says what is wrong with the syntax itself
    }
    const extended = (config as { extends?: unknown } | null)?.extends;
    const specifiers = typeof extended === "string" ? [extended] : Array.isArray(extended) ? extended.filter((e): e is string => typeof e === "string") : [];
    for (const specifier of specifiers) {
      const target = resolveExtends(file, specifier);
      const problem = target ? visit(target, depth + 1) : undefined;
      if (problem) return problem;
    }
    return undefined;
  };
  const problem = visit(path.resolve(tsconfigPath), 0);
  return { files, problem, fingerprint: hashText(hashes.join("\n")) };
}

/** The version of intercom-client installed for the project (its types decide some fixes), if there is one. */
export function installedSdkVersion(cwd: string): string | undefined {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "node_modules", "intercom-client", "package.json");
    if (existsSync(manifest)) {
      const read = readRegularFile(manifest, MAX_PACKAGE_JSON_BYTES);
      if (!read.ok) return undefined;
      try {
        const version = (JSON.parse(read.bytes.toString("utf8")) as { version?: unknown }).version;
        return typeof version === "string" ? version : undefined;
      } catch {
        return undefined;
      }
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}
