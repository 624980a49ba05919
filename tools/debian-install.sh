#!/usr/bin/env bash
# Install Debian packages as root, or with sudo where there is one; say what and why first.
#   tools/debian-install.sh "MESSAGE" PACKAGE...
# Used by install-test-deps.sh and install-admin.sh, each of which decides what is missing.
set -euo pipefail
message=$1
shift
echo "$message"
sudo=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
  else
    echo "Mangler $* og kan ikke installere uden root; kør: apt-get install $*" >&2
    exit 1
  fi
fi
$sudo apt-get update -q >/dev/null
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "$@" >/dev/null
