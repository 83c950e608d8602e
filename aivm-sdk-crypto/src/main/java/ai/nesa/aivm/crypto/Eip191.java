package ai.nesa.aivm.crypto;

import ai.nesa.aivm.crypto.CryptoException.Check;
import ai.nesa.aivm.crypto.internal.sign.StrictUtf8;
import java.nio.charset.StandardCharsets;

/**
 * EIP-191 signed messages, version 0x45 ({@code personal_sign}): free text signed as {@code
 * keccak256("\x19Ethereum Signed Message:\n" ‖ decimal length ‖ message)}, the same digest as
 * ethers' {@code signMessage} and {@code verifyMessage}.
 *
 * <pre>{@code
 * Signature signature = Eip191.sign(EthSigner.of(key), "I own this node");
 * Eip191.verify("I own this node", signature, key.address()); // throws unless key signed it
 * }</pre>
 *
 * <h2>Security guarantees</h2>
 * The prefix keeps a signed message from being a valid transaction or typed-data signature.
 * Signing is that of {@link EthSigner}; verifying is that of {@link Signatures} (low s, the
 * recovered address compared). Text is signed as strict UTF-8: a string with an unpaired
 * surrogate is refused rather than signed with a replacement character.
 *
 * @since 0.1.0
 */
public final class Eip191 {
  private static final byte[] PREFIX = "\u0019Ethereum Signed Message:\n".getBytes(StandardCharsets.US_ASCII);

  private Eip191() {}

  /** The digest an Ethereum wallet signs for these message bytes. */
  public static Hash32 hash(byte[] message) {
    byte[] length = Integer.toString(message.length).getBytes(StandardCharsets.US_ASCII);
    return Keccak256.hash(PREFIX, length, message);
  }

  /**
   * The digest for a text message, as its UTF-8 bytes.
   *
   * @throws CryptoException {@code FORMAT} when the text holds an unpaired surrogate
   */
  public static Hash32 hash(String message) {
    return hash(utf8(message));
  }

  /** Signs message bytes: r ‖ s ‖ v, low s, v of 27 or 28. */
  public static Signature sign(EthSigner signer, byte[] message) {
    return signer.sign(hash(message));
  }

  /** Signs a text message as its UTF-8 bytes. */
  public static Signature sign(EthSigner signer, String message) {
    return signer.sign(hash(message));
  }

  /**
   * The address that signed message bytes.
   *
   * @throws CryptoException as {@link Signatures#recover}
   */
  public static Address recover(byte[] message, Signature signature) {
    return Signatures.recover(hash(message), signature);
  }

  /** The address that signed a text message. */
  public static Address recover(String message, Signature signature) {
    return Signatures.recover(hash(message), signature);
  }

  /**
   * Checks that {@code expected} signed the message bytes.
   *
   * @throws CryptoException as {@link Signatures#verify(Hash32, Signature, Address)}
   */
  public static void verify(byte[] message, Signature signature, Address expected) {
    Signatures.verify(hash(message), signature, expected);
  }

  /** Checks that {@code expected} signed the text message. */
  public static void verify(String message, Signature signature, Address expected) {
    Signatures.verify(hash(message), signature, expected);
  }

  private static byte[] utf8(String message) {
    return StrictUtf8.encode(message).orElseThrow(() -> new CryptoException(Check.FORMAT,
        "the message is not valid Unicode: it holds an unpaired surrogate"));
  }
}
