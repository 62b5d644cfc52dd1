#!/usr/bin/env bash
# Make sure headless Chromium is there for the browser tests (`make test` runs this first).
# Installs Debian's `chromium` package with apt when it is missing and we may install (root, or
# passwordless sudo). Where it cannot be had, say so and carry on: the browser tests then skip
# loudly on this machine, except in CI (CI set), where they fail.
set -u
for name in "${EXPLAINERS_CHROMIUM:-}" chromium chromium-browser google-chrome google-chrome-stable; do
  if [ -n "$name" ] && command -v "$name" >/dev/null 2>&1; then exit 0; fi
done
if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" != "0" ]; then
    if sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
      echo "ensure_chromium: Chromium is missing and installing it needs root; browser tests will skip (fail in CI)." >&2
      exit 0
    fi
  fi
  echo "ensure_chromium: installing Debian's chromium package for the browser tests..." >&2
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null \
    && { echo "ensure_chromium: installed $(command -v chromium)" >&2; exit 0; }
  echo "ensure_chromium: apt-get could not install chromium; browser tests will skip (fail in CI)." >&2
  exit 0
fi
echo "ensure_chromium: no Chromium and no apt-get here; browser tests will skip (fail in CI)." >&2
exit 0
