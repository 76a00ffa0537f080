// The questions a rule may ask about the file it checks, answered by the core's resolver and request finder.
import type { VersionPin } from "../requests/doubles.js";
import type { IntercomRequest, RequestFinder } from "../requests/requests.js";
import { declaredMemberNames, declaredType } from "./declared-types.js";
import type { TypeFacts } from "./project.js";
import type { SourceFile } from "./source.js";
import type { PackageExport, Report, RuleContext } from "./types.js";
import type { LiteralCandidate, Payload, Ref, Resolver, StaticType } from "./values.js";

/** What every rule run on one file shares. */
export interface FileScope {
  file: SourceFile;
  settings: Readonly<Record<string, unknown>>;
  resolver: Resolver;
  finder: RequestFinder;
  /** The file's Intercom requests, found on the first call and shared by every rule. */
  requests: () => IntercomRequest[];
}

/** One rule's context on one file: the shared questions, and the rule's own report. */
export class FileRuleContext implements RuleContext {
  readonly file: SourceFile;
  readonly settings: Readonly<Record<string, unknown>>;

  constructor(
    private readonly scope: FileScope,
    readonly report: (report: Report) => void,
  ) {
    this.file = scope.file;
    this.settings = scope.settings;
  }

  requests(): IntercomRequest[] {
    return this.scope.requests();
  }

  valueOf(ref: Ref): Ref | undefined {
    const value = this.scope.resolver.resolveValue(ref);
    return value.kind === "node" ? value.ref : undefined;
  }

  packageExport(ref: Ref): PackageExport | undefined {
    const value = this.scope.resolver.resolveValue(ref);
    return value.kind === "external" ? { module: value.module, path: value.path } : undefined;
  }

  parameterArguments(ref: Ref): Ref[] | undefined {
    const value = this.scope.resolver.resolveValue(ref);
    return value.kind === "param" ? this.scope.resolver.callArguments(value.binding) : undefined;
  }

  literalCandidates(ref: Ref): LiteralCandidate[] {
    return this.scope.resolver.literalCandidates(ref);
  }

  stringOf(ref: Ref): string {
    return this.scope.resolver.evalString(ref);
  }

  followPayload(ref: Ref): Payload {
    return this.scope.resolver.followPayload(ref);
  }

  staticType(ref: Ref): StaticType {
    return this.scope.resolver.staticType(ref);
  }

  mayBeUnset(ref: Ref): boolean {
    return this.scope.resolver.mayBeUnset(ref);
  }

  typeFacts(ref: Ref): TypeFacts | undefined {
    return this.scope.resolver.project.typeOracleFor(ref.file)?.facts(ref.file, ref.node.start!, ref.node.end!);
  }

  declaresMember(ref: Ref, name: string): boolean | undefined {
    const type = declaredType(ref.file, ref.node);
    return type ? declaredMemberNames(ref.file, type)?.includes(name) : undefined;
  }

  sdkAcceptsRecipientArray(): boolean {
    return this.scope.resolver.project.typeOracleFor(this.file)?.sdkAcceptsRecipientArray() ?? false;
  }

  sdkVersion(): string | undefined {
    const project = this.scope.resolver.project;
    return project.typeOracleFor(this.file)?.sdkVersion() ?? project.installedSdkVersion(this.file.path);
  }

  isSdkClient(ref: Ref): boolean {
    return this.scope.finder.isSdkClient(ref);
  }

  isMockedResponse(ref: Ref): boolean {
    return this.scope.finder.doubles?.mockedResponseAt(ref.file, ref.node) !== undefined;
  }

  versionPins(): VersionPin[] {
    return this.scope.finder.doubles?.versionPins(this.file) ?? [];
  }
}
