#!/bin/sh
# Installs the interop peer (ipfs-unixfs-importer, the importer js-ipfs's `add` runs) from the lock
# file once; the storage tests run it with node.
set -e
cd "$(dirname "$0")"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
