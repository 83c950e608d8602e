// Interop peer for the SDK's keystores (Web3 Secret Storage v3): runs ethers@6 on jobs read from
// stdin as JSON and prints one JSON result per job, in order, as a JSON array.
//
// Jobs ({"op": ...}):
//   encrypt        {privateKey, password, n, r?, p?, iv?} -> {json}   ethers' encryptKeystoreJson with scrypt N = n
//   encrypt-random {password, n}                   -> {json, privateKey, address}
//                  a new HD wallet: the keystore carries ethers' "x-ethers" mnemonic section
//   decrypt        {json, password}                -> {address, privateKey}   Wallet.fromEncryptedJson
// ethers (noble-hashes) refuses scrypt N >= 2^(16·r), as RFC 7914 asks: it cannot read r = 1 with
// N >= 65536, which geth and the SDK read.
// Passwords are JS strings: ethers normalizes them to NFKC and encodes them as UTF-8.
// A job that fails gives {error} instead, so that the test can show ethers' message.
import { readFileSync } from 'node:fs';
import { Wallet, encryptKeystoreJson } from 'ethers';

const jobs = JSON.parse(readFileSync(0, 'utf8'));

async function run(job) {
  switch (job.op) {
    case 'encrypt': {
      const wallet = new Wallet(job.privateKey);
      const options = { scrypt: { N: job.n, r: job.r, p: job.p } };
      if (job.iv !== undefined) {
        options.iv = job.iv;
      }
      const json = await encryptKeystoreJson({ address: wallet.address, privateKey: wallet.privateKey }, job.password, options);
      return { json };
    }
    case 'encrypt-random': {
      const wallet = Wallet.createRandom();
      const account = {
        address: wallet.address,
        privateKey: wallet.privateKey,
        mnemonic: { path: wallet.path, locale: 'en', entropy: wallet.mnemonic.entropy },
      };
      const json = await encryptKeystoreJson(account, job.password, { scrypt: { N: job.n } });
      return { json, privateKey: wallet.privateKey, address: wallet.address };
    }
    case 'decrypt': {
      const wallet = await Wallet.fromEncryptedJson(job.json, job.password);
      return { address: wallet.address, privateKey: wallet.privateKey };
    }
    default:
      throw new Error(`unknown op ${job.op}`);
  }
}

const results = [];
for (const job of jobs) {
  try {
    results.push(await run(job));
  } catch (e) {
    results.push({ error: String(e.shortMessage ?? e.message ?? e) });
  }
}
process.stdout.write(JSON.stringify(results));
