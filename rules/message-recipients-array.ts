// message-recipients-array: a message create whose `to` / `cc` / `bcc` is one recipient, where 2.14 takes an array.
import type { Node } from "@babel/types";
import type { SourceFile } from "../src/core/source.js";
import type { Rule, RuleContext } from "../src/core/types.js";
import { hasKey, payloadProperties, unwrapExpression, type Env, type Payload } from "../src/core/values.js";

const RECIPIENT_KEYS = ["to", "cc", "bcc"] as const;

/** A test's stand-in for the SDK method: `vi.spyOn(client.messages, "create")`, `messages: { create: mockCreate }`. */
const MESSAGES_STAND_IN = /messages["'`]?[ \t]*[,:][ \t]*\{?\s*["'`]?create\b/;

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

export const messages = {
  single: (key: string) =>
    `Message \`${key}\` is a single recipient; API 2.14 takes an array of recipients (one object is still accepted, but the array is the 2.14 shape and the only way to add recipients).`,
  review: (key: string, why: string) =>
    `Message \`${key}\` may be a single recipient; API 2.14 takes an array of recipients. ${why}`,
} as const;

export const WHY = {
  computed: "Its value is computed here, so the tool cannot tell whether it is one recipient or an array.",
  sdkTypes:
    "This is an SDK call in a TypeScript file, and intercom-client 7.0.3's request types still declare a single recipient, so rewriting it would break the build.",
} as const;

export const actions = {
  review: "Send an array of `{ type, id }` recipients (e.g. `[recipient]`), adjusting types if the SDK's declarations object.",
} as const;

/** Values that can be wrapped in `[…]` without changing what they mean. */
function isWrappable(node: Node): boolean {
  const inner = unwrapExpression(node);
  return inner.type === "ObjectExpression" || inner.type === "Identifier" || inner.type === "MemberExpression" || inner.type === "OptionalMemberExpression";
}

function checkValue(context: RuleContext, key: string, file: SourceFile, at: Node, value: Node, env: Env | undefined, sdkInTypeScript: boolean, shorthand: boolean): void {
  const inner = unwrapExpression(value);
  if (inner.type === "ArrayExpression" || inner.type === "StringLiteral" || inner.type === "TemplateLiteral") return;
  if (inner.type === "NullLiteral" || (inner.type === "Identifier" && inner.name === "undefined")) return;
  const type = context.resolver.staticType({ file, node: value, env });
  if (type === "array" || type === "string") return;
  if (!isWrappable(value)) {
    context.report({ file, node: at, message: messages.review(key, WHY.computed), action: actions.review });
    return;
  }
  const source = file.sourceOf(value);
  const edits = shorthand
    ? [{ start: value.start!, end: value.end!, text: `${key}: [${source}]` }]
    : [
        { start: value.start!, end: value.start!, text: "[" },
        { start: value.end!, end: value.end!, text: "]" },
      ];
  if (sdkInTypeScript) {
    const suggestions = [{ message: `Wrap \`${key}\` in an array (your SDK's types must accept an array)`, edits }];
    context.report({ file, node: at, message: messages.review(key, WHY.sdkTypes), action: actions.review, suggestions });
    return;
  }
  context.report({ file, node: at, message: messages.single(key), edits });
}

function checkPayload(context: RuleContext, payload: Payload, sdkInTypeScript: boolean): void {
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

export const messageRecipientsArray: Rule = {
  meta: {
    id: "message-recipients-array",
    severity: "warning",
    description: "Message creates should send `to`, `cc` and `bcc` as arrays of recipients, the 2.14 shape.",
    fixable: true,
  },
  needles: ["messages", "CreateMessage", "createMessage", "sendMessage", "SendMessage"],
  // A messages.create call (line breaks, comments or parentheses may sit between the two names: `(client.messages)\n.create`),
  // a /messages path, a bare "messages" path (prefixUrl clients), or the SDK type.
  mayMatch: (text) => (MESSAGES_PATH.test(text) || hasMessagesCreate(text) || MESSAGES_STAND_IN.test(text)) && /\b(to|cc|bcc)\b/.test(text),
  check(context) {
    if (!RECIPIENT_KEYS.some((key) => hasKey(context, key))) return;
    for (const request of context.requests()) {
      if (request.endpoint?.operation !== "messages.create" || !request.payload) continue;
      // SDK calls in TypeScript are rewritten only when the installed SDK's types take an array (type-aware mode).
      const typesBlock = request.via === "sdk" && context.file.isTypeScript && !context.resolver.project.typeOracleFor(context.file)?.sdkAcceptsRecipientArray();
      checkPayload(context, request.payload, typesBlock);
    }
  },
};
