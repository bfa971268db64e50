#!/usr/bin/env bash
# Gradescope runs this once, as root, while it builds the autograder image (the network is available then):
# Node ≥ 20.19 when missing, prlimit, and the course's pinned npm dependencies. Nothing is fetched while grading.
set -euo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
SRC="$ROOT/source"
export DEBIAN_FRONTEND=noninteractive

node_ok() { command -v node >/dev/null && node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; }
if ! node_ok; then
  # NodeSource's Node 20 for Ubuntu (Gradescope's base image has no Node)
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends ca-certificates curl gnupg
  curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
  apt-get install -y -qq nodejs
fi
node_ok || { echo "setup.sh: Node >= 20.19 is needed, found $(node -v 2>/dev/null || echo none)" >&2; exit 1; }
# util-linux: prlimit caps each child's memory and
# unshare gives each child empty network and IPC namespaces (grader/sandbox.ts says so when the container forbids it)
{ command -v prlimit && command -v unshare; } >/dev/null || { apt-get update -qq && apt-get install -y -qq util-linux; }

cd "$SRC"
# the pinned run-time set (tsx, typescript, esbuild, @stdlib…); the test and browser tooling is not needed here
npm ci --omit=dev --no-audit --no-fund --loglevel=error
# the student helpers' declarations the type check reads (grader/declarations.ts): emitted here once, not ~2 s
# into every submission's grading (each runs in a fresh container from this image)
npx tsx --eval 'import("./grader/declarations.ts").then((m) => m.facadeTypes())'
# Children run as users of their own: they must reach grader/child.mjs and grader/wire.mjs, and nothing else here.
chmod 755 "$ROOT" "$SRC"
chmod -R a+rX "$SRC/grader"
chmod -R go-rwx "$SRC/solutions" "$SRC/grader/reference.ts" "$SRC/grader/cases"
echo "setup.sh: Node $(node -v), $(ls node_modules | wc -l) packages in $SRC/node_modules"
