// The SARIF 2.1.0 schema as a validator (ajv, offline), shared by the tests that check SARIF output.
import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv from "ajv-draft-04";
import { ROOT } from "./support.js";

/** RFC 3986 syntax, for the schema's "uri" / "uri-reference" formats (no ajv-formats here, and no network). */
const URI_CHARS = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-Fa-f]{2})*$/;
export const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
export function isUriReference(value: string): boolean {
  if (!URI_CHARS.test(value) || value.split("#").length > 2) return false;
  if (SCHEME.test(value)) return true;
  // A relative reference whose first segment holds a colon would be read as a scheme (RFC 3986 §4.2).
  return !value.split(/[/?#]/)[0].includes(":");
}
export const isUri = (value: string) => SCHEME.test(value) && isUriReference(value);

export function sarifValidator() {
  const schema = JSON.parse(readFileSync(path.join(ROOT, "test/data/sarif-2.1.0-rtm.5.json"), "utf8")) as object;
  // A CommonJS module: under NodeNext the default import is `module.exports`, whose `default` is the class itself.
  const ajv = new Ajv.default({ allErrors: true, strict: false, unicodeRegExp: false }); // one schema pattern is invalid with the u flag
  ajv.addFormat("uri", isUri);
  ajv.addFormat("uri-reference", isUriReference);
  ajv.addFormat("date-time", (value: string) => !Number.isNaN(Date.parse(value)));
  return ajv.compile(schema);
}
