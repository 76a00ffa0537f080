#!/usr/bin/env node
// Derives the intercom-client method table from the SDK packages themselves (not from memory): for each method of
// each resource client, the HTTP method, the path it calls, which request keys are path parameters, and where the
// JSON body is (the rest of the request object, or its `body` key). Reads the generated clients of intercom-client
// 6.x and 7.x (installed from the registry into a temp folder by `npm pack`), writes src/data/intercom-client-index.json.
// Usage: node scripts/build-sdk-index.mjs [--check]   (--check: exit 1 when the committed index is stale)
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TARGET = path.join(ROOT, "src", "data", "intercom-client-index.json");
/** The SDK versions read: the last of each generated major (6.x speaks API 2.11, 7.x API 2.14). */
export const VERSIONS = ["6.4.0", "7.0.3"];

/** Unpack a published version of intercom-client; the folder holding its package.json. */
function unpack(version) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `intercom-client-${version}-`));
  const tarball = execFileSync("npm", ["pack", `intercom-client@${version}`, "--silent"], { cwd: dir, encoding: "utf8" })
    .trim()
    .split("\n")
    .pop();
  execFileSync("tar", ["xzf", tarball], { cwd: dir });
  return path.join(dir, "package");
}

function clientFiles(dir) {
  const found = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) found.push(...clientFiles(full));
    else if (entry === "Client.js" && path.basename(dir) === "client") found.push(full);
  }
  return found;
}

/** `api/resources/news/resources/items/client/Client.js` → `news.items` (the `unstable` namespace is left out). */
function resourcePath(resourcesRoot, file) {
  const parts = path
    .relative(resourcesRoot, path.dirname(path.dirname(file)))
    .split(path.sep)
    .filter((part) => part !== "resources");
  return parts[0] === "unstable" ? undefined : parts.join(".");
}

/** Each `__method(request, …)` body: its HTTP method, URL template, path parameters and body place. */
function methodsOf(source) {
  const methods = {};
  const starts = [...source.matchAll(/^ {4}__(\w+)\((request|requestOptions)?/gm)];
  starts.forEach((start, index) => {
    const body = source.slice(start.index, starts[index + 1]?.index ?? source.length);
    const method = /\bmethod: "(GET|POST|PUT|PATCH|DELETE)"/.exec(body)?.[1];
    const url = /UsProduction, (`[^`]*`|"[^"]*")\)/.exec(body)?.[1];
    if (!method || !url) return;
    const destructured = /const \{([^}]*)\} = request(, _body = __rest\(request)?/.exec(body);
    const keys = destructured
      ? destructured[1]
          .split(",")
          .map((part) => part.trim().split(":")[0].trim())
          .filter(Boolean)
      : [];
    // Request keys sent in the path or the query string, not in the JSON body.
    const params = keys.filter((key) => key !== "body");
    const place = keys.includes("body") ? "body" : destructured?.[2] ? "rest" : /\bbody: request\b/.test(body) ? "request" : "none";
    const template = "/" + url.slice(1, -1).replace(/\$\{[^}]*\}/g, "{}");
    methods[start[1]] = { method, path: template, params, body: place };
  });
  return methods;
}

export function sdkIndex(versions = VERSIONS) {
  const index = {};
  for (const version of versions) {
    const pkg = unpack(version);
    const resourcesRoot = [path.join(pkg, "dist", "cjs", "api", "resources"), path.join(pkg, "api", "resources")].find((dir) => {
      try {
        return statSync(dir).isDirectory();
      } catch {
        return false;
      }
    });
    const table = {};
    for (const file of clientFiles(resourcesRoot).sort()) {
      const resource = resourcePath(resourcesRoot, file);
      if (!resource) continue;
      for (const [name, call] of Object.entries(methodsOf(readFileSync(file, "utf8")))) table[`${resource}.${name}`] = call;
    }
    index[version.split(".")[0]] = Object.fromEntries(Object.entries(table).sort(([a], [b]) => a.localeCompare(b)));
  }
  return { source: `intercom-client ${versions.join(", ")} (generated clients, read by scripts/build-sdk-index.mjs)`, versions: index };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = JSON.stringify(sdkIndex(), null, 1) + "\n";
  if (process.argv.includes("--check")) {
    if (readFileSync(TARGET, "utf8") !== text) {
      console.error("src/data/intercom-client-index.json is stale: run node scripts/build-sdk-index.mjs");
      process.exit(1);
    }
  } else writeFileSync(TARGET, text);
}
