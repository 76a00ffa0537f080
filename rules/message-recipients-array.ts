// message-recipients-array: a message create whose `to` / `cc` / `bcc` is one recipient, where 2.14 takes an array.
import type { Node } from "@babel/types";
import {
  FOLLOW_DEPTH,
  defineMeta,
  hasKey,
  payloadProperties,
  unwrapExpression,
  type Env,
  type Payload,
  type Ref,
  type Rule,
  type RuleContext,
  type SourceFile,
} from "../src/rule-api.js";

const meta = defineMeta({
  id: "message-recipients-array",
  severity: "warning",
  description: "Message creates should send `to`, `cc` and `bcc` as arrays of recipients, the 2.14 shape.",
  fixable: true,
  messages: {
    single:
      "Message `{{ key }}` is a single recipient; API 2.14 takes an array of recipients (one object is still accepted, but the array is the 2.14 shape and the only way to add recipients).",
    computed:
      "Message `{{ key }}` may be a single recipient; API 2.14 takes an array of recipients. Its value is computed here, so the tool cannot tell whether it is one recipient or an array.",
    unknownShape:
      "Message `{{ key }}` may be a single recipient; API 2.14 takes an array of recipients. The tool cannot tell whether this value is one recipient or already an array (wrapping an array would send `[[…]]`).",
    sdkTypes:
      "Message `{{ key }}` may be a single recipient; API 2.14 takes an array of recipients. This is an SDK call in a TypeScript file, and {{ sdk }}'s request types still declare a single recipient, so rewriting it would break the build.",
  },
  fixTitles: {
    single: "Wrap `{{ key }}` in an array",
  },
  fixesDone: {
    single: "Wrapped the message's single `{{ key }}` recipient in an array.",
  },
});

type Context = RuleContext<keyof typeof meta.messages>;

export const actions = {
  review: "Send an array of `{ type, id }` recipients (e.g. `[recipient]`), adjusting types if the SDK's declarations object.",
  unknownShape:
    "If the value is always one recipient, wrap it in an array (`[recipient]`); if it may already be an array, send `Array.isArray(recipient) ? recipient : [recipient]`.",
} as const;

const RECIPIENT_KEYS = ["to", "cc", "bcc"] as const;

/**
 * A test's stand-in for the SDK method: `vi.spyOn(client.messages, "create")`, `messages: { create: mockCreate }`.
 * Scanned by hand (what the regex /messages["'`]?[ \t]*[,:][ \t]*\{?\s*["'`]?create\b/ says): that regex backtracks
 * quadratically on `messages:` followed by a long run of spaces.
 */
function hasMessagesStandIn(text: string): boolean {
  for (let at = text.indexOf("messages"); at !== -1; at = text.indexOf("messages", at + 8)) {
    let i = at + 8;
    if (QUOTES.includes(text[i])) i++;
    while (text[i] === " " || text[i] === "\t") i++;
    if (text[i] !== "," && text[i] !== ":") continue;
    i++;
    while (text[i] === " " || text[i] === "\t") i++;
    if (text[i] === "{") i++;
    while (i < text.length && /\s/.test(text[i])) i++;
    if (QUOTES.includes(text[i])) i++;
    if (text.startsWith("create", i) && !/\w/.test(text[i + 6] ?? "")) return true;
  }
  return false;
}

const QUOTES = ['"', "'", "`"];

/** A /messages or bare "messages" path, the SDK request type, or a method named for it (`createMessage`, `sendMessage`). */
const MESSAGES_PATH = /\/messages|["'`]messages|CreateMessageRequest|\b(?:create|send)Message\b|(?:Create|Send)MessageMutation\b/;

/**
 * `messages` then `.create` with only parentheses, white space or comments between (`(client.messages)\n.create`,
 * `messages /* c *\/ .create`): scanned by hand, since a regex for it backtracks badly on long comments.
 */
function hasMessagesCreate(text: string): boolean {
  for (let at = text.indexOf("messages"); at !== -1; at = text.indexOf("messages", at + 8)) {
    let i = skipTrivia(text, at + 8, true);
    if (text[i] === "?") i++;
    if (text[i] !== ".") continue;
    i = skipTrivia(text, i + 1, false);
    if (text.startsWith("create", i) && !/[\w$]/.test(text[i + 6] ?? "")) return true;
  }
  return false;
}

/** The index after white space and comments (and closing parentheses, when allowed). */
function skipTrivia(text: string, from: number, parentheses: boolean): number {
  let i = from;
  for (;;) {
    const c = text[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r" || (parentheses && c === ")")) i++;
    else if (text.startsWith("/*", i)) {
      const close = text.indexOf("*/", i + 2);
      i = close === -1 ? text.length : close + 2;
    } else if (text.startsWith("//", i)) {
      const newline = text.indexOf("\n", i);
      i = newline === -1 ? text.length : newline + 1;
    } else return i;
  }
}

/**
 * Is the value known to be one recipient object: an object literal, a value typed as an object (not an array), a
 * name holding one, or a parameter every call in the file fills with one? Anything else may be an array already.
 */
function isOneRecipient(context: Context, ref: Ref, depth: number): boolean {
  const inner = unwrapExpression(ref.node);
  if (inner.type === "ObjectExpression") return true;
  if (depth > FOLLOW_DEPTH) return false;
  const type = context.staticType(ref);
  if (type === "object") return true;
  if (type !== "unknown") return false;
  const value = context.valueOf(ref);
  if (value && value.node !== inner) return isOneRecipient(context, value, depth + 1);
  const passed = context.parameterArguments(ref);
  return passed !== undefined && passed.length > 0 && passed.every((argument) => isOneRecipient(context, argument, depth + 1));
}

/** Values that can be wrapped in `[…]` without changing what they mean. */
function isWrappable(node: Node): boolean {
  const inner = unwrapExpression(node);
  return inner.type === "ObjectExpression" || inner.type === "Identifier" || inner.type === "MemberExpression" || inner.type === "OptionalMemberExpression";
}

function checkValue(
  context: Context,
  key: string,
  file: SourceFile,
  at: Node,
  value: Node,
  env: Env | undefined,
  sdkInTypeScript: boolean,
  shorthand: boolean,
): void {
  const inner = unwrapExpression(value);
  if (inner.type === "ArrayExpression" || inner.type === "StringLiteral" || inner.type === "TemplateLiteral") return;
  if (inner.type === "NullLiteral" || (inner.type === "Identifier" && inner.name === "undefined")) return;
  const type = context.staticType({ file, node: value, env });
  if (type === "array" || type === "string") return;
  if (!isWrappable(value)) {
    context.report({ file, node: at, messageId: "computed", data: { key }, action: actions.review });
    return;
  }
  const source = file.sourceOf(value);
  if (!isOneRecipient(context, { file, node: value, env }, 0)) {
    // A name whose value the tool cannot see (a parameter callers fill, a property of something passed in) may
    // already be an array: wrapping it would send `[[…]]`. A person decides; both rewrites are offered.
    const wrap = shorthand ? `${key}: [${source}]` : `[${source}]`;
    const normalise = `${shorthand ? `${key}: ` : ""}Array.isArray(${source}) ? ${source} : [${source}]`;
    const suggestions = [
      { message: `Wrap \`${key}\` in an array (it is always one recipient)`, edits: [{ start: value.start!, end: value.end!, text: wrap }] },
      { message: `Send \`${key}\` as an array whether or not it is one already`, edits: [{ start: value.start!, end: value.end!, text: normalise }] },
    ];
    context.report({ file, node: at, messageId: "unknownShape", data: { key }, action: actions.unknownShape, suggestions });
    return;
  }
  const edits = shorthand
    ? [{ start: value.start!, end: value.end!, text: `${key}: [${source}]` }]
    : [
        { start: value.start!, end: value.start!, text: "[" },
        { start: value.end!, end: value.end!, text: "]" },
      ];
  if (sdkInTypeScript) {
    const suggestions = [{ message: `Wrap \`${key}\` in an array (your SDK's types must accept an array)`, edits }];
    // The SDK the project has installed, by its version; none named when none is found (never a version it lacks).
    const version = context.sdkVersion();
    const sdk = version ? `intercom-client ${version}` : "intercom-client";
    context.report({ file, node: at, messageId: "sdkTypes", data: { key, sdk }, action: actions.review, suggestions });
    return;
  }
  context.report({ file, node: at, messageId: "single", data: { key }, edits });
}

function checkPayload(context: Context, payload: Payload, sdkInTypeScript: boolean): void {
  for (const key of RECIPIENT_KEYS) {
    for (const property of payloadProperties(payload, key)) {
      checkValue(context, key, property.file, property.node, property.node.value, property.env, sdkInTypeScript, property.node.shorthand);
    }
    for (const write of payload.writes) {
      if (write.key === key && write.node.operator === "=") {
        checkValue(context, key, write.file, write.node.left, write.node.right, undefined, sdkInTypeScript, false);
      }
    }
  }
}

export const messageRecipientsArray: Rule<keyof typeof meta.messages> = {
  meta,
  needles: ["messages", "CreateMessage", "createMessage", "sendMessage", "SendMessage"],
  // A messages.create call (line breaks, comments or parentheses may sit between the two names: `(client.messages)\n.create`),
  // a /messages path, a bare "messages" path (prefixUrl clients), or the SDK type.
  mayMatch: (text) => (MESSAGES_PATH.test(text) || hasMessagesCreate(text) || hasMessagesStandIn(text)) && /\b(to|cc|bcc)\b/.test(text),
  check(context) {
    if (!RECIPIENT_KEYS.some((key) => hasKey(context, key))) return;
    for (const request of context.requests()) {
      if (request.endpoint?.operation !== "messages.create" || !request.payload) continue;
      // SDK calls in TypeScript are rewritten only when the installed SDK's types take an array (type-aware mode).
      const typesBlock = request.via === "sdk" && context.file.isTypeScript && !context.sdkAcceptsRecipientArray();
      checkPayload(context, request.payload, typesBlock);
    }
  },
};
