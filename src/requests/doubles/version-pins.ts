// The pinned API version in tests: assertions and mock matchers that compare it with a value (they move with the pin).
import type { CallExpression, Node } from "@babel/types";
import { resolveBinding } from "../../core/scope.js";
import type { SourceFile } from "../../core/source.js";
import { isMember, memberName, unwrapExpression, type Ref } from "../../core/values.js";
import type { Expectations } from "./expectations.js";
import type { TestDoubleLibrary, VersionPin } from "./library.js";

/** `Intercom-Version`, any case. */
export const VERSION_HEADER = /^intercom-version$/i;
/** Constants that name the pin itself: `INTERCOM_VERSION`, `intercomApiVersion`. */
export const PIN_NAME = /^intercom_?(api_?)?version$/i;
/** Words one of which a file holds where assertions may compare the pin (libraries add their own: `pinWords`). */
const ASSERTION_WORDS = /expect|assert/;

const mentionsIntercomCache = new WeakMap<SourceFile, boolean>();

/** `(header, value)` arguments whose header is the version header (or a path ending in it): `.matchHeader("Intercom-Version", v)`. */
export function versionHeaderArguments(call: CallExpression): { header: Node; value: Node } | undefined {
  const [header, value] = call.arguments;
  if (!header || !value || value.type === "SpreadElement") return undefined;
  const names = header.type === "ArrayExpression" ? header.elements : [header];
  const last = names[names.length - 1];
  return last?.type === "StringLiteral" && VERSION_HEADER.test(last.value) ? { header, value } : undefined;
}

/** Is this the pinned version ("certain"), or only named like a version in a file about Intercom ("uncertain")? */
export function pinSubject(file: SourceFile, ref: Ref): "certain" | "uncertain" | undefined {
  const node = unwrapExpression(ref.node);
  const byName = (name: string | undefined): "certain" | "uncertain" | undefined =>
    name === undefined
      ? undefined
      : PIN_NAME.test(name) || VERSION_HEADER.test(name)
        ? "certain"
        : /version/i.test(name) && mentionsIntercom(file)
          ? "uncertain"
          : undefined;
  if (node.type === "Identifier") {
    const binding = resolveBinding(file, node);
    if (binding?.kind === "import" && PIN_NAME.test(binding.imported)) return "certain";
    if (binding?.kind === "variable" && binding.declarator.id.type === "Identifier" && PIN_NAME.test(binding.declarator.id.name)) return "certain";
    return byName(node.name);
  }
  if (isMember(node)) return byName(memberName(node));
  // headers.get("Intercom-Version"), req.header(…), res.getHeader(…)
  if ((node.type === "CallExpression" || node.type === "OptionalCallExpression") && isMember(node.callee)) {
    const [header] = node.arguments;
    if (["get", "header", "getHeader", "get?"].includes(memberName(node.callee) ?? "") && header?.type === "StringLiteral" && VERSION_HEADER.test(header.value))
      return "certain";
  }
  return undefined;
}

/** Does the code (not only a comment) name Intercom: an import, a name, a string? */
function mentionsIntercom(file: SourceFile): boolean {
  let known = mentionsIntercomCache.get(file);
  if (known === undefined) {
    known =
      /intercom/i.test(file.text) &&
      (file.nodesOfType("StringLiteral").some((literal) => /intercom/i.test(literal.value)) ||
        file.nodesOfType("TemplateElement").some((element) => /intercom/i.test(element.value.raw)) ||
        file.nodesOfType("Identifier").some((identifier) => /intercom/i.test(identifier.name)));
    mentionsIntercomCache.set(file, known);
  }
  return known;
}

/**
 * Comparisons of the pinned version in a file: equality assertions first (`expect(INTERCOM_VERSION).toBe("2.13")`,
 * `assert.equal(…)`, `expect(headers.get("Intercom-Version")).toBe(…)`), then the libraries' matchers call by call
 * (nock's `.matchHeader("Intercom-Version", …)`, `toHaveProperty("Intercom-Version", …)`), then their other checks
 * (an msw handler's `request.headers.get("Intercom-Version") !== …`).
 */
export class VersionPins {
  private readonly cache = new WeakMap<SourceFile, VersionPin[]>();

  constructor(
    private readonly expectations: Expectations,
    private readonly libraries: readonly TestDoubleLibrary[],
  ) {}

  of(file: SourceFile): VersionPin[] {
    let pins = this.cache.get(file);
    if (pins) return pins;
    pins = [];
    this.cache.set(file, pins);
    const text = file.text;
    if (!/version/i.test(text)) return pins;
    if (!ASSERTION_WORDS.test(text) && !this.libraries.some((library) => library.pinWords?.some((word) => text.includes(word)))) return pins;
    for (const comparison of this.expectations.comparisons(file)) {
      for (const [subject, value] of [
        [comparison.actual, comparison.expected],
        [comparison.expected, comparison.actual],
      ]) {
        const link = pinSubject(file, subject);
        if (!link) continue;
        const article = /^[aeiou]/i.test(comparison.matcher) ? "an" : "a";
        pins.push({
          subject,
          value,
          certain: link === "certain",
          at: { file, node: comparison.call },
          description: `${article} \`${comparison.matcher}\` assertion on the pinned API version`,
        });
        break;
      }
    }
    const matching = this.libraries.filter((library) => library.pinsAt !== undefined);
    if (matching.length > 0) {
      for (const call of file.nodesOfType("CallExpression")) {
        for (const library of matching) pins.push(...library.pinsAt!(file, call));
      }
    }
    for (const library of this.libraries) if (library.pins) pins.push(...library.pins(file));
    return pins;
  }
}
