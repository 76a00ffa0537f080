// Mocked API responses in a file, from every library: regions whose shapes are what the API answers, not requests.
import type { Identifier, Node } from "@babel/types";
import { isReference } from "../../core/scope.js";
import type { SourceFile } from "../../core/source.js";
import { unwrapExpression, type Resolver } from "../../core/values.js";
import type { DoubleRegion, MockedResponse, TestDoubleLibrary } from "./library.js";
import { rangeOf } from "./regions.js";

/** Replies call by call (`.reply(…)` of any library, in source order), then the libraries' other responses. */
export class MockedResponses {
  private readonly cache = new WeakMap<SourceFile, DoubleRegion[]>();

  constructor(
    private readonly resolver: Resolver,
    private readonly libraries: readonly TestDoubleLibrary[],
  ) {}

  of(file: SourceFile): DoubleRegion[] {
    const found = this.cache.get(file);
    if (found) return found;
    const regions: DoubleRegion[] = [];
    this.cache.set(file, regions);
    let identifiers: readonly Identifier[] | undefined; // in source order, fetched once
    const add = ({ nodes, what }: MockedResponse) => {
      const range = rangeOf(nodes);
      if (!range) return;
      const note = `In a test double (${what}): API 2.14 no longer answers this way, so the mock no longer describes the API.`;
      regions.push({ ...range, kind: "response", note });
      // A body built in a variable of this file (`new Response(JSON.stringify(body))`) is part of the response too.
      identifiers ??= file.nodesOfType("Identifier");
      for (const node of this.objectsNamedIn(file, identifiers, range)) regions.push({ start: node.start!, end: node.end!, kind: "response", note });
    };
    const text = file.text;
    const replying = this.libraries.filter((library) => library.replyAt !== undefined);
    if (replying.some((library) => library.mentionedIn(text))) {
      for (const call of file.nodesOfType("CallExpression")) {
        for (const library of replying) {
          const reply = library.replyAt!(file, call);
          if (reply) {
            add(reply);
            break;
          }
        }
      }
    }
    for (const library of this.libraries) {
      if (library.responses && library.mentionedIn(text)) for (const response of library.responses(file)) add(response);
    }
    return regions;
  }

  /** The mocked response a node is part of, if any. */
  at(file: SourceFile, node: Node): DoubleRegion | undefined {
    return this.of(file).find((region) => region.start <= node.start! && node.end! <= region.end);
  }

  /** Object and array literals of this file that names inside the range stand for. */
  private objectsNamedIn(file: SourceFile, identifiers: readonly Identifier[], range: { start: number; end: number }): Node[] {
    const found: Node[] = [];
    let low = 0;
    let high = identifiers.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (identifiers[mid].start! < range.start) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < identifiers.length && identifiers[i].start! < range.end; i++) {
      const identifier = identifiers[i];
      if (identifier.end! > range.end || !isReference(file, identifier)) continue;
      const value = this.resolver.resolveValue({ file, node: identifier });
      const node = value.kind === "node" && value.ref.file === file ? unwrapExpression(value.ref.node) : undefined;
      if (node && (node.type === "ObjectExpression" || node.type === "ArrayExpression")) found.push(node);
    }
    return found;
  }
}
