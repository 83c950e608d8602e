package ai.nesa.aivm.crypto.keystore;

import static ai.nesa.aivm.crypto.keystore.KeystoreFixtures.JSON;
import static ai.nesa.aivm.crypto.keystore.KeystoreFixtures.LIGHT;
import static ai.nesa.aivm.crypto.keystore.KeystoreFixtures.PASSWORD;
import static ai.nesa.aivm.crypto.keystore.KeystoreFixtures.devKey;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.Keystore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What the SDK writes: geth's layout, the parameters asked for, and files that open again. */
class KeystoreWriteTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void aKeystoreOpensToTheSameKey() {
    EthPrivateKey key = EthPrivateKey.generate(RANDOM);
    String json = Keystore.encrypt(key, PASSWORD, RANDOM, LIGHT);
    EthPrivateKey back = Keystore.decrypt(json, PASSWORD);
    assertEquals(key.address(), back.address());
    assertEquals(key.export(), back.export());
  }

  @Test
  void theLayoutIsGeths() {
    String json = Keystore.encrypt(devKey(), PASSWORD, RANDOM, Keystore.Params.ofN(1 << 10));
    JsonNode root = JSON.readTree(json);
    assertEquals(List.of("address", "crypto", "id", "version"), names(root));
    assertEquals(List.of("cipher", "ciphertext", "cipherparams", "kdf", "kdfparams", "mac"), names(root.get("crypto")));
    assertEquals(List.of("dklen", "n", "p", "r", "salt"), names(root.get("crypto").get("kdfparams")));
    assertEquals("f39fd6e51aad88f6f4ce6ab8827279cfffb92266", root.get("address").asString(), "lower case, no 0x");
    assertEquals(3, root.get("version").asInt());
    assertTrue(root.get("version").isInt(), "a number, not a string");
    JsonNode crypto = root.get("crypto");
    assertEquals("aes-128-ctr", crypto.get("cipher").asString());
    assertEquals("scrypt", crypto.get("kdf").asString());
    assertEquals(32, crypto.get("kdfparams").get("dklen").asInt());
    assertEquals(1024, crypto.get("kdfparams").get("n").asInt());
    assertEquals(8, crypto.get("kdfparams").get("r").asInt());
    assertEquals(1, crypto.get("kdfparams").get("p").asInt());
    assertTrue(crypto.get("kdfparams").get("salt").asString().matches("[0-9a-f]{64}"), "a 32-byte salt");
    assertTrue(crypto.get("cipherparams").get("iv").asString().matches("[0-9a-f]{32}"), "a 16-byte IV");
    assertTrue(crypto.get("ciphertext").asString().matches("[0-9a-f]{64}"));
    assertTrue(crypto.get("mac").asString().matches("[0-9a-f]{64}"));
    assertTrue(root.get("id").asString().matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"),
        "a version 4 UUID: " + root.get("id").asString());
  }

  @Test
  void theStandardParametersAreTheDefault() {
    assertEquals(new Keystore.Params(262144, 8, 1), Keystore.Params.STANDARD);
    // Keystore.encrypt(key, password, random) with them is run once, in KeystoreInteropTest.
  }

  @Test
  void freshRandomnessEveryTime() {
    JsonNode a = JSON.readTree(Keystore.encrypt(devKey(), PASSWORD, RANDOM, LIGHT));
    JsonNode b = JSON.readTree(Keystore.encrypt(devKey(), PASSWORD, RANDOM, LIGHT));
    assertNotEquals(a.get("id"), b.get("id"));
    assertNotEquals(a.get("crypto").get("kdfparams").get("salt"), b.get("crypto").get("kdfparams").get("salt"));
    assertNotEquals(a.get("crypto").get("cipherparams").get("iv"), b.get("crypto").get("cipherparams").get("iv"));
  }

  /** The injected random decides everything; this golden file is also opened by ethers in KeystoreInteropTest. */
  @Test
  void theSameRandomGivesTheGoldenFile() throws IOException {
    String json = Keystore.encrypt(devKey(), "golden".toCharArray(), KeystoreFixtures.counting(), Keystore.Params.ofN(1 << 10));
    assertEquals(golden(), json);
  }

  static String golden() throws IOException {
    try (InputStream in = KeystoreWriteTest.class.getClassLoader()
        .getResourceAsStream("testvectors/keystore/sdk/golden-dev-key-n1024.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
  }

  @Test
  void passwordsAreComparedInNfkcLikeEthers() {
    // U+212B ANGSTROM SIGN is U+00C5 in NFKC; full-width letters are ASCII in NFKC.
    String json = Keystore.encrypt(devKey(), "\u212B ｐａｓｓ".toCharArray(), RANDOM, LIGHT);
    assertEquals(KeystoreFixtures.DEV_KEY, KeystoreFixtures.keyHex(Keystore.decrypt(json, "\u00C5 pass".toCharArray())));
    assertEquals(KeystoreFixtures.DEV_KEY,
        KeystoreFixtures.keyHex(Keystore.decrypt(json, "\u00C5 pass".getBytes(StandardCharsets.UTF_8))),
        "the byte[] overload takes the normalized bytes as they are");
    CryptoException raw = assertThrows(CryptoException.class,
        () -> Keystore.decrypt(json, "\u212B ｐａｓｓ".getBytes(StandardCharsets.UTF_8)));
    assertEquals(CryptoException.Check.KEYSTORE_MAC, raw.check(), "unnormalized bytes are another password");
  }

  @Test
  void anEmptyPasswordWorks() {
    String json = Keystore.encrypt(devKey(), new char[0], RANDOM, LIGHT);
    assertEquals(KeystoreFixtures.DEV_KEY, KeystoreFixtures.keyHex(Keystore.decrypt(json, new char[0])));
  }

  @Test
  void thePasswordArrayIsNotChanged() {
    char[] password = "pässwörd".toCharArray();
    Keystore.decrypt(Keystore.encrypt(devKey(), password, RANDOM, LIGHT), password);
    assertArrayEquals("pässwörd".toCharArray(), password);
  }

  @Test
  void aPasswordWithAnUnpairedSurrogateIsRefused() {
    CryptoException e = assertThrows(CryptoException.class,
        () -> Keystore.encrypt(devKey(), new char[] {'a', '\uD800', 'b'}, RANDOM, LIGHT));
    assertEquals(CryptoException.Check.FORMAT, e.check());
    assertThrows(CryptoException.class, () -> Keystore.decrypt(KeystoreFixtures.lightKeystore(), new char[] {'\uDC00'}));
  }

  @Test
  void paramsBeyondWhatReadersAcceptAreRefused() {
    assertEquals("n", problemPath(() -> new Keystore.Params(3, 8, 1)));
    assertEquals("n", problemPath(() -> new Keystore.Params(1, 8, 1)));
    assertEquals("r", problemPath(() -> new Keystore.Params(16, 0, 1)));
    assertEquals("p", problemPath(() -> new Keystore.Params(16, 8, 0)));
    assertEquals("params", problemPath(() -> new Keystore.Params(1 << 21, 8, 1)), "2 GiB");
    assertEquals("params", problemPath(() -> new Keystore.Params(1 << 18, 8, 32)), "32 times the standard work");
    // geth reads r = 1 with N = 2^18 (ethereum/tests test2), but ethers and OpenSSL refuse it.
    assertEquals("n", problemPath(() -> new Keystore.Params(1 << 16, 1, 1)));
    new Keystore.Params(1 << 15, 1, 1);
    new Keystore.Params(1 << 20, 8, 1); // RFC 7914's largest vector: exactly 1 GiB
  }

  private static String problemPath(Runnable r) {
    return assertThrows(AivmValidationException.class, r::run).problems().get(0).path();
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.propertyNames().forEach(names::add);
    return names;
  }
}
