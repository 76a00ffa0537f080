// Which declaration does a name refer to? A small lexical scope resolver over Babel's tree.
import type { Function as FunctionNode, Identifier, LVal, Node, Statement, TSType, VariableDeclarator } from "@babel/types";
import type { SourceFile } from "./source.js";

/** A step into a destructuring pattern: a property name or an array index. */
export type PatternStep = string | number;

/** The step to an object pattern's rest (`{ id, ...patch }`): the object itself, less the keys named beside it. */
export const REST = "...";

export type Binding =
  | { kind: "variable"; file: SourceFile; id: Identifier; declarator: VariableDeclarator; declKind: string; path: PatternStep[] }
  | { kind: "param"; file: SourceFile; id: Identifier; fn: FunctionNode; index: number; path: PatternStep[]; annotation?: TSType }
  | { kind: "function"; file: SourceFile; id: Identifier; node: Node }
  | { kind: "class"; file: SourceFile; id: Identifier; node: Node }
  | { kind: "import"; file: SourceFile; id: Identifier; source: string; imported: string }
  /** A name whose value the resolver does not follow (a catch parameter). */
  | { kind: "opaque"; file: SourceFile; id: Identifier };

const FUNCTION_TYPES = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression", "ObjectMethod", "ClassMethod", "ClassPrivateMethod"]);

export function isFunctionNode(node: Node): node is FunctionNode {
  return FUNCTION_TYPES.has(node.type);
}

/** Names each scope node declares (a memo table of each file, see SourceFile.memo). */
const DECLARED = {};

/** Identifiers a pattern declares, with the path that leads to each. */
function patternNames(pattern: LVal | Node, path: PatternStep[], out: Array<{ id: Identifier; path: PatternStep[]; annotation?: TSType }>): void {
  switch (pattern.type) {
    case "Identifier": {
      const annotation = pattern.typeAnnotation?.type === "TSTypeAnnotation" ? pattern.typeAnnotation.typeAnnotation : undefined;
      out.push({ id: pattern, path, annotation });
      return;
    }
    case "ObjectPattern":
      for (const property of pattern.properties) {
        if (property.type === "RestElement") {
          patternNames(property.argument, [...path, REST], out);
          continue;
        }
        const key = property.computed ? undefined : propertyKeyName(property.key);
        if (key === undefined) continue;
        patternNames(property.value, [...path, key], out);
      }
      return;
    case "ArrayPattern":
      pattern.elements.forEach((element, index) => {
        if (element && element.type !== "RestElement") patternNames(element, [...path, index], out);
      });
      return;
    case "AssignmentPattern":
      patternNames(pattern.left, path, out);
      return;
    case "TSParameterProperty":
      patternNames(pattern.parameter, path, out);
      return;
    default:
      return;
  }
}

export function propertyKeyName(key: Node): string | undefined {
  if (key.type === "Identifier") return key.name;
  if (key.type === "StringLiteral") return key.value;
  if (key.type === "NumericLiteral") return String(key.value);
  return undefined;
}

function declareStatement(file: SourceFile, statement: Statement | Node, into: Map<string, Binding>, varsOnly: boolean): void {
  let node: Node = statement;
  if ((node.type === "ExportNamedDeclaration" || node.type === "ExportDefaultDeclaration") && node.declaration) node = node.declaration;
  if (node.type === "VariableDeclaration") {
    if (varsOnly && node.kind !== "var") return;
    for (const declarator of node.declarations) {
      const names: Array<{ id: Identifier; path: PatternStep[] }> = [];
      patternNames(declarator.id, [], names);
      for (const { id, path } of names) into.set(id.name, { kind: "variable", file, id, declarator, declKind: node.kind, path });
    }
    return;
  }
  if (varsOnly) return;
  if (node.type === "FunctionDeclaration" && node.id) into.set(node.id.name, { kind: "function", file, id: node.id, node });
  else if (node.type === "ClassDeclaration" && node.id) into.set(node.id.name, { kind: "class", file, id: node.id, node });
  // `enum Path { Messages = "/messages" }`: its members are read like an object's (Resolver.memberOf).
  else if (node.type === "TSEnumDeclaration") into.set(node.id.name, { kind: "class", file, id: node.id, node });
  else if (node.type === "ImportDeclaration") {
    for (const specifier of node.specifiers) {
      const imported =
        specifier.type === "ImportDefaultSpecifier"
          ? "default"
          : specifier.type === "ImportNamespaceSpecifier"
            ? "*"
            : specifier.imported.type === "Identifier"
              ? specifier.imported.name
              : specifier.imported.value;
      into.set(specifier.local.name, { kind: "import", file, id: specifier.local, source: node.source.value, imported });
    }
  }
}

/** `var` declarations anywhere below `root`, not crossing into nested functions. */
function hoistVars(file: SourceFile, root: Node, into: Map<string, Binding>): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node !== root && isFunctionNode(node)) continue;
    if (node.type === "VariableDeclaration" && node.kind === "var") declareStatement(file, node, into, true);
    if (node.type === "FunctionDeclaration" && node !== root) continue;
    for (const key of ["body", "consequent", "alternate", "block", "handler", "finalizer", "cases", "init", "left", "declaration"]) {
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) for (const item of value) stack.push(item as Node);
      else if (value && typeof value === "object" && "type" in value) stack.push(value as Node);
    }
  }
}

function scopeDeclarations(file: SourceFile, scope: Node): Map<string, Binding> | undefined {
  const cache = file.memo<Map<string, Binding>>(DECLARED);
  const cached = cache.get(scope);
  if (cached) return cached;
  const names = new Map<string, Binding>();
  switch (scope.type) {
    case "Program":
      hoistVars(file, scope, names);
      for (const statement of scope.body) declareStatement(file, statement, names, false);
      break;
    case "BlockStatement":
    case "StaticBlock":
    case "TSModuleBlock": // a TypeScript namespace's body
      for (const statement of scope.body) declareStatement(file, statement, names, false);
      break;
    case "SwitchStatement":
      for (const switchCase of scope.cases) for (const statement of switchCase.consequent) declareStatement(file, statement, names, false);
      break;
    case "ForStatement":
      if (scope.init?.type === "VariableDeclaration") declareStatement(file, scope.init, names, false);
      break;
    case "ForInStatement":
    case "ForOfStatement":
      if (scope.left.type === "VariableDeclaration") declareStatement(file, scope.left, names, false);
      break;
    case "CatchClause":
      if (scope.param) {
        const found: Array<{ id: Identifier; path: PatternStep[] }> = [];
        patternNames(scope.param, [], found);
        for (const { id } of found) names.set(id.name, { kind: "opaque", file, id });
      }
      break;
    case "ClassExpression":
      if (scope.id) names.set(scope.id.name, { kind: "class", file, id: scope.id, node: scope });
      break;
    default:
      if (isFunctionNode(scope)) {
        if (scope.body.type === "BlockStatement") hoistVars(file, scope.body, names);
        scope.params.forEach((param, index) => {
          const found: Array<{ id: Identifier; path: PatternStep[]; annotation?: TSType }> = [];
          patternNames(param, [], found);
          for (const { id, path, annotation } of found) names.set(id.name, { kind: "param", file, id, fn: scope, index, path, annotation });
        });
        if (scope.type === "FunctionExpression" && scope.id && !names.has(scope.id.name)) {
          names.set(scope.id.name, { kind: "function", file, id: scope.id, node: scope });
        }
        break;
      }
      return undefined;
  }
  cache.set(scope, names);
  return names;
}

/** Node types that declare names (scopeDeclarations answers for these and for functions). */
const SCOPE_TYPES = new Set([
  "Program",
  "BlockStatement",
  "StaticBlock",
  "TSModuleBlock",
  "SwitchStatement",
  "ForStatement",
  "ForInStatement",
  "ForOfStatement",
  "CatchClause",
  "ClassExpression",
]);

/**
 * A node's nearest scope, kept on the node under a key no walker sees (as SourceFile keeps parents): a WeakMap entry
 * for most nodes of a file cost more to look up, and far more to collect, than the walk it saves.
 */
const ENCLOSING_SCOPE = Symbol("enclosingScope");
type WithScope = { [ENCLOSING_SCOPE]?: Node | null };

/**
 * The nearest ancestor that declares names, remembered for every node walked through on the way: resolving each
 * name of `f(f(f(…)))` 10k deep costs one walk in all, not one walk per name (which was quadratic).
 */
function enclosingScope(file: SourceFile, node: Node): Node | undefined {
  const walked: Node[] = [node];
  let found: Node | null = null;
  for (let current = file.parent(node); current; current = file.parent(current)) {
    if (SCOPE_TYPES.has(current.type) || isFunctionNode(current)) {
      found = current;
      break;
    }
    const known = (current as WithScope)[ENCLOSING_SCOPE];
    if (known !== undefined) {
      found = known;
      break;
    }
    walked.push(current);
  }
  for (const step of walked) (step as WithScope)[ENCLOSING_SCOPE] = found;
  return found ?? undefined;
}

/** The declaration an identifier refers to in its file, or undefined for globals. */
export function resolveBinding(file: SourceFile, identifier: Identifier): Binding | undefined {
  for (let scope = enclosingScope(file, identifier); scope; scope = enclosingScope(file, scope)) {
    const binding = scopeDeclarations(file, scope)?.get(identifier.name);
    if (binding) return binding;
  }
  return undefined;
}

/** Is this node the global `name` (`Date`, `String`), not a local declaration of the same name? */
export function isGlobal(file: SourceFile, node: Node, name: string): boolean {
  return node.type === "Identifier" && node.name === name && !resolveBinding(file, node);
}

/** The binding a top-level name has in a module (for exports). */
export function moduleBinding(file: SourceFile, name: string): Binding | undefined {
  return scopeDeclarations(file, file.ast.program)?.get(name);
}

/** The name a function is declared with: `function name() {}`, or `const name = () => …` / `function () {}`. */
export function functionName(file: SourceFile, fn: FunctionNode): Identifier | undefined {
  if (fn.type === "FunctionDeclaration") return fn.id ?? undefined;
  const parent = file.parent(fn);
  return parent?.type === "VariableDeclarator" && parent.init === fn && parent.id.type === "Identifier" ? parent.id : undefined;
}

/** Is this identifier read as a value (not a property key or a member's property name)? */
export function isReference(file: SourceFile, identifier: Identifier): boolean {
  const parent = file.parent(identifier);
  if (!parent) return false;
  if ((parent.type === "MemberExpression" || parent.type === "OptionalMemberExpression") && parent.property === identifier && !parent.computed) return false;
  if (
    (parent.type === "ObjectProperty" || parent.type === "ObjectMethod" || parent.type === "ClassProperty" || parent.type === "ClassMethod") &&
    parent.key === identifier &&
    !parent.computed
  ) {
    return parent.type === "ObjectProperty" && parent.shorthand && parent.value === identifier;
  }
  return true;
}

/** Whether each declared name is assigned again (a memo table of each file). */
const REASSIGNED = {};

/** Is a binding assigned after its declaration (`x = …`, `x++`)? For "is this value stable?". */
export function isReassigned(binding: Binding): boolean {
  if (binding.kind === "variable" && binding.declKind === "const") return false;
  const reassigned = binding.file.memo<boolean>(REASSIGNED);
  const known = reassigned.get(binding.id);
  if (known !== undefined) return known;
  const result = findReassignment(binding);
  reassigned.set(binding.id, result);
  return result;
}

function findReassignment(binding: Binding): boolean {
  const { file, id } = binding;
  for (const candidate of file.identifiersNamed(id.name)) {
    if (candidate === id) continue;
    const parent = file.parent(candidate);
    const written =
      (parent?.type === "AssignmentExpression" && parent.left === candidate) || (parent?.type === "UpdateExpression" && parent.argument === candidate);
    if (written && resolveBinding(file, candidate) === binding) return true;
  }
  return false;
}

/** The default a declared name takes when nothing is given: `(version = "2.13") =>`, `const { V = "2.13" } = env`. */
export function defaultValueOf(binding: Binding): Node | undefined {
  if (binding.kind !== "variable" && binding.kind !== "param") return undefined;
  const parent = binding.file.parent(binding.id);
  return parent?.type === "AssignmentPattern" && parent.left === binding.id ? parent.right : undefined;
}
