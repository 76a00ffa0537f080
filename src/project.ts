// The modules of the user's project: resolving relative imports and parsing each imported module once.
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseSource } from "./parse.js";
import { SourceFile } from "./source.js";

const RESOLVE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

/** Answers the type questions syntax cannot (type-aware mode plugs in here). */
export interface TypeOracle {
  /** "number" / "string" / "array" when the type checker knows, undefined otherwise. */
  typeOf?(file: SourceFile, start: number, end: number): "number" | "string" | "array" | undefined;
}

export class Project {
  private readonly modules = new Map<string, SourceFile | null>();
  /** How many files this project parsed (imported modules included); tests and caches read it. */
  parseCount = 0;
  typeOracle: TypeOracle | undefined;
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
    this.modules.set(path.resolve(file.path), file);
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
    if (cached) this.tracked?.add(filePath);
    if (cached !== undefined) return cached ?? undefined;
    let file: SourceFile | null = null;
    try {
      if (statSync(filePath).isFile()) {
        const text = readFileSync(filePath, "utf8");
        const parsed = this.parse(text, filePath);
        if (parsed.ok) file = new SourceFile(filePath, text, parsed.ast);
      }
    } catch {
      file = null;
    }
    this.modules.set(filePath, file);
    if (file) this.tracked?.add(filePath);
    return file ?? undefined;
  }
}
