// Runs one event handler of a Netlify build plugin the way Netlify Build does, offline:
// with `utils.cache` from @netlify/cache-utils, bound to a cache folder of our choosing.
//   node tests/run_netlify_plugin.mjs PLUGIN_DIR EVENT BUILD_DIR CACHE_DIR INPUTS_JSON
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { bindOpts } from "@netlify/cache-utils";

const [pluginDir, event, buildDir, cacheDir, inputs] = process.argv.slice(2);
const plugin = createRequire(import.meta.url)(resolve(pluginDir, "index.js"));
const cache = bindOpts({ cacheDir: resolve(cacheDir), cwd: resolve(buildDir) });
await plugin[event]({ inputs: JSON.parse(inputs), utils: { cache }, constants: {} });
