// `intercom-migrate lsp`: a language server over stdio; diagnostics from the engine, its edits as code actions.
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
} from "vscode-languageserver/node.js";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { Engine } from "../core/engine.js";
import { createEngine, type EngineRequest } from "../workspace/create-engine.js";
import { DOCS_BASE_URL } from "../package-info.js";
import { diagnosticsWithBaseline, lspBaseline, type LspBaseline } from "./lsp-baseline.js";
import type { Finding, TextEdit } from "../core/types.js";

const SOURCE = "intercom-migrate";
const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.${SOURCE}`;
const LANGUAGES = new Set(["javascript", "javascriptreact", "typescript", "typescriptreact"]);
const DEBOUNCE_MS = 150;

/** What a diagnostic carries back to the code-action handler: the fix and its title, and the suggestions. */
interface DiagnosticData {
  edits?: TextEdit[];
  fixTitle?: string;
  suggestions?: Array<{ message: string; edits: TextEdit[] }>;
}

function filePathOf(uri: string): string {
  return uri.startsWith("file:") ? fileURLToPath(uri) : uri;
}

function toLspEdits(document: TextDocument, edits: readonly TextEdit[]): LspTextEdit[] {
  return edits.map((edit) => ({ range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) }, newText: edit.text }));
}

function toDiagnostic(document: TextDocument, finding: Finding): Diagnostic {
  const data: DiagnosticData = { edits: finding.edits, fixTitle: finding.fixTitle, suggestions: finding.suggestions };
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

export function startLanguageServer(): void {
  // stdio always (`intercom-migrate lsp`, `--stdio` accepted for clients that pass it).
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  const documents = new TextDocuments(TextDocument);
  // Built on initialize, for the workspace folder, exactly as the CLI builds it there (configuration file, rule
  // selection and settings, tsconfig.json); until then, for the folder the server was started in.
  let built: Engine | undefined;
  const engineFor = (request: EngineRequest): Engine => {
    try {
      return createEngine(request).engine;
    } catch (error) {
      // A broken configuration file: say so, and check with the built-in defaults rather than not at all.
      connection.window.showErrorMessage(`intercom-migrate: ${(error as Error).message}; using the default configuration`);
      return createEngine({ ...request, configPath: false }).engine;
    }
  };
  const engineNow = (): Engine => (built ??= engineFor({ cwd: process.cwd() }));
  const timers = new Map<string, NodeJS.Timeout>();
  let baseline: LspBaseline | undefined;

  const isChecked = (document: TextDocument) => LANGUAGES.has(document.languageId) || /\.[cm]?[jt]sx?$/.test(document.uri);

  const validate = (document: TextDocument): void => {
    if (!isChecked(document)) return;
    let diagnostics: Diagnostic[] = [];
    try {
      const analysis = engineNow().analyze(document.getText(), filePathOf(document.uri));
      diagnostics = diagnosticsWithBaseline(baseline, filePathOf(document.uri), document.getText(), analysis.findings, (finding) => toDiagnostic(document, finding), (message) => connection.console.warn(message));
    } catch (error) {
      connection.console.error(`intercom-migrate: ${(error as Error).message}`);
    }
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
    // The workspace folder decides, as the CLI's working directory does: its configuration file and its
    // tsconfig.json (type-aware mode; the program follows the documents as they change). `initializationOptions`
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
        const data = diagnostic.data as DiagnosticData | undefined;
        if (data?.edits) {
          actions.push({
            title: data.fixTitle ?? `Fix: ${String(diagnostic.code)} (intercom-migrate)`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: true,
            edit: { changes: { [document.uri]: toLspEdits(document, data.edits) } },
          });
        }
        for (const suggestion of data?.suggestions ?? []) {
          actions.push({
            title: suggestion.message,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            edit: { changes: { [document.uri]: toLspEdits(document, suggestion.edits) } },
          });
        }
      }
    }
    const wantsFixAll = !params.context.only || params.context.only.some((kind) => FIX_ALL_KIND.startsWith(kind));
    if (wantsFixAll) {
      const text = document.getText();
      const result = engineNow().fix(text, filePathOf(document.uri));
      if (result.output !== text) {
        actions.push({
          title: "Fix all intercom-migrate problems in this file",
          kind: FIX_ALL_KIND,
          edit: { changes: { [document.uri]: [wholeFileEdit(document, text, result.output)] } },
        });
      }
    }
    return actions;
  });

  documents.listen(connection);
  connection.listen();
}
