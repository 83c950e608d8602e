// Decrypts with npm eciesjs@0.5.0 in its default configuration, for the Java interop tests.
// stdin: one "privateKeyHex ciphertextHex" per line.
// stdout: "ok <plaintext hex>" ("ok " alone for an empty plaintext), or "error: <message>" when
// eciesjs refuses the ciphertext; one line per input line.
import { readFileSync } from "node:fs";
import { decrypt } from "eciesjs";

const lines = readFileSync(0, "utf8").split("\n").filter((l) => l.trim() !== "");
for (const line of lines) {
  const [privateKeyHex, ciphertextHex] = line.trim().split(" ");
  let out;
  try {
    // decrypt returns a Uint8Array in 0.5.0, not a Buffer: wrap it before printing.
    out = "ok " + Buffer.from(decrypt(privateKeyHex, Buffer.from(ciphertextHex, "hex"))).toString("hex");
  } catch (e) {
    out = "error: " + e.message;
  }
  process.stdout.write(out + "\n");
}
