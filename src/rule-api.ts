// Everything a rule author uses, in one place: the rule and context types, and the pure helpers over the syntax tree.
// A rule imports from this module (and `@babel/types` for node types) only; test/rule-api.test.ts checks it.

// A rule, what it may ask, what it reports.
export type { MessageData, PackageExport, Report, Rule, RuleContext, RuleMeta, Severity, Suggestion, TextEdit } from "./core/types.js";
export { defineMeta } from "./core/messages.js";
export type { SourceFile } from "./core/source.js";
export type { Env, Payload, Ref, StaticType } from "./core/values.js";
export type { TypeFacts } from "./core/project.js";
export type { IntercomRequest } from "./requests/requests.js";
export type { VersionPin } from "./requests/doubles.js";

// Expressions and payloads: the limit of every walk over followed values, and helpers that follow nothing.
export { FOLLOW_DEPTH, HOLE, hasKey, isMember, memberName, objectProperty, payloadProperties, unwrapExpression } from "./core/values.js";
export { isFunctionNode, isGlobal, propertyKeyName, resolveBinding } from "./core/scope.js";
export { commentsIn, dottedName, isSideEffectFree, needsParentheses, quoteOf, rangeWithParentheses, skipTrivia } from "./core/syntax.js";

// Rewriting ids to the type 2.14 expects.
export { toInteger, toStringId, type Conversion } from "./core/conversions.js";

// Intercom's API: its host, the version pin's names, the 2.14 operations and their request schemas.
export { isIntercomUrl } from "./requests/requests.js";
export { PIN_NAME, VERSION_HEADER } from "./requests/doubles.js";
export { ENDPOINTS, type Endpoint } from "./intercom-api/endpoints.js";
export { literalSegments, operationsAtPath, pathFits } from "./intercom-api/openapi.js";
export { SchemaChecker, exampleContradicts, type ProblemKind, type Shape, type ShapeProperty } from "./intercom-api/schema-check.js";

// Words: the closest name, for "did you mean".
export { nearest } from "./workspace/config.js";
