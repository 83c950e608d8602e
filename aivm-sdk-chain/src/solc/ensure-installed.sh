#!/bin/sh
# Installs the Solidity toolchain (solcjs 0.8.37, anvil 1.7.1) from the lock file once; the tests
# recompile the contracts with it and start anvil from node_modules.
set -e
cd "$(dirname "$0")"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
