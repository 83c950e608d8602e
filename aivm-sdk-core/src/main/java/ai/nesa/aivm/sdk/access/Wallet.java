package ai.nesa.aivm.sdk.access;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.Ecies;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthPublicKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.crypto.Keystore;
import ai.nesa.aivm.crypto.SecretBytes;
import ai.nesa.aivm.crypto.Signature;
import ai.nesa.aivm.sdk.AivmIoException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * An owner's key held by this process: it signs ledger requests ({@link EthSigner}) and opens what
 * was wrapped to it, such as the seed of a private model ({@code client.access()} needs one). The
 * key never leaves the process: the SDK sends signatures, never the key.
 *
 * <pre>{@code
 * Wallet owner = Wallet.create();                                   // a new key
 * owner.writeKeystore(Path.of("owner.json"), password);              // keystore v3, scrypt, mode 0600
 * Wallet same = Wallet.readKeystore(Path.of("owner.json"), password);
 * Wallet fromEnv = Wallet.fromEnv();                                 // AIVM_WALLET_KEY, or AIVM_WALLET_KEYSTORE + AIVM_WALLET_PASSWORD
 * }</pre>
 *
 * <p>Keystores are Web3 Secret Storage v3 as geth and ethers write them ({@link Keystore}). The
 * wallet's {@code toString()} shows its address only; {@link #destroy()} wipes the key, after
 * which signing and unwrapping throw {@link IllegalStateException}. Thread-safe.
 *
 * @since 0.1.0
 */
public final class Wallet implements EthSigner, Destroyable {
  /** The environment variable holding a private key as 64 hex digits, with or without {@code 0x}. */
  public static final String ENV_KEY = "AIVM_WALLET_KEY";
  /** The environment variable naming a keystore file; its password is in {@value #ENV_PASSWORD}. */
  public static final String ENV_KEYSTORE = "AIVM_WALLET_KEYSTORE";
  /** The environment variable holding the password of {@value #ENV_KEYSTORE}. */
  public static final String ENV_PASSWORD = "AIVM_WALLET_PASSWORD";

  private final EthPrivateKey key;
  private final EthSigner signer;

  private Wallet(EthPrivateKey key) {
    this.key = key;
    this.signer = EthSigner.of(key);
  }

  /** A wallet with a new random key. */
  public static Wallet create() {
    return create(new SecureRandom());
  }

  /** A wallet with a new key drawn from {@code random}. */
  public static Wallet create(SecureRandom random) {
    return new Wallet(EthPrivateKey.generate(Objects.requireNonNull(random, "random")));
  }

  /** A wallet of an existing key; the wallet uses the key, it does not copy it. */
  public static Wallet of(EthPrivateKey key) {
    return new Wallet(Objects.requireNonNull(key, "key"));
  }

  /**
   * A wallet from a private key written as 64 hex digits, with or without {@code 0x}.
   *
   * @throws AivmValidationException naming {@code privateKey} when it is not 32 bytes of hex or
   *     not a valid secp256k1 key (the message never shows the text)
   */
  public static Wallet fromHex(String privateKey) {
    Objects.requireNonNull(privateKey, "privateKey");
    String text = privateKey.trim();
    byte[] bytes;
    try {
      bytes = Hex.decode(text);
    } catch (IllegalArgumentException e) {
      throw AivmValidationException.of("privateKey", "hex", "a private key is 64 hex digits, with or without 0x");
    }
    try {
      if (bytes.length != 32) {
        throw AivmValidationException.of("privateKey", "size", "a private key is 32 bytes, not " + bytes.length);
      }
      return new Wallet(EthPrivateKey.fromBytes(bytes));
    } catch (CryptoException e) {
      throw AivmValidationException.of("privateKey", "key", "the private key is not a valid secp256k1 key");
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * A wallet from keystore JSON and its password (read, never changed: wipe it yourself).
   *
   * @throws CryptoException {@code KEYSTORE_MAC} for a wrong password or a damaged file, {@code
   *     KEYSTORE_FORMAT} for JSON that is not a keystore v3
   */
  public static Wallet fromKeystore(String json, char[] password) {
    return new Wallet(Keystore.decrypt(Objects.requireNonNull(json, "json"), Objects.requireNonNull(password, "password")));
  }

  /**
   * A wallet from a keystore file.
   *
   * @throws AivmIoException when the file cannot be read
   * @throws CryptoException as {@link #fromKeystore}
   */
  public static Wallet readKeystore(Path file, char[] password) {
    Objects.requireNonNull(file, "file");
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AivmIoException("could not read the keystore " + file + ": " + e.getMessage(), e);
    }
    return fromKeystore(json, password);
  }

  /** A wallet from the process's environment; see {@link #fromEnv(Map)}. */
  public static Wallet fromEnv() {
    return fromEnv(System.getenv());
  }

  /**
   * A wallet from {@value #ENV_KEY} (a hex private key), or else from the keystore file named by
   * {@value #ENV_KEYSTORE} opened with {@value #ENV_PASSWORD}.
   *
   * @throws AivmValidationException naming the variable when neither is set, when both are, when
   *     the keystore has no password, or when the key is not a key (the value is never shown)
   * @throws CryptoException when the keystore does not open with the password
   */
  public static Wallet fromEnv(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    String hex = blankToNull(env.get(ENV_KEY));
    String keystore = blankToNull(env.get(ENV_KEYSTORE));
    if (hex != null && keystore != null) {
      throw AivmValidationException.of(ENV_KEYSTORE, "exclusive",
          "set " + ENV_KEY + " or " + ENV_KEYSTORE + ", not both: which key is meant is unclear");
    }
    if (hex != null) {
      try {
        return fromHex(hex);
      } catch (AivmValidationException e) {
        throw AivmValidationException.of(ENV_KEY, e.problems().get(0).rule(), e.problems().get(0).message());
      }
    }
    if (keystore == null) {
      throw AivmValidationException.of(ENV_KEY, "required",
          "no wallet in the environment: set " + ENV_KEY + " to a hex private key, or " + ENV_KEYSTORE
              + " to a keystore file and " + ENV_PASSWORD + " to its password");
    }
    String password = env.get(ENV_PASSWORD);
    if (password == null) {
      throw AivmValidationException.of(ENV_PASSWORD, "required", ENV_KEYSTORE + " is set but " + ENV_PASSWORD + " is not");
    }
    char[] chars = password.toCharArray();
    try {
      return readKeystore(Path.of(keystore), chars);
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  /** The account's address. */
  @Override
  public Address address() {
    return key.address();
  }

  /** The public key: what a node's operator or a model's manifest wraps keys to. */
  public EthPublicKey publicKey() {
    return key.publicKey();
  }

  @Override
  public Signature sign(Hash32 digest) {
    ensureLive();
    return signer.sign(digest);
  }

  /**
   * Opens a 32-byte key wrapped to this wallet's public key ({@link Ecies#wrapKey}).
   *
   * @throws CryptoException {@code AUTHENTICATION} when it was wrapped to another key or changed
   */
  public SecretBytes unwrapKey(byte[] wrapped) {
    ensureLive();
    return Ecies.unwrapKey(key, Objects.requireNonNull(wrapped, "wrapped"));
  }

  /** This wallet as keystore v3 JSON under {@code password}, scrypt at geth's standard cost. */
  public String toKeystore(char[] password) {
    return toKeystore(password, Keystore.Params.STANDARD);
  }

  /** This wallet as keystore v3 JSON under {@code password} with other scrypt costs. */
  public String toKeystore(char[] password, Keystore.Params params) {
    ensureLive();
    return Keystore.encrypt(key, Objects.requireNonNull(password, "password"), new SecureRandom(),
        Objects.requireNonNull(params, "params"));
  }

  /**
   * Writes this wallet's keystore to {@code file}, which must not exist: written beside it and
   * renamed into place, readable by the owner only where the file system has POSIX permissions.
   *
   * @throws AivmIoException when the file exists or cannot be written
   */
  public void writeKeystore(Path file, char[] password) {
    writeKeystore(file, password, Keystore.Params.STANDARD);
  }

  /** {@link #writeKeystore(Path, char[])} with other scrypt costs. */
  public void writeKeystore(Path file, char[] password, Keystore.Params params) {
    Objects.requireNonNull(file, "file");
    String json = toKeystore(password, params);
    Path dir = file.toAbsolutePath().getParent();
    Path temp = null;
    try {
      if (Files.exists(file)) {
        throw new FileAlreadyExistsException(file.toString(), null, "a keystore is never overwritten");
      }
      temp = Files.createTempFile(dir, ".keystore", ".tmp");
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the directory's own protection applies
      }
      Files.writeString(temp, json, StandardCharsets.UTF_8);
      Files.move(temp, file); // a rename in the same directory; refuses a file that appeared meanwhile
      temp = null;
    } catch (IOException e) {
      throw new AivmIoException("could not write the keystore " + file + ": " + e.getMessage(), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // best effort; it holds only the encrypted keystore
        }
      }
    }
  }

  /** Wipes the key; signing and unwrapping throw afterwards. */
  @Override
  public void destroy() {
    key.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return key.isDestroyed();
  }

  @Override
  public String toString() {
    return "Wallet[" + address() + "]";
  }

  private void ensureLive() {
    if (key.isDestroyed()) {
      throw new IllegalStateException("this wallet's key was destroyed");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
