// jscodeshift transform: hands the file's text to intercom-migrate's engine and returns the fixed text.
// Usage: npx jscodeshift --no-babel -t node_modules/intercom-migrate/jscodeshift.cjs --parser=tsx --extensions=ts,tsx,js,jsx,mjs,cjs src
// Leftovers that need a person are reported through api.report (file:line:column rule: message).
"use strict";

let api;

async function transform(file, jscodeshiftApi) {
  api ??= await import("./dist/src/index.js");
  const result = api.fixText({ text: file.source, filePath: file.path });
  // A rule that failed: jscodeshift counts the file as an error and leaves it as it is.
  if (result.internalErrors) throw new Error(result.internalErrors.map((failure) => failure.message).join("\n"));
  if (result.parseError) {
    jscodeshiftApi.report(`${result.parseError.line}:${result.parseError.column} could not be parsed: ${result.parseError.message}`);
    return undefined;
  }
  for (const finding of result.findings) {
    const where = `${finding.loc.start.line}:${finding.loc.start.column}`; // jscodeshift prefixes the file
    jscodeshiftApi.report(`${where} ${finding.ruleId}: ${finding.message}${finding.action ? ` ${finding.action}` : ""}`);
  }
  // Returning undefined tells jscodeshift nothing changed, so a second run is a no-op.
  return result.output === file.source ? undefined : result.output;
}

module.exports = transform;
module.exports.default = transform;
// Our engine parses with its own parser; this only tells jscodeshift how to read the file if it wants to.
module.exports.parser = "tsx";
