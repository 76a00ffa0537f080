// Type-aware mode: a ts-morph Project over the checked files (and what they import) answers what syntax cannot.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Node as TsNode, Project as TsProject, SourceFile as TsSourceFile, Type } from "ts-morph";
import type { TypeFacts, TypeOracle } from "./project.js";
import type { SourceFile } from "./source.js";

type TsMorph = typeof import("ts-morph");
let tsMorph: TsMorph | undefined;

/** ts-morph (and TypeScript) load on the first type question, never on the plain path. */
function loadTsMorph(): TsMorph {
  tsMorph ??= createRequire(import.meta.url)("ts-morph") as TsMorph;
  return tsMorph;
}

const SDK_PACKAGE = "intercom-client";

/** Which SDK types name what (the part after the last dot, as both SDK versions spell them). */
const SDK_TYPE_NAMES = new Set(["UpdateTicketRequest", "CreateMessageRequest", "ActivityLogMetadata", "IntercomClient", "Client"]);

function isFromSdk(type: Type): boolean {
  const symbol = type.getAliasSymbol() ?? type.getSymbol();
  return !!symbol
    ?.getDeclarations()
    .some(
      (declaration) =>
        declaration.getSourceFile().getFilePath().includes(`/${SDK_PACKAGE}/`) || declaration.getSourceFile().getFilePath().includes(`${SDK_PACKAGE}-`),
    );
}

/** The name of the intercom-client type this is (or a member of, for unions and intersections), if any. */
function sdkTypeName(type: Type | undefined): string | undefined {
  if (!type) return undefined;
  // A union alias like CreateMessageRequest = Email | Inapp: the alias carries the name.
  const alias = type.getAliasSymbol();
  if (alias && isFromSdk(type)) return alias.getName();
  const candidates = [type, ...(type.isUnion() ? type.getUnionTypes() : []), ...(type.isIntersection() ? type.getIntersectionTypes() : [])];
  const names = candidates.flatMap((candidate) => {
    const symbol = candidate.getAliasSymbol() ?? candidate.getSymbol();
    return symbol && isFromSdk(candidate) && symbol.getName() !== "__type" ? [symbol.getName()] : [];
  });
  return names.find((name) => SDK_TYPE_NAMES.has(name)) ?? names[0];
}

function primitiveKind(type: Type): "number" | "string" | "array" | undefined {
  if (type.isAny() || type.isUnknown()) return undefined;
  const parts = type.isUnion() ? type.getUnionTypes().filter((t) => !t.isUndefined() && !t.isNull()) : [type];
  if (parts.length === 0) return undefined;
  if (parts.every((t) => t.isNumber() || t.isNumberLiteral())) return "number";
  if (parts.every((t) => t.isString() || t.isStringLiteral() || t.isTemplateLiteral())) return "string";
  if (parts.every((t) => t.isArray() || t.isTuple())) return "array";
  return undefined;
}

/**
 * The text of a covered file that may ask a type question (it passes the engine's prefilter and the run checks it),
 * or undefined. Without it, files join the program one by one as they ask, and each makes TypeScript build a new one.
 */
export type CandidateText = (fileName: string) => string | undefined;

export class TsTypeOracle implements TypeOracle {
  private readonly project: TsProject;
  private readonly tsconfigDir: string;
  private recipientArrays: boolean | undefined;
  private sdkVersionValue: string | null | undefined;

  constructor(
    readonly tsconfigPath: string,
    private readonly candidateText?: CandidateText,
  ) {
    this.tsconfigDir = path.dirname(tsconfigPath);
    // Only the files that may ask (and what they import) are loaded, not the whole program.
    this.project = new (loadTsMorph().Project)({ tsConfigFilePath: tsconfigPath, skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: false });
  }

  private prepared = false;

  /**
   * The first program holds every covered file that passes the prefilter (and is checked by this run), with what
   * they import: TypeScript builds it once, instead of once more for each file that asks after the last one did.
   */
  private prepare(): void {
    if (this.prepared || !this.candidateText) return;
    this.prepared = true;
    const allowJs = !!this.project.getCompilerOptions().allowJs;
    let added = 0;
    for (const fileName of this.coveredFiles()) {
      if (!allowJs && !/\.[cm]?tsx?$/.test(fileName)) continue;
      const text = this.candidateText(fileName);
      if (text === undefined) continue;
      this.project.createSourceFile(fileName, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, { overwrite: true });
      added++;
    }
    if (added > 0) this.project.resolveSourceFileDependencies();
  }

  /** Parsed files already in step with the ts-morph project (each SourceFile is one version of a text). */
  private readonly synced = new WeakMap<SourceFile, { source: TsSourceFile; shift: number }>();

  private sourceFor(file: SourceFile): { source: TsSourceFile; shift: number } | undefined {
    const known = this.synced.get(file);
    if (known) return known;
    this.prepare();
    let source = this.project.getSourceFile(file.path);
    const bom = file.text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const text = bom ? file.text.slice(1) : file.text;
    if (!source) {
      source = this.project.createSourceFile(file.path, text, { overwrite: true });
      this.project.resolveSourceFileDependencies();
    } else if (source.getFullText() !== text) {
      // The editor or a fix pass changed the text: update the program incrementally.
      source.replaceWithText(text);
    }
    const entry = { source, shift: bom };
    this.synced.set(file, entry);
    return entry;
  }

  private memberFiles: Set<string> | undefined;

  /**
   * Files the tsconfig covers (its `files` / `include`, less `exclude`): its types speak for them only.
   * JavaScript files count only when the tsconfig lets the checker read them.
   */
  private answers(file: SourceFile): boolean {
    if (!file.isTypeScript && !this.project.getCompilerOptions().allowJs) return false;
    return this.coveredFiles().has(path.resolve(file.path));
  }

  private coveredFiles(): Set<string> {
    if (!this.memberFiles) {
      const { ts } = loadTsMorph();
      const parsed = ts.getParsedCommandLineOfConfigFile(this.tsconfigPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
      this.memberFiles = new Set((parsed?.fileNames ?? []).map((name) => path.resolve(name)));
    }
    return this.memberFiles;
  }

  private nodeAt(file: SourceFile, start: number, end: number): TsNode | undefined {
    if (!this.answers(file)) return undefined;
    const found = this.sourceFor(file);
    if (!found) return undefined;
    const from = start - found.shift;
    const width = end - start;
    let node: TsNode | undefined = found.source.getDescendantAtStartWithWidth(from, width);
    // Parentheses and `as` wrappers: the same range may name an outer node; take the innermost expression.
    const { Node } = loadTsMorph();
    while (node && (Node.isParenthesizedExpression(node) || Node.isAsExpression(node)) && node.getStart() === from) {
      const inner: TsNode = node.getExpression();
      if (inner.getWidth() !== width) break;
      node = inner;
    }
    return node;
  }

  /** A question the checker could not answer (even by crashing) is one it does not know: syntax decides. */
  private guarded<T>(question: () => T): T | undefined {
    try {
      return question();
    } catch {
      return undefined;
    }
  }

  typeOf(file: SourceFile, start: number, end: number): "number" | "string" | "array" | undefined {
    return this.guarded(() => {
      const node = this.nodeAt(file, start, end);
      return node ? primitiveKind(node.getType()) : undefined;
    });
  }

  facts(file: SourceFile, start: number, end: number): TypeFacts | undefined {
    return this.guarded(() => {
      const node = this.nodeAt(file, start, end);
      if (!node) return undefined;
      const type = node.getType();
      const contextual = loadTsMorph().Node.isExpression(node) ? node.getContextualType() : undefined;
      const named = type.getAliasSymbol() ?? type.getSymbol();
      const ownName = named && !isFromSdk(type) && named.getName() !== "__type" && named.getName() !== "__object" ? named.getName() : undefined;
      return {
        sdkType: sdkTypeName(type),
        contextualSdkType: sdkTypeName(contextual),
        known: !type.isAny() && !type.isUnknown() && !type.isTypeParameter(),
        ...(ownName ? { declaredName: ownName } : {}),
      };
    });
  }

  /** Whether the installed SDK's message request type takes an array of recipients (checked by compiling a probe). */
  sdkAcceptsRecipientArray(): boolean {
    if (this.recipientArrays !== undefined) return this.recipientArrays;
    this.recipientArrays = this.guarded(() => this.probeRecipientArrays()) ?? false;
    return this.recipientArrays;
  }

  private probeRecipientArrays(): boolean {
    const probe = this.project.createSourceFile(
      path.join(this.tsconfigDir, "__intercom_migrate_probe__.ts"),
      [
        `import type { Intercom } from "${SDK_PACKAGE}";`,
        `export const probe: Intercom.CreateMessageRequest = {`,
        `  message_type: "email", subject: "s", body: "b", template: "plain",`,
        `  from: { type: "admin", id: 1 }, to: [{ type: "user", id: "1" }],`,
        `};`,
      ].join("\n"),
      { overwrite: true },
    );
    this.project.resolveSourceFileDependencies();
    const accepts = probe.getPreEmitDiagnostics().length === 0;
    this.project.removeSourceFile(probe);
    return accepts;
  }

  /** The version of the SDK the project resolves `intercom-client` to, if any. */
  sdkVersion(): string | undefined {
    if (this.sdkVersionValue !== undefined) return this.sdkVersionValue ?? undefined;
    const { ts } = loadTsMorph();
    const resolved = ts.resolveModuleName(SDK_PACKAGE, path.join(this.tsconfigDir, "index.ts"), this.project.getCompilerOptions(), ts.sys).resolvedModule;
    let version: string | null = resolved?.packageId?.version ?? null;
    if (!version && resolved) {
      for (let dir = path.dirname(resolved.resolvedFileName); dir !== path.dirname(dir); dir = path.dirname(dir)) {
        const pkg = path.join(dir, "package.json");
        if (!existsSync(pkg)) continue;
        const data = JSON.parse(readFileSync(pkg, "utf8")) as { name?: string; version?: string };
        if (data.name === SDK_PACKAGE) version = data.version ?? null;
        break;
      }
    }
    this.sdkVersionValue = version;
    return version ?? undefined;
  }
}
