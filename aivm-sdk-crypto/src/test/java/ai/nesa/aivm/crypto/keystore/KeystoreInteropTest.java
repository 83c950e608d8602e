package ai.nesa.aivm.crypto.keystore;

import static ai.nesa.aivm.crypto.keystore.KeystoreFixtures.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.Keystore;
import ai.nesa.aivm.crypto.testing.NodeScript;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keystores against npm's ethers@6.17.0 itself, both ways, through src/test/js/ethers-keystore.mjs.
 * Each test starts node once and sends it every case. Passwords go to ethers as JS strings, which
 * it normalizes to NFKC, and to the SDK as char[].
 */
class KeystoreInteropTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  /** ASCII, empty, non-Latin with an astral character, and two that NFKC changes. */
  private static final List<String> PASSWORDS = List.of(
      "testpassword", "", "pässwörd 🔑 日本語 пароль", "\u212B ｆｕｌｌ－ｗｉｄｔｈ", "ﬁ\u0301 ①");
  private static final int LIGHT_N = 1 << 12;

  @Test
  void theSdkOpensWhatEthersWrites() {
    ArrayNode jobs = JSON.createArrayNode();
    List<EthPrivateKey> keys = new ArrayList<>();
    List<String> passwords = new ArrayList<>();
    for (String password : PASSWORDS) {
      EthPrivateKey key = EthPrivateKey.generate(RANDOM);
      jobs.addObject().put("op", "encrypt").put("privateKey", "0x" + KeystoreFixtures.keyHex(key))
          .put("password", password).put("n", LIGHT_N);
      keys.add(key);
      passwords.add(password);
    }
    // An all-ff IV: the CTR counter wraps to zero inside the key's second block.
    jobs.addObject().put("op", "encrypt").put("privateKey", "0x" + KeystoreFixtures.DEV_KEY).put("password", "wrap")
        .put("n", LIGHT_N).put("iv", "0x" + "ff".repeat(16));
    keys.add(KeystoreFixtures.devKey());
    passwords.add("wrap");
    // r = 1 and p > 1, within what ethers writes (N < 2^16 when r = 1).
    EthPrivateKey r1 = EthPrivateKey.generate(RANDOM);
    jobs.addObject().put("op", "encrypt").put("privateKey", "0x" + KeystoreFixtures.keyHex(r1)).put("password", "r1")
        .put("n", 1 << 15).put("r", 1).put("p", 3);
    keys.add(r1);
    passwords.add("r1");

    JsonNode results = ethers(jobs);
    for (int i = 0; i < keys.size(); i++) {
      String json = results.get(i).get("json").asString();
      assertTrue(json.contains("\"Crypto\""), "ethers writes the capitalized name");
      EthPrivateKey key = Keystore.decrypt(json, passwords.get(i).toCharArray());
      assertEquals(KeystoreFixtures.keyHex(keys.get(i)), KeystoreFixtures.keyHex(key), "case " + i);
    }
    JsonNode wrapped = JSON.readTree(results.get(PASSWORDS.size()).get("json").asString());
    assertEquals("ff".repeat(16), wrapped.get("Crypto").get("cipherparams").get("iv").asString());
    JsonNode r1File = JSON.readTree(results.get(PASSWORDS.size() + 1).get("json").asString());
    assertEquals(1, r1File.get("Crypto").get("kdfparams").get("r").asInt());
    assertEquals(3, r1File.get("Crypto").get("kdfparams").get("p").asInt());
  }

  @Test
  void theSdkOpensAnEthersHdWalletAndIgnoresItsMnemonicSection() {
    ArrayNode jobs = JSON.createArrayNode();
    jobs.addObject().put("op", "encrypt-random").put("password", "mnemonic").put("n", LIGHT_N);
    JsonNode result = ethers(jobs).get(0);
    String json = result.get("json").asString();
    assertTrue(JSON.readTree(json).has("x-ethers"), json);
    EthPrivateKey key = Keystore.decrypt(json, "mnemonic".toCharArray());
    assertEquals(result.get("privateKey").asString(), "0x" + KeystoreFixtures.keyHex(key));
    assertEquals(Address.of(result.get("address").asString()), key.address());
  }

  /** Includes the one standard-strength keystore of the suite (N = 2^18: about a second each side). */
  @Test
  void ethersOpensWhatTheSdkWrites() throws IOException {
    ArrayNode jobs = JSON.createArrayNode();
    List<EthPrivateKey> keys = new ArrayList<>();
    for (String password : PASSWORDS) {
      EthPrivateKey key = EthPrivateKey.generate(RANDOM);
      keys.add(key);
      jobs.addObject().put("op", "decrypt").put("password", password)
          .put("json", Keystore.encrypt(key, password.toCharArray(), RANDOM, Keystore.Params.ofN(LIGHT_N)));
    }
    keys.add(KeystoreFixtures.devKey());
    jobs.addObject().put("op", "decrypt").put("password", "golden").put("json", KeystoreWriteTest.golden());
    EthPrivateKey standardKey = EthPrivateKey.generate(RANDOM);
    String standard = Keystore.encrypt(standardKey, "ståndard ✓".toCharArray(), RANDOM);
    keys.add(standardKey);
    jobs.addObject().put("op", "decrypt").put("password", "ståndard ✓").put("json", standard);

    JsonNode kdfparams = JSON.readTree(standard).get("crypto").get("kdfparams");
    assertEquals(262144, kdfparams.get("n").asInt(), "the default is the standard");
    assertEquals(8, kdfparams.get("r").asInt());
    assertEquals(1, kdfparams.get("p").asInt());

    JsonNode results = ethers(jobs);
    for (int i = 0; i < keys.size(); i++) {
      JsonNode result = results.get(i);
      assertFalse(result.has("error"), "case " + i + ": " + result);
      assertEquals(keys.get(i).address(), Address.of(result.get("address").asString()), "case " + i);
      assertEquals("0x" + KeystoreFixtures.keyHex(keys.get(i)), result.get("privateKey").asString(), "case " + i);
    }
  }

  @Test
  void ethersRefusesWhatTheSdkRefusesToWriteButTheSdkReadsIt() {
    // ethereum/tests test2 (N = 2^18, r = 1) is beyond RFC 7914's N < 2^(16·r): geth and the SDK
    // read it, ethers does not. That is why Keystore.Params refuses to write it.
    JsonNode test2 = KeystoreFixtures.vectors("ethereum-tests/basic_tests.json").get("test2");
    ArrayNode jobs = JSON.createArrayNode();
    ObjectNode job = jobs.addObject().put("op", "decrypt").put("password", test2.get("password").asString());
    job.put("json", JSON.writeValueAsString(test2.get("json")));
    String error = ethers(jobs).get(0).path("error").asString("");
    assertTrue(error.contains("2^(128 * r / 8)"), "ethers' refusal: " + error);
  }

  private static JsonNode ethers(ArrayNode jobs) {
    JsonNode results = JSON.readTree(NodeScript.run("ethers-keystore.mjs", JSON.writeValueAsString(jobs)));
    assertEquals(jobs.size(), results.size());
    return results;
  }
}
