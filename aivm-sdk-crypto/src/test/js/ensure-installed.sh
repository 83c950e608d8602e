#!/bin/sh
# Installs the interop peers (eciesjs, ethers) from the lock file once; the tests run them with node.
set -e
cd "$(dirname "$0")"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
