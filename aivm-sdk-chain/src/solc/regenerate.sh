#!/bin/sh
# Recompiles src/main/solidity and replaces the committed ABIs and bytecode with the result.
# Run it after changing a contract; ContractsCompileTest fails until the outputs match again.
# A failed compile leaves the committed files untouched.
set -e
here="$(cd "$(dirname "$0")" && pwd)"
committed="$here/../main/resources/ai/nesa/aivm/chain/contracts"
sh "$here/ensure-installed.sh"
fresh="$(mktemp -d)"
trap 'rm -rf "$fresh"' EXIT
node "$here/compile.mjs" "$fresh"
mkdir -p "$committed"
rm -f "$committed"/*.abi "$committed"/*.bin
cp "$fresh"/* "$committed"/
echo "wrote $(ls "$fresh" | tr '\n' ' ')into $(cd "$committed" && pwd)"
