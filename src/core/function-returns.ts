// What a function gives back: the expressions it returns, for factories of clients and mocks' implementations.
import type { CallExpression, Function as FunctionNode, Node } from "@babel/types";
import { HOLE } from "./expressions.js";
import { isFunctionNode } from "./scope.js";
import type { Env, Ref, Resolver } from "./values.js";

/** The expressions a function returns (an arrow's expression body included). */
export function returnedExpressions(fn: FunctionNode): Node[] {
  if (fn.body.type !== "BlockStatement") return [fn.body];
  const found: Node[] = [];
  const stack: Node[] = [fn.body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node !== fn.body && isFunctionNode(node)) continue;
    if (node.type === "ReturnStatement" && node.argument) found.push(node.argument);
    for (const key of ["body", "consequent", "alternate", "block", "handler", "finalizer", "cases"]) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) stack.push(...(child as Node[]));
      else if (child && typeof child === "object" && "type" in child) stack.push(child as Node);
    }
  }
  return found;
}

/** `ticketPath(id)`, `routes.ticket(id)`: the string a project function returns, its parameters bound to the arguments. */
export function returnedString(resolver: Resolver, ref: Ref, call: CallExpression, depth: number): string {
  if (call.callee.type === "V8IntrinsicIdentifier") return HOLE;
  const target = resolver.functionOf({ ...ref, node: call.callee });
  if (!target || target.fn.async || target.fn.generator) return HOLE;
  const returned = returnedExpressions(target.fn);
  if (returned.length !== 1) return HOLE;
  const { frame, complete } = callFrame(ref, call, target.fn);
  return complete ? resolver.evalString({ file: target.file, node: returned[0], env: frame }, depth + 1) : HOLE;
}

/** A call of a project function seen from inside it: its parameters bound to the arguments (complete: no spread). */
export function callFrame(ref: Ref, call: CallExpression, fn: FunctionNode): { frame: Env; complete: boolean } {
  const args = call.arguments.flatMap((arg) => (arg.type === "SpreadElement" || arg.type === "ArgumentPlaceholder" ? [] : [{ ...ref, node: arg }]));
  return { frame: { fn, args, parent: ref.env, depth: (ref.env?.depth ?? 0) + 1 }, complete: args.length === call.arguments.length };
}
