package ai.nesa.aivm.benchmarks.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The fair raw baseline: JCA AES-GCM over the same bytes in the same 16 KiB chunks, one {@code
 * doFinal} per chunk into one reused buffer, one reused {@link Cipher}, a nonce per chunk, read
 * with {@code readNBytes} and written whole. No key derivation, no commitment, no checks beyond
 * the tag: what the SDK adds on top of this is what the ratio measures.
 */
final class RawGcmChunks {
  static final int CHUNK = 16 * 1024;
  static final int TAG = 16;

  private final Cipher cipher;
  private final SecretKeySpec key;
  private final byte[] baseNonce;
  private final byte[] nonce = new byte[12];

  RawGcmChunks(byte[] key, byte[] baseNonce) throws GeneralSecurityException {
    this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
    this.key = new SecretKeySpec(key, "AES");
    this.baseNonce = baseNonce.clone();
  }

  /** Encrypts everything in {@code in} to {@code out}, chunk by chunk; the plaintext bytes. */
  long encrypt(InputStream in, OutputStream out) throws IOException, GeneralSecurityException {
    byte[] plain = new byte[CHUNK];
    byte[] sealed = new byte[CHUNK + TAG];
    long total = 0;
    for (long i = 0; ; i++) {
      int n = in.readNBytes(plain, 0, CHUNK);
      init(Cipher.ENCRYPT_MODE, i);
      out.write(sealed, 0, cipher.doFinal(plain, 0, n, sealed, 0));
      total += n;
      if (n < CHUNK) {
        return total;
      }
    }
  }

  /** Decrypts sealed chunks from {@code in} (header already skipped) to {@code out}. */
  long decrypt(InputStream in, OutputStream out) throws IOException, GeneralSecurityException {
    byte[] sealed = new byte[CHUNK + TAG];
    byte[] plain = new byte[CHUNK];
    long total = 0;
    for (long i = 0; ; i++) {
      int n = in.readNBytes(sealed, 0, sealed.length);
      init(Cipher.DECRYPT_MODE, i);
      int m = cipher.doFinal(sealed, 0, n, plain, 0);
      out.write(plain, 0, m);
      total += m;
      if (n < sealed.length) {
        return total;
      }
    }
  }

  private void init(int mode, long index) throws GeneralSecurityException {
    System.arraycopy(baseNonce, 0, nonce, 0, 12);
    for (int b = 0; b < 8; b++) {
      nonce[11 - b] ^= (byte) (index >>> (8 * b));
    }
    cipher.init(mode, key, new GCMParameterSpec(128, nonce));
  }
}
