// Interop peer for the SDK's Ethereum signatures: runs ethers@6 on jobs read from stdin as JSON
// and prints one JSON result per job, in order, as a JSON array.
//
// Jobs ({"op": ...}):
//   sign-message   {privateKey, message}                          -> {address, hash, signature}
//   verify-message {message, signature}                           -> {hash, address}
//   sign-typed     {privateKey, domain, types, primaryType, message} -> {address, hash, signature}
//   verify-typed   {domain, types, primaryType, message, signature}  -> {hash, address}
// A message for EIP-191 is {"text": "..."} (signed as UTF-8) or {"hex": "0x..."} (raw bytes).
// Typed data uses ethers' shapes; integers arrive as decimal strings, bytes as 0x-hex.
import { readFileSync } from 'node:fs';
import { Wallet, hashMessage, verifyMessage, getBytes, TypedDataEncoder, verifyTypedData } from 'ethers';

const jobs = JSON.parse(readFileSync(0, 'utf8'));

function eip191(message) {
  return message.hex !== undefined ? getBytes(message.hex) : message.text;
}

function checkPrimary(job) {
  // ethers infers the primary type; make sure it is the one the SDK hashed.
  const inferred = TypedDataEncoder.from(job.types).primaryType;
  if (inferred !== job.primaryType) {
    throw new Error(`ethers sees primary type ${inferred}, the test meant ${job.primaryType}`);
  }
}

async function run(job) {
  switch (job.op) {
    case 'sign-message': {
      const wallet = new Wallet(job.privateKey);
      const message = eip191(job.message);
      return { address: wallet.address, hash: hashMessage(message), signature: await wallet.signMessage(message) };
    }
    case 'verify-message': {
      const message = eip191(job.message);
      return { hash: hashMessage(message), address: verifyMessage(message, job.signature) };
    }
    case 'sign-typed': {
      checkPrimary(job);
      const wallet = new Wallet(job.privateKey);
      return {
        address: wallet.address,
        hash: TypedDataEncoder.hash(job.domain, job.types, job.message),
        signature: await wallet.signTypedData(job.domain, job.types, job.message),
      };
    }
    case 'verify-typed': {
      checkPrimary(job);
      return {
        hash: TypedDataEncoder.hash(job.domain, job.types, job.message),
        address: verifyTypedData(job.domain, job.types, job.message, job.signature),
      };
    }
    default:
      throw new Error(`unknown op ${job.op}`);
  }
}

const results = [];
for (const job of jobs) {
  results.push(await run(job));
}
process.stdout.write(JSON.stringify(results) + '\n');
