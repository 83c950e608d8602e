#!/bin/sh
# Installs the interop peers from the lock file once: ipfs-unixfs-importer (what js-ipfs's `add`
# runs) for the CID tests, and js-ipfs 0.66.1 itself, which the IPFS store tests start and stop.
set -e
cd "$(dirname "$0")"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
