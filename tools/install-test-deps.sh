#!/usr/bin/env bash
# Install what the quality-gate tests need beyond Python packages:
#   - Debian's Chromium (Playwright drives it; `playwright install` would download a browser and fails offline)
#   - Java, to run the Nu Html Checker
#   - the Nu Html Checker itself (npm package vnu-jar) into .cache/node/, pinned by tools/package-lock.json
#   - poppler's pdfinfo/pdffonts/pdftoppm and LibreOffice Writer (headless), which read our booklets and
#     documents back as a reader's software would
# Idempotent and quick when everything is already there. Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."

NODE_DIR=.cache/node
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(npm)
fc-list 2>/dev/null | grep -q . || missing+=(fonts-dejavu-core)
command -v pdfinfo >/dev/null 2>&1 || missing+=(poppler-utils)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
# The fonts the ODT files name (Times New Roman, Arial) in their metric-compatible form, as
# LibreOffice ships them, so a page count here is the page count a reader gets.
fc-list 2>/dev/null | grep -q "Liberation Serif" || missing+=(fonts-liberation)

if [ ${#missing[@]} -gt 0 ]; then
  bash tools/debian-install.sh "Installerer testværktøjer fra Debian: ${missing[*]}" "${missing[@]}"
fi

# vnu.jar: reinstall only when the committed lockfile changed. --ignore-scripts skips vnu-jar's
# postinstall, which would try to download a Java runtime; we use the system's Java.
if ! cmp -s tools/package-lock.json "$NODE_DIR/package-lock.json" || [ ! -f "$NODE_DIR/node_modules/vnu-jar/build/dist/vnu.jar" ]; then
  echo "Installerer Nu Html Checker (vnu-jar) i $NODE_DIR"
  rm -rf "$NODE_DIR"
  mkdir -p "$NODE_DIR"
  cp tools/package.json tools/package-lock.json "$NODE_DIR/"
  (cd "$NODE_DIR" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
fi
