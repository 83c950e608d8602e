package ai.nesa.aivm.crypto.internal.chunked;

import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.CryptoException.Check;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens the chunks of one message: AES-GCM through JCA, the nonce of chunk {@code i}
 * being the base nonce XOR {@code i} (big-endian, in the nonce's low bytes), no AAD. One
 * {@link Cipher} is reused for every chunk, one {@code doFinal} a chunk.
 *
 * <p>Not thread-safe. {@link #open} writes plaintext only into the caller's buffer and only
 * returns normally once the tag verified; callers hand out nothing from a chunk that threw.
 */
public final class ChunkCipher {
  /** The JCA transformation: the JDK's AES-GCM runs on AES-NI and CLMUL; BouncyCastle's does not. */
  public static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int TAG_BITS = Layout.TAG_SIZE * 8;

  private final Cipher cipher;
  private final SecretKeySpec key;
  private final byte[] baseNonce;
  private final byte[] nonce = new byte[Layout.NONCE_SIZE];

  /**
   * A cipher for raw mode: the AEAD key and base nonce given directly. {@link MessageKeys} makes
   * them in the normal mode.
   */
  public ChunkCipher(Aead aead, byte[] aeadKey, byte[] baseNonce) {
    if (aeadKey.length != aead.keySize() || baseNonce.length != Layout.NONCE_SIZE) {
      throw new IllegalArgumentException("a " + aead.keySize() + "-byte key and a " + Layout.NONCE_SIZE
          + "-byte nonce are needed, not " + aeadKey.length + " and " + baseNonce.length);
    }
    this.key = new SecretKeySpec(aeadKey, "AES");
    this.baseNonce = baseNonce.clone();
    try {
      this.cipher = Cipher.getInstance(TRANSFORMATION);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(TRANSFORMATION + " is missing from this JDK", e);
    }
  }

  /**
   * Encrypts {@code len} bytes (at most one chunk) as chunk {@code index} into {@code out}: the
   * ciphertext and its tag, {@code len + 16} bytes.
   *
   * @throws CryptoException {@link Check#LENGTH} when {@code index} reaches 2^38
   */
  public int seal(long index, byte[] in, int inOff, int len, byte[] out, int outOff) {
    init(Cipher.ENCRYPT_MODE, index);
    try {
      return cipher.doFinal(in, inOff, len, out, outOff);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /**
   * Decrypts and authenticates sealed chunk {@code index} ({@code len} bytes, tag included) into
   * {@code out}: {@code len - 16} bytes.
   *
   * @throws CryptoException {@link Check#AUTHENTICATION} when the tag does not verify (tampered,
   *     moved from another position, cut short, or another message's chunk); {@link
   *     Check#TRAILING_DATA} when it does not, but a prefix of it is a valid final chunk at this
   *     index, so data was appended after the message; {@link Check#LENGTH} for an index at 2^38
   *     or more, or fewer bytes than a tag
   */
  public int open(long index, byte[] in, int inOff, int len, byte[] out, int outOff) {
    if (len < Layout.TAG_SIZE) {
      throw new CryptoException(Check.LENGTH, "chunk " + index + " has " + len + " bytes, fewer than a tag");
    }
    init(Cipher.DECRYPT_MODE, index);
    try {
      return cipher.doFinal(in, inOff, len, out, outOff);
    } catch (AEADBadTagException e) {
      if (endsEarly(index, in, inOff, len)) {
        throw new CryptoException(Check.TRAILING_DATA, "the message ends inside chunk " + index
            + " and more data follows its final chunk");
      }
      throw new CryptoException(Check.AUTHENTICATION, "chunk " + index
          + " does not authenticate: tampered, moved from another position, cut short, or not of this message");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed", e);
    }
  }

  /**
   * After chunk {@code index} failed to authenticate: whether a proper prefix of it is a valid
   * final chunk at that index, meaning the message really ended there and the rest was appended.
   * Only the format's own rule tells a message's end, so there is no cheaper way to tell an
   * extension from damage.
   *
   * <p>Every prefix length from a bare tag up is tried: at most 16,384 trial decryptions, about
   * 0.1 s here, on the failure path only and once per failing chunk read. Nothing decrypted leaves this method: the scratch
   * plaintext is wiped. The trials are forgery attempts the attacker gets for free, but 2^14 of
   * them against GCM's 2^-128-per-attempt bound leave the bound negligible.
   */
  private boolean endsEarly(long index, byte[] in, int inOff, int len) {
    int longest = Math.min(len - 1, Layout.SEALED_CHUNK_SIZE - 1);
    if (longest < Layout.TAG_SIZE) {
      return false;
    }
    byte[] scratch = new byte[longest];
    try {
      for (int n = Layout.TAG_SIZE; n <= longest; n++) {
        init(Cipher.DECRYPT_MODE, index);
        try {
          cipher.doFinal(in, inOff, n, scratch, 0);
          return true;
        } catch (AEADBadTagException e) {
          // not this length; try the next
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("AES-GCM decryption failed", e);
        }
      }
      return false;
    } finally {
      Arrays.fill(scratch, (byte) 0);
    }
  }

  private void init(int mode, long index) {
    if (index < 0 || index >= Layout.MAX_CHUNKS) {
      throw new CryptoException(Check.LENGTH, "chunk index " + index + " is outside 0 to 2^38 - 1");
    }
    System.arraycopy(baseNonce, 0, nonce, 0, Layout.NONCE_SIZE);
    for (int i = 0; i < Long.BYTES; i++) {
      nonce[Layout.NONCE_SIZE - 1 - i] ^= (byte) (index >>> (8 * i));
    }
    try {
      cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM refused its key or nonce", e);
    }
  }
}
