package ai.nesa.aivm.crypto.ecies;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.crypto.Ecies;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthPublicKey;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.crypto.SecretBytes;
import ai.nesa.aivm.crypto.testing.NodeScript;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * ECIES against npm's eciesjs@0.5.0 itself, both ways, through the scripts in src/test/js
 * (ecies-encrypt.mjs, ecies-decrypt.mjs, ecies-encrypt-fixed.mjs). Each test starts node once
 * and sends it every case.
 */
class EciesInteropTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  /** eciesjs encrypts and decrypts the empty message too. */
  private static final int[] SIZES = {0, 1, 32, 1000};

  /** The three public key forms eciesjs's {@code encrypt(hex, data)} accepts. */
  private static final List<Function<EthPublicKey, byte[]>> KEY_FORMS = List.of(
      EthPublicKey::compressed, EthPublicKey::uncompressed, k -> Arrays.copyOfRange(k.uncompressed(), 1, 65));

  @Test
  void eciesjsDecryptsWhatTheSdkEncrypts() {
    List<byte[]> plaintexts = new ArrayList<>();
    StringBuilder stdin = new StringBuilder();
    for (int size : SIZES) {
      for (int i = 0; i < 2; i++) { // two keys a size: leading zero bytes and odd y turn up
        EthPrivateKey key = EthPrivateKey.generate(RANDOM);
        byte[] plaintext = random(size);
        plaintexts.add(plaintext);
        stdin.append(line(key, Ecies.encrypt(key.publicKey(), plaintext, RANDOM)));
      }
    }
    EthPrivateKey node = EthPrivateKey.generate(RANDOM);
    SecretBytes dataKey = SecretBytes.random(32, RANDOM);
    plaintexts.add(dataKey.export());
    stdin.append(line(node, Ecies.wrapKey(node.publicKey(), dataKey, RANDOM)));

    List<String> out = lines(NodeScript.run("ecies-decrypt.mjs", stdin.toString()));
    assertEquals(plaintexts.size(), out.size());
    for (int i = 0; i < out.size(); i++) {
      assertEquals("ok " + Hex.encodePlain(plaintexts.get(i)), out.get(i), "case " + i);
    }
  }

  @Test
  void theSdkDecryptsWhatEciesjsEncryptsToEveryKeyForm() {
    List<EthPrivateKey> keys = new ArrayList<>();
    List<byte[]> plaintexts = new ArrayList<>();
    StringBuilder stdin = new StringBuilder();
    for (Function<EthPublicKey, byte[]> form : KEY_FORMS) {
      for (int size : SIZES) {
        EthPrivateKey key = EthPrivateKey.generate(RANDOM);
        byte[] plaintext = random(size);
        keys.add(key);
        plaintexts.add(plaintext);
        stdin.append(Hex.encodePlain(form.apply(key.publicKey()))).append(' ').append(Hex.encodePlain(plaintext)).append('\n');
      }
    }
    List<String> out = lines(NodeScript.run("ecies-encrypt.mjs", stdin.toString()));
    assertEquals(plaintexts.size(), out.size());
    for (int i = 0; i < out.size(); i++) {
      byte[] ciphertext = Hex.decode(out.get(i));
      assertEquals(Ecies.OVERHEAD + plaintexts.get(i).length, ciphertext.length, "case " + i);
      assertArrayEquals(plaintexts.get(i), Ecies.decrypt(keys.get(i), ciphertext), "case " + i);
      if (plaintexts.get(i).length == 32) {
        assertEquals(SecretBytes.copyOf(plaintexts.get(i)), Ecies.unwrapKey(keys.get(i), ciphertext));
      }
    }
  }

  /** With eciesjs's randomness scripted to the SDK's, the two write the same bytes. */
  @Test
  void withTheSameRandomnessEciesjsAndTheSdkWriteIdenticalBytes() {
    List<byte[]> expected = new ArrayList<>();
    StringBuilder stdin = new StringBuilder();
    for (int size : SIZES) {
      EthPrivateKey key = EthPrivateKey.generate(RANDOM);
      byte[] ephemeral = EthPrivateKey.generate(RANDOM).export().export();
      byte[] nonce = random(16);
      byte[] plaintext = random(size);
      expected.add(Ecies.encrypt(key.publicKey(), plaintext, new ScriptedRandom(ephemeral, nonce)));
      stdin.append(String.join(" ", key.publicKey().toString().substring(2), Hex.encodePlain(ephemeral),
          Hex.encodePlain(nonce), Hex.encodePlain(plaintext))).append('\n');
    }
    List<String> out = lines(NodeScript.run("ecies-encrypt-fixed.mjs", stdin.toString()));
    assertEquals(expected.size(), out.size());
    for (int i = 0; i < out.size(); i++) {
      assertEquals(Hex.encodePlain(expected.get(i)), out.get(i), "size " + SIZES[i]);
    }
  }

  /** What the SDK refuses, eciesjs refuses too: no byte of the format is ignored by either. */
  @Test
  void eciesjsAlsoRefusesATamperedCiphertext() {
    EthPrivateKey key = EthPrivateKey.generate(RANDOM);
    byte[] good = Ecies.encrypt(key.publicKey(), random(32), RANDOM);
    StringBuilder stdin = new StringBuilder();
    int[] positions = {0, 1, 64, 65, 80, 81, 96, 97, 128};
    for (int i : positions) {
      byte[] bad = good.clone();
      bad[i] ^= 1;
      stdin.append(line(key, bad));
    }
    List<String> out = lines(NodeScript.run("ecies-decrypt.mjs", stdin.toString()));
    assertEquals(positions.length, out.size());
    for (int i = 0; i < out.size(); i++) {
      assertTrue(out.get(i).startsWith("error: "), "byte " + positions[i] + ": " + out.get(i));
    }
  }

  private static String line(EthPrivateKey key, byte[] ciphertext) {
    return Hex.encodePlain(key.export().export()) + " " + Hex.encodePlain(ciphertext) + "\n";
  }

  private static List<String> lines(String stdout) {
    return stdout.isEmpty() ? List.of() : List.of(stdout.split("\n"));
  }

  private static byte[] random(int length) {
    byte[] b = new byte[length];
    RANDOM.nextBytes(b);
    return b;
  }
}
