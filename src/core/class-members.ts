// Classes and objects as API clients: `this.x` (fields, constructor assignments and parameters, private `#fields`,
// getters, methods, a base class's members) and the members of an instance (`new IntercomHttp(token)`, an injected
// `intercom: IntercomService`, a singleton, one made lazily), read for the resolver (see ValueReader).
import type { AssignmentExpression, Class, ClassMethod, Node, ObjectExpression } from "@babel/types";
import { returnedExpressions } from "./function-returns.js";
import { callResult, isNullish, memoisedVariable, settledValue } from "./lazy-values.js";
import { injectedValue } from "./nest-providers.js";
import { isFunctionNode, propertyKeyName, resolveBinding } from "./scope.js";
import type { SourceFile } from "./source.js";
import { isMember, memberName, objectProperty, unwrapExpression, type Env, type Ref, type Resolver, type Value, type ValueReader } from "./values.js";

const UNKNOWN: Value = { kind: "unknown" };
const MAX_CHAIN = 8;
const FILLING = new Set(["=", "??=", "||="]);

interface ClassRef {
  file: SourceFile;
  node: Class;
}

/** The value readers for classes, objects and lazily made values, installed on a resolver. */
export function classMembers(resolver: Resolver): ValueReader {
  return {
    thisMember: (ref, name, depth) => thisMember(resolver, ref, name, depth),
    member: (value, name, depth) => (typeof name === "string" ? instanceMember(resolver, value, name, depth) : undefined),
    variable: (binding, env, depth) => memoisedVariable(resolver, binding, env, depth),
  };
}

function isClass(node: Node): node is Class {
  return node.type === "ClassDeclaration" || node.type === "ClassExpression";
}

/** The name of a class or object member's key: `update`, `#http`. */
function keyName(member: { key: Node; computed?: boolean }): string | undefined {
  if (member.key.type === "PrivateName") return `#${member.key.id.name}`;
  return member.computed ? (member.key.type === "StringLiteral" ? member.key.value : undefined) : propertyKeyName(member.key);
}

/** The class a name (or expression) stands for. */
export function classOf(resolver: Resolver, ref: Ref): ClassRef | undefined {
  const value = resolver.resolveValue(ref);
  if (value.kind !== "node") return undefined;
  const node = unwrapExpression(value.ref.node);
  return isClass(node) ? { file: value.ref.file, node } : undefined;
}

function superClassOf(resolver: Resolver, cls: ClassRef): ClassRef | undefined {
  return cls.node.superClass ? classOf(resolver, { file: cls.file, node: cls.node.superClass }) : undefined;
}

function constructorOf(cls: ClassRef): ClassMethod | undefined {
  return cls.node.body.body.find((member): member is ClassMethod => member.type === "ClassMethod" && member.kind === "constructor");
}

/** The class an instance was made from: `new X(…)`, or the class itself for an instance a framework injects. */
function classOfInstance(resolver: Resolver, self: Ref): ClassRef | undefined {
  const node = unwrapExpression(self.node);
  if (isClass(node)) return { file: self.file, node };
  return node.type === "NewExpression" ? classOf(resolver, { ...self, node: node.callee }) : undefined;
}

/** The classes from `cls` up through its base classes. */
function lineage(resolver: Resolver, cls: ClassRef): ClassRef[] {
  const chain: ClassRef[] = [];
  for (let current: ClassRef | undefined = cls; current && chain.length < MAX_CHAIN; current = superClassOf(resolver, current)) {
    if (chain.some((known) => known.node === current.node)) break;
    chain.push(current);
  }
  return chain;
}

/**
 * What `this` is at a node: the class of the method (or field) it is in, or the object literal of an object method.
 * Arrow functions keep the `this` around them; other functions have their own.
 */
function thisOwner(file: SourceFile, node: Node): ClassRef | { file: SourceFile; node: ObjectExpression } | undefined {
  for (const ancestor of file.ancestors(node)) {
    if (isClass(ancestor)) return { file, node: ancestor };
    if (ancestor.type === "ObjectMethod") {
      const object = file.parent(ancestor);
      return object?.type === "ObjectExpression" ? { file, node: object } : undefined;
    }
    if (ancestor.type === "FunctionExpression" || ancestor.type === "FunctionDeclaration") {
      const property = file.parent(ancestor);
      const object = property ? file.parent(property) : undefined;
      const isMethodValue = property?.type === "ObjectProperty" && property.value === ancestor && object?.type === "ObjectExpression";
      return isMethodValue ? { file, node: object } : undefined;
    }
  }
  return undefined;
}

function lexicalClass(file: SourceFile, node: Node): ClassRef | undefined {
  const owner = thisOwner(file, node);
  return owner && isClass(owner.node) ? (owner as ClassRef) : undefined;
}

/** The instance `this` stands for in the calls being followed, when one was made with `new`. */
export function selfOf(env: Env | undefined): Ref | undefined {
  for (let frame = env; frame; frame = frame.parent) if (frame.self) return frame.self;
  return undefined;
}

/** `this.name` / `super.name` at ref: a member of the class around it (the instance's own class first), or of the object literal. */
function thisMember(resolver: Resolver, ref: Ref, name: string, depth: number): Value | undefined {
  const node = unwrapExpression(ref.node);
  if (!isMember(node)) return undefined;
  const owner = thisOwner(ref.file, node);
  if (!owner) return undefined;
  if (!isClass(owner.node)) return objectMember(resolver, { file: owner.file, node: owner.node, env: ref.env }, name, depth);
  const lexical = owner as ClassRef;
  const self = selfOf(ref.env);
  let chain = lineage(resolver, lexical);
  const own = self ? classOfInstance(resolver, self) : undefined;
  // The instance may be of a subclass that overrides the member: look from its class, when it is one.
  const fromInstance = own ? lineage(resolver, own) : [];
  const instanceOfLexical = fromInstance.some((cls) => cls.node === lexical.node);
  if (instanceOfLexical) chain = fromInstance;
  if (node.object.type === "Super") chain = lineage(resolver, lexical).slice(1);
  for (const cls of chain) {
    const found = ownMember(resolver, cls, name, instanceOfLexical ? self : undefined, depth);
    if (found) return found;
  }
  return undefined;
}

/** A member of an instance, an object literal's method or getter, a class's static member. */
function instanceMember(resolver: Resolver, value: Value, name: string, depth: number): Value | undefined {
  if (depth > 24) return undefined;
  if (value.kind === "param") return typedInstanceMember(resolver, value, name, depth);
  if (value.kind !== "node") return undefined;
  const node = unwrapExpression(value.ref.node);
  switch (node.type) {
    case "NewExpression": {
      const cls = classOf(resolver, { ...value.ref, node: node.callee });
      if (!cls) return undefined;
      for (const current of lineage(resolver, cls)) {
        const found = ownMember(resolver, current, name, value.ref, depth);
        if (found) return found;
      }
      return undefined;
    }
    case "CallExpression":
    case "AwaitExpression": {
      const made = callResult(resolver, value.ref, depth + 1);
      return made && made.kind === "node" && unwrapExpression(made.ref.node) !== node ? resolver.memberOf(made, name, depth + 1) : undefined;
    }
    case "ObjectExpression":
      return objectMember(resolver, { ...value.ref, node }, name, depth);
    case "ClassDeclaration":
    case "ClassExpression":
      return staticMember(resolver, { file: value.ref.file, node }, name, depth);
    default:
      return undefined;
  }
}

/** The class a parameter's type names (`intercom: IntercomService`), when the project declares it. */
function typedClass(resolver: Resolver, value: Extract<Value, { kind: "param" }>): ClassRef | undefined {
  const annotation = value.binding.annotation;
  if (annotation?.type !== "TSTypeReference" || annotation.typeName.type !== "Identifier") return undefined;
  return classOf(resolver, { file: value.binding.file, node: annotation.typeName });
}

/** `intercom: IntercomService` (a constructor parameter a framework injects): the members of that class. */
function typedInstanceMember(resolver: Resolver, value: Extract<Value, { kind: "param" }>, name: string, depth: number): Value | undefined {
  // `@Inject(TOKEN) intercom: IntercomApi`: the provider's instance first.
  const provided = injectedValue(resolver, value.binding);
  if (provided && provided.kind !== "param") return resolver.memberOf(provided, name, depth + 1);
  const cls = typedClass(resolver, value);
  if (!cls) return undefined;
  for (const current of lineage(resolver, cls)) {
    const found = ownMember(resolver, current, name, cls, depth);
    if (found) return found;
  }
  return undefined;
}

function staticMember(resolver: Resolver, cls: ClassRef, name: string, depth: number): Value | undefined {
  for (const member of cls.node.body.body) {
    if (!("static" in member) || !member.static || !("key" in member) || keyName(member) !== name) continue;
    if (member.type === "ClassMethod" || member.type === "ClassPrivateMethod") return { kind: "node", ref: { file: cls.file, node: member } };
    if ((member.type === "ClassProperty" || member.type === "ClassPrivateProperty") && member.value)
      return resolver.resolveValue({ file: cls.file, node: member.value }, depth + 1);
  }
  return undefined;
}

/** An object literal's property, method or getter (`{ get client() { return cached ??= make(); } }`). */
function objectMember(resolver: Resolver, object: Ref & { node: ObjectExpression }, name: string, depth: number): Value | undefined {
  const property = objectProperty(object.node, name);
  if (property) return resolver.resolveValue({ ...object, node: property.value }, depth + 1);
  for (const member of object.node.properties) {
    if (member.type !== "ObjectMethod" || keyName(member) !== name) continue;
    if (member.kind === "method") return { kind: "node", ref: { ...object, node: member } };
    if (member.kind === "get") return getterValue(resolver, { ...object, node: member }, object.env, depth);
  }
  return undefined;
}

/** What a getter returns, read under the instance's environment. */
function getterValue(resolver: Resolver, getter: Ref, env: Env | undefined, depth: number): Value | undefined {
  const fn = getter.node;
  if (!isFunctionNode(fn)) return undefined;
  const frame: Env = { fn, args: [], parent: env, depth: (env?.depth ?? 0) + 1, ...(selfOf(env) ? { self: selfOf(env) } : {}) };
  for (const returned of returnedExpressions(fn)) {
    if (isNullish(returned)) continue;
    const value = settledValue(resolver, { file: getter.file, node: returned, env: frame }, depth + 1);
    if (value.kind !== "unknown") return value;
  }
  return undefined;
}

/**
 * A member one class declares: a field, a method, a getter, a constructor parameter property, or what its methods
 * assign to `this.name` (the constructor's assignment first). `self`: the instance, when known (its `new` arguments
 * bind the constructor's parameters).
 */
function ownMember(resolver: Resolver, cls: ClassRef, name: string, self: Ref | undefined, depth: number): Value | undefined {
  // Without an instance a member reads the same every time: kept per resolver and class.
  if (self !== undefined) return declaredMember(resolver, cls, name, self, depth);
  let byClass = selfless.get(resolver);
  if (!byClass) selfless.set(resolver, (byClass = new WeakMap()));
  let byName = byClass.get(cls.node);
  if (!byName) byClass.set(cls.node, (byName = new Map<string, Value | null>()));
  if (byName.has(name)) return byName.get(name) ?? undefined;
  byName.set(name, null);
  const found = declaredMember(resolver, cls, name, undefined, depth);
  byName.set(name, found ?? null);
  return found;
}

const selfless = new WeakMap<Resolver, WeakMap<Class, Map<string, Value | null>>>();

function declaredMember(resolver: Resolver, cls: ClassRef, name: string, self: Ref | undefined, depth: number): Value | undefined {
  const { file } = cls;
  const ctorEnv = self ? constructorEnv(resolver, cls, self, 0) : undefined;
  const carrier = cls.node.body.body.find((member): member is ClassMethod => member.type === "ClassMethod");
  // The instance rides in an environment of one of the class's functions (its parameters are not bound there).
  const instanceEnv: Env | undefined = ctorEnv ?? (self && carrier ? { fn: carrier, args: [], parent: undefined, depth: 1, self } : undefined);
  for (const member of cls.node.body.body) {
    if ("static" in member && member.static) continue;
    if ((member.type === "ClassProperty" || member.type === "ClassPrivateProperty") && keyName(member) === name && member.value) {
      return resolver.resolveValue({ file, node: member.value, env: instanceEnv }, depth + 1);
    }
    if ((member.type === "ClassMethod" || member.type === "ClassPrivateMethod") && member.kind !== "constructor" && keyName(member) === name) {
      if (member.kind === "get") return getterValue(resolver, { file, node: member }, instanceEnv, depth) ?? UNKNOWN;
      if (member.kind === "method") return { kind: "node", ref: { file, node: member, env: instanceEnv } };
    }
    if (member.type === "ClassMethod" && member.kind === "constructor") {
      for (const param of member.params) {
        const parameter = param.type === "TSParameterProperty" ? param.parameter : undefined;
        const id = parameter?.type === "AssignmentPattern" ? parameter.left : parameter;
        if (id?.type !== "Identifier" || id.name !== name) continue;
        const binding = resolveBinding(file, id);
        if (binding) return resolver.bindingValue(binding, ctorEnv, depth + 1);
      }
    }
  }
  return assignedToThis(resolver, cls, name, ctorEnv, instanceEnv, depth);
}

/** What a class assigns to `this.name`, by name (built once per class). */
const thisAssignments = new WeakMap<Class, Map<string, AssignmentExpression[]>>();

function assignmentsToThis(cls: ClassRef): Map<string, AssignmentExpression[]> {
  let byName = thisAssignments.get(cls.node);
  if (byName) return byName;
  byName = new Map();
  for (const assignment of cls.file.nodesOfType("AssignmentExpression")) {
    if (assignment.start! < cls.node.start! || assignment.end! > cls.node.end!) continue;
    const left = assignment.left;
    const name = isMember(left) && left.object.type === "ThisExpression" ? memberName(left) : undefined;
    if (name === undefined || !FILLING.has(assignment.operator) || isNullish(assignment.right)) continue;
    byName.set(name, [...(byName.get(name) ?? []), assignment]);
  }
  thisAssignments.set(cls.node, byName);
  return byName;
}

/** `this.name = value` (or `??=`, `||=`) inside the class: the constructor's first, then any method's. */
function assignedToThis(
  resolver: Resolver,
  cls: ClassRef,
  name: string,
  ctorEnv: Env | undefined,
  instanceEnv: Env | undefined,
  depth: number,
): Value | undefined {
  const { file } = cls;
  const ctor = constructorOf(cls);
  let fallback: Value | undefined;
  for (const assignment of assignmentsToThis(cls).get(name) ?? []) {
    const inConstructor = ctor !== undefined && assignment.start! >= ctor.start! && assignment.end! <= ctor.end!;
    const value = resolver.resolveValue({ file, node: assignment.right, env: inConstructor ? ctorEnv : instanceEnv }, depth + 1);
    if (inConstructor) return value;
    fallback ??= value;
  }
  return fallback;
}

/**
 * The environment of `cls`'s constructor for an instance `self` made from `cls` or a subclass: the `new` arguments,
 * or what the subclass's constructor passes to `super(…)` (a subclass without a constructor passes its own).
 */
function constructorEnv(resolver: Resolver, cls: ClassRef, self: Ref, depth: number): Env | undefined {
  const ctor = constructorOf(cls);
  const made = classOfInstance(resolver, self);
  if (!ctor || !made || depth > MAX_CHAIN) return undefined;
  const args = argumentsFor(resolver, cls, made, self, depth);
  return args ? { fn: ctor, args, parent: self.env, depth: (self.env?.depth ?? 0) + 1, self } : undefined;
}

/** The arguments `cls`'s constructor gets for this instance; unknown for an injected one's own class. */
function argumentsFor(resolver: Resolver, cls: ClassRef, made: ClassRef, self: Ref, depth: number): Ref[] | undefined {
  if (made.node === cls.node) {
    const node = unwrapExpression(self.node);
    return node.type === "NewExpression" ? node.arguments.map((arg) => ({ ...self, node: arg })) : undefined;
  }
  const chain = lineage(resolver, made);
  const at = chain.findIndex((known) => known.node === cls.node);
  if (at <= 0) return undefined;
  const child = chain[at - 1];
  const childCtor = constructorOf(child);
  if (!childCtor) return argumentsFor(resolver, child, made, self, depth + 1);
  const superCall = child.file
    .nodesOfType("CallExpression")
    .find((call) => call.callee.type === "Super" && call.start! >= childCtor.start! && call.end! <= childCtor.end!);
  if (!superCall) return undefined;
  const childEnv = constructorEnv(resolver, child, self, depth + 1);
  return superCall.arguments.map((arg) => ({ file: child.file, node: arg, env: childEnv }));
}

/** The instance a callee's object stands for, for the method's `this`: `new X()`, a singleton, a lazily made one. */
export function instanceOf(resolver: Resolver, ref: Ref): Ref | undefined {
  const node = unwrapExpression(ref.node);
  // Outside any followed call, `this` in a method is an instance of the class around it.
  if (node.type === "ThisExpression") return selfOf(ref.env) ?? lexicalClass(ref.file, node);
  const value = settledValue(resolver, ref);
  if (value.kind === "param") return typedClass(resolver, value);
  if (value.kind !== "node") return undefined;
  return unwrapExpression(value.ref.node).type === "NewExpression" ? value.ref : undefined;
}
