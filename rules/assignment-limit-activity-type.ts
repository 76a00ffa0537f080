// assignment-limit-activity-type: the activity type `admin_assignment_limit_change`, split in two by 2.14.
import type { Node } from "@babel/types";
import {
  defineMeta,
  dottedName,
  isMember,
  isSideEffectFree,
  memberName,
  needsParentheses,
  quoteOf,
  rangeWithParentheses,
  type Rule,
  type RuleContext,
  type SourceFile,
  type TextEdit,
} from "../src/rule-api.js";

const OLD = "admin_assignment_limit_change";
const NEW = ["admin_conversation_assignment_limit_change", "admin_ticket_assignment_limit_change"] as const;
const OLD_MEMBER = "AdminAssignmentLimitChange";
const NEW_MEMBERS = ["AdminConversationAssignmentLimitChange", "AdminTicketAssignmentLimitChange"] as const;

/** A review message: the value is gone, and where it stands leaves the choice of the new one to a person. */
const yourCall = (where: string) =>
  `Activity type \`admin_assignment_limit_change\` no longer exists in API 2.14 (split into \`admin_conversation_assignment_limit_change\` and \`admin_ticket_assignment_limit_change\`); ${where}, so which of the two it should become is your call.`;

const meta = defineMeta({
  id: "assignment-limit-activity-type",
  severity: "error",
  description: "The activity type `admin_assignment_limit_change` is split into conversation and ticket assignment-limit types in 2.14.",
  fixable: true,
  messages: {
    split:
      "Activity type `admin_assignment_limit_change` no longer exists in API 2.14: it is split into `admin_conversation_assignment_limit_change` and `admin_ticket_assignment_limit_change`.",
    constant: yourCall("a constant holds it and every use decides"),
    objectKey: yourCall("it is an object key"),
    objectValue: yourCall("it is an object value"),
    argument: yourCall("it is passed to a function"),
    typeUnion: yourCall("a type lists it"),
    impureComparison: yourCall("it is compared with a value that has side effects"),
    otherUse: yourCall("the tool cannot tell how it is used"),
    mockedResponse: yourCall("a mocked API response returns it"),
  },
  fixTitles: {
    split: "Split into the conversation and ticket assignment-limit activity types",
  },
  fixesDone: {
    split: "Split `admin_assignment_limit_change` into `admin_conversation_assignment_limit_change` and `admin_ticket_assignment_limit_change`.",
  },
});

type MessageId = keyof typeof meta.messages;
type Context = RuleContext<MessageId>;

export const actions = {
  review:
    "Replace `admin_assignment_limit_change` with `admin_conversation_assignment_limit_change`, `admin_ticket_assignment_limit_change`, or both, depending on what the code means.",
} as const;

/** Where the old value stands, for a review message. */
function positionOf(file: SourceFile, node: Node): MessageId {
  const parent = file.parent(node);
  switch (parent?.type) {
    case "VariableDeclarator":
      return "constant";
    case "ObjectProperty":
      return parent.key === node ? "objectKey" : "objectValue";
    case "CallExpression":
    case "NewExpression":
      return "argument";
    case "TSLiteralType":
      return "typeUnion";
    case "BinaryExpression":
      return "impureComparison";
    default:
      return "otherUse";
  }
}

/** `Intercom.ActivityLog.ActivityType.AdminAssignmentLimitChange`, however the namespace was imported. */
function isSdkEnumMember(context: Context, node: Node): boolean {
  if (!isMember(node) || memberName(node) !== OLD_MEMBER || node.computed) return false;
  const owner = context.packageExport({ file: context.file, node: node.object });
  if (owner) return owner.module === "intercom-client" && owner.path.includes("ActivityType");
  // An unresolved chain still names the SDK's enum when it ends in ActivityLog.ActivityType.
  return /(^|\.)ActivityLog\.ActivityType$/.test(dottedName(node.object) ?? "");
}

function checkOccurrence(context: Context, node: Node, spell: (value: 0 | 1) => string): void {
  const { file } = context;
  const parent = file.parent(node);
  // A mocked API response (a test double) that still returns it: which type the mock should return is the team's call.
  if (context.isMockedResponse({ file, node })) {
    context.report({ node, messageId: "mockedResponse", action: actions.review });
    return;
  }
  const suggestions = [0, 1].map((value) => ({
    message: `Replace with ${NEW[value as 0 | 1]}`,
    edits: [{ start: node.start!, end: node.end!, text: spell(value as 0 | 1) }],
  }));
  const report = (edits?: TextEdit[]) =>
    context.report(
      edits
        ? { node, messageId: "split", edits }
        : {
            node,
            messageId: positionOf(file, node),
            action: actions.review,
            ...(parent?.type === "TSLiteralType" ||
            parent?.type === "VariableDeclarator" ||
            parent?.type === "ObjectProperty" ||
            parent?.type === "CallExpression"
              ? { suggestions }
              : {}),
          },
    );
  if (parent?.type === "SwitchCase" && parent.test === node) {
    // A case of its own goes before this one, which keeps what is written around its value (parentheses, comments).
    const indent = file.indentAt(parent.start!);
    const head = file.text.slice(parent.start!, node.start!);
    return report([{ start: parent.start!, end: node.end!, text: `case ${spell(0)}:${file.newline}${indent}${head}${spell(1)}` }]);
  }
  if (parent?.type === "ArrayExpression") {
    // The new element goes before the parentheses around this one: `[("x")]` must not become `[("a", "b")]`.
    const { start } = rangeWithParentheses(file, node);
    return report([{ start, end: node.end!, text: `${spell(0)}, ${file.text.slice(start, node.start!)}${spell(1)}` }]);
  }
  if (parent?.type === "BinaryExpression" && ["===", "==", "!==", "!="].includes(parent.operator)) {
    const other = parent.left === node ? parent.right : parent.left;
    if (!isSideEffectFree(other)) return report();
    const subject = file.sourceOf(other);
    const positive = parent.operator === "===" || parent.operator === "==";
    const joiner = positive ? "||" : "&&";
    const compare = (value: 0 | 1) =>
      parent.left === node ? `${spell(value)} ${parent.operator} ${subject}` : `${subject} ${parent.operator} ${spell(value)}`;
    // The comparison as written (its comments and parentheses kept) with the first new value, then one with the second.
    const asWritten = file.text.slice(parent.start!, node.start!) + spell(0) + file.text.slice(node.end!, parent.end!);
    let text = `${asWritten} ${joiner} ${compare(1)}`;
    if (needsParentheses(file, parent, joiner)) text = `(${text})`;
    return report([{ start: parent.start!, end: parent.end!, text }]);
  }
  report();
}

export const assignmentLimitActivityType: Rule<MessageId> = {
  meta,
  needles: ["ssignment"],
  mayMatch: (text) => text.includes(OLD) || text.includes(OLD_MEMBER),
  check(context) {
    const { file } = context;
    for (const literal of file.nodesOfType("StringLiteral")) {
      if (literal.value !== OLD) continue;
      const quote = quoteOf(file, literal);
      checkOccurrence(context, literal, (value) => quote + NEW[value] + quote);
    }
    for (const member of file.nodesOfType("MemberExpression", "OptionalMemberExpression")) {
      if (!isSdkEnumMember(context, member)) continue;
      const owner = file.text.slice(member.start!, member.property.start!);
      checkOccurrence(context, member, (value) => owner + NEW_MEMBERS[value]);
    }
  },
};
