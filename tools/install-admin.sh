#!/usr/bin/env bash
# Install the form editor for /admin/ (Decap CMS) and its local backend (decap-server) into
# .cache/admin/, pinned by tools/admin/package-lock.json; Node and npm come from Debian if missing.
# Quick when the lockfile has not changed. `make site` runs it before the build.
set -euo pipefail
cd "$(dirname "$0")/.."

ADMIN_DIR=.cache/admin
if ! command -v npm >/dev/null 2>&1; then
  bash tools/debian-install.sh "Installerer Node.js og npm fra Debian (til redigeringsværktøjet på /admin/)" nodejs npm
fi

# --ignore-scripts: nothing from the registry runs at install time; the editor is one prebuilt file.
if ! cmp -s tools/admin/package-lock.json "$ADMIN_DIR/package-lock.json" \
  || [ ! -f "$ADMIN_DIR/node_modules/decap-cms/dist/decap-cms.js" ]; then
  echo "Installerer redigeringsværktøjet (Decap CMS) i $ADMIN_DIR"
  rm -rf "$ADMIN_DIR"
  mkdir -p "$ADMIN_DIR"
  cp tools/admin/package.json tools/admin/package-lock.json "$ADMIN_DIR/"
  (cd "$ADMIN_DIR" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
fi
