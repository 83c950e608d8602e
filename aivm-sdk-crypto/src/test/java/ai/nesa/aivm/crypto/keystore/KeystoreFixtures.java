package ai.nesa.aivm.crypto.keystore;

import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.crypto.Keccak256;
import ai.nesa.aivm.crypto.Keystore;
import ai.nesa.aivm.crypto.internal.keystore.Pbkdf2;
import ai.nesa.aivm.crypto.internal.keystore.Scrypt;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Keystore vector files (see testvectors/keystore/SOURCES.md), light keystores to damage, and JSON edits. */
final class KeystoreFixtures {
  static final JsonMapper JSON = JsonMapper.builder().build();
  /** Anvil's and Hardhat's first development key. */
  static final String DEV_KEY = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
  static final String DEV_ADDRESS = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
  /** Fast scrypt for tests that are not about cost: N = 16. */
  static final Keystore.Params LIGHT = Keystore.Params.ofN(16);
  static final char[] PASSWORD = "correct horse battery staple".toCharArray();

  private KeystoreFixtures() {}

  static JsonNode vectors(String path) {
    try (InputStream in = KeystoreFixtures.class.getClassLoader().getResourceAsStream("testvectors/keystore/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no vector file " + path);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static EthPrivateKey devKey() {
    return EthPrivateKey.fromBytes(Hex.decode(DEV_KEY));
  }

  /** The development key in a light keystore under {@link #PASSWORD}. */
  static String lightKeystore() {
    return Keystore.encrypt(devKey(), PASSWORD, new SecureRandom(), LIGHT);
  }

  /** The development key under {@link #PASSWORD} in a pbkdf2 keystore (c = 1000), which the SDK does not write. */
  static String pbkdf2Keystore() {
    byte[] salt = Hex.decode("000102030405060708090a0b0c0d0e0f");
    byte[] derived = Pbkdf2.hmacSha256(utf8(PASSWORD), salt, 1000, 32);
    ObjectNode params = JSON.createObjectNode().put("c", 1000).put("dklen", 32).put("prf", "hmac-sha256")
        .put("salt", Hex.encodePlain(salt));
    ObjectNode root = assemble("pbkdf2", params, derived, Hex.decode(DEV_KEY));
    root.put("address", DEV_ADDRESS.substring(2).toLowerCase(Locale.ROOT));
    return JSON.writeValueAsString(root);
  }

  /** A light scrypt keystore under {@link #PASSWORD} whose plaintext is any 32 bytes, without an address. */
  static String keystoreOfRawBytes(String plaintextHex) {
    byte[] salt = Hex.decode("0f0e0d0c0b0a09080706050403020100");
    byte[] derived = Scrypt.derive(utf8(PASSWORD), salt, 16, 8, 1, 32);
    ObjectNode params = JSON.createObjectNode().put("dklen", 32).put("n", 16).put("p", 1).put("r", 8)
        .put("salt", Hex.encodePlain(salt));
    return JSON.writeValueAsString(assemble("scrypt", params, derived, Hex.decode(plaintextHex)));
  }

  /** Web3 Secret Storage v3 by hand, from the spec: AES-128-CTR under dk[0..16], MAC Keccak-256(dk[16..32] ‖ ciphertext). */
  private static ObjectNode assemble(String kdf, ObjectNode kdfparams, byte[] derived, byte[] plaintext) {
    byte[] iv = Hex.decode("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");
    byte[] ciphertext;
    try {
      Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
      aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Arrays.copyOf(derived, 16), "AES"), new IvParameterSpec(iv));
      ciphertext = aes.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
    ObjectNode root = JSON.createObjectNode();
    ObjectNode crypto = root.putObject("crypto");
    crypto.put("cipher", "aes-128-ctr").put("ciphertext", Hex.encodePlain(ciphertext));
    crypto.putObject("cipherparams").put("iv", Hex.encodePlain(iv));
    crypto.put("kdf", kdf).set("kdfparams", kdfparams);
    crypto.put("mac", Hex.encodePlain(Keccak256.digest(Arrays.copyOfRange(derived, 16, 32), ciphertext)));
    root.put("id", "3198bc9c-6672-5ab3-d995-4942343ae5b6").put("version", 3);
    return root;
  }

  static byte[] utf8(char[] password) {
    return new String(password).getBytes(StandardCharsets.UTF_8);
  }

  /** {@code json} after {@code edit} changed its tree. */
  static String edit(String json, Consumer<ObjectNode> edit) {
    ObjectNode root = (ObjectNode) JSON.readTree(json);
    edit.accept(root);
    return JSON.writeValueAsString(root);
  }

  static ObjectNode crypto(ObjectNode root) {
    return (ObjectNode) root.get("crypto");
  }

  static ObjectNode kdfparams(ObjectNode root) {
    return (ObjectNode) crypto(root).get("kdfparams");
  }

  /** {@code hex} with one bit of byte {@code index} flipped. */
  static String flip(String hex, int index) {
    byte[] b = Hex.decode(hex);
    b[index] ^= 1;
    return Hex.encodePlain(b);
  }

  static String keyHex(EthPrivateKey key) {
    return Hex.encodePlain(key.export().export());
  }

  /** A SecureRandom that hands out 0, 1, 2, … so that a keystore comes out the same every time. */
  static SecureRandom counting() {
    return new SecureRandom() {
      private static final long serialVersionUID = 1L;
      private int next;

      @Override
      public void nextBytes(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
          bytes[i] = (byte) next++;
        }
      }
    };
  }
}
