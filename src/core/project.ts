// The modules of the user's project: resolving relative imports and parsing each imported module once.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseJsonc } from "./jsonc.js";
import { parseSource } from "./parse.js";
import { ignore } from "./lazy.js";
import { ModuleResolver } from "./module-resolution.js";
import { TsTypeOracle } from "./type-oracle.js";
import { SourceFile } from "./source.js";

const MODULE_CACHE_SIZE = 512;
const MODULE_CACHE_CHARS = 8 * 1024 * 1024;
/** Imported modules larger than this are not read (the default --max-file-size). */
const MAX_MODULE_BYTES = 8 * 1024 * 1024;

/** What the type checker says about an expression, as far as the rules care. */
export interface TypeFacts {
  /** The intercom-client type it has (UpdateTicketRequest, CreateMessageRequest, ActivityLogMetadata, IntercomClient, Client). */
  sdkType?: string;
  /** The intercom-client type it is contextually typed as (an object literal passed or assigned where one is expected). */
  contextualSdkType?: string;
  /** False for `any` / `unknown`: the checker does not know, so syntax decides. */
  known: boolean;
  /** The name of the project's own interface or type alias it has (not the SDK's; not an anonymous object type). */
  declaredName?: string;
  /** Its type includes `undefined` or `null` (under strictNullChecks; without it the checker cannot tell). */
  nullable?: boolean;
}

/** Answers the type questions syntax cannot (type-aware mode plugs in here). */
export interface TypeOracle {
  /** "number" / "string" / "array" when the type checker knows, undefined otherwise. */
  typeOf(file: SourceFile, start: number, end: number): "number" | "string" | "array" | undefined;
  facts(file: SourceFile, start: number, end: number): TypeFacts | undefined;
  /** Whether the installed SDK's message request type accepts an array of recipients. */
  sdkAcceptsRecipientArray(): boolean;
  sdkVersion(): string | undefined;
}

/** An oracle that adds the time each answer takes to a clock: type-aware mode's cost, for the run's note. */
class TimedOracle implements TypeOracle {
  constructor(
    private readonly inner: TypeOracle,
    private readonly clock: { typesMs: number },
  ) {}

  private timed<T>(answer: () => T): T {
    const started = performance.now();
    try {
      return answer();
    } finally {
      this.clock.typesMs += performance.now() - started;
    }
  }

  typeOf(file: SourceFile, start: number, end: number) {
    return this.timed(() => this.inner.typeOf(file, start, end));
  }
  facts(file: SourceFile, start: number, end: number) {
    return this.timed(() => this.inner.facts(file, start, end));
  }
  sdkAcceptsRecipientArray() {
    return this.timed(() => this.inner.sdkAcceptsRecipientArray());
  }
  sdkVersion() {
    return this.timed(() => this.inner.sdkVersion());
  }
}

/** Where type-aware mode's tsconfig comes from: one named for every file, or each file's nearest tsconfig.json. */
export type TypesSource = { tsconfig: string } | "nearest";

export class Project {
  private readonly modules = new Map<string, SourceFile | null>();
  /** How many files this project parsed (imported modules included); tests and caches read it. */
  parseCount = 0;
  /**
   * Type-aware mode: a tsconfig.json for every file (`--project`), "nearest" for the tsconfig.json nearest above
   * each file (as editors and typescript-eslint's project service find it; a monorepo's packages each have theirs),
   * or undefined for off. Each tsconfig's oracle is built on the first question a file it covers asks.
   */
  types: TypesSource | undefined;
  private readonly oracles = new Map<string, { covers: (filePath: string) => boolean; oracle?: TypeOracle | null }>();
  private readonly nearestConfigs = new Map<string, string | null>();
  /** Checks a tsconfig (and what it extends) can be read safely before it is used; the problem if not (the front-end's). */
  tsconfigProblem: ((tsconfig: string) => string | undefined) | undefined;
  /** Why type-aware mode could not start for a tsconfig, when it could not (shown once). */
  typesProblem: string | undefined;
  /** Reads the version of the intercom-client installed above a folder (the front-end's safe reader), if any. */
  sdkVersionReader: ((dir: string) => string | undefined) | undefined;
  private readonly sdkVersions = new Map<string, string | undefined>();
  /**
   * The engine's text prefilter: whether a text can hold a finding. Type-aware mode's program is built once, for the
   * covered files that pass it (and what they import), not for the whole tsconfig.
   */
  mayHoldFindings: ((bytes: Uint8Array) => boolean) | undefined;
  /** The files a run checks (absolute paths), when known: the others do not join type-aware mode's program up front. */
  plannedFiles: ReadonlySet<string> | undefined;

  /** The tsconfig files type-aware mode has used so far. */
  get typesConfigs(): string[] {
    return [...this.oracles.keys()];
  }

  /** The tsconfig files whose type checker was started (what type-aware mode cost time for). */
  get typesStarted(): string[] {
    return [...this.oracles].filter(([, entry]) => entry.oracle).map(([config]) => config);
  }

  /** Time spent starting type checkers and asking them (milliseconds): type-aware mode's cost. */
  typesMs = 0;

  /**
   * The type oracle for a file its tsconfig covers (undefined otherwise, or without type-aware mode). A cheap
   * reading of the tsconfig's include/exclude comes first, so ts-morph loads only when a covered file asks.
   */
  typeOracleFor(file: SourceFile): TypeOracle | undefined {
    const config =
      this.types === undefined ? undefined : this.types === "nearest" ? this.nearestTsconfig(path.dirname(path.resolve(file.path))) : this.types.tsconfig;
    if (!config) return undefined;
    let entry = this.oracles.get(config);
    if (!entry) {
      // A tsconfig that cannot be read safely (a FIFO, too large, a broken chain) covers nothing.
      const unusable = this.tsconfigProblem?.(config);
      this.oracles.set(config, (entry = unusable ? { covers: () => false, oracle: null } : { covers: tsconfigCoverage(config) }));
    }
    if (!entry.covers(file.path)) return undefined;
    if (entry.oracle === undefined) {
      entry.oracle = null;
      const started = performance.now();
      try {
        entry.oracle = new TimedOracle(new TsTypeOracle(config, (fileName) => this.candidateText(fileName)), this);
      } catch (error) {
        this.typesProblem ??= `type-aware mode is off for ${config}: ${(error as Error).message.split("\n")[0]}`;
      }
      this.typesMs += performance.now() - started;
    }
    return entry.oracle ?? undefined;
  }

  /** The version of the intercom-client installed for a file (the nearest node_modules above it), if any. */
  installedSdkVersion(filePath: string): string | undefined {
    if (!this.sdkVersionReader) return undefined;
    const dir = path.dirname(path.resolve(filePath));
    if (!this.sdkVersions.has(dir)) this.sdkVersions.set(dir, this.sdkVersionReader(dir));
    return this.sdkVersions.get(dir);
  }

  /** The text of a file that may ask a type question: planned (when a run said), readable and passing the prefilter. */
  private candidateText(fileName: string): string | undefined {
    if (!this.mayHoldFindings || (this.plannedFiles && !this.plannedFiles.has(fileName))) return undefined;
    // Most covered files hold nothing any rule looks for: judged on their bytes, they are never decoded.
    const bytes = readModuleBytes(fileName);
    return bytes !== undefined && this.mayHoldFindings(bytes) ? bytes.toString("utf8") : undefined;
  }

  /** The tsconfig.json in this folder or the nearest one above it, not above the repository (or file system) root. */
  private nearestTsconfig(dir: string): string | undefined {
    const cached = this.nearestConfigs.get(dir);
    if (cached !== undefined) return cached ?? undefined;
    let found: string | undefined;
    const candidate = path.join(dir, "tsconfig.json");
    if (existsSync(candidate)) found = candidate;
    else if (!existsSync(path.join(dir, ".git")) && path.dirname(dir) !== dir && path.basename(dir) !== "node_modules")
      found = this.nearestTsconfig(path.dirname(dir));
    this.nearestConfigs.set(dir, found ?? null);
    return found;
  }

  /** Modules read since the last `startTracking()`: what an analysis depended on (for caches). */
  private tracked: Set<string> | undefined;

  startTracking(): void {
    this.tracked = new Set();
  }

  stopTracking(): string[] {
    const found = [...(this.tracked ?? [])];
    this.tracked = undefined;
    return found;
  }

  /** Files already parsed by the engine are registered so an import of them is not parsed again. */
  register(file: SourceFile): void {
    this.remember(path.resolve(file.path), file);
  }

  private cachedChars = 0;

  /**
   * The module cache keeps the most recently used modules only, within a budget of source text (a parsed
   * tree costs many times its text), so memory stays flat over huge trees. The newest entry always stays.
   */
  private remember(filePath: string, file: SourceFile | null): void {
    const previous = this.modules.get(filePath);
    if (previous) this.cachedChars -= previous.text.length;
    this.modules.delete(filePath);
    this.modules.set(filePath, file);
    if (file) this.cachedChars += file.text.length;
    while (this.modules.size > 1 && (this.modules.size > MODULE_CACHE_SIZE || this.cachedChars > MODULE_CACHE_CHARS)) {
      const [oldest, entry] = this.modules.entries().next().value!;
      this.modules.delete(oldest);
      if (entry) this.cachedChars -= entry.text.length;
    }
  }

  parse(text: string, filePath: string): ReturnType<typeof parseSource> {
    this.parseCount++;
    return parseSource(text, filePath);
  }

  private readonly resolver = new ModuleResolver((file) => {
    try {
      // Most candidates do not exist: answered without building an exception.
      return statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
    } catch {
      return false;
    }
  });

  /** Import resolutions by folder and specifier, while the files are known not to change (see assumeUnchangingFiles). */
  private resolutions: Map<string, string | null> | undefined;

  /**
   * The files will not change while this project is in use (a `check` run over a tree): each import is resolved
   * once per folder, not again for every file and request that follows it (a long-lived project, as the
   * language server's, resolves every time: a file created meanwhile must be found).
   */
  assumeUnchangingFiles(): void {
    this.resolutions ??= new Map();
  }

  /** Whether the files are known not to change while this project is in use (see assumeUnchangingFiles). */
  get unchanging(): boolean {
    return this.resolutions !== undefined;
  }

  private resolveTarget(fromFile: string, specifier: string): string | undefined {
    if (!this.resolutions) return this.resolver.resolve(fromFile, specifier);
    // Resolution depends on the importing file's folder only.
    const key = `${path.dirname(fromFile)}\0${specifier}`;
    let target = this.resolutions.get(key);
    if (target === undefined) this.resolutions.set(key, (target = this.resolver.resolve(fromFile, specifier) ?? null));
    return target ?? undefined;
  }

  /**
   * The project module an import names: a relative path, a tsconfig/jsconfig alias (`@/lib/intercom`), a package.json
   * `imports` entry (`#lib/…`) or a workspace package's source; undefined for packages and missing files.
   */
  resolveImport(fromFile: string, specifier: string): SourceFile | undefined {
    const target = this.resolveTarget(fromFile, specifier);
    return target ? this.load(target) : undefined;
  }

  /** Does an import name one of the project's modules (see resolveImport)? Answered without reading the module. */
  importsProjectModule(fromFile: string, specifier: string): boolean {
    return specifier.startsWith(".") || this.resolveTarget(fromFile, specifier) !== undefined;
  }

  private load(filePath: string): SourceFile | undefined {
    const cached = this.modules.get(filePath);
    if (cached !== undefined && (cached || existsSync(filePath))) this.tracked?.add(filePath);
    if (cached !== undefined) return cached ?? undefined;
    let file: SourceFile | null = null;
    const text = readModuleText(filePath);
    try {
      // A JSON module is read as the CommonJS module it stands for (its value is the default export / `require`'s).
      const json = filePath.endsWith(".json");
      const source = json && text !== undefined ? `${JSON_MODULE_PREFIX}${text.replace(/^\uFEFF/, "")}\n;` : text;
      const parsed = source === undefined ? undefined : this.parse(source, json ? `${filePath}.cjs` : filePath);
      if (parsed?.ok) file = new SourceFile(filePath, source!, parsed.ast);
    } catch {
      file = null;
    }
    this.remember(filePath, file);
    // A module that exists but does not parse is still a dependency: once it is fixed, results may change.
    if (file || existsSync(filePath)) this.tracked?.add(filePath);
    return file ?? undefined;
  }
}

/** A module's text: regular files within the size limit only (an import must not make the engine read a FIFO or a huge file). */
function readModuleText(filePath: string): string | undefined {
  return readModuleBytes(filePath)?.toString("utf8");
}

function readModuleBytes(filePath: string): Buffer | undefined {
  try {
    const info = statSync(filePath);
    return info.isFile() && info.size <= MAX_MODULE_BYTES ? readFileSync(filePath) : undefined;
  } catch {
    return undefined;
  }
}

/** The text a JSON module is parsed as, before its own: a CommonJS module exporting its value. */
const JSON_MODULE_PREFIX = "module.exports = ";

/** Which files a tsconfig's `files` / `include` / `exclude` name, read without TypeScript (a cheap first filter). */
export function tsconfigCoverage(tsconfigPath: string): (filePath: string) => boolean {
  const dir = path.dirname(tsconfigPath);
  let config: { files?: unknown; include?: unknown; exclude?: unknown; extends?: unknown } = {};
  try {
    // tsconfig files allow comments and trailing commas.
    config = parseJsonc(readFileSync(tsconfigPath, "utf8")) as typeof config;
  } catch {
    return () => true; // cannot tell: let the type checker decide
  }
  const list = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : undefined);
  const files = list(config.files)?.map((f) => path.resolve(dir, f)) ?? [];
  const include = list(config.include) ?? (config.files ? [] : ["**/*"]);
  const exclude = list(config.exclude) ?? ["node_modules", "bower_components", "jspm_packages"];
  // tsconfig patterns are relative to its folder: anchor them (gitignore patterns without "/" match at any depth).
  const anchored = (patterns: string[]) => patterns.map((p) => "/" + p.replace(/^\.?\//, ""));
  const included = ignore()().add(anchored(include));
  const excluded = ignore()().add(anchored(exclude));
  return (filePath) => {
    const absolute = path.resolve(filePath);
    if (files.includes(absolute)) return true;
    const relative = path.relative(dir, absolute).split(path.sep).join("/");
    if (!relative || relative.startsWith("..")) return false;
    return included.ignores(relative) && !excluded.ignores(relative);
  };
}
