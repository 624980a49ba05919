#!/usr/bin/env bash
# Create the virtual environment and install the project into it, quietly.
#   tools/install.sh [VENV] [locked|newest]
# locked (the default): exactly the versions and hashes in requirements.lock, then the project
#   itself without touching them. newest: the newest versions pyproject.toml's ranges allow
#   (the weekly job's check that a new release breaks nothing).
# pip's output goes to VENV/install.log; on failure its last lines are shown.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${1:-.venv}
mode=${2:-locked}
python=${PYTHON:-python3}
log="$venv/install.log"

if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "Mentorhåndbogen kræver Python 3.11 eller nyere; $python er $("$python" --version 2>&1)." >&2
  exit 1
fi
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
: >"$log"

pip() {
  if ! "$venv/bin/python" -m pip --disable-pip-version-check --no-input "$@" >>"$log" 2>&1; then
    echo "Installationen fejlede. De sidste linjer fra pip (hele loggen står i $log):" >&2
    tail -n 25 "$log" >&2
    exit 1
  fi
}

if [ "$mode" = newest ]; then
  echo "Installerer de nyeste versioner, som pyproject.toml tillader, i $venv …"
  pip install --upgrade pip
  # The build backend stays the pinned one in pyproject.toml: the venv's bundled setuptools is older.
  pip install "$("$venv/bin/python" -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"])')"
  pip install --upgrade --upgrade-strategy eager --no-build-isolation -e '.[dev]'
else
  echo "Installerer de låste versioner fra requirements.lock i $venv …"
  pip install --require-hashes --no-deps -r requirements.lock
  # The build backend comes from the lock too, so no build isolation (and no download) is needed.
  pip install --no-deps --no-build-isolation -e .
fi
"$venv/bin/python" -m pip --disable-pip-version-check freeze --exclude-editable >"$venv/installed.txt"
