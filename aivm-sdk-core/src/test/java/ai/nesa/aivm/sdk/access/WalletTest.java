package ai.nesa.aivm.sdk.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.Ecies;
import ai.nesa.aivm.crypto.Eip191;
import ai.nesa.aivm.crypto.Keystore;
import ai.nesa.aivm.crypto.SecretBytes;
import ai.nesa.aivm.crypto.Signature;
import ai.nesa.aivm.sdk.AivmIoException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Owner wallets: made, written to and read from keystores, loaded from the environment, never printed. */
class WalletTest {
  /** Anvil's account 0: public knowledge. */
  private static final String ANVIL_0 = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
  private static final Keystore.Params LIGHT = Keystore.Params.ofN(1 << 10);
  private static final char[] PASSWORD = "correct horse battery staple".toCharArray();

  @TempDir
  Path dir;

  @Test
  void aKeystoreWrittenIsReadBackAsTheSameAccountAndIsTheOwnersOnly() throws Exception {
    Wallet wallet = Wallet.create();
    Path file = dir.resolve("owner.json");

    wallet.writeKeystore(file, PASSWORD, LIGHT);

    Wallet read = Wallet.readKeystore(file, PASSWORD);
    assertEquals(wallet.address(), read.address());
    assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
    String json = Files.readString(file);
    assertTrue(json.contains(wallet.address().hex().substring(2)), "geth's layout names the address");
    byte[] message = "hello".getBytes(StandardCharsets.UTF_8);
    Signature s = Eip191.sign(read, message);
    assertEquals(wallet.address(), Eip191.recover(message, s));
  }

  @Test
  void anExistingKeystoreIsNeverOverwritten() throws Exception {
    Path file = dir.resolve("owner.json");
    Files.writeString(file, "keep me");

    assertThrows(AivmIoException.class, () -> Wallet.create().writeKeystore(file, PASSWORD, LIGHT));

    assertEquals("keep me", Files.readString(file));
    try (var left = Files.list(dir)) {
      assertEquals(1, left.count(), "no temporary file is left behind");
    }
  }

  @Test
  void aWrongPasswordIsAMacFailure() {
    String json = Wallet.create().toKeystore(PASSWORD, LIGHT);
    CryptoException e = assertThrows(CryptoException.class, () -> Wallet.fromKeystore(json, "wrong".toCharArray()));
    assertEquals(CryptoException.Check.KEYSTORE_MAC, e.check());
  }

  @Test
  void theEnvironmentGivesAHexKeyOrAKeystoreWithItsPassword() {
    assertEquals("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
        Wallet.fromEnv(Map.of(Wallet.ENV_KEY, "0x" + ANVIL_0)).address().hex());
    assertEquals("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
        Wallet.fromEnv(Map.of(Wallet.ENV_KEY, ANVIL_0 + "\n")).address().hex());

    Wallet wallet = Wallet.create();
    Path file = dir.resolve("env.json");
    wallet.writeKeystore(file, PASSWORD, LIGHT);
    assertEquals(wallet.address(), Wallet.fromEnv(Map.of(Wallet.ENV_KEYSTORE, file.toString(),
        Wallet.ENV_PASSWORD, new String(PASSWORD))).address());
  }

  @Test
  void aMissingOrAmbiguousOrBadEnvironmentNamesTheVariableAndNeverTheValue() {
    assertEquals(Wallet.ENV_KEY, problem(Map.of()).path());
    assertEquals(Wallet.ENV_KEYSTORE, problem(Map.of(Wallet.ENV_KEY, ANVIL_0, Wallet.ENV_KEYSTORE, "x.json")).path());
    assertEquals(Wallet.ENV_PASSWORD, problem(Map.of(Wallet.ENV_KEYSTORE, "x.json")).path());
    String bad = "0x" + ANVIL_0.substring(0, 62) + "zz";
    AivmValidationException e = assertThrows(AivmValidationException.class,
        () -> Wallet.fromEnv(Map.of(Wallet.ENV_KEY, bad)));
    assertEquals(Wallet.ENV_KEY, e.problems().get(0).path());
    assertFalse(e.toString().contains(ANVIL_0.substring(0, 40)), e.toString());
    assertEquals("size", problem(Map.of(Wallet.ENV_KEY, "0x" + ANVIL_0.substring(0, 60))).rule());
  }

  @Test
  void itOpensKeysWrappedToItAndPrintsOnlyItsAddress() {
    Wallet wallet = Wallet.fromHex(ANVIL_0);
    SecretBytes key = SecretBytes.random(32, new SecureRandom());
    byte[] wrapped = Ecies.wrapKey(wallet.publicKey(), key, new SecureRandom());

    assertEquals(key, wallet.unwrapKey(wrapped));
    assertEquals("Wallet[" + wallet.address() + "]", wallet.toString());
    assertThrows(CryptoException.class, () -> Wallet.create().unwrapKey(wrapped));

    wallet.destroy();
    assertTrue(wallet.isDestroyed());
    assertThrows(IllegalStateException.class, () -> wallet.unwrapKey(wrapped));
    assertThrows(IllegalStateException.class, () -> wallet.toKeystore(PASSWORD, LIGHT));
  }

  private static ai.nesa.aivm.Problem problem(Map<String, String> env) {
    return assertThrows(AivmValidationException.class, () -> Wallet.fromEnv(env)).problems().get(0);
  }
}
