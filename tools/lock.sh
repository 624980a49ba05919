#!/usr/bin/env bash
# Resolve pyproject.toml's ranges (runtime, dev and the pinned build backend) into
# requirements.lock: exact versions with hashes, for every platform and for Python 3.11+.
# `make lock` runs it; commit the result. UPGRADE=1 moves every package to the newest allowed.
set -euo pipefail
cd "$(dirname "$0")/.."
uv=${UV:-.venv/bin/uv}
build_in=$(mktemp --suffix=.in)
trap 'rm -f "$build_in"' EXIT
python3 -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"]))' >"$build_in"
upgrade=()
[ "${UPGRADE:-0}" = 1 ] && upgrade=(--upgrade)
"$uv" pip compile pyproject.toml "$build_in" --extra dev --universal --python-version 3.11 \
  --generate-hashes --no-header --quiet "${upgrade[@]}" --output-file requirements.lock
sed -i "s|$build_in|pyproject.toml (build-system)|" requirements.lock
echo "requirements.lock er opdateret; kør make test, og commit filen."
