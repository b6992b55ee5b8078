#!/usr/bin/env bash
# Package the ledger report and copy it to a deploy directory.
# Usage: scripts/deploy.sh [staging|production]
# DEPLOY_ROOT overrides where releases go (default: ./.deploy).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
readonly TARGET="${1:-staging}"
readonly DEPLOY_ROOT="${DEPLOY_ROOT:-$ROOT/.deploy}"

log() {
  printf '[deploy] %s\n' "$*" >&2
}

die() {
  log "error: $*"
  exit 1
}

build_bundle() {
  local out="$1"
  mkdir -p "$out"
  cp "$ROOT/scripts/report.py" "$out/"
  cp -r "$ROOT/data" "$out/"
  git -C "$ROOT" rev-parse --short HEAD 2>/dev/null >"$out/VERSION" || echo "dev" >"$out/VERSION"
}

deploy() {
  local target="$1"
  local release
  release="$(date +%Y%m%d%H%M%S)"
  local dest="$DEPLOY_ROOT/$target/$release"

  log "building bundle for $target"
  build_bundle "$dest"
  ln -sfn "$dest" "$DEPLOY_ROOT/$target/current"
  log "deployed $(cat "$dest/VERSION") to $dest"
}

case "$TARGET" in
  staging | production) deploy "$TARGET" ;;
  *) die "unknown target '$TARGET' (expected staging or production)" ;;
esac
