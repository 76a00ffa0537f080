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
    // Comments stay in the file's list (suppressions, annotations read them there); no rule reads them off nodes,
    // and attaching them to nodes is a good part of what a parse costs on commented code.
    attachComment: false,
  };
}

function toParseError(message: string, loc: { line: number; column: number } | undefined): ParseResult {
  return { ok: false, error: { message: message.replace(/\(\d+:\d+\)$/, "").trimEnd(), line: loc?.line ?? 1, column: (loc?.column ?? 0) + 1 } };
}

const TOO_DEEP: ParseResult = { ok: false, error: { message: "The file is nested too deeply to parse (stack overflow).", line: 1, column: 1 } };

/**
 * Deeper than this, a file is not parsed at all: parsing on a large stack gets slower than linear with depth
 * (20k levels take seconds, 200k take a minute), and no hand-written code nests so deep.
 */
export const MAX_NESTING = 20_000;

/**
 * The deepest nesting of brackets in the text, in one linear pass that skips comments and quoted strings
 * (brackets in template literals and regular expressions still count: a rough upper bound is enough here).
 */
export function bracketDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) {
      if (++depth > deepest) deepest = depth; // ( [ {
    } else if (c === 41 || c === 93 || c === 125) {
      if (depth > 0) depth--; // ) ] }
    } else if (c === 34 || c === 39) {
      // "…" or '…': to the closing quote or the end of the line
      for (i++; i < text.length && text.charCodeAt(i) !== c && text.charCodeAt(i) !== 10; i++) if (text.charCodeAt(i) === 92) i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      const end = text.indexOf("\n", i);
      i = end === -1 ? text.length : end;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const end = text.indexOf("*/", i + 2);
      i = end === -1 ? text.length : end + 1;
    }
  }
  return deepest;
}

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
  // Babel recurses a few frames per nesting level: deeply nested data overflows the main stack. Retry on a big one,
  // unless the nesting is beyond any code's (then the retry would take minutes only to overflow again).
  const depth = bracketDepth(text);
  if (depth > MAX_NESTING) {
    return {
      ok: false,
      error: { message: `The file is nested too deeply to parse (${depth} levels of brackets; the limit is ${MAX_NESTING}).`, line: 1, column: 1 },
    };
  }
  const deep = parseOnLargeStack(parserPath, text, options);
  if (deep.ok) return { ok: true, ast: deep.ast };
  return deep.overflow ? TOO_DEEP : toParseError(deep.message, deep.loc);
}
