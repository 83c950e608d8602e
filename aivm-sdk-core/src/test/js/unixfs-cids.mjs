// Prints, for each file named on the command line, the root CIDs that ipfs-unixfs-importer (the
// importer js-ipfs's `add` runs) gives it, one line per file:
//   <CIDv1 raw leaves, base32> <same CIDv1, base58btc> <CIDv0, dag-pb leaves> <file size> <CIDv1 DAG size>
// Usage: node unixfs-cids.mjs [--chunk-size N] [--max-links N] FILE...
import { createReadStream, statSync } from 'node:fs'
import { MemoryBlockstore } from 'blockstore-core/memory'
import { importer } from 'ipfs-unixfs-importer'
import { fixedSize } from 'ipfs-unixfs-importer/chunker'
import { balanced } from 'ipfs-unixfs-importer/layout'
import { base58btc } from 'multiformats/bases/base58'

const args = process.argv.slice(2)
let chunkSize = 262144
let maxChildrenPerNode = 174
const files = []
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--chunk-size') chunkSize = Number(args[++i])
  else if (args[i] === '--max-links') maxChildrenPerNode = Number(args[++i])
  else files.push(args[i])
}

async function rootOf (path, options) {
  let last
  for await (const entry of importer([{ content: createReadStream(path) }], new MemoryBlockstore(), {
    chunker: fixedSize({ chunkSize }),
    layout: balanced({ maxChildrenPerNode }),
    reduceSingleLeafToSelf: true,
    wrapWithDirectory: false,
    ...options
  })) {
    last = entry
  }
  return last
}

for (const path of files) {
  const v1 = await rootOf(path, { cidVersion: 1, rawLeaves: true })
  const v0 = await rootOf(path, { cidVersion: 0, rawLeaves: false, leafType: 'file' })
  console.log(`${v1.cid.toString()} ${v1.cid.toString(base58btc)} ${v0.cid.toString()} ${statSync(path).size} ${v1.size}`)
}
