// The HTTP client table and the test-double list: every client's modules have fixtures, no export is claimed twice.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HTTP_CLIENTS } from "../src/requests/clients/index.js";
import { CLIENT_WRAPPERS } from "../src/requests/clients/wrappers.js";
import type { HttpClient } from "../src/requests/http-client.js";
import { ROOT, newEngine } from "./support.js";

/** Every fixture input (and file of a fixture project), as text. */
function fixtureTexts(dir = path.join(ROOT, "fixtures")): string[] {
  const texts: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (entry === "node_modules") continue;
    if (statSync(full).isDirectory()) texts.push(...fixtureTexts(full));
    else if (/\.input\.[cm]?[jt]sx?$/.test(entry) || (/\.[cm]?[jt]sx?$/.test(entry) && !/\.output\./.test(entry))) texts.push(readFileSync(full, "utf8"));
  }
  return texts;
}

function importsModule(text: string, module: string): boolean {
  const quoted = module.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(from\\s+|require\\(\\s*|import\\(\\s*)["']${quoted}["']`).test(text);
}

describe("the HTTP client table", () => {
  const texts = fixtureTexts();

  const modulesOf = (client: HttpClient) => [...Object.keys(client.functions), ...Object.keys(client.factories ?? {}), ...Object.keys(client.classes ?? {})];
  it.each(
    HTTP_CLIENTS.flatMap((client) => [...new Set(modulesOf(client))].filter((module) => module !== "<global>").map((module) => [client.name, module] as const)),
  )("%s: a fixture uses %s", (_client, module) => {
    expect(texts.some((text) => importsModule(text, module))).toBe(true);
  });

  it.each(Object.keys(CLIENT_WRAPPERS).map((module) => [module] as const))("the wrapper %s: a fixture uses it", (module) => {
    expect(texts.some((text) => importsModule(text, module))).toBe(true);
  });

  it("names each client once and claims each export once", () => {
    const names = HTTP_CLIENTS.map((client) => client.name);
    expect(new Set(names).size).toBe(names.length);
    const claimed = new Map<string, string>();
    for (const client of HTTP_CLIENTS) {
      for (const [module, paths] of Object.entries(client.functions)) {
        for (const dotted of paths) {
          const key = `${module} ${dotted}`;
          expect(claimed.get(key), `${key} is claimed by ${claimed.get(key)} and ${client.name}`).toBeUndefined();
          claimed.set(key, client.name);
        }
      }
    }
  });
});

describe("the test-double list", () => {
  const texts = fixtureTexts();

  it.each(newEngine().finder.doubles!.libraries.map((library) => [library.name, library] as const))(
    "%s: a fixture holds one of its doubles",
    (_name, library) => {
      expect(texts.some((text) => library.mentionedIn(text))).toBe(true);
    },
  );
});
