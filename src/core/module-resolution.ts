// Resolving an import specifier to a project file the way the user's toolchain does: relative paths (extension-less,
// `.js` naming `.ts`, index files), tsconfig/jsconfig `baseUrl` and `paths` (with `extends`), package.json `imports`
// (`#lib/…`) and workspace packages of npm/yarn/pnpm monorepos, resolved to their source. Everything else is a package.
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { parseJsonc } from "./jsonc.js";
import { yaml } from "./lazy.js";

export const SOURCE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];
/** Configuration files larger than this are not configuration: they are not read. */
const MAX_CONFIG_BYTES = 1024 * 1024;
/** How many folders below a workspace pattern's fixed part are searched for packages (`packages/**`). */
const WORKSPACE_DEPTH = 3;
/** Condition names tried in a package's `exports` / `imports`, sources first. */
const CONDITIONS = ["source", "development", "types", "import", "module", "node", "require", "default"];

/** A JSON file that may hold comments and trailing commas (tsconfig.json), or undefined when it is not one. */
export function readJsonc(file: string): unknown {
  const text = readConfigText(file);
  if (text === undefined) return undefined;
  try {
    return parseJsonc(text);
  } catch {
    return undefined;
  }
}

function readConfigText(file: string): string | undefined {
  try {
    const stat = statSync(file);
    if (!stat.isFile() || stat.size > MAX_CONFIG_BYTES) return undefined;
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** `paths` and where its targets are relative to, after following `extends`. */
interface PathMapping {
  base: string;
  paths: Record<string, string[]>;
  /** `baseUrl`: bare specifiers are tried below it too. */
  baseUrl?: string;
}

interface PackageInfo {
  dir: string;
  name?: string;
  data: Record<string, unknown>;
}

export class ModuleResolver {
  private readonly mappings = new Map<string, PathMapping | null>();
  private readonly packages = new Map<string, PackageInfo | null>();
  private readonly workspaces = new Map<string, Map<string, string> | null>();

  constructor(private readonly isFile: (file: string) => boolean) {}

  /** The project source file a specifier names from `fromFile`, or undefined for a package (or nothing found). */
  resolve(fromFile: string, specifier: string): string | undefined {
    if (specifier.startsWith(".") || path.isAbsolute(specifier)) return this.fileAt(path.resolve(path.dirname(fromFile), specifier));
    if (specifier.startsWith("node:")) return undefined;
    const fromDir = path.dirname(path.resolve(fromFile));
    if (specifier.startsWith("#")) return this.packageImport(fromDir, specifier);
    return this.mapped(fromDir, specifier) ?? this.workspacePackage(fromDir, specifier);
  }

  /** A file, or the file an extension-less / `.js` path or a folder (index file) names. Declaration files are types, not code. */
  fileAt(base: string): string | undefined {
    // Tried in order, built one at a time (most imports name the first or second candidate). `base` is absolute
    // and normalised, so joining with the separator is path.join without its cost.
    const usable = (candidate: string) =>
      SOURCE_EXTENSIONS.includes(path.extname(candidate)) && !/\.d\.[cm]?ts$/.test(candidate) && !isInDependencies(candidate) && this.isFile(candidate);
    if (usable(base)) return base;
    // A JSON module is named with its extension (`import cfg from "./intercom.json"`, `require("./intercom.json")`).
    if (path.extname(base) === ".json") return !isInDependencies(base) && this.isFile(base) ? base : undefined;
    const withoutJs = base.replace(/\.(c|m)?jsx?$/, "");
    for (const ext of SOURCE_EXTENSIONS) if (usable(withoutJs + ext)) return withoutJs + ext;
    const folder = base.endsWith(path.sep) ? base : base + path.sep;
    for (const ext of SOURCE_EXTENSIONS) if (usable(folder + "index" + ext)) return folder + "index" + ext;
    return undefined;
  }

  private mapped(fromDir: string, specifier: string): string | undefined {
    const mapping = this.mappingFor(fromDir);
    if (!mapping) return undefined;
    for (const [pattern, targets] of Object.entries(mapping.paths)) {
      const star = matchPattern(pattern, specifier);
      if (star === undefined) continue;
      for (const target of targets) {
        const found = this.fileAt(path.resolve(mapping.base, target.replace("*", star)));
        if (found) return found;
      }
    }
    return mapping.baseUrl ? this.fileAt(path.resolve(mapping.baseUrl, specifier)) : undefined;
  }

  /** The nearest tsconfig.json / jsconfig.json's path mapping (with `extends` followed), per folder. */
  private mappingFor(dir: string): PathMapping | undefined {
    const cached = this.mappings.get(dir);
    if (cached !== undefined) return cached ?? undefined;
    let mapping: PathMapping | undefined;
    const config = ["tsconfig.json", "jsconfig.json"].map((name) => path.join(dir, name)).find((file) => this.isFile(file));
    if (config) mapping = this.readMapping(config, 0);
    else if (!isProjectRoot(dir, this.isFile) && path.dirname(dir) !== dir) mapping = this.mappingFor(path.dirname(dir));
    this.mappings.set(dir, mapping ?? null);
    return mapping;
  }

  private readMapping(configFile: string, depth: number): PathMapping | undefined {
    const config = readJsonc(configFile);
    if (!isObject(config) || depth > 8) return undefined;
    const dir = path.dirname(configFile);
    const inherited =
      typeof config.extends === "string"
        ? this.extended(dir, config.extends, depth)
        : Array.isArray(config.extends)
          ? this.extendedList(dir, config.extends, depth)
          : undefined;
    const options = isObject(config.compilerOptions) ? config.compilerOptions : {};
    const baseUrl = typeof options.baseUrl === "string" ? path.resolve(dir, options.baseUrl) : inherited?.baseUrl;
    if (isObject(options.paths)) {
      const paths = Object.fromEntries(
        Object.entries(options.paths).map(([key, value]) => [key, Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []]),
      );
      // `paths` are relative to `baseUrl` when there is one, else to the file that declares them.
      return { base: baseUrl ?? dir, paths, baseUrl };
    }
    if (inherited) return { ...inherited, baseUrl };
    return baseUrl ? { base: baseUrl, paths: {}, baseUrl } : undefined;
  }

  private extendedList(dir: string, list: unknown[], depth: number): PathMapping | undefined {
    let result: PathMapping | undefined;
    for (const entry of list) if (typeof entry === "string") result = this.extended(dir, entry, depth) ?? result;
    return result;
  }

  private extended(dir: string, specifier: string, depth: number): PathMapping | undefined {
    const candidates =
      specifier.startsWith(".") || path.isAbsolute(specifier)
        ? [path.resolve(dir, specifier)]
        : ancestors(dir).map((d) => path.join(d, "node_modules", specifier));
    for (const candidate of candidates) {
      for (const file of [candidate, `${candidate}.json`, path.join(candidate, "tsconfig.json")]) {
        if (this.isFile(file)) return this.readMapping(file, depth + 1);
      }
    }
    return undefined;
  }

  /** package.json `imports`: `#lib/intercom` from the nearest package.json. */
  private packageImport(fromDir: string, specifier: string): string | undefined {
    const pkg = this.nearestPackage(fromDir);
    if (!pkg || !isObject(pkg.data.imports)) return undefined;
    return this.viaMap(pkg.dir, pkg.data.imports, specifier);
  }

  /** `@acme/intercom` or `@acme/intercom/client`: a package of the monorepo this file is in, resolved to its source. */
  private workspacePackage(fromDir: string, specifier: string): string | undefined {
    const parts = specifier.split("/");
    const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
    const subpath = parts.slice(specifier.startsWith("@") ? 2 : 1).join("/");
    const root = ancestors(fromDir).find((dir) => this.workspaceDirs(dir) !== undefined);
    const packageDir = root ? this.workspaceDirs(root)!.get(name) : undefined;
    if (!packageDir) return undefined;
    const pkg = this.packageAt(packageDir);
    if (!pkg) return undefined;
    const key = subpath ? `./${subpath}` : ".";
    if (pkg.data.exports !== undefined) {
      const exportsMap =
        typeof pkg.data.exports === "string" || Array.isArray(pkg.data.exports) || !Object.keys(pkg.data.exports as object).some((k) => k.startsWith("."))
          ? { ".": pkg.data.exports }
          : pkg.data.exports;
      const found = isObject(exportsMap) ? this.viaMap(packageDir, exportsMap, key) : undefined;
      if (found) return found;
    }
    if (subpath) return this.fileAt(path.join(packageDir, subpath)) ?? this.fileAt(path.join(packageDir, "src", subpath));
    for (const field of ["source", "module", "main", "types"]) {
      const value = pkg.data[field];
      if (typeof value === "string") {
        const found = this.sourceFor(packageDir, value);
        if (found) return found;
      }
    }
    return this.fileAt(path.join(packageDir, "src", "index")) ?? this.fileAt(path.join(packageDir, "index"));
  }

  /** A target of `exports` / `imports` / `main`, or the source it was built from when it names build output. */
  private sourceFor(packageDir: string, target: string): string | undefined {
    const absolute = path.resolve(packageDir, target);
    const direct = this.fileAt(absolute.replace(/\.d\.([cm]?)ts$/, ".$1js"));
    if (direct) return direct;
    // `dist/index.js`, `lib/client.d.ts`: the same path under src/ (the usual layout of a workspace package).
    const relative = path.relative(packageDir, absolute).split(path.sep);
    if (relative.length > 1 && ["dist", "lib", "build", "out", "esm", "cjs"].includes(relative[0])) {
      return this.fileAt(path.join(packageDir, "src", ...relative.slice(1)).replace(/\.d\.([cm]?)ts$/, ".$1js"));
    }
    return undefined;
  }

  private viaMap(dir: string, map: Record<string, unknown>, key: string): string | undefined {
    for (const [pattern, target] of Object.entries(map)) {
      const star = matchPattern(pattern, key);
      if (star === undefined) continue;
      for (const choice of conditionalTargets(target)) {
        const found = this.sourceFor(dir, choice.replaceAll("*", star));
        if (found) return found;
      }
    }
    return undefined;
  }

  private nearestPackage(dir: string): PackageInfo | undefined {
    for (const candidate of ancestors(dir)) {
      const pkg = this.packageAt(candidate);
      if (pkg) return pkg;
    }
    return undefined;
  }

  private packageAt(dir: string): PackageInfo | undefined {
    const cached = this.packages.get(dir);
    if (cached !== undefined) return cached ?? undefined;
    const file = path.join(dir, "package.json");
    const data = this.isFile(file) ? readJsonc(file) : undefined;
    const info = isObject(data) ? { dir, name: typeof data.name === "string" ? data.name : undefined, data } : undefined;
    this.packages.set(dir, info ?? null);
    return info;
  }

  /** The packages of the monorepo rooted at `dir` by name (npm/yarn `workspaces`, pnpm-workspace.yaml), or undefined. */
  private workspaceDirs(dir: string): Map<string, string> | undefined {
    const cached = this.workspaces.get(dir);
    if (cached !== undefined) return cached ?? undefined;
    let patterns: string[] | undefined;
    const pkg = this.packageAt(dir);
    const declared = pkg?.data.workspaces;
    if (Array.isArray(declared)) patterns = declared.filter((p): p is string => typeof p === "string");
    else if (isObject(declared) && Array.isArray(declared.packages)) patterns = declared.packages.filter((p): p is string => typeof p === "string");
    const pnpm = path.join(dir, "pnpm-workspace.yaml");
    if (!patterns && this.isFile(pnpm)) {
      try {
        const parsed = yaml().parse(readConfigText(pnpm) ?? "") as unknown;
        if (isObject(parsed) && Array.isArray(parsed.packages)) patterns = parsed.packages.filter((p): p is string => typeof p === "string");
      } catch {
        patterns = undefined;
      }
    }
    let found: Map<string, string> | undefined;
    if (patterns) {
      found = new Map();
      for (const pattern of patterns.filter((p) => !p.startsWith("!"))) {
        for (const packageDir of expandWorkspacePattern(dir, pattern)) {
          const name = this.packageAt(packageDir)?.name;
          if (name && !found.has(name)) found.set(name, packageDir);
        }
      }
    }
    this.workspaces.set(dir, found ?? null);
    return found;
  }
}

/** What `*` stands for when `pattern` (with at most one `*`) matches `specifier`; "" for an exact match. */
function matchPattern(pattern: string, specifier: string): string | undefined {
  const star = pattern.indexOf("*");
  if (star === -1) return pattern === specifier ? "" : undefined;
  const prefix = pattern.slice(0, star);
  const suffix = pattern.slice(star + 1);
  if (specifier.length < prefix.length + suffix.length || !specifier.startsWith(prefix) || !specifier.endsWith(suffix)) return undefined;
  return specifier.slice(prefix.length, specifier.length - suffix.length);
}

/** The paths a conditional export names, in the order tried: sources and types first, then runtime conditions. */
function conditionalTargets(target: unknown): string[] {
  if (typeof target === "string") return [target];
  if (Array.isArray(target)) return target.flatMap(conditionalTargets);
  if (!isObject(target)) return [];
  const keys = Object.keys(target).sort((a, b) => rank(a) - rank(b));
  return keys.flatMap((key) => conditionalTargets(target[key]));
}

const rank = (condition: string) => (CONDITIONS.includes(condition) ? CONDITIONS.indexOf(condition) : CONDITIONS.length);

function ancestors(dir: string): string[] {
  const list: string[] = [];
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    list.push(current);
    if (path.dirname(current) === current) return list;
  }
}

/** A repository root stops the search for a tsconfig: one above it belongs to something else. */
function isProjectRoot(dir: string, isFile: (file: string) => boolean): boolean {
  try {
    return statSync(path.join(dir, ".git")).isDirectory() || isFile(path.join(dir, ".git"));
  } catch {
    return false;
  }
}

const SEPARATOR = path.sep === "\\" ? "\\\\" : "/";
/** A `node_modules` segment of a path (as `file.split(path.sep).includes("node_modules")`, without the array). */
const IN_DEPENDENCIES = new RegExp(`(?:^|${SEPARATOR})node_modules(?:${SEPARATOR}|$)`);

function isInDependencies(file: string): boolean {
  return IN_DEPENDENCIES.test(file);
}

/** `packages/*`, `apps/**`, `tools/cli`: the folders (with a package.json) a workspace pattern names. */
function expandWorkspacePattern(root: string, pattern: string): string[] {
  const parts = pattern.replace(/^\.\//, "").replace(/\/$/, "").split("/");
  const fixed: string[] = [];
  while (parts.length > 0 && !parts[0].includes("*")) fixed.push(parts.shift()!);
  const base = path.join(root, ...fixed);
  if (parts.length === 0) return [base];
  const deep = parts.includes("**");
  const levels = deep ? WORKSPACE_DEPTH : parts.length;
  const segment =
    parts[parts.length - 1] === "**" ? undefined : new RegExp(`^${parts[parts.length - 1].replace(/[.+?^${}()|[\]\\]/g, "\\$&").replaceAll("*", ".*")}$`);
  const found: string[] = [];
  const walk = (dir: string, level: number) => {
    if (level > levels) return;
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry === "node_modules" || entry.startsWith(".")) continue;
      const child = path.join(dir, entry);
      try {
        if (!statSync(child).isDirectory()) continue;
      } catch {
        continue;
      }
      if ((deep || level === levels) && (!segment || segment.test(entry))) found.push(child);
      if (deep || level < levels) walk(child, level + 1);
    }
  };
  walk(base, 1);
  return found;
}
