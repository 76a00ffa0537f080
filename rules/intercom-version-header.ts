// intercom-version-header: the API version pinned to 2.13 (or older) in an `Intercom-Version` header or the SDK's `version` option.
import type { Node } from "@babel/types";
import {
  PIN_NAME,
  VERSION_HEADER,
  defineMeta,
  isMember,
  memberName,
  payloadProperties,
  propertyKeyName,
  type Ref,
  type Rule,
  type RuleContext,
  type SourceFile,
} from "../src/rule-api.js";

/** Said of a version written as a fallback or a default (`process.env.V ?? "2.13"`, `(version = "2.13") =>`). */
const FALLBACK = "It is the fallback the code sends when nothing overrides it (the environment or the configuration may still set another version).";

const meta = defineMeta({
  id: "intercom-version-header",
  severity: "warning",
  description: "The Intercom API version pinned in an `Intercom-Version` header or the SDK's `version` option should be 2.14.",
  fixable: true,
  messages: {
    pinned: "The Intercom API version is pinned to 2.13; this codebase is being migrated to 2.14.",
    pinnedFallback: `The Intercom API version is pinned to 2.13; this codebase is being migrated to 2.14. ${FALLBACK}`,
    older: "The Intercom API version is pinned to {{ version }}, older than 2.13: more changed between {{ version }} and 2.14 than this tool checks.",
    olderFallback: `The Intercom API version is pinned to {{ version }}, older than 2.13: more changed between {{ version }} and 2.14 than this tool checks. ${FALLBACK}`,
    uncertain:
      'A test compares `{{ subject }}` with "{{ version }}": if it is the Intercom API version, it has to move to 2.14 with the pin, but the tool cannot tell that it is.',
  },
  fixTitles: {
    pinned: "Pin Intercom-Version to 2.14",
    pinnedFallback: "Make 2.14 the fallback Intercom-Version",
  },
  fixesDone: {
    pinned: "Pinned the Intercom API version to 2.14 (was 2.13).",
    pinnedFallback: "Made 2.14 the fallback Intercom API version (was 2.13).",
  },
});

type Context = RuleContext<keyof typeof meta.messages>;

export const actions = {
  uncertain: 'If this is the Intercom API version, expect "2.14" here (as the pin will be); otherwise leave it.',
} as const;

const HEADER = VERSION_HEADER;

function versionOf(node: Node): { text: string; major: number; minor: number } | undefined {
  const text =
    node.type === "StringLiteral" ? node.value : node.type === "TemplateLiteral" && node.expressions.length === 0 ? node.quasis[0].value.cooked : undefined;
  const match = text === undefined || text === null ? null : /^(\d+)\.(\d+)$/.exec(text.trim());
  return match ? { text: text!.trim(), major: Number(match[1]), minor: Number(match[2]) } : undefined;
}

/**
 * The literals a version value may be sent as (following constants across modules, fallbacks such as
 * `process.env.V ?? "2.13"`, conditionals and default values), with the file each is in.
 */
function versionLiterals(context: Context, ref: Ref): Array<{ node: Node; file: SourceFile; fallback: boolean }> {
  return context.literalCandidates(ref).map((candidate) => ({ node: candidate.ref.node, file: candidate.ref.file, fallback: candidate.fallback }));
}

function checkVersionValue(context: Context, ref: Ref, seen: Set<Node>): void {
  for (const { node, file, fallback } of versionLiterals(context, ref)) {
    const version = versionOf(node);
    if (!version || seen.has(node)) continue;
    seen.add(node);
    const atOrAfter = version.major > 2 || (version.major === 2 && version.minor >= 14);
    if (atOrAfter) continue;
    if (version.major === 2 && version.minor === 13) {
      const edit = { start: node.start! + 1, end: node.end! - 1, text: "2.14" };
      context.report({ file, node, messageId: fallback ? "pinnedFallback" : "pinned", edits: [edit] });
      continue;
    }
    context.report({
      file,
      node,
      messageId: fallback ? "olderFallback" : "older",
      data: { version: version.text },
      action: `Read the Intercom changelogs from ${version.text} to 2.14, migrate what changed, then pin "2.14".`,
    });
  }
}

/** A comparison in a test whose subject is only named like a version: reported for review when the value is an old pin. */
function checkUncertain(context: Context, subject: Ref, ref: Ref, seen: Set<Node>): void {
  for (const { node, file } of versionLiterals(context, ref)) {
    const version = versionOf(node);
    if (!version || seen.has(node) || version.major !== 2 || version.minor > 13) continue;
    seen.add(node);
    context.report({
      file,
      node,
      messageId: "uncertain",
      data: { subject: subject.file.sourceOf(subject.node), version: version.text },
      action: actions.uncertain,
    });
  }
}

/** A header name as written or as a constant holds it (`const VERSION_HEADER = "Intercom-Version"`). */
function isHeaderName(context: Context, node: Node | undefined): boolean {
  if (!node) return false;
  if (node.type === "StringLiteral") return HEADER.test(node.value);
  return (node.type === "Identifier" || isMember(node) || node.type === "TemplateLiteral") && HEADER.test(context.stringOf({ file: context.file, node }));
}

export const intercomVersionHeader: Rule<keyof typeof meta.messages> = {
  meta,
  needles: ["ntercom", "NTERCOM"],
  // The version may be written in another module (a config constant): a header or option naming it is enough.
  mayMatch: (text) => /intercom/i.test(text) && (/\d\.\d/.test(text) || /version/i.test(text)),
  check(context) {
    const { file } = context;
    const seen = new Set<Node>();
    // `{ "Intercom-Version": "2.13" }` wherever headers are written.
    for (const property of file.nodesOfType("ObjectProperty")) {
      const key = property.computed ? undefined : propertyKeyName(property.key);
      if (property.computed ? isHeaderName(context, property.key) : key !== undefined && (HEADER.test(key) || (PIN_NAME.test(key) && !property.shorthand))) {
        checkVersionValue(context, { file, node: property.value }, seen);
      }
    }
    // headers.set("Intercom-Version", v), request.set(…), [["Intercom-Version", v]]
    for (const call of file.nodesOfType("CallExpression")) {
      if (
        isMember(call.callee) &&
        ["set", "append", "header", "setHeader"].includes(memberName(call.callee) ?? "") &&
        isHeaderName(context, call.arguments[0]) &&
        call.arguments[1]
      ) {
        checkVersionValue(context, { file, node: call.arguments[1] }, seen);
      }
    }
    // instance.defaults.headers.common["Intercom-Version"] = "2.13"
    for (const assignment of file.nodesOfType("AssignmentExpression")) {
      if (
        assignment.operator === "=" &&
        isMember(assignment.left) &&
        (HEADER.test(memberName(assignment.left) ?? "") || (assignment.left.computed && isHeaderName(context, assignment.left.property)))
      ) {
        checkVersionValue(context, { file, node: assignment.right }, seen);
      }
    }
    for (const array of file.nodesOfType("ArrayExpression")) {
      if (array.elements.length === 2 && isHeaderName(context, array.elements[0] ?? undefined) && array.elements[1]) {
        checkVersionValue(context, { file, node: array.elements[1] }, seen);
      }
    }
    // const INTERCOM_VERSION = "2.13"
    for (const declarator of file.nodesOfType("VariableDeclarator")) {
      if (declarator.id.type === "Identifier" && PIN_NAME.test(declarator.id.name) && declarator.init) {
        checkVersionValue(context, { file, node: declarator.init }, seen);
      }
    }
    // new IntercomClient({ version: "2.13" }) and per-request options `{ version: "2.13" }`.
    for (const expression of file.nodesOfType("NewExpression")) {
      const options = expression.arguments[0];
      if (!options || !context.isSdkClient({ file, node: expression })) continue;
      for (const version of optionValues(context, { file, node: options }, "version")) checkVersionValue(context, version, seen);
    }
    // In tests: assertions and mock matchers on the pinned version (`expect(INTERCOM_VERSION).toBe("2.13")`,
    // nock's `.matchHeader("Intercom-Version", "2.13")`) move with it; a subject only named like a version is reviewed.
    for (const pin of context.versionPins()) {
      if (pin.certain) checkVersionValue(context, pin.value, seen);
      else checkUncertain(context, pin.subject, pin.value, seen);
    }
    // Request options come second (`tickets.update(request, { version })`), or first for methods without a request.
    for (const request of context.requests()) {
      if (request.via !== "sdk") continue;
      for (const options of [...request.headers, ...(request.payloadRef ? [request.payloadRef] : [])]) {
        for (const version of optionValues(context, options, "version")) checkVersionValue(context, version, seen);
      }
    }
  },
};

function optionValues(context: Context, ref: Ref, key: string): Ref[] {
  return payloadProperties(context.followPayload(ref), key).map((found) => ({ file: found.file, node: found.node.value, env: found.env }));
}
