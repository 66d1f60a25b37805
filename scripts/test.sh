#!/usr/bin/env bash
# Install everything the test suite needs on a fresh Debian machine, then run it.
# - Debian's chromium (kaleido's chart export and the real-browser test drive it; never a downloaded browser)
# - the Python requirements (runtime + test tools)
# - ruff (lint) and the whole pytest suite
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium (for chart export and the browser test)..."
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

python3 -m pip install -q --disable-pip-version-check -r requirements-dev.txt
python3 -m ruff check .
python3 -m pytest "$@"
