// One parse per file: Babel, with TypeScript / JSX chosen by the file's extension.
import type { ParserOptions, ParserPlugin } from "@babel/parser";
import { babelParser } from "./lazy.js";
import type { File } from "@babel/types";
import { createRequire } from "node:module";
import { parseOnLargeStack } from "./deep-parse.js";

const parserPath = createRequire(import.meta.url).resolve("@babel/parser");

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

/** Babel's options for a file: TypeScript and JSX by extension, module or script by extension. */
export function parserOptions(filePath: string): ParserOptions {
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

function toParseError(message: string, loc: { line: number; column: number } | undefined): ParseResult {
  return { ok: false, error: { message: message.replace(/\(\d+:\d+\)$/, "").trimEnd(), line: loc?.line ?? 1, column: (loc?.column ?? 0) + 1 } };
}

const TOO_DEEP: ParseResult = { ok: false, error: { message: "The file is nested too deeply to parse (stack overflow).", line: 1, column: 1 } };

export function parseSource(text: string, filePath: string): ParseResult {
  const options = parserOptions(filePath);
  try {
    return { ok: true, ast: babelParser().parse(text, options) };
  } catch (error) {
    if (!(error instanceof RangeError)) {
      const e = error as { message?: string; loc?: { line: number; column: number } };
      return toParseError(String(e.message ?? error), e.loc);
    }
  }
  // Babel recurses a few frames per nesting level: deeply nested data overflows the main stack. Retry on a big one.
  const deep = parseOnLargeStack(parserPath, text, options);
  if (deep.ok) return { ok: true, ast: deep.ast };
  return deep.overflow ? TOO_DEEP : toParseError(deep.message, deep.loc);
}
