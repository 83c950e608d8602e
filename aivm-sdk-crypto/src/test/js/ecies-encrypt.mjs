// Encrypts with npm eciesjs@0.5.0 in its default configuration, for the Java interop tests.
// stdin: one "publicKeyHex plaintextHex" per line (plaintext may be empty).
// stdout: the eciesjs ciphertext in hex, one line per input line.
import { readFileSync } from "node:fs";
import { encrypt } from "eciesjs";

const lines = readFileSync(0, "utf8").split("\n").filter((l) => l.trim() !== "");
for (const line of lines) {
  const [publicKeyHex, plaintextHex = ""] = line.trim().split(" ");
  const ciphertext = encrypt(publicKeyHex, Buffer.from(plaintextHex, "hex"));
  process.stdout.write(Buffer.from(ciphertext).toString("hex") + "\n");
}
