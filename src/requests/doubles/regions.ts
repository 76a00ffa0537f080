// Where test doubles sit in a file, and the words a finding inside one adds to its message (the innermost region's).
import type { Node } from "@babel/types";
import type { SourceFile } from "../../core/source.js";
import { unwrapExpression, type Resolver } from "../../core/values.js";
import type { IntercomRequest } from "../intercom-request.js";
import type { DoubleRegion, VersionPin } from "./library.js";

/** The span from the first node's start to the last one's end. */
export function rangeOf(nodes: readonly Node[]): { start: number; end: number } | undefined {
  if (nodes.length === 0) return undefined;
  return { start: Math.min(...nodes.map((n) => n.start!)), end: Math.max(...nodes.map((n) => n.end!)) };
}

/** What a file's regions are made of, asked in this order. `allRequests`: every request of the file, real ones and doubles. */
export interface RegionSources {
  doubles: IntercomRequest[];
  allRequests: () => IntercomRequest[];
  pins: () => VersionPin[];
  responses: () => DoubleRegion[];
}

/** Every region of the file that belongs to a test double: what doubles expect, the pin's assertions, mocked responses. */
export function doubleRegions(resolver: Resolver, file: SourceFile, sources: RegionSources): DoubleRegion[] {
  const regions: DoubleRegion[] = [];
  const { doubles } = sources;
  // A payload object the code itself also sends is not a double's.
  const real = new Set<Node>();
  if (doubles.length > 0)
    for (const request of sources.allRequests()) if (!request.double) for (const object of request.payload?.objects ?? []) real.add(object.node);
  for (const request of doubles) {
    const note = `In a test double (${request.doubleDescription ?? "a test double"}): it has to match what the migrated code sends.`;
    // What the double says of the request: the arguments of the interceptor or the assertion (not the chain before).
    const call = request.call.node;
    const span = call.type === "CallExpression" ? rangeOf(call.arguments) : undefined;
    if (request.call.file === file && span) regions.push({ ...span, kind: "request", note });
    for (const object of request.payload?.objects ?? []) {
      if (object.file === file && !real.has(object.node)) regions.push({ start: object.node.start!, end: object.node.end!, kind: "request", note });
    }
  }
  for (const pin of sources.pins()) {
    // An uncertain link says so in its own message.
    if (!pin.certain) continue;
    const note = `In a test (${pin.description}): it moves with the pin.`;
    // From the subject to the value: `expect(PIN).toBe("2.13")`, `.matchHeader("Intercom-Version", "2.13")`.
    const span = rangeOf([pin.subject.node, pin.value.node])!;
    regions.push({ ...span, kind: "pin", note });
    // The value may be a constant of the test file (`const EXPECTED = "2.13"`): it is part of the assertion.
    const value = unwrapExpression(pin.value.node);
    if (value.type === "Identifier") {
      const resolved = resolver.resolveValue(pin.value);
      if (resolved.kind === "node" && resolved.ref.file === file)
        regions.push({ start: resolved.ref.node.start!, end: resolved.ref.node.end!, kind: "pin", note });
    }
  }
  regions.push(...sources.responses());
  return regions;
}

const indexes = new WeakMap<DoubleRegion[], { sorted: DoubleRegion[]; longest: number }>();

/** The note of the innermost region that holds `[start, end)`, if any (ties: the region listed last). */
export function innermostNote(regions: DoubleRegion[], start: number, end: number): string | undefined {
  let index = indexes.get(regions);
  if (!index) {
    const sorted = [...regions].sort((a, b) => a.start - b.start);
    index = { sorted, longest: sorted.reduce((max, region) => Math.max(max, region.end - region.start), 0) };
    indexes.set(regions, index);
  }
  const { sorted, longest } = index;
  // The last region starting at or before `start`, then back while a region could still reach `end`.
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid].start <= start) low = mid + 1;
    else high = mid;
  }
  let best: DoubleRegion | undefined;
  for (let i = low - 1; i >= 0 && sorted[i].start >= end - longest; i--) {
    const region = sorted[i];
    if (end <= region.end && (!best || region.end - region.start < best.end - best.start)) best = region;
  }
  return best?.note;
}
