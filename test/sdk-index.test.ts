// The intercom-client method table comes from the SDK packages (scripts/build-sdk-index.mjs): how methods lay out
// their requests, and that the committed table is what the published packages say (skipped, saying why, offline).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sdkMethod } from "../src/intercom-api/endpoints.js";
import { ROOT } from "./support.js";

describe("the SDK method table", () => {
  it("knows where each method sends its body: the request less its path keys, or a nested `body`", () => {
    expect(sdkMethod("tickets.update")).toMatchObject({ endpoint: { method: "PUT", path: "/tickets/{ticket_id}" }, params: ["ticket_id"], body: ["rest"] });
    expect(sdkMethod("news.items.update")).toMatchObject({ endpoint: { path: "/news/news_items/{news_item_id}" }, params: ["news_item_id"], body: ["body"] });
    expect(sdkMethod("messages.create")).toMatchObject({ endpoint: { method: "POST", path: "/messages" }, body: ["request"] });
    expect(sdkMethod("conversations.manage")?.body).toEqual(["body"]);
    // 7.x nests a company update under `body`; 6.x sent none: both places are kept, the call's keys decide.
    expect(sdkMethod("companies.update")?.body).toEqual(["body", "none"]);
    expect(sdkMethod("tickets.frobnicate")).toBeUndefined();
  });

  const check = spawnSync(process.execPath, [path.join(ROOT, "scripts", "build-sdk-index.mjs"), "--check"], { encoding: "utf8", timeout: 120_000 });
  const offline = check.status !== 0 && /npm (error|ERR)|ENOTFOUND|ECONNREFUSED|EAI_AGAIN|ETIMEDOUT/.test(check.stderr);
  it.skipIf(offline)(
    `is what the published packages say (node scripts/build-sdk-index.mjs --check)${offline ? " [skipped: the registry could not be reached]" : ""}`,
    () => {
      expect(check.stderr).toBe("");
      expect(check.status).toBe(0);
    },
  );
});
