// intercom-migrate/runtime: the runtime guard's public API (CommonJS, which `import` loads as well: one instance).
export { guardAxios, type AxiosConfigLike, type AxiosLike } from "./axios.cjs";
export type { SourceLocation } from "./call-site.cjs";
export { guardFetch, guardIntercomClient, type FetchFunction } from "./fetch.cjs";
export { RuntimeGuardError, createGuard, type Guard, type GuardOptions, type Mode, type Verdict } from "./guard.cjs";
export { inspectRequest, type HeaderInput, type Inspection, type OutgoingRequest, type RequestUpgrade, type RuntimeFinding } from "./inspect.cjs";
export { installGuard, installStrictGuard, takeViolations } from "./install.cjs";
export { upgradeBody, type ChangedOperation, type Json, type JsonObject, type RuleId, type Severity } from "./payload-upgrades.cjs";
export { flushCounts, type Outcome, type RuntimeRecord } from "./reporter.cjs";
export { guardUndici, undiciInterceptor, type DispatchOptionsLike } from "./undici.cjs";
