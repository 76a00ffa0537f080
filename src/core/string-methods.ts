// String methods whose result is known from the string they are called on: `base.replace(/\/+$/, "")`, `url.trim()`.
import type { CallExpression } from "@babel/types";

/** What `text.method(…args)` gives, when the method and its literal arguments say: undefined otherwise. */
export function stringMethodResult(text: string, call: CallExpression, method: string): string | undefined {
  switch (method) {
    case "trim":
    case "trimEnd":
    case "trimStart":
      return call.arguments.length === 0 ? text[method]() : undefined;
    case "replace":
    case "replaceAll": {
      const [pattern, replacement] = call.arguments;
      if (replacement?.type !== "StringLiteral") return undefined;
      if (pattern?.type === "StringLiteral")
        return method === "replace" ? text.replace(pattern.value, replacement.value) : text.replaceAll(pattern.value, replacement.value);
      if (pattern?.type !== "RegExpLiteral") return undefined;
      try {
        return text.replace(new RegExp(pattern.pattern, pattern.flags), replacement.value);
      } catch {
        return undefined;
      }
    }
    default:
      return undefined;
  }
}
