# Tandem's own tasks. Every recipe works on a machine with only Node and npm: scripts/setup.mjs
# installs (pinned pnpm through npx, then the lockfile) and builds what is missing.

set shell := ["bash", "-cu"]

# turbo runs package scripts through pnpm, which the install puts in node_modules/.bin.
export PATH := justfile_directory() + "/node_modules/.bin:" + env_var("PATH")
turbo := "turbo"

# List the recipes.
default:
    @just --list

# Typecheck, lint and test everything: run it before you call a change done.
agent-validate:
    npm test

# Install dependencies and build all packages (cached by turbo).
build:
    node scripts/setup.mjs

# Run the test suites of all packages.
test:
    node scripts/setup.mjs
    {{turbo}} run test

# Run the demo on the embedded sample repository, or on the workspace given.
demo workspace="":
    node scripts/setup.mjs
    node scripts/demo.mjs {{ if workspace == "" { "" } else { quote(workspace) } }}

# Rebuild on change (TypeScript watch mode in every package).
dev:
    node scripts/setup.mjs
    {{turbo}} run dev --concurrency 3

# Options and parts: bench/run.mjs (`just bench --only delegation` runs one part and prints the page).
# Measure the servers side by side with ast-grep and repomix; rewrites docs/benchmarks.md.
bench *args:
    node scripts/setup.mjs
    node bench/run.mjs {{args}}

# Run the reliability suite and rewrite docs/reliability.md (TANDEM_RELIABILITY=heavy: heavier variants).
reliability:
    node scripts/setup.mjs
    node scripts/reliability-report.mjs
