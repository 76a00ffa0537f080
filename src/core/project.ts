// The modules of the user's project: resolving relative imports and parsing each imported module once.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseJsonc } from "./jsonc.js";
import { parseSource } from "./parse.js";
import { ignore } from "./lazy.js";
import { TsTypeOracle } from "./type-oracle.js";
import { SourceFile } from "./source.js";

const MODULE_CACHE_SIZE = 512;
const MODULE_CACHE_CHARS = 8 * 1024 * 1024;
/** Imported modules larger than this are not read (the default --max-file-size). */
const MAX_MODULE_BYTES = 8 * 1024 * 1024;
const RESOLVE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

/** What the type checker says about an expression, as far as the rules care. */
export interface TypeFacts {
  /** The intercom-client type it has (UpdateTicketRequest, CreateMessageRequest, ActivityLogMetadata, IntercomClient, Client). */
  sdkType?: string;
  /** The intercom-client type it is contextually typed as (an object literal passed or assigned where one is expected). */
  contextualSdkType?: string;
  /** False for `any` / `unknown`: the checker does not know, so syntax decides. */
  known: boolean;
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

export class Project {
  private readonly modules = new Map<string, SourceFile | null>();
  /** How many files this project parsed (imported modules included); tests and caches read it. */
  parseCount = 0;
  /** The tsconfig.json of type-aware mode; the oracle is built on the first question. */
  typesConfig: string | undefined;
  private oracle: TypeOracle | null | undefined;
  /** Why type-aware mode could not start, when it could not (shown once). */
  typesProblem: string | undefined;

  private coverage: ((filePath: string) => boolean) | undefined;

  /**
   * The type oracle for a file the tsconfig covers (undefined otherwise, or without type-aware mode). A cheap
   * reading of the tsconfig's include/exclude comes first, so ts-morph loads only when a covered file asks.
   */
  typeOracleFor(file: SourceFile): TypeOracle | undefined {
    if (!this.typesConfig) return undefined;
    this.coverage ??= tsconfigCoverage(this.typesConfig);
    if (!this.coverage(file.path)) return undefined;
    return this.typeOracle;
  }

  private get typeOracle(): TypeOracle | undefined {
    if (this.oracle === undefined) {
      this.oracle = null;
      if (this.typesConfig) {
        try {
          this.oracle = new TsTypeOracle(this.typesConfig);
        } catch (error) {
          this.typesProblem = `type-aware mode is off: ${(error as Error).message.split("\n")[0]}`;
        }
      }
    }
    return this.oracle ?? undefined;
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

  /** The project module a relative import names, or undefined for packages and missing files. */
  resolveImport(fromFile: string, specifier: string): SourceFile | undefined {
    if (!specifier.startsWith(".")) return undefined;
    const base = path.resolve(path.dirname(fromFile), specifier);
    const withoutJs = base.replace(/\.(c|m)?jsx?$/, "");
    const candidates = [
      base,
      ...RESOLVE_EXTENSIONS.map((ext) => withoutJs + ext),
      ...RESOLVE_EXTENSIONS.map((ext) => path.join(base, "index" + ext)),
    ];
    for (const candidate of candidates) {
      if (!RESOLVE_EXTENSIONS.includes(path.extname(candidate))) continue;
      const loaded = this.load(candidate);
      if (loaded) return loaded;
    }
    return undefined;
  }

  private load(filePath: string): SourceFile | undefined {
    const cached = this.modules.get(filePath);
    if (cached !== undefined && (cached || existsSync(filePath))) this.tracked?.add(filePath);
    if (cached !== undefined) return cached ?? undefined;
    let file: SourceFile | null = null;
    try {
      // Regular files within the size limit only: an import must not make the engine read a FIFO or a huge file.
      const info = statSync(filePath);
      if (info.isFile() && info.size <= MAX_MODULE_BYTES) {
        const text = readFileSync(filePath, "utf8");
        const parsed = this.parse(text, filePath);
        if (parsed.ok) file = new SourceFile(filePath, text, parsed.ast);
      }
    } catch {
      file = null;
    }
    this.remember(filePath, file);
    // A module that exists but does not parse is still a dependency: once it is fixed, results may change.
    if (file || existsSync(filePath)) this.tracked?.add(filePath);
    return file ?? undefined;
  }
}


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
