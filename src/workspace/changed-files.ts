// --changed-since: the files whose findings a change can move — the changed ones, and those whose imports reach a change.
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { ModuleResolver, SOURCE_EXTENSIONS } from "../core/module-resolution.js";
import { hashText } from "./cache.js";

/** A module specifier after `from`, `import`, `import(` or `require(`. */
const SPECIFIER = /(?:\bimport\s*\(|\brequire\s*\(|\bfrom|\bimport)\s*(["'])([^"'\r\n]+)\1/g;

export interface AffectedFilesOptions {
  /** Whether these bytes can hold a finding at all (the engine's needle gate): a file that cannot is never affected. */
  mayHaveFindings(bytes: Uint8Array): boolean;
  /** The modules an earlier analysis of exactly these bytes read (the cache keeps them), when known. */
  knownDependencies?(filePath: string, bytes: Uint8Array): readonly string[] | undefined;
}

/**
 * The project modules a text imports, resolved as the engine resolves them (relative paths, tsconfig aliases,
 * package.json `imports`, workspace packages). A relative import that resolves to nothing names every file it could
 * have been, so the deletion of a module still reaches its importers.
 */
export function importedModules(filePath: string, text: string, resolver = new ModuleResolver(isFile)): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(SPECIFIER)) {
    const specifier = match[2];
    const resolved = resolver.resolve(filePath, specifier);
    if (resolved) found.add(resolved);
    else if (specifier.startsWith(".")) for (const candidate of moduleCandidates(filePath, specifier)) found.add(candidate);
  }
  return [...found];
}

function isFile(filePath: string): boolean {
  try {
    return statSync(filePath).isFile();
  } catch {
    return false;
  }
}

/** The files an import may name, in the engine's order: as written, with each extension, as a folder's index. */
function moduleCandidates(fromFile: string, specifier: string): string[] {
  const base = path.resolve(path.dirname(fromFile), specifier);
  const withoutJs = base.replace(/\.(c|m)?jsx?$/, "");
  const candidates = [base, ...SOURCE_EXTENSIONS.map((ext) => withoutJs + ext), ...SOURCE_EXTENSIONS.map((ext) => path.join(base, "index" + ext))];
  return candidates.filter((candidate) => SOURCE_EXTENSIONS.includes(path.extname(candidate)));
}

function readBytes(filePath: string): Uint8Array | undefined {
  try {
    return readFileSync(filePath);
  } catch {
    return undefined;
  }
}

/**
 * The files (of `files`, in their order) that changed, or that can find something and import — directly or
 * through other modules — a changed or deleted module.
 */
export function affectedFiles(files: readonly string[], changed: ReadonlySet<string>, options: AffectedFilesOptions): string[] {
  const resolver = new ModuleResolver(isFile);
  const imports = new Map<string, readonly string[]>();
  const candidates = new Set<string>();
  const pending: string[] = [];
  for (const file of files) {
    if (changed.has(file)) continue;
    const bytes = readBytes(file);
    if (!bytes || !options.mayHaveFindings(bytes)) continue;
    candidates.add(file);
    const known = options.knownDependencies?.(file, bytes);
    const scanned = known ? undefined : importedModules(file, Buffer.from(bytes).toString("utf8"), resolver);
    imports.set(file, known ?? scanned!);
    // Scanned imports are followed into the modules they name; known dependencies are already the whole set.
    for (const module of scanned ?? []) pending.push(module);
  }
  while (pending.length > 0) {
    const module = pending.pop()!;
    if (imports.has(module) || changed.has(module)) continue;
    const bytes = readBytes(module);
    const next = bytes ? importedModules(module, Buffer.from(bytes).toString("utf8"), resolver) : [];
    imports.set(module, next);
    for (const module of next) pending.push(module);
  }
  const reaches = reachingChanges(imports, changed);
  return files.filter((file) => changed.has(file) || (candidates.has(file) && reaches.has(file)));
}

/** Every module from which the import edges lead to a changed one (a walk backwards from the changes). */
function reachingChanges(imports: ReadonlyMap<string, readonly string[]>, changed: ReadonlySet<string>): Set<string> {
  const importers = new Map<string, string[]>();
  for (const [module, targets] of imports) {
    for (const target of targets) {
      let list = importers.get(target);
      if (!list) importers.set(target, (list = []));
      list.push(module);
    }
  }
  const reached = new Set<string>();
  const pending = [...changed];
  while (pending.length > 0) {
    for (const importer of importers.get(pending.pop()!) ?? []) {
      if (reached.has(importer)) continue;
      reached.add(importer);
      pending.push(importer);
    }
  }
  return reached;
}

/** The gate and the dependency record a run has: the engine's needles, the cache's modules read per file. */
export function affectedFilesOptions(
  engine: { rulesForBytes(bytes: Uint8Array): { rules: readonly unknown[] } },
  cache: { dependenciesOf(filePath: string, hash: string): string[] | undefined } | undefined,
): AffectedFilesOptions {
  return {
    mayHaveFindings: (bytes) => engine.rulesForBytes(bytes).rules.length > 0,
    knownDependencies: cache ? (filePath, bytes) => cache.dependenciesOf(filePath, hashText(bytes)) : undefined,
  };
}
