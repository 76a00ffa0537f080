// Test doubles of Intercom requests in a file, from every library in the list: the requests they expect, the pinned
// version's assertions, mocked responses, and the note a finding inside one adds to its message.
import type { Node } from "@babel/types";
import type { SourceFile } from "../../core/source.js";
import type { Resolver } from "../../core/values.js";
import type { IntercomRequest } from "../intercom-request.js";
import { Expectations } from "./expectations.js";
import { FakeSdkClients } from "./fake-sdk-clients.js";
import { TEST_DOUBLE_LIBRARIES } from "./index.js";
import type { DoubleContext, DoubleRegion, TestDoubleAdapter, TestDoubleLibrary, VersionPin } from "./library.js";
import { MockedResponses } from "./mocked-responses.js";
import type { RequestRecognition } from "./recognition.js";
import { doubleRegions, innermostNote } from "./regions.js";
import { StandIns } from "./stand-ins.js";
import { VersionPins } from "./version-pins.js";

export class DoubleFinder {
  private readonly resolver: Resolver;
  private readonly findRequests: (file: SourceFile) => IntercomRequest[];
  /** The adapters of TEST_DOUBLE_LIBRARIES (or those given), made for this finder. */
  readonly libraries: readonly TestDoubleLibrary[];
  private readonly pins: VersionPins;
  private readonly responses: MockedResponses;
  private readonly requestCache = new WeakMap<SourceFile, IntercomRequest[]>();
  private readonly regionCache = new WeakMap<SourceFile, DoubleRegion[]>();

  constructor(recognition: RequestRecognition, adapters: readonly TestDoubleAdapter[] = TEST_DOUBLE_LIBRARIES) {
    const { resolver, sdk, http } = recognition;
    this.resolver = resolver;
    this.findRequests = (file) => recognition.findRequests(file);
    const expectations = new Expectations(resolver);
    const fakeClients = new FakeSdkClients(resolver, sdk, expectations);
    const standIns = new StandIns(resolver, sdk, http, expectations, fakeClients);
    const context: DoubleContext = { resolver, sdk, http, expectations, standIns, fakeClients };
    this.libraries = adapters.map((adapter) => adapter(context));
    this.pins = new VersionPins(expectations, this.libraries);
    this.responses = new MockedResponses(resolver, this.libraries);
  }

  /** The test doubles of Intercom requests in a file, as requests of their endpoints. */
  requests(file: SourceFile): IntercomRequest[] {
    let found = this.requestCache.get(file);
    if (!found) {
      found = [];
      // Cheap text tests first: most files hold no test double at all.
      const text = file.text;
      for (const library of this.libraries) if (library.requests && library.mentionedIn(text)) found.push(...library.requests(file));
      this.requestCache.set(file, found);
    }
    return found;
  }

  /** Comparisons of the pinned version in this file (see VersionPins). */
  versionPins(file: SourceFile): VersionPin[] {
    return this.pins.of(file);
  }

  /** The mocked response a node is part of, if any. */
  mockedResponseAt(file: SourceFile, node: Node): DoubleRegion | undefined {
    return this.responses.at(file, node);
  }

  /**
   * Every region of the file that belongs to a test double. `allRequests` gives the file's requests when the
   * caller has them (a payload object the code itself also sends is not a double's).
   */
  regions(file: SourceFile, allRequests: () => IntercomRequest[] = () => this.findRequests(file)): DoubleRegion[] {
    let regions = this.regionCache.get(file);
    if (regions) return regions;
    regions = [];
    this.regionCache.set(file, regions);
    regions.push(
      ...doubleRegions(this.resolver, file, {
        doubles: this.requests(file),
        allRequests,
        pins: () => this.versionPins(file),
        responses: () => this.responses.of(file),
      }),
    );
    return regions;
  }

  /** The words a finding at this range adds to its message, when it is in a test double (the innermost region's). */
  noteAt(file: SourceFile, start: number, end: number, allRequests?: () => IntercomRequest[]): string | undefined {
    return innermostNote(this.regions(file, allRequests), start, end);
  }
}
