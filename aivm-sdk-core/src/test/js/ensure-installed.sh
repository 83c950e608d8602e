#!/bin/sh
# Installs the interop peers from the lock file once: ipfs-unixfs-importer (what js-ipfs's `add`
# runs) for the CID tests, and js-ipfs 0.66.1 itself, which the IPFS store tests start and stop.
#
# `npm install`, not `npm ci`: js-ipfs's tree names an optional dependency by a GitHub tarball
# (electron-eval -> headless), which cannot be fetched here; `npm ci` refuses a lock without it,
# while `npm install` follows the lock and skips the optional package. The lock is not changed.
set -e
cd "$(dirname "$0")"
stamp=node_modules/.aivm-installed-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  npm install --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
