// The test-double library list: every library whose doubles stand for Intercom requests (see CONTRIBUTING.md).
import { axiosMockAdapter } from "./axios-mock-adapter.js";
import { callAssertions } from "./call-assertions.js";
import { generatedApiMocks } from "./generated-api-mocks.js";
import type { TestDoubleAdapter } from "./library.js";
import { mockReturns } from "./mock-returns.js";
import { msw } from "./msw.js";
import { nock } from "./nock.js";

/** In the order their requests, pins and responses are listed. */
export const TEST_DOUBLE_LIBRARIES: readonly TestDoubleAdapter[] = [nock, msw, axiosMockAdapter, callAssertions, generatedApiMocks, mockReturns];
