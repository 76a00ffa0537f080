// The floor: walk a folder and read every JS/TS file, nothing else. Usage: node bench/floor.mjs <dir>
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const SOURCE = /\.(m|c)?(j|t)sx?$/;
let files = 0;
let bytes = 0;
const stack = [process.argv[2]];
while (stack.length > 0) {
  const dir = stack.pop();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) stack.push(full);
    else if (entry.isFile() && SOURCE.test(entry.name)) {
      bytes += readFileSync(full, "utf8").length;
      files++;
    }
  }
}
console.log(JSON.stringify({ files, bytes }));
