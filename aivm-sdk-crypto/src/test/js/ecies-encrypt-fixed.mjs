// Encrypts with npm eciesjs@0.5.0 in its default configuration, with the randomness it draws
// (the ephemeral secret key, then the nonce) given on stdin, so that the Java tests can compare
// ciphertexts byte for byte.
// stdin: one "publicKeyHex ephemeralSecretHex nonceHex plaintextHex" per line.
// stdout: the eciesjs ciphertext in hex, one line per input line.
import { readFileSync } from "node:fs";
import { webcrypto } from "node:crypto";
import { encrypt } from "eciesjs";

// eciesjs draws randomness through @noble/ciphers' randomBytes, which calls node's
// webcrypto.getRandomValues: serve it the scripted bytes, in order, and fail on anything extra.
let script = [];
webcrypto.getRandomValues = (array) => {
  const next = script.shift();
  if (next === undefined || next.length !== array.length) {
    throw new Error(`unscripted draw of ${array.length} random bytes`);
  }
  array.set(next);
  return array;
};

const lines = readFileSync(0, "utf8").split("\n").filter((l) => l.trim() !== "");
for (const line of lines) {
  const [publicKeyHex, ephemeralHex, nonceHex, plaintextHex = ""] = line.trim().split(" ");
  script = [Buffer.from(ephemeralHex, "hex"), Buffer.from(nonceHex, "hex")];
  const ciphertext = encrypt(publicKeyHex, Buffer.from(plaintextHex, "hex"));
  if (script.length !== 0) {
    throw new Error("eciesjs drew less randomness than scripted");
  }
  process.stdout.write(Buffer.from(ciphertext).toString("hex") + "\n");
}
