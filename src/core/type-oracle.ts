// Type-aware mode: a TypeScript program over the checked files that can hold a finding (and what they import) answers
// what syntax cannot. TypeScript is the copy ts-morph bundles (the optional dependency), used through its compiler API.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { ts as Ts } from "ts-morph";
import type { TypeFacts, TypeOracle } from "./project.js";
import type { SourceFile } from "./source.js";

type TypeScript = typeof Ts;
/** TypeScript, and the default library files that come with it (ts-morph keeps them in its own package, not on disk). */
let typescript: { ts: TypeScript; libFiles: Map<string, string> } | undefined;

/** Where the default library files seem to be (the folder ts-morph gives them). */
const LIB_FOLDER = "/node_modules/typescript/lib";

/** TypeScript loads on the first type question, never on the plain path. */
function loadTypeScript(): { ts: TypeScript; libFiles: Map<string, string> } {
  if (!typescript) {
    const tsMorph = createRequire(import.meta.url).resolve("ts-morph");
    const common = createRequire(tsMorph)("@ts-morph/common") as { ts: TypeScript; getLibFiles(): Array<{ fileName: string; text: string }> };
    typescript = { ts: common.ts, libFiles: new Map(common.getLibFiles().map((lib) => [`${LIB_FOLDER}/${lib.fileName}`, lib.text])) };
  }
  return typescript;
}

const SDK_PACKAGE = "intercom-client";

/** Which SDK types name what (the part after the last dot, as both SDK versions spell them). */
const SDK_TYPE_NAMES = new Set(["UpdateTicketRequest", "CreateMessageRequest", "ActivityLogMetadata", "IntercomClient", "Client"]);

function isFromSdk(type: Ts.Type): boolean {
  const symbol = type.aliasSymbol ?? type.getSymbol();
  return !!symbol?.getDeclarations()?.some((declaration) => {
    const fileName = declaration.getSourceFile().fileName;
    return fileName.includes(`/${SDK_PACKAGE}/`) || fileName.includes(`${SDK_PACKAGE}-`);
  });
}

/** The name of the intercom-client type this is (or a member of, for unions and intersections), if any. */
function sdkTypeName(type: Ts.Type | undefined): string | undefined {
  if (!type) return undefined;
  // A union alias like CreateMessageRequest = Email | Inapp: the alias carries the name.
  const alias = type.aliasSymbol;
  if (alias && isFromSdk(type)) return alias.getName();
  const candidates = [type, ...(type.isUnion() ? type.types : []), ...(type.isIntersection() ? type.types : [])];
  const names = candidates.flatMap((candidate) => {
    const symbol = candidate.aliasSymbol ?? candidate.getSymbol();
    return symbol && isFromSdk(candidate) && symbol.getName() !== "__type" ? [symbol.getName()] : [];
  });
  return names.find((name) => SDK_TYPE_NAMES.has(name)) ?? names[0];
}

/** The type tests the answers are made of, on TypeScript's own types. */
function typeTests(ts: TypeScript, checker: Ts.TypeChecker) {
  const flag = (type: Ts.Type, flags: Ts.TypeFlags) => (type.flags & flags) !== 0;
  return {
    unknown: (type: Ts.Type) => flag(type, ts.TypeFlags.Any | ts.TypeFlags.Unknown),
    nullish: (type: Ts.Type) => flag(type, ts.TypeFlags.Undefined | ts.TypeFlags.Null),
    number: (type: Ts.Type) => flag(type, ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral),
    string: (type: Ts.Type) => flag(type, ts.TypeFlags.String | ts.TypeFlags.TemplateLiteral) || type.isStringLiteral(),
    /** `T[]`, `Array<T>`, `ReadonlyArray<T>`, or a tuple. */
    array: (type: Ts.Type): boolean => {
      const name = type.getSymbol()?.getName();
      if ((name === "Array" || name === "ReadonlyArray") && checker.getTypeArguments(type as Ts.TypeReference).length === 1) return true;
      const target = (type as Ts.TypeReference).target as Ts.Type | undefined;
      return !!target && flag(target, ts.TypeFlags.Object) && ((target as Ts.ObjectType).objectFlags & ts.ObjectFlags.Tuple) !== 0;
    },
  };
}

function primitiveKind(tests: ReturnType<typeof typeTests>, type: Ts.Type): "number" | "string" | "array" | undefined {
  if (tests.unknown(type)) return undefined;
  const parts = type.isUnion() ? type.types.filter((t) => !tests.nullish(t)) : [type];
  if (parts.length === 0) return undefined;
  if (parts.every(tests.number)) return "number";
  if (parts.every(tests.string)) return "string";
  if (parts.every(tests.array)) return "array";
  return undefined;
}

/**
 * The checker's error type: what a name that resolves to nothing gets (`fetch`, `console`, `Response` without the DOM
 * library), and whatever is computed from it.
 */
function isErrorType(ts: TypeScript, type: Ts.Type | undefined): boolean {
  return !!type && (type.flags & ts.TypeFlags.Any) !== 0 && (type as { intrinsicName?: string }).intrinsicName === "error";
}

/**
 * The options of a first, cheaper program: when the tsconfig names no `lib`, TypeScript's default library for the
 * target holds the DOM's declarations (lib.dom.d.ts alone is 1.6 MB, more than intercom-client 7's 1,080 declaration
 * files together); the target's ECMAScript library without them answers every question that names no DOM global.
 * Undefined when the tsconfig chose its libraries itself.
 */
function withoutDom(ts: TypeScript, options: Ts.CompilerOptions): Ts.CompilerOptions | undefined {
  if (options.lib || options.noLib) return undefined;
  // lib.d.ts (ES5 + DOM), lib.es6.d.ts (ES2015 + DOM), lib.es2022.full.d.ts (ES2022 + DOM), …
  const full = ts.getDefaultLibFileName(options);
  const ecmascript = full === "lib.d.ts" ? "lib.es5.d.ts" : full === "lib.es6.d.ts" ? "lib.es2015.d.ts" : full.replace(".full.d.ts", ".d.ts");
  return { ...options, lib: [ecmascript] };
}

/** The child of `node` whose range holds `pos` (tokens included), if any. */
function childAt(node: Ts.Node, pos: number, source: Ts.SourceFile): Ts.Node | undefined {
  if (pos < node.pos || pos >= node.end) return undefined;
  return node.getChildren(source).find((child) => pos >= child.pos && pos < child.end);
}

/**
 * The node that starts at `start` (after its leading trivia) and is `width` long: going down from the file, the
 * innermost of the first run of nodes that fit.
 */
function nodeSpanning(source: Ts.SourceFile, start: number, width: number): Ts.Node | undefined {
  let found: Ts.Node | undefined;
  for (let node = childAt(source, start, source); node; node = childAt(node, start, source)) {
    const nodeStart = node.getStart(source);
    if (nodeStart === start && node.end - nodeStart === width) found = node;
    else if (found) break;
  }
  return found;
}

/**
 * The text of a covered file that may ask a type question (it passes the engine's prefilter and the run checks it),
 * or undefined. Without it, files join the program as they ask, and each makes TypeScript build the program again.
 */
export type CandidateText = (fileName: string) => string | undefined;

export class TsTypeOracle implements TypeOracle {
  private readonly ts: TypeScript;
  private readonly tsconfigDir: string;
  private readonly config: Ts.ParsedCommandLine;
  /**
   * The program's options: the tsconfig's, less the DOM library while no answer has needed it (see withoutDom). An
   * answer whose type is the error type (a name the program could not resolve) widens them to the tsconfig's own
   * and is asked again, so every answer is the one the tsconfig's full program gives.
   */
  private options: Ts.CompilerOptions;
  private readonly host: Ts.CompilerHost;
  /** The program's root files: the candidates, then every other file that asked. */
  private readonly roots = new Set<string>();
  /** Texts the engine gave that the program must use instead of the file on disk (an editor's, a fix pass's). */
  private readonly texts = new Map<string, string>();
  /** Parsed files, kept across programs so that a new program parses only what changed. */
  private readonly parsed = new Map<string, { text: string | undefined; source: Ts.SourceFile | undefined }>();
  private program: Ts.Program | undefined;
  private checker: Ts.TypeChecker | undefined;
  private stale = true;
  private recipientArrays: boolean | undefined;
  private sdkVersionValue: string | null | undefined;

  constructor(
    readonly tsconfigPath: string,
    private readonly candidateText?: CandidateText,
  ) {
    const { ts, libFiles } = loadTypeScript();
    this.ts = ts;
    this.tsconfigDir = path.dirname(tsconfigPath);
    let problem: string | undefined;
    const config = ts.getParsedCommandLineOfConfigFile(
      tsconfigPath,
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (diagnostic) => (problem = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")),
      },
    );
    if (!config) throw new Error(problem ?? `cannot read ${tsconfigPath}`);
    this.config = config;
    this.options = withoutDom(ts, config.options) ?? config.options;
    const host = (this.host = ts.createCompilerHost(config.options, false));
    // JSDoc in TypeScript files carries no types: skipping it makes parsing the SDK's and lib's declarations cheaper.
    host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeInfo;
    host.getDefaultLibLocation = () => LIB_FOLDER;
    host.getDefaultLibFileName = (options) => `${LIB_FOLDER}/${ts.getDefaultLibFileName(options)}`;
    const fromDisk = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, languageVersion, onError) => {
      const text = this.texts.get(path.resolve(fileName)) ?? libFiles.get(fileName);
      const known = this.parsed.get(fileName);
      if (known && known.text === text) return known.source;
      const source = text === undefined ? fromDisk(fileName, languageVersion, onError) : ts.createSourceFile(fileName, text, languageVersion, false, undefined);
      this.parsed.set(fileName, { text, source });
      return source;
    };
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (fileName) => this.texts.has(path.resolve(fileName)) || libFiles.has(fileName) || fileExists(fileName);
    const readFile = host.readFile.bind(host);
    host.readFile = (fileName) => this.texts.get(path.resolve(fileName)) ?? libFiles.get(fileName) ?? readFile(fileName);
  }

  private prepared = false;

  /**
   * The first program holds every covered file that passes the prefilter (and is checked by this run), with what
   * they import: TypeScript builds it once, not once more for each file that asks after the last one did.
   */
  private prepare(): void {
    if (this.prepared || !this.candidateText) return;
    this.prepared = true;
    const allowJs = !!this.config.options.allowJs;
    for (const fileName of this.coveredFiles()) {
      if (!allowJs && !/\.[cm]?tsx?$/.test(fileName)) continue;
      const text = this.candidateText(fileName);
      if (text === undefined) continue;
      this.roots.add(fileName);
      this.texts.set(fileName, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
      this.stale = true;
    }
  }

  /** The program as it stands, rebuilt (reusing every unchanged file) when roots or texts changed. */
  private currentProgram(): Ts.Program {
    if (this.stale || !this.program) {
      this.program = this.ts.createProgram({ rootNames: [...this.roots], options: this.options, host: this.host, oldProgram: this.program });
      this.checker = undefined;
      this.stale = false;
    }
    return this.program;
  }

  private typeChecker(): Ts.TypeChecker {
    const program = this.currentProgram();
    this.checker ??= program.getTypeChecker();
    return this.checker;
  }

  /** The program's file for each parsed file, while the program still holds that very file. */
  private readonly synced = new WeakMap<SourceFile, Ts.SourceFile>();

  private sourceFor(file: SourceFile): { source: Ts.SourceFile; shift: number } | undefined {
    const fileName = path.resolve(file.path);
    const shift = file.text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const known = this.synced.get(file);
    if (known && this.currentProgram().getSourceFile(fileName) === known) return { source: known, shift };
    this.prepare();
    const text = shift ? file.text.slice(1) : file.text;
    let source = this.currentProgram().getSourceFile(fileName);
    if (!source || source.text !== text) {
      // A file not in the program yet, or the editor or a fix pass changed its text: build the program again.
      this.roots.add(fileName);
      this.texts.set(fileName, text);
      this.stale = true;
      source = this.currentProgram().getSourceFile(fileName);
    }
    if (!source) return undefined;
    this.synced.set(file, source);
    return { source, shift };
  }

  private memberFiles: Set<string> | undefined;

  /**
   * Files the tsconfig covers (its `files` / `include`, less `exclude`): its types speak for them only.
   * JavaScript files count only when the tsconfig lets the checker read them.
   */
  private answers(file: SourceFile): boolean {
    if (!file.isTypeScript && !this.config.options.allowJs) return false;
    return this.coveredFiles().has(path.resolve(file.path));
  }

  private coveredFiles(): Set<string> {
    this.memberFiles ??= new Set(this.config.fileNames.map((name) => path.resolve(name)));
    return this.memberFiles;
  }

  private nodeAt(file: SourceFile, start: number, end: number): Ts.Node | undefined {
    if (!this.answers(file)) return undefined;
    const found = this.sourceFor(file);
    if (!found) return undefined;
    const from = start - found.shift;
    const width = end - start;
    let node = nodeSpanning(found.source, from, width);
    // Parentheses and `as` wrappers: the same range may name an outer node; take the innermost expression.
    const { ts } = this;
    while (node && (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) && node.getStart(found.source) === from) {
      const inner: Ts.Node = node.expression;
      if (inner.end - inner.getStart(found.source) !== width) break;
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

  /** Back to the tsconfig's own libraries, for good (false when the program already has them). */
  private widen(): boolean {
    if (this.options === this.config.options) return false;
    this.options = this.config.options;
    this.stale = true;
    return true;
  }

  /** The type of the node at a range, from a program that can name it (widened first if the slim one cannot). */
  private typeAt(file: SourceFile, start: number, end: number): { node: Ts.Node; checker: Ts.TypeChecker; type: Ts.Type } | undefined {
    const node = this.nodeAt(file, start, end);
    if (!node) return undefined;
    const checker = this.typeChecker();
    const type = checker.getTypeAtLocation(node);
    return isErrorType(this.ts, type) && this.widen() ? this.typeAt(file, start, end) : { node, checker, type };
  }

  typeOf(file: SourceFile, start: number, end: number): "number" | "string" | "array" | undefined {
    return this.guarded(() => {
      const found = this.typeAt(file, start, end);
      return found && primitiveKind(typeTests(this.ts, found.checker), found.type);
    });
  }

  facts(file: SourceFile, start: number, end: number): TypeFacts | undefined {
    return this.guarded(() => {
      const found = this.typeAt(file, start, end);
      if (!found) return undefined;
      const { node, checker, type } = found;
      const named = type.aliasSymbol ?? type.getSymbol();
      const ownName = named && !isFromSdk(type) && named.getName() !== "__type" && named.getName() !== "__object" ? named.getName() : undefined;
      const tests = typeTests(this.ts, checker);
      // The contextual type costs a call's overload resolution: asked for only when read (most questions are about clients).
      let contextual: { name: string | undefined } | undefined;
      const contextualName = () => (contextual ??= { name: this.guarded(() => this.contextualSdkType(file, start, end, node, checker)) }).name;
      return {
        sdkType: sdkTypeName(type),
        get contextualSdkType() {
          return contextualName();
        },
        known: !tests.unknown(type) && (type.flags & this.ts.TypeFlags.TypeParameter) === 0,
        ...(ownName ? { declaredName: ownName } : {}),
        ...(type.isUnion() && type.types.some(tests.nullish) ? { nullable: true } : {}),
      };
    });
  }

  /** The SDK type an expression is contextually typed as (asked again of the widened program if the slim one cannot name it). */
  private contextualSdkType(file: SourceFile, start: number, end: number, node: Ts.Node, checker: Ts.TypeChecker): string | undefined {
    if (!this.ts.isExpression(node)) return undefined;
    const type = checker.getContextualType(node);
    if (!isErrorType(this.ts, type) || !this.widen()) return sdkTypeName(type);
    const found = this.typeAt(file, start, end);
    return found && this.contextualSdkType(file, start, end, found.node, found.checker);
  }

  /** Whether the installed SDK's message request type takes an array of recipients (checked by compiling a probe). */
  sdkAcceptsRecipientArray(): boolean {
    if (this.recipientArrays !== undefined) return this.recipientArrays;
    this.recipientArrays = this.guarded(() => this.probeRecipientArrays()) ?? false;
    return this.recipientArrays;
  }

  /** A probe module beside the program's files, in a program of its own (which reuses every file already parsed). */
  private probeRecipientArrays(): boolean {
    const fileName = path.join(this.tsconfigDir, "__intercom_migrate_probe__.ts");
    this.texts.set(
      fileName,
      [
        `import type { Intercom } from "${SDK_PACKAGE}";`,
        `export const probe: Intercom.CreateMessageRequest = {`,
        `  message_type: "email", subject: "s", body: "b", template: "plain",`,
        `  from: { type: "admin", id: 1 }, to: [{ type: "user", id: "1" }],`,
        `};`,
      ].join("\n"),
    );
    try {
      const program = this.ts.createProgram({
        rootNames: [...this.roots, fileName],
        options: this.options,
        host: this.host,
        oldProgram: this.currentProgram(),
      });
      return this.ts.getPreEmitDiagnostics(program, program.getSourceFile(fileName)).length === 0;
    } finally {
      this.texts.delete(fileName);
      this.parsed.delete(fileName);
    }
  }

  /** The version of the SDK the project resolves `intercom-client` to, if any. */
  sdkVersion(): string | undefined {
    if (this.sdkVersionValue !== undefined) return this.sdkVersionValue ?? undefined;
    const { ts } = this;
    const resolved = ts.resolveModuleName(SDK_PACKAGE, path.join(this.tsconfigDir, "index.ts"), this.config.options, ts.sys).resolvedModule;
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
