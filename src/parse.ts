// One parse per file: Babel, with TypeScript / JSX chosen by the file's extension.
import { parse, type ParserOptions, type ParserPlugin } from "@babel/parser";
import type { File } from "@babel/types";

export const SOURCE_EXTENSIONS = [".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts"] as const;

export interface ParseError {
  message: string;
  line: number; // 1-based
  column: number; // 1-based
}

export type ParseResult = { ok: true; ast: File } | { ok: false; error: ParseError };

export function extensionOf(filePath: string): string {
  const dot = filePath.lastIndexOf(".");
  return dot === -1 ? "" : filePath.slice(dot).toLowerCase();
}

export function isTypeScriptPath(filePath: string): boolean {
  return [".ts", ".tsx", ".mts", ".cts"].includes(extensionOf(filePath));
}

function parserOptions(filePath: string): ParserOptions {
  const ext = extensionOf(filePath);
  const plugins: ParserPlugin[] = ["decorators-legacy"];
  if (ext === ".ts" || ext === ".mts" || ext === ".cts") plugins.push("typescript");
  else if (ext === ".tsx") plugins.push("typescript", "jsx");
  else plugins.push("jsx");
  const sourceType = ext === ".mjs" || ext === ".mts" ? "module" : ext === ".cjs" || ext === ".cts" ? "script" : "unambiguous";
  return {
    sourceType,
    plugins,
    allowReturnOutsideFunction: true,
    allowAwaitOutsideFunction: true,
    allowImportExportEverywhere: true,
    allowUndeclaredExports: true,
    allowSuperOutsideMethod: true,
    errorRecovery: false,
  };
}

export function parseSource(text: string, filePath: string): ParseResult {
  try {
    return { ok: true, ast: parse(text, parserOptions(filePath)) };
  } catch (error) {
    const e = error as { message?: string; loc?: { line: number; column: number } };
    if (error instanceof RangeError) {
      return { ok: false, error: { message: "The file is nested too deeply to parse (stack overflow).", line: 1, column: 1 } };
    }
    const message = String(e.message ?? error).replace(/\s*\(\d+:\d+\)$/, "");
    return { ok: false, error: { message, line: e.loc?.line ?? 1, column: (e.loc?.column ?? 0) + 1 } };
  }
}
