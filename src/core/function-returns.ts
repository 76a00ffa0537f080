// What a function gives back: the expressions it returns, for factories of clients and mocks' implementations.
import type { Function as FunctionNode, Node } from "@babel/types";
import { isFunctionNode } from "./scope.js";

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
