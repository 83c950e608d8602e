// Compiles the chain module's Solidity contracts with solcjs and writes, for every contract that
// has bytecode, <Name>.abi (pretty JSON) and <Name>.bin (hex) into the folder given as argument.
//
//   node compile.mjs <outDir> [sourceDir]      (sourceDir defaults to ../main/solidity)
//
// The output must be reproducible byte for byte: solc hashes each source's *key* into the
// metadata appended to the bytecode, so the keys are fixed (aivm/<FileName>.sol, sorted), never
// paths of this machine, and every setting is written out here rather than left to defaults that
// could move. Any solc error fails the run (exit 1) with solc's messages on stderr.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import solc from 'solc';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SOLC_VERSION = '0.8.37';

function fail(message) {
  process.stderr.write(message.endsWith('\n') ? message : message + '\n');
  process.exit(1);
}

/** The standard-JSON input: every *.sol of sourceDir under a fixed key, in name order. */
function standardInput(sourceDir) {
  if (!fs.existsSync(sourceDir)) {
    fail(`no Solidity source folder ${sourceDir}`);
  }
  const files = fs.readdirSync(sourceDir).filter((f) => f.endsWith('.sol')).sort();
  if (files.length === 0) {
    fail(`no *.sol file in ${sourceDir}`);
  }
  const sources = {};
  for (const file of files) {
    sources[`aivm/${file}`] = { content: fs.readFileSync(path.join(sourceDir, file), 'utf8') };
  }
  return {
    language: 'Solidity',
    sources,
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: 'cancun',
      metadata: { bytecodeHash: 'ipfs' },
      // Deployed bytecode and selectors are asked for but not written yet: the next increments'
      // code-size and selector checks read them.
      outputSelection: {
        '*': {
          '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object', 'evm.methodIdentifiers'],
        },
      },
    },
  };
}

/** Every source is already in the input: an import solc still asks for is outside the folder. */
function findImports(importPath) {
  return {
    error: `${importPath} is not in the source folder: import siblings relatively ("./X.sol"); `
      + 'only the files of src/main/solidity are compiled',
  };
}

/** A copy with every object's keys in code-point order, so the .abi text never depends on solc's. */
function sortedKeys(value) {
  if (Array.isArray(value)) {
    return value.map(sortedKeys);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortedKeys(value[k])]));
  }
  return value;
}

function main() {
  const [outDir, sourceArg] = process.argv.slice(2);
  if (!outDir) {
    fail('usage: node compile.mjs <outDir> [sourceDir]');
  }
  if (!solc.version().startsWith(`${SOLC_VERSION}+`)) {
    fail(`expected solc ${SOLC_VERSION}, found ${solc.version()}: run ensure-installed.sh`);
  }
  const sourceDir = path.resolve(sourceArg ?? path.join(HERE, '..', 'main', 'solidity'));
  const output = JSON.parse(solc.compile(JSON.stringify(standardInput(sourceDir)), { import: findImports }));

  const diagnostics = output.errors ?? [];
  for (const d of diagnostics.filter((d) => d.severity !== 'error')) {
    process.stderr.write(d.formattedMessage ?? `${d.severity}: ${d.message}\n`);
  }
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    fail(`solc ${solc.version()} failed with ${errors.length} error(s):\n`
      + errors.map((e) => e.formattedMessage ?? `${e.type}: ${e.message}`).join('\n'));
  }

  const written = new Map();
  fs.mkdirSync(outDir, { recursive: true });
  for (const source of Object.keys(output.contracts ?? {}).sort()) {
    for (const name of Object.keys(output.contracts[source]).sort()) {
      const contract = output.contracts[source][name];
      const bytecode = contract.evm.bytecode.object;
      if (bytecode === '') {
        continue; // abstract contract or interface: nothing to deploy
      }
      if (written.has(name)) {
        fail(`two contracts named ${name} (${written.get(name)} and ${source}): the output files would collide`);
      }
      if (bytecode.includes('__$')) {
        process.stderr.write(`warning: ${name}'s bytecode has unlinked library placeholders; it cannot be deployed as is\n`);
      }
      written.set(name, source);
      fs.writeFileSync(path.join(outDir, `${name}.abi`), JSON.stringify(sortedKeys(contract.abi), null, 2) + '\n');
      fs.writeFileSync(path.join(outDir, `${name}.bin`), bytecode + '\n');
    }
  }
  if (written.size === 0) {
    fail(`no deployable contract in ${sourceDir}`);
  }
  process.stdout.write(`solc ${solc.version()}: ${[...written.keys()].join(', ')} -> ${outDir}\n`);
}

main();
