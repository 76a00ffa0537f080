// Run before every test file (vitest.config.ts): after each test, one turn of the event loop.
// Many tests run the CLI with spawnSync, which blocks the worker; a file of them back to back (type-aware.test.ts,
// about a minute on a loaded machine) would otherwise leave vitest's own messages to the worker unread for longer
// than its fixed 60 s time-out, and the run fails with "Timeout calling onTaskUpdate" though every test passed.
import { afterEach } from "vitest";

afterEach(() => new Promise<void>((resolve) => setImmediate(resolve)));
