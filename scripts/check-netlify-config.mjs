// Validates netlify.toml with Netlify's own configuration parser, offline, for one deploy
// context. Prints the resolved build settings as JSON; any warning or error exits non-zero.
import { resolveConfig } from "@netlify/config";

const [configPath = "netlify.toml", context = "production"] = process.argv.slice(2);
try {
  const { config, logs } = await resolveConfig({
    config: configPath,
    cwd: process.cwd(),
    repositoryRoot: process.cwd(),
    context,
    branch: context === "production" ? "main" : "feature",
    offline: true,
    buffer: true,
  });
  const warnings = [...(logs?.stdout ?? []), ...(logs?.stderr ?? [])].filter((line) => line.trim());
  if (warnings.length) {
    console.error(warnings.join("\n"));
    process.exit(1);
  }
  console.log(JSON.stringify({ build: config.build, headers: config.headers, redirects: config.redirects, plugins: config.plugins }));
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
