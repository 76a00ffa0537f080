// news-published-at: a news item's `published_at` (in `newsfeed_assignments`) in milliseconds, or in the future.
import type { Node, ObjectExpression, ObjectProperty } from "@babel/types";
import {
  defineMeta,
  isFunctionNode,
  isGlobal,
  isMember,
  memberName,
  objectProperty,
  payloadProperties,
  unwrapExpression,
  type Env,
  type Payload,
  type Ref,
  type Rule,
  type RuleContext,
  type SourceFile,
} from "../src/rule-api.js";

const NEWS_OPERATIONS = new Set(["news.items.create", "news.items.update"]);

const meta = defineMeta({
  id: "news-published-at",
  severity: "error",
  description: "News items' `published_at` must be a past Unix timestamp in seconds (API 2.14).",
  fixable: true,
  messages: {
    milliseconds: "News item `published_at` is in milliseconds; API 2.14 takes a Unix timestamp in seconds.",
    future: "News item `published_at` is in the future; API 2.14 accepts only past publish dates (scheduling is not supported).",
    futureMilliseconds:
      "News item `published_at` is in milliseconds, and in the future; API 2.14 takes a Unix timestamp in seconds, and only past dates (scheduling is not supported).",
  },
  fixTitles: {
    milliseconds: "Convert `published_at` to seconds",
  },
  fixesDone: {
    milliseconds: "Converted `published_at` from milliseconds to seconds.",
  },
});

type Context = RuleContext<keyof typeof meta.messages>;

export const actions = {
  future: "Leave `published_at` out (the item is published now) or give a past date in seconds; schedule the publication outside the API.",
} as const;

/** The present, in Unix seconds (a function, so the moment is the check's). */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** A 13-digit number: a timestamp in milliseconds (from 2001-09-09 to 2286-11-20). */
const isMillisecondLiteral = (value: number) => Number.isInteger(value) && value >= 1e12 && value < 1e13;

type Verdict = { kind: "milliseconds"; at?: number } | { kind: "future" } | { kind: "future-milliseconds" } | undefined;

class PublishedAt {
  constructor(private readonly context: Context) {}

  /** The milliseconds a Date-valued expression stands for, when it can be computed (`new Date("2030-01-01")`). */
  private dateMillis(ref: Ref): number | undefined {
    const node = unwrapExpression(ref.node);
    if (node.type !== "NewExpression" || !isGlobal(ref.file, node.callee, "Date")) return undefined;
    const args = node.arguments.map((arg) => unwrapExpression(arg));
    if (args.length === 1 && args[0].type === "StringLiteral") {
      const time = Date.parse(args[0].value);
      return Number.isNaN(time) ? undefined : time;
    }
    if (args.length >= 2 && args.every((arg) => arg.type === "NumericLiteral")) {
      const values = args.map((arg) => (arg as { value: number }).value);
      return (Reflect.construct(Date, values) as Date).getTime();
    }
    return undefined;
  }

  /** The `new Date(…)` an expression is, or a constant holds. */
  private dateOf(ref: Ref): Ref | undefined {
    const value = unwrapExpression(ref.node).type === "Identifier" ? this.context.valueOf(ref) : ref;
    if (!value) return undefined;
    const node = unwrapExpression(value.node);
    return node.type === "NewExpression" && isGlobal(value.file, node.callee, "Date") ? { ...value, node } : undefined;
  }

  /** Milliseconds since the epoch: `Date.now()`, `d.getTime()`, `d.valueOf()`, `+d`, `Number(d)`, `Date.parse(…)`, `Date.UTC(…)`. */
  private millisecondsOf(ref: Ref): { at?: number } | undefined {
    const node = unwrapExpression(ref.node);
    const { file } = ref;
    switch (node.type) {
      case "CallExpression":
      case "OptionalCallExpression": {
        const callee = unwrapExpression(node.callee);
        if (isMember(callee)) {
          const method = memberName(callee);
          if (isGlobal(file, callee.object, "Date")) {
            if (method === "now" && node.arguments.length === 0) return {};
            if (method === "parse" && node.arguments.length === 1) {
              const arg = unwrapExpression(node.arguments[0]);
              const time = arg.type === "StringLiteral" ? Date.parse(arg.value) : NaN;
              return Number.isNaN(time) ? {} : { at: time };
            }
            if (method === "UTC" && node.arguments.length >= 1) {
              const args = node.arguments.map((arg) => unwrapExpression(arg));
              if (args.every((arg) => arg.type === "NumericLiteral")) {
                const values = args.map((arg) => (arg as { value: number }).value);
                // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- without it tsc rejects the spread (TS2556)
                return { at: (Date.UTC as (...parts: number[]) => number)(...values) };
              }
              return {};
            }
            return undefined;
          }
          if ((method === "getTime" || method === "valueOf") && node.arguments.length === 0) {
            const date = this.dateOf({ ...ref, node: callee.object });
            if (date) return { at: this.dateMillis(date) };
            // `x.getTime()` is a Date's; `x.valueOf()` only counts on a known Date.
            return method === "getTime" ? {} : undefined;
          }
          return undefined;
        }
        if (isGlobal(file, callee, "Number") && node.arguments.length === 1) {
          const date = this.dateOf({ ...ref, node: node.arguments[0] });
          return date ? { at: this.dateMillis(date) } : undefined;
        }
        return undefined;
      }
      case "UnaryExpression": {
        if (node.operator !== "+") return undefined;
        const date = this.dateOf({ ...ref, node: node.argument });
        return date ? { at: this.dateMillis(date) } : undefined;
      }
      case "Identifier": {
        // A constant's value (never a name itself, so this follows one step).
        const value = this.context.valueOf({ ...ref, node });
        return value && value.node.type !== "NumericLiteral" ? this.millisecondsOf(value) : undefined;
      }
      default:
        return undefined;
    }
  }

  verdict(ref: Ref): Verdict {
    const node = unwrapExpression(ref.node);
    if (node.type === "NumericLiteral") {
      if (isMillisecondLiteral(node.value)) return Math.floor(node.value / 1000) > nowSeconds() ? { kind: "future-milliseconds" } : { kind: "milliseconds" };
      return node.value > nowSeconds() && node.value < 1e12 ? { kind: "future" } : undefined;
    }
    const ms = this.millisecondsOf(ref);
    if (!ms) return undefined;
    if (ms.at !== undefined && ms.at / 1000 > nowSeconds()) return { kind: "future-milliseconds" };
    return { kind: "milliseconds" };
  }

  /**
   * The objects of a `newsfeed_assignments` value (or the constant holding it): an array literal's elements, or what
   * `xs.map((x) => ({ … }))` returns.
   */
  assignmentObjects(ref: Ref): Array<{ file: SourceFile; node: ObjectExpression; env?: Env }> {
    const node = unwrapExpression(ref.node);
    const value = node.type === "Identifier" || node.type === "MemberExpression" ? this.context.valueOf({ ...ref, node }) : { ...ref, node };
    if (!value) return [];
    const list = unwrapExpression(value.node);
    switch (list.type) {
      case "ArrayExpression":
        return list.elements.flatMap((element) => (element && element.type !== "SpreadElement" ? this.objectOf({ ...value, node: element }) : []));
      case "CallExpression": {
        const callee = unwrapExpression(list.callee);
        const callback = list.arguments[0] ? unwrapExpression(list.arguments[0]) : undefined;
        if (!isMember(callee) || memberName(callee) !== "map" || !callback || !isFunctionNode(callback)) return [];
        const body = callback.body;
        if (body.type !== "BlockStatement") return this.objectOf({ ...value, node: body });
        const returns = body.body.filter((statement) => statement.type === "ReturnStatement");
        return returns.flatMap((statement) =>
          statement.type === "ReturnStatement" && statement.argument ? this.objectOf({ ...value, node: statement.argument }) : [],
        );
      }
      default:
        return [];
    }
  }

  /** The object literal an element is, or a constant holds. */
  private objectOf(ref: Ref): Array<{ file: SourceFile; node: ObjectExpression; env?: Env }> {
    const value = unwrapExpression(ref.node).type === "Identifier" ? this.context.valueOf(ref) : ref;
    const node = value && unwrapExpression(value.node);
    return value && node?.type === "ObjectExpression" ? [{ file: value.file, node, env: value.env }] : [];
  }
}

/** `Math.floor(expr / 1000)`, with the expression parenthesised where `/` would bind into it. */
function secondsText(file: SourceFile, value: Node): string {
  const bare = [
    "CallExpression",
    "OptionalCallExpression",
    "MemberExpression",
    "OptionalMemberExpression",
    "Identifier",
    "NewExpression",
    "UnaryExpression",
    "ParenthesizedExpression",
  ];
  const source = file.sourceOf(value);
  return `Math.floor(${bare.includes(value.type) ? source : `(${source})`} / 1000)`;
}

function checkProperty(context: Context, checker: PublishedAt, file: SourceFile, property: ObjectProperty, env: Env | undefined): void {
  const value = property.value;
  const verdict = checker.verdict({ file, node: value, env });
  if (!verdict) return;
  if (verdict.kind === "future" || verdict.kind === "future-milliseconds") {
    context.report({ file, node: value, messageId: verdict.kind === "future" ? "future" : "futureMilliseconds", action: actions.future });
    return;
  }
  const node = unwrapExpression(value);
  const text = node.type === "NumericLiteral" ? String(Math.floor(node.value / 1000)) : secondsText(file, value);
  const replacement = property.shorthand ? `published_at: ${text}` : text;
  context.report({ file, node: value, messageId: "milliseconds", edits: [{ start: value.start!, end: value.end!, text: replacement }] });
}

function assignmentsValues(payload: Payload): Ref[] {
  const refs: Ref[] = payloadProperties(payload, "newsfeed_assignments").map((property) => ({
    file: property.file,
    node: property.node.value,
    env: property.env,
  }));
  for (const write of payload.writes) {
    if (write.key === "newsfeed_assignments" && write.node.operator === "=") refs.push({ file: write.file, node: write.node.right });
  }
  return refs;
}

export const newsPublishedAt: Rule<keyof typeof meta.messages> = {
  meta,
  needles: ["published_at"],
  mayMatch: (text) => text.includes("published_at") && text.includes("news"),
  check(context) {
    const checker = new PublishedAt(context);
    const seen = new Set<Node>();
    for (const request of context.requests()) {
      if (!request.endpoint || !NEWS_OPERATIONS.has(request.endpoint.operation) || !request.payload) continue;
      for (const ref of assignmentsValues(request.payload)) {
        for (const object of checker.assignmentObjects(ref)) {
          const property = objectProperty(object.node, "published_at");
          if (!property || seen.has(property)) continue;
          seen.add(property);
          checkProperty(context, checker, object.file, property, object.env);
        }
      }
    }
  },
};
