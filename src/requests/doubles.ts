// Test doubles of Intercom requests, as the engine, rules and front-ends import them (the adapters are in doubles/).
export { DoubleFinder } from "./doubles/double-finder.js";
export type { RequestRecognition } from "./doubles/recognition.js";
export type { DoubleRegion, TestDoubleAdapter, TestDoubleLibrary, VersionPin } from "./doubles/library.js";
export { isTestFile } from "./doubles/test-files.js";
export { PIN_NAME, VERSION_HEADER } from "./doubles/version-pins.js";
export type { DoubleKind } from "./intercom-request.js";
