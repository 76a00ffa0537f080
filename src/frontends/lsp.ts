// `intercom-migrate lsp`: a language server over stdio; diagnostics from the engine, its edits as code actions
// (versioned: an action computed for an older version of a document is never offered).
import { fileURLToPath } from "node:url";
import {
  CodeActionKind,
  DiagnosticSeverity,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type CodeAction,
  type Diagnostic,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver/node.js";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { Engine } from "../core/engine.js";
import { describeFailures, internalFailure } from "../run/failures.js";
import { DEFAULT_MAX_FILE_BYTES } from "../run/process-file.js";
import { DOCS_BASE_URL } from "../package-info.js";
import { createEngine, type EngineRequest } from "../workspace/create-engine.js";
import { diagnosticsWithBaseline, lspBaseline, type LspBaseline } from "./lsp-baseline.js";
import { ProtocolGate, WholeFrames } from "./lsp-gate.js";
import type { Finding, TextEdit } from "../core/types.js";

const SOURCE = "intercom-migrate";
const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.${SOURCE}`;
const LANGUAGES = new Set(["javascript", "javascriptreact", "typescript", "typescriptreact"]);
const DEBOUNCE_MS = 150;

/** Documents larger than this are not analysed (the default --max-file-size); one diagnostic says so. */
const MAX_DOCUMENT_CHARS = DEFAULT_MAX_FILE_BYTES;
/** Messages larger than this are skipped by the protocol gate without being read into memory. */
const MAX_MESSAGE_BYTES = 4 * DEFAULT_MAX_FILE_BYTES;

/** What a diagnostic carries back to the code-action handler: the document version it was computed for. */
interface DiagnosticData {
  version: number;
}

/** The analysis of one version of a document: code actions are computed from it, never from stale offsets. */
interface DocumentAnalysis {
  version: number;
  findings: Finding[];
}

function filePathOf(uri: string): string {
  return uri.startsWith("file:") ? fileURLToPath(uri) : uri;
}

function toLspEdits(document: TextDocument, edits: readonly TextEdit[]): LspTextEdit[] {
  return edits.map((edit) => ({ range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) }, newText: edit.text }));
}

function toDiagnostic(document: TextDocument, finding: Finding): Diagnostic {
  const data: DiagnosticData = { version: document.version };
  return {
    range: { start: document.positionAt(finding.start), end: document.positionAt(finding.end) },
    severity: finding.severity === "error" ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: finding.ruleId,
    codeDescription: { href: `${DOCS_BASE_URL}/rules/${finding.ruleId}.md` },
    source: SOURCE,
    message: finding.action ? `${finding.message}\n${finding.action}` : finding.message,
    data,
  };
}

/** The smallest single edit turning `before` into `after` (common prefix and suffix kept). */
function wholeFileEdit(document: TextDocument, before: string, after: string): LspTextEdit {
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < before.length - prefix && suffix < after.length - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  return {
    range: { start: document.positionAt(prefix), end: document.positionAt(before.length - suffix) },
    newText: after.slice(prefix, after.length - suffix),
  };
}

/** A diagnostic at the top of the document for what kept it from being analysed fully. */
function fileDiagnostic(message: string, code: string, severity: DiagnosticSeverity): Diagnostic {
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity, code, source: SOURCE, message };
}

export function startLanguageServer(): void {
  // stdio always (`intercom-migrate lsp`, `--stdio` accepted for clients that pass it), behind the protocol gate.
  const send = (bytes: Buffer) => {
    if (!process.stdout.writableEnded) process.stdout.write(bytes);
  };
  // The client went away: nothing left to answer.
  process.stdout.on("error", () => process.exit(0));
  const log = (message: string) => process.stderr.write(`${message}\n`);
  const gate = new ProtocolGate({ maxMessageBytes: MAX_MESSAGE_BYTES, log, send });
  const outgoing = new WholeFrames(send);
  process.stdin.on("data", (chunk: Buffer) => gate.push(chunk));
  process.stdin.on("end", () => gate.end());
  const connection = createConnection(ProposedFeatures.all, gate.toServer, outgoing.fromServer);
  const documents = new TextDocuments(TextDocument);
  // Built on initialize, for the workspace folder, exactly as the CLI builds it there (configuration file, rule
  // selection and settings, each file's nearest tsconfig.json); until then, for the folder the server was started in.
  let built: Engine | undefined;
  const engineFor = (request: EngineRequest): Engine => {
    const warnings: string[] = [];
    try {
      return createEngine(request, warnings).engine;
    } catch (error) {
      // A broken configuration file: say so, and check with the built-in defaults rather than not at all.
      connection.window.showErrorMessage(`intercom-migrate: ${(error as Error).message}; using the default configuration`);
      return createEngine({ ...request, configPath: false }, warnings).engine;
    } finally {
      for (const warning of warnings) log(`intercom-migrate lsp: ${warning}`);
    }
  };
  const engineNow = (): Engine => (built ??= engineFor({ cwd: process.cwd() }));
  let baseline: LspBaseline | undefined;
  const timers = new Map<string, NodeJS.Timeout>();
  const analyses = new Map<string, DocumentAnalysis>();
  let versionedEdits = false;

  const isChecked = (document: TextDocument) => LANGUAGES.has(document.languageId) || /\.[cm]?[jt]sx?$/.test(document.uri);

  /** The findings for the document as it is now: analysed once per version. */
  const analysisOf = (document: TextDocument): { findings: Finding[]; diagnostics: Diagnostic[] } => {
    const text = document.getText();
    const filePath = filePathOf(document.uri);
    if (text.length > MAX_DOCUMENT_CHARS) {
      const message = `intercom-migrate did not analyse this document: ${(text.length / 1048576).toFixed(1)} MB is over the ${(MAX_DOCUMENT_CHARS / 1048576).toFixed(1)} MB limit.`;
      connection.console.warn(`${message} (${filePath})`);
      analyses.set(document.uri, { version: document.version, findings: [] });
      return { findings: [], diagnostics: [fileDiagnostic(message, "not-analysed", DiagnosticSeverity.Warning)] };
    }
    const diagnostics: Diagnostic[] = [];
    let findings: Finding[] = [];
    try {
      const analysis = engineNow().analyze(text, filePath);
      findings = analysis.findings;
      // A rule that failed is said in the log and on the document, with its id: never a silent "no problems".
      for (const failure of describeFailures(analysis.internalErrors)) {
        connection.console.error(`${failure.message} (${filePath})`);
        diagnostics.push(
          fileDiagnostic(`intercom-migrate could not check this document fully: ${failure.message}`, "internal-error", DiagnosticSeverity.Warning),
        );
      }
    } catch (error) {
      const failure = internalFailure(null, error);
      connection.console.error(`${failure.message} (${filePath})`);
      diagnostics.push(fileDiagnostic(`intercom-migrate could not check this document: ${failure.message}`, "internal-error", DiagnosticSeverity.Warning));
    }
    analyses.set(document.uri, { version: document.version, findings });
    const shown = diagnosticsWithBaseline(
      baseline,
      filePath,
      text,
      findings,
      (finding) => toDiagnostic(document, finding),
      (message) => connection.console.warn(message),
    );
    return { findings, diagnostics: [...diagnostics, ...shown] };
  };

  /** The current version's findings, analysing again only when the document changed since. */
  const currentFindings = (document: TextDocument): Finding[] => {
    const known = analyses.get(document.uri);
    return known && known.version === document.version ? known.findings : analysisOf(document).findings;
  };

  /** A workspace edit tied to the document's version, when the client can check it (TextDocumentEdit). */
  const editOf = (document: TextDocument, edits: LspTextEdit[]): WorkspaceEdit =>
    versionedEdits ? { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits }] } : { changes: { [document.uri]: edits } };

  const validate = (document: TextDocument): void => {
    if (!isChecked(document)) return;
    const { diagnostics } = analysisOf(document);
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
  };

  const schedule = (document: TextDocument, delay: number): void => {
    clearTimeout(timers.get(document.uri));
    timers.set(
      document.uri,
      setTimeout(() => {
        timers.delete(document.uri);
        const current = documents.get(document.uri);
        if (current) validate(current);
      }, delay),
    );
  };

  connection.onInitialize((params) => {
    versionedEdits = params.capabilities.workspace?.workspaceEdit?.documentChanges === true;
    // The workspace folder decides, as the CLI's working directory does: its configuration file and each document's
    // nearest tsconfig.json (type-aware mode; the program follows the documents as they change). `initializationOptions`
    // may name a configuration file or switch type-aware mode (`{ "configPath": "…", "types": false }`).
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- clients that send no workspaceFolders still send rootUri or rootPath
    const root = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? params.rootPath ?? undefined;
    const options = (params.initializationOptions ?? {}) as { configPath?: unknown; types?: unknown };
    built = engineFor({
      cwd: root ? filePathOf(root) : process.cwd(),
      configPath: typeof options.configPath === "string" ? options.configPath : undefined,
      types: options.types === false || typeof options.types === "string" ? options.types : undefined,
    });
    baseline = lspBaseline(params.initializationOptions, root ? filePathOf(root) : process.cwd());
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      },
      serverInfo: { name: SOURCE },
    };
  });

  // TextDocuments announces an opened document twice (open, then content change): check it once, at once.
  const justOpened = new Set<string>();
  documents.onDidOpen((event) => {
    justOpened.add(event.document.uri);
    schedule(event.document, 0);
  });
  documents.onDidChangeContent((event) => {
    if (justOpened.delete(event.document.uri)) return;
    schedule(event.document, DEBOUNCE_MS);
  });
  documents.onDidClose((event) => {
    clearTimeout(timers.get(event.document.uri));
    timers.delete(event.document.uri);
    analyses.delete(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.onCodeAction((params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const actions: CodeAction[] = [];
    const ours = params.context.diagnostics.filter((d) => d.source === SOURCE);
    const wantsQuickFix = !params.context.only || params.context.only.some((kind) => kind.startsWith(CodeActionKind.QuickFix));
    if (wantsQuickFix) {
      for (const diagnostic of ours) {
        const data = diagnostic.data as Partial<DiagnosticData> | undefined;
        // A diagnostic of another version of the document: its offsets mean nothing now; the client asks again.
        if (data?.version !== document.version) continue;
        const start = document.offsetAt(diagnostic.range.start);
        const end = document.offsetAt(diagnostic.range.end);
        const finding = currentFindings(document).find((f) => f.ruleId === diagnostic.code && f.start === start && f.end === end);
        if (!finding) continue;
        if (finding.edits) {
          actions.push({
            title: finding.fixTitle ?? `Fix: ${String(diagnostic.code)} (intercom-migrate)`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: true,
            edit: editOf(document, toLspEdits(document, finding.edits)),
          });
        }
        for (const suggestion of finding.suggestions ?? []) {
          actions.push({
            title: suggestion.message,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            edit: editOf(document, toLspEdits(document, suggestion.edits)),
          });
        }
      }
    }
    const wantsFixAll = !params.context.only || params.context.only.some((kind) => FIX_ALL_KIND.startsWith(kind));
    if (wantsFixAll) {
      const text = document.getText();
      const result = text.length > MAX_DOCUMENT_CHARS ? undefined : engineNow().fix(text, filePathOf(document.uri));
      if (result && result.internalErrors.length > 0) {
        for (const failure of describeFailures(result.internalErrors)) connection.console.error(`${failure.message} (${filePathOf(document.uri)})`);
      } else if (result && result.output !== text) {
        actions.push({
          title: "Fix all intercom-migrate problems in this file",
          kind: FIX_ALL_KIND,
          edit: editOf(document, [wholeFileEdit(document, text, result.output)]),
        });
      }
    }
    return actions;
  });

  documents.listen(connection);
  connection.listen();
}
