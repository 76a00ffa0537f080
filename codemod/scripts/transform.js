// intercom-migrate as a jssg transform: each file gets the fixed text intercom-migrate's engine makes of it, for
// Codemod to write (or, with --dry-run, to count as a change and not write).
//
// jssg runs this file in Codemod's embedded QuickJS/LLRT runtime, which is not Node, and starts it afresh for every
// file: the engine cannot be imported here (it needs CommonJS packages, worker_threads and files outside the target).
// So the engine runs in Node, once per Codemod run: the first file of a run starts scripts/node-bridge.mjs, which
// works out the whole run as `intercom-migrate fix` would and keeps the fixed texts in a plan folder under the system
// temp folder; every other file reads its answer from there through a small POSIX shell command (much cheaper than
// starting Node for each file). Both need the `child_process` capability, which codemod.yaml declares: approve it
// when asked, or pass --allow-child-process. Workflow parameter: `node`, the Node binary (default "node").
import { createHash } from "crypto";

const PLAN_VERSION = 1;

// Where this file is: jssg has no import.meta.url, but a stack trace names the module.
const HERE = (() => {
  const match = /((?:[A-Za-z]:)?[\\/][^():\n]*?)[\\/]transform\.js:\d+/.exec(String(new Error().stack));
  return match ? match[1] : undefined;
})();

// Finds this run's plan folder (named after the Codemod process: its pid and start time) and prints the file's
// answer from it, or, while there is no plan yet, hands over to the Node bridge, which makes it or waits for it.
// Arguments: codemod pid, plan tag, file key, node binary, then the bridge's own arguments.
const ANSWER_SCRIPT = `
pid=$1 tag=$2 key=$3 node=$4; shift 4
start=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f20)
[ -n "$start" ] || start=$(ps -o lstart= -p "$pid" 2>/dev/null | tr -dc '0-9A-Za-z')
dir=\${TMPDIR:-/tmp}
dir="\${dir%/}/intercom-migrate-codemod/$pid-$start-$tag"
if [ -f "$dir/plan.json" ]; then
  if [ -f "$dir/files/$key.json" ]; then exec cat "$dir/files/$key.json"; fi
  echo '{"unchanged":true}'
  exit 0
fi
exec "$node" "$@" --plan-dir "$dir"
`;

const sha256 = (text) => createHash("sha256").update(text).digest("hex");

// The answer comes on stdout; stderr is Codemod's own, so the bridge prints fix's summary (and anything that went
// wrong) straight to the terminal: what a transform logs, Codemod prints under the name of the file being transformed.
function run(spawn, command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    // Answers are ASCII JSON, so chunks can be joined as text whatever their boundaries.
    child.stdout.on("data", (chunk) => (out += String(chunk)));
    child.on("error", (error) => reject(new Error(`intercom-migrate: could not start ${command}: ${error.message}`)));
    child.on("close", (code) => {
      try {
        resolve(JSON.parse(out.trim().split("\n").pop()));
      } catch {
        reject(new Error(`intercom-migrate: no answer for this file (exit code ${code}; its error output is above)`));
      }
    });
  });
}

export default async function transform(root, options) {
  let spawn;
  try {
    ({ spawn } = await import("child_process"));
  } catch {
    throw new Error("intercom-migrate runs its engine in Node, which needs the child_process capability: approve it when asked, or pass --allow-child-process");
  }
  if (!HERE) throw new Error("intercom-migrate: cannot tell where the codemod package is (no file name in the stack trace)");
  const target = options.targetDir;
  const filename = root.filename();
  const relative =
    typeof root.relativeFilename === "function"
      ? root.relativeFilename()
      : filename.startsWith(target)
        ? filename.slice(target.length).replace(/^[\\/]+/, "")
        : filename;
  // `codemod jssg run --dry-run` leaves options.dryRun unset; the flag only changes the summary's wording.
  const dryRun = !!options.dryRun || (process.argv || []).includes("--dry-run");
  const node = (options.params && options.params.node) || "node";
  const tag = sha256(JSON.stringify([PLAN_VERSION, target, dryRun, HERE])).slice(0, 16);
  const bridge = [HERE + "/node-bridge.mjs", "--target", target, "--file", relative.split("\\").join("/")];
  if (dryRun) bridge.push("--dry-run");
  const key = sha256(relative.split("\\").join("/"));
  const answer = await run(spawn, "sh", ["-c", ANSWER_SCRIPT, "sh", String(process.id), tag, key, node, ...bridge]);
  if (answer.error) throw new Error(answer.error);
  if (answer.unchanged) return null;
  if (answer.original !== sha256(root.root().text())) {
    throw new Error(`intercom-migrate: ${relative} changed after this run's plan was made; left it as it is (run the codemod again)`);
  }
  return answer.output;
}
