// JSON with comments and trailing commas (tsconfig.json): read in one linear pass that knows where strings are.

/** The text with each comment and trailing comma replaced by one space, ready for JSON.parse. */
export function stripJsonc(text: string): string {
  const blanked: Array<[number, number]> = []; // ranges to replace by spaces, in order
  let pendingComma = -1; // a comma that is dropped if a closing bracket comes next
  for (let i = 0; i < text.length;) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      i = j + 1;
      pendingComma = -1;
    } else if (c === "/" && text[i + 1] === "/") {
      let j = i + 2;
      while (j < text.length && text[j] !== "\n" && text[j] !== "\r") j++;
      blanked.push([i, j]);
      i = j;
    } else if (c === "/" && text[i + 1] === "*") {
      const close = text.indexOf("*/", i + 2);
      const end = close === -1 ? text.length : close + 2;
      blanked.push([i, end]);
      i = end;
    } else if (c === ",") {
      pendingComma = i++;
    } else if (c === "}" || c === "]") {
      if (pendingComma !== -1) blanked.push([pendingComma, pendingComma + 1]);
      pendingComma = -1;
      i++;
    } else {
      if (c !== " " && c !== "\t" && c !== "\n" && c !== "\r") pendingComma = -1;
      i++;
    }
  }
  if (blanked.length === 0) return text;
  blanked.sort((a, b) => a[0] - b[0]); // a trailing comma is recorded after the comments that follow it
  const parts: string[] = [];
  let cursor = 0;
  for (const [start, end] of blanked) {
    parts.push(text.slice(cursor, start), " ".repeat(Math.min(end - start, 1)));
    cursor = end;
  }
  parts.push(text.slice(cursor));
  return parts.join("");
}

/** Parse JSON with comments; throws SyntaxError as JSON.parse does. */
export function parseJsonc(text: string): unknown {
  return JSON.parse(stripJsonc(text));
}
