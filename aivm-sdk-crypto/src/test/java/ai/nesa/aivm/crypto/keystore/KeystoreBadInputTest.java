package ai.nesa.aivm.crypto.keystore;

import static ai.nesa.aivm.crypto.keystore.KeystoreFixtures.PASSWORD;
import static ai.nesa.aivm.crypto.keystore.KeystoreFixtures.crypto;
import static ai.nesa.aivm.crypto.keystore.KeystoreFixtures.edit;
import static ai.nesa.aivm.crypto.keystore.KeystoreFixtures.flip;
import static ai.nesa.aivm.crypto.keystore.KeystoreFixtures.kdfparams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.Keystore;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Wrong passwords, damaged files and hostile parameters: a typed exception naming the check and
 * the JSON path, never a wrong key, never key material in a message.
 */
class KeystoreBadInputTest {
  private static String good;

  @BeforeAll
  static void aGoodKeystore() {
    good = KeystoreFixtures.lightKeystore();
  }

  private static CryptoException refused(String json, CryptoException.Check check) {
    CryptoException e = assertThrows(CryptoException.class, () -> Keystore.decrypt(json, PASSWORD));
    assertEquals(check, e.check(), e.getMessage());
    assertFalse(e.getMessage().contains(KeystoreFixtures.DEV_KEY), "the key is never in a message");
    assertFalse(e.getMessage().toLowerCase().contains("correct horse"), "nor the password");
    return e;
  }

  /** Refused as KEYSTORE_FORMAT with a message that starts with {@code path}. */
  private static void refusedAt(String path, Consumer<ObjectNode> damage) {
    CryptoException e = refused(edit(good, damage), CryptoException.Check.KEYSTORE_FORMAT);
    assertTrue(e.getMessage().startsWith("KEYSTORE_FORMAT: " + path + ":"), e.getMessage());
  }

  @Test
  void theGoodOneOpens() {
    assertEquals(KeystoreFixtures.DEV_KEY, KeystoreFixtures.keyHex(Keystore.decrypt(good, PASSWORD)));
  }

  @Test
  void aWrongPasswordIsAMacFailure() {
    CryptoException e = assertThrows(CryptoException.class, () -> Keystore.decrypt(good, "Correct horse battery staple".toCharArray()));
    assertEquals(CryptoException.Check.KEYSTORE_MAC, e.check());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 15, 31})
  void aFlippedCiphertextByteIsAMacFailure(int index) {
    refused(edit(good, root -> crypto(root).put("ciphertext", flip(crypto(root).get("ciphertext").asString(), index))),
        CryptoException.Check.KEYSTORE_MAC);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 31})
  void aFlippedMacByteIsAMacFailure(int index) {
    refused(edit(good, root -> crypto(root).put("mac", flip(crypto(root).get("mac").asString(), index))),
        CryptoException.Check.KEYSTORE_MAC);
  }

  @Test
  void aFlippedSaltOrCostIsAMacFailure() {
    refused(edit(good, root -> kdfparams(root).put("salt", flip(kdfparams(root).get("salt").asString(), 3))),
        CryptoException.Check.KEYSTORE_MAC);
    refused(edit(good, root -> kdfparams(root).put("n", 32)), CryptoException.Check.KEYSTORE_MAC);
  }

  @Test
  void aFlippedIvIsCaughtByTheAddress() {
    // The MAC does not cover the IV: the file decrypts to another key, which the address exposes.
    refusedAt("$.address", root -> ((ObjectNode) crypto(root).get("cipherparams"))
        .put("iv", flip(crypto(root).get("cipherparams").get("iv").asString(), 0)));
  }

  @Test
  void anotherAddressIsRefused() {
    refusedAt("$.address", root -> root.put("address", "0000000000000000000000000000000000000001"));
  }

  @Test
  void theAddressMayBeAbsentOrWrittenAnyWay() {
    for (Consumer<ObjectNode> variant : List.<Consumer<ObjectNode>>of(
        root -> root.remove("address"),
        root -> root.putNull("address"),
        root -> root.put("address", "0x" + root.get("address").asString().toUpperCase()),
        root -> root.remove("id"))) {
      assertEquals(KeystoreFixtures.DEV_KEY, KeystoreFixtures.keyHex(Keystore.decrypt(edit(good, variant), PASSWORD)));
    }
  }

  @Test
  void namesMatchInAnyCaseButNotTwice() {
    String capital = edit(good, root -> root.set("Crypto", root.remove("crypto")));
    assertEquals(KeystoreFixtures.DEV_KEY, KeystoreFixtures.keyHex(Keystore.decrypt(capital, PASSWORD)));
    String shouting = edit(good, root -> {
      ObjectNode c = crypto(root);
      c.set("KDFPARAMS", c.remove("kdfparams"));
      c.set("MAC", c.remove("mac"));
    });
    assertEquals(KeystoreFixtures.DEV_KEY, KeystoreFixtures.keyHex(Keystore.decrypt(shouting, PASSWORD)));
    refusedAt("$", root -> root.set("Crypto", crypto(root).deepCopy()));
  }

  @Test
  void versionsOtherThan3AreRefused() {
    refusedAt("$.version", root -> root.put("version", 2));
    refusedAt("$.version", root -> root.put("version", "3"));
    refusedAt("$.version", root -> root.put("version", 3.0));
    refusedAt("$.version", root -> root.remove("version"));
  }

  @Test
  void unknownAlgorithmsAreRefusedByName() {
    refusedAt("$.crypto.kdf", root -> crypto(root).put("kdf", "argon2id"));
    refusedAt("$.crypto.kdf", root -> crypto(root).put("kdf", "Scrypt"));
    refusedAt("$.crypto.cipher", root -> crypto(root).put("cipher", "aes-128-cbc"));
    refusedAt("$.crypto.cipher", root -> crypto(root).put("cipher", "aes-256-gcm"));
    String pbkdf2 = pbkdf2Keystore();
    CryptoException e = refused(edit(pbkdf2, root -> kdfparams(root).put("prf", "hmac-sha512")), CryptoException.Check.KEYSTORE_FORMAT);
    assertTrue(e.getMessage().contains("$.crypto.kdfparams.prf"), e.getMessage());
  }

  @Test
  void missingFieldsAreNamed() {
    refusedAt("$.crypto", root -> root.remove("crypto"));
    refusedAt("$.crypto.kdf", root -> crypto(root).remove("kdf"));
    refusedAt("$.crypto.kdfparams", root -> crypto(root).remove("kdfparams"));
    refusedAt("$.crypto.kdfparams.salt", root -> kdfparams(root).remove("salt"));
    refusedAt("$.crypto.kdfparams.n", root -> kdfparams(root).remove("n"));
    refusedAt("$.crypto.kdfparams.r", root -> kdfparams(root).remove("r"));
    refusedAt("$.crypto.kdfparams.p", root -> kdfparams(root).remove("p"));
    refusedAt("$.crypto.kdfparams.dklen", root -> kdfparams(root).remove("dklen"));
    refusedAt("$.crypto.cipher", root -> crypto(root).remove("cipher"));
    refusedAt("$.crypto.cipherparams", root -> crypto(root).remove("cipherparams"));
    refusedAt("$.crypto.cipherparams.iv", root -> ((ObjectNode) crypto(root).get("cipherparams")).remove("iv"));
    refusedAt("$.crypto.ciphertext", root -> crypto(root).remove("ciphertext"));
    refusedAt("$.crypto.mac", root -> crypto(root).remove("mac"));
    refusedAt("$.crypto.mac", root -> crypto(root).putNull("mac"));
    String pbkdf2 = pbkdf2Keystore();
    for (String field : new String[] {"c", "prf", "salt", "dklen"}) {
      CryptoException e = refused(edit(pbkdf2, root -> kdfparams(root).remove(field)), CryptoException.Check.KEYSTORE_FORMAT);
      assertTrue(e.getMessage().startsWith("KEYSTORE_FORMAT: $.crypto.kdfparams." + field + ": missing"), e.getMessage());
    }
  }

  @Test
  void fieldsOfTheWrongTypeAreNamed() {
    refusedAt("$.crypto", root -> root.put("crypto", "scrypt"));
    refusedAt("$.crypto.kdfparams.n", root -> kdfparams(root).put("n", "16"));
    refusedAt("$.crypto.kdfparams.n", root -> kdfparams(root).put("n", 16.5));
    refusedAt("$.crypto.kdfparams.n", root -> kdfparams(root).put("n", new BigInteger("1" + "0".repeat(30))));
    refusedAt("$.crypto.mac", root -> crypto(root).put("mac", 7));
    refusedAt("$.id", root -> root.put("id", 7));
    refusedAt("$.address", root -> root.put("address", true));
  }

  @Test
  void badHexIsNamed() {
    refusedAt("$.crypto.ciphertext", root -> crypto(root).put("ciphertext", crypto(root).get("ciphertext").asString() + "a"));
    refusedAt("$.crypto.ciphertext", root -> crypto(root).put("ciphertext", "zz" + crypto(root).get("ciphertext").asString().substring(2)));
    refusedAt("$.crypto.ciphertext", root -> crypto(root).put("ciphertext", ""));
    refusedAt("$.crypto.ciphertext", root -> crypto(root).put("ciphertext", crypto(root).get("ciphertext").asString() + "00"));
    refusedAt("$.crypto.mac", root -> crypto(root).put("mac", crypto(root).get("mac").asString().substring(2)));
    refusedAt("$.crypto.cipherparams.iv", root -> ((ObjectNode) crypto(root).get("cipherparams")).put("iv", "00"));
    refusedAt("$.crypto.kdfparams.salt", root -> kdfparams(root).put("salt", "0x123"));
    refusedAt("$.address", root -> root.put("address", "f39fd6e51aad88f6f4ce6ab8827279cfffb922"));
    // Full-width digits are digits to Character.digit, not to a keystore.
    refusedAt("$.crypto.mac", root -> crypto(root).put("mac", "\uFF10" + crypto(root).get("mac").asString().substring(1)));
  }

  @Test
  void hexMayCarry0xAndUpperCase() {
    String json = edit(good, root -> {
      crypto(root).put("ciphertext", "0x" + crypto(root).get("ciphertext").asString().toUpperCase());
      crypto(root).put("mac", crypto(root).get("mac").asString().toUpperCase());
    });
    assertEquals(KeystoreFixtures.DEV_KEY, KeystoreFixtures.keyHex(Keystore.decrypt(json, PASSWORD)));
  }

  @Test
  void absurdScryptParametersAreRefusedBeforeAnythingIsAllocated() {
    assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
      CryptoException memory = refused(edit(good, root -> kdfparams(root).put("n", 1L << 30).put("r", 1)),
          CryptoException.Check.KEYSTORE_FORMAT);
      assertTrue(memory.getMessage().contains("$.crypto.kdfparams: ") && memory.getMessage().contains("1 GiB"), memory.getMessage());
      refusedAt("$.crypto.kdfparams", root -> kdfparams(root).put("n", 16384).put("r", 1 << 20));
      refusedAt("$.crypto.kdfparams", root -> kdfparams(root).put("n", 1L << 40).put("r", 8));
      CryptoException work = refused(edit(good, root -> kdfparams(root).put("n", 1 << 18).put("r", 8).put("p", 1 << 10)),
          CryptoException.Check.KEYSTORE_FORMAT);
      assertTrue(work.getMessage().contains("2^25"), work.getMessage());
      refusedAt("$.crypto.kdfparams", root -> kdfparams(root).put("n", 2).put("r", 1).put("p", 1L << 40));
      refusedAt("$.crypto.kdfparams.p", root -> kdfparams(root).put("p", Long.MAX_VALUE / 2));
      refusedAt("$.crypto.kdfparams.n", root -> kdfparams(root).put("n", 1000));
      refusedAt("$.crypto.kdfparams.n", root -> kdfparams(root).put("n", 1));
      refusedAt("$.crypto.kdfparams.n", root -> kdfparams(root).put("n", -16));
      refusedAt("$.crypto.kdfparams.r", root -> kdfparams(root).put("r", 0));
      refusedAt("$.crypto.kdfparams.p", root -> kdfparams(root).put("p", 0));
      refusedAt("$.crypto.kdfparams.dklen", root -> kdfparams(root).put("dklen", 16));
      refusedAt("$.crypto.kdfparams.dklen", root -> kdfparams(root).put("dklen", 1 << 20));
      String pbkdf2 = pbkdf2Keystore();
      for (long c : new long[] {0, -1, (1L << 24) + 1, 1L << 40}) {
        CryptoException e = refused(edit(pbkdf2, root -> kdfparams(root).put("c", c)), CryptoException.Check.KEYSTORE_FORMAT);
        assertTrue(e.getMessage().startsWith("KEYSTORE_FORMAT: $.crypto.kdfparams.c:"), e.getMessage());
      }
    });
  }

  @Test
  void aLongerDklenChangesNothing() {
    // Only the first 32 derived bytes are used, and they do not depend on dklen.
    String json = edit(good, root -> kdfparams(root).put("dklen", 64));
    assertEquals(KeystoreFixtures.DEV_KEY, KeystoreFixtures.keyHex(Keystore.decrypt(json, PASSWORD)));
  }

  @Test
  void malformedJsonIsRefusedWithItsPosition() {
    String[] bad = {
        "", "   ", "[]", "null", "\"keystore\"", good + "x", good + "}", good.substring(0, good.length() - 1),
        good.replace("\"version\":3", "\"version\":03"), good.replace("\"version\":3", "\"version\":+3"),
        good.replace("\"version\":3", "'version':3"), good.replace("\"version\":3", "version:3"),
        good.replace("\"version\":3}", "\"version\":3,}"), good.replace("{\"address\"", "{/* c */\"address\""),
        good.replace("\"crypto\":", "\"crypto\"=").replace("aes-128-ctr", "aes-128-ctr\u0001"),
        good.replace("\"version\":3", "\"version\":3,\"version\":3"), good.replace("aes-128-ctr", "aes-128-ctr\\x"),
        good.replace("aes-128-ctr", "aes-128-ctr\\u12"), good.replace("\"version\":3", "\"version\":tru"),
        good.replace("\"version\":3", "\"version\":1."), good.replace("\"version\":3", "\"version\":1e"),
        good.replace("\"version\":3", "\"version\":-"), good.replace("\"version\":3", "\"x\":[1,2,]"),
    };
    for (String json : bad) {
      CryptoException e = assertThrows(CryptoException.class, () -> Keystore.decrypt(json, PASSWORD), json);
      assertEquals(CryptoException.Check.KEYSTORE_FORMAT, e.check(), json);
      assertTrue(e.getMessage().startsWith("KEYSTORE_FORMAT: $"), e.getMessage());
    }
    CryptoException nested = refused(good.replace("\"version\":3", "\"x\":" + "[".repeat(100) + "]".repeat(100)),
        CryptoException.Check.KEYSTORE_FORMAT);
    assertTrue(nested.getMessage().contains("nested more than"), nested.getMessage());
    CryptoException position = refused(good.replace("\"cipherparams\":{\"iv\":", "\"cipherparams\":{\"iv\"\n:\n:"),
        CryptoException.Check.KEYSTORE_FORMAT);
    assertTrue(position.getMessage().contains("$.crypto.cipherparams.iv") && position.getMessage().contains("line 3"),
        position.getMessage());
  }

  @Test
  void unknownMembersAreIgnored() {
    String json = edit(good, root -> {
      root.putObject("x-ethers").put("client", "ethers/6").putArray("list").add(1).add("two").addNull().add(true);
      crypto(root).put("version", 1);
      root.put("name", "my key \u263A");
    });
    assertEquals(KeystoreFixtures.DEV_KEY, KeystoreFixtures.keyHex(Keystore.decrypt(json, PASSWORD)));
    String bom = "\uFEFF" + good;
    assertEquals(KeystoreFixtures.DEV_KEY, KeystoreFixtures.keyHex(Keystore.decrypt(bom, PASSWORD)), "one leading BOM");
  }

  @Test
  void aMatchingMacOverANonKeyIsAnInvalidKey() {
    // The order n itself: not a valid secp256k1 scalar. The MAC passes, the key check does not.
    CryptoException e = assertThrows(CryptoException.class, () -> Keystore.decrypt(
        KeystoreFixtures.keystoreOfRawBytes("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"), PASSWORD));
    assertEquals(CryptoException.Check.INVALID_KEY, e.check());
    assertFalse(e.getMessage().contains("baaedce6af48a03bbfd25e8cd0364141"));
  }

  @Test
  void theKeyNeverPrints() {
    var key = Keystore.decrypt(good, PASSWORD);
    assertFalse(key.toString().contains(KeystoreFixtures.DEV_KEY), key.toString());
    assertFalse(key.export().toString().contains(KeystoreFixtures.DEV_KEY));
  }

  private static String pbkdf2Keystore() {
    return KeystoreFixtures.pbkdf2Keystore();
  }
}
