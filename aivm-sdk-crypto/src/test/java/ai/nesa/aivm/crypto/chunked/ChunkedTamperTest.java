package ai.nesa.aivm.crypto.chunked;

import static ai.nesa.aivm.crypto.CryptoException.Check.AUTHENTICATION;
import static ai.nesa.aivm.crypto.CryptoException.Check.INVALID_KEY;
import static ai.nesa.aivm.crypto.CryptoException.Check.KEY_COMMITMENT;
import static ai.nesa.aivm.crypto.CryptoException.Check.LENGTH;
import static ai.nesa.aivm.crypto.CryptoException.Check.TRAILING_DATA;
import static ai.nesa.aivm.crypto.CryptoException.Check.TRUNCATED;
import static ai.nesa.aivm.crypto.chunked.Fixtures.CHUNK;
import static ai.nesa.aivm.crypto.chunked.Fixtures.HEADER;
import static ai.nesa.aivm.crypto.chunked.Fixtures.SEALED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.crypto.ChunkedEncryption;
import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.CryptoException.Check;
import ai.nesa.aivm.crypto.SecretBytes;
import ai.nesa.aivm.crypto.internal.chunked.Aead;
import ai.nesa.aivm.crypto.internal.chunked.ChunkCipher;
import ai.nesa.aivm.crypto.internal.chunked.MessageKeys;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every way a ciphertext can be wrong, each caught with the right {@link Check}, and a decrypting
 * stream that gives out exactly the authenticated chunks before the failing one and nothing of
 * it. The message is three full chunks and a short one.
 */
class ChunkedTamperTest {
  static final ChunkedEncryption SCHEME = ChunkedEncryption.aes256Gcm();
  static final SecretBytes KEY = SCHEME.newKey();
  static final byte[] PLAIN = Fixtures.plaintext(3 * CHUNK + 500);
  static final byte[] CT = SCHEME.encrypt(KEY, PLAIN);

  /** The ciphertext bytes of chunk {@code k}, tag included. */
  static byte[] chunk(byte[] ct, int k) {
    int from = HEADER + k * SEALED;
    return Arrays.copyOfRange(ct, from, Math.min(ct.length, from + SEALED));
  }

  /**
   * Decrypts {@code ct} as a stream and as a channel: both must fail with {@code check} after
   * giving out exactly the first {@code verifiedChunks} chunks of plaintext.
   */
  static CryptoException assertFails(byte[] ct, Check check, int verifiedChunks) throws IOException {
    return assertFails(SCHEME, KEY, ct, check, verifiedChunks);
  }

  static CryptoException assertFails(ChunkedEncryption scheme, SecretBytes key, byte[] ct, Check check,
      int verifiedChunks) throws IOException {
    byte[] expected = Arrays.copyOf(PLAIN, Math.min(PLAIN.length, verifiedChunks * CHUNK));
    Fixtures.Drained stream = Fixtures.drain(scheme.decryptingStream(key, new ByteArrayInputStream(ct)), 3000);
    assertEquals(check, stream.failed().check(), stream.failed().getMessage());
    assertArrayEquals(expected, stream.released(), "the stream gave out only the chunks before the failing one");
    Fixtures.Drained channel = Fixtures.drain(
        scheme.decryptingChannel(key, Channels.newChannel(new ByteArrayInputStream(ct))), 20_000, false);
    assertEquals(check, channel.failed().check());
    assertArrayEquals(expected, channel.released());
    CryptoException whole = assertThrows(CryptoException.class, () -> scheme.decrypt(key, ct));
    assertEquals(check, whole.check());
    return stream.failed();
  }

  @Test
  void aWrongKeyFailsTheCommitmentBeforeAnyChunk() throws IOException {
    assertFails(SCHEME, SCHEME.newKey(), CT, KEY_COMMITMENT, 0);
  }

  @Test
  void aWrongContextFailsTheCommitment() throws IOException {
    assertFails(SCHEME.withContext(new byte[] {1}), KEY, CT, KEY_COMMITMENT, 0);
  }

  @Test
  void aKeyOfTheWrongSizeIsRefusedBeforeAnyRead() {
    SecretBytes short16 = SecretBytes.copyOf(new byte[16]);
    assertEquals(INVALID_KEY, assertThrows(CryptoException.class,
        () -> SCHEME.decryptingStream(short16, new ByteArrayInputStream(CT))).check());
    assertEquals(INVALID_KEY, assertThrows(CryptoException.class, () -> SCHEME.encrypt(short16, PLAIN)).check());
    assertEquals(INVALID_KEY, assertThrows(CryptoException.class,
        () -> ChunkedEncryption.aes128Gcm().decrypt(KEY, CT)).check());
  }

  @Test
  void aChangedSaltOrCommitmentFailsTheCommitment() throws IOException {
    assertFails(Fixtures.flip(CT, 0), KEY_COMMITMENT, 0);
    assertFails(Fixtures.flip(CT, 23), KEY_COMMITMENT, 0);
    assertFails(Fixtures.flip(CT, 24), KEY_COMMITMENT, 0);
    assertFails(Fixtures.flip(CT, 55), KEY_COMMITMENT, 0);
  }

  @ParameterizedTest(name = "chunk {0}")
  @ValueSource(ints = {0, 1, 2, 3})
  void aFlippedBitInAChunkBodyOrTagFailsThatChunkAndReleasesNothingOfIt(int k) throws IOException {
    int start = HEADER + k * SEALED;
    int end = Math.min(CT.length, start + SEALED);
    assertFails(Fixtures.flip(CT, start), AUTHENTICATION, k);
    assertFails(Fixtures.flip(CT, (start + end) / 2), AUTHENTICATION, k);
    assertFails(Fixtures.flip(CT, end - 1), AUTHENTICATION, k);
  }

  @ParameterizedTest(name = "after {0} full chunks")
  @ValueSource(ints = {0, 1, 2, 3})
  void aCiphertextCutAtAChunkBoundaryIsTruncated(int fullChunks) throws IOException {
    byte[] cut = Arrays.copyOf(CT, HEADER + fullChunks * SEALED);
    CryptoException e = assertFails(cut, TRUNCATED, fullChunks);
    assertTrue(e.getMessage().contains(fullChunks == 0 ? "no chunk" : "without the final short chunk"), e.getMessage());
  }

  @Test
  void aMessageOfWholeChunksCutBeforeItsEmptyFinalChunkIsTruncated() throws IOException {
    byte[] plain = Arrays.copyOf(PLAIN, 2 * CHUNK);
    byte[] ct = SCHEME.encrypt(KEY, plain);
    assertEquals(HEADER + 2 * SEALED + 16, ct.length, "an empty final chunk is a bare tag");
    Fixtures.Drained d = Fixtures.drain(SCHEME.decryptingStream(KEY, new ByteArrayInputStream(
        Arrays.copyOf(ct, ct.length - 16))), 5000);
    assertEquals(TRUNCATED, d.failed().check());
    assertArrayEquals(plain, d.released());
  }

  @ParameterizedTest(name = "{0} header bytes")
  @ValueSource(ints = {0, 1, 23, 24, 55})
  void anEmptyOrShortHeaderIsTruncated(int n) throws IOException {
    assertFails(Arrays.copyOf(CT, n), TRUNCATED, 0);
  }

  @Test
  void aHeaderAloneIsTruncated() throws IOException {
    assertFails(Arrays.copyOf(CT, HEADER), TRUNCATED, 0);
  }

  @ParameterizedTest(name = "{0} bytes left of the final chunk")
  @ValueSource(ints = {1, 8, 15})
  void aFinalChunkShorterThanATagIsAnImpossibleLength(int left) throws IOException {
    assertFails(Arrays.copyOf(CT, HEADER + 3 * SEALED + left), LENGTH, 3);
  }

  @Test
  void aFinalChunkCutShortFailsToAuthenticate() throws IOException {
    assertFails(Arrays.copyOf(CT, CT.length - 1), AUTHENTICATION, 3);
    // Cut inside a full chunk: its remainder is read as a final chunk, which does not authenticate.
    assertFails(Arrays.copyOf(CT, HEADER + SEALED + 5000), AUTHENTICATION, 1);
  }

  @Test
  void swappedChunksFailAtTheFirstOneOutOfPlace() throws IOException {
    byte[] c0 = chunk(CT, 0);
    byte[] c1 = chunk(CT, 1);
    byte[] c2 = chunk(CT, 2);
    byte[] c3 = chunk(CT, 3);
    byte[] header = Arrays.copyOf(CT, HEADER);
    assertFails(Fixtures.concat(header, c1, c0, c2, c3), AUTHENTICATION, 0);
    assertFails(Fixtures.concat(header, c0, c2, c1, c3), AUTHENTICATION, 1);
    assertFails(Fixtures.concat(header, c0, c0, c2, c3), AUTHENTICATION, 1);
    // A dropped middle chunk moves the rest down one place.
    assertFails(Fixtures.concat(header, c0, c2, c3), AUTHENTICATION, 1);
  }

  @Test
  void aChunkFromAnotherMessageUnderTheSameKeyFails() throws IOException {
    byte[] other = SCHEME.encrypt(KEY, PLAIN);
    byte[] spliced = Fixtures.concat(Arrays.copyOf(CT, HEADER), chunk(CT, 0), chunk(other, 1), chunk(CT, 2),
        chunk(CT, 3));
    assertFails(spliced, AUTHENTICATION, 1);
  }

  @ParameterizedTest(name = "{0} bytes appended")
  @ValueSource(ints = {1, 16, 100, SEALED - 500 - 16, SEALED - 500 - 16 + 7, 3 * SEALED})
  void dataAppendedAfterTheFinalChunkIsTrailingData(int extra) throws IOException {
    // The final chunk is 516 bytes; whatever follows it, the stream finds it a valid final chunk
    // with more behind it (the 4th case fills exactly one sealed chunk, the 5th runs 7 bytes past).
    byte[] tail = Fixtures.plaintext(extra);
    assertFails(Fixtures.concat(CT, tail), TRAILING_DATA, 3);
  }

  @Test
  void aValidlyEncryptedChunkAppendedAfterTheFinalChunkIsTrailingData() throws IOException {
    // With the message's own keys, seal what would be a 5th chunk: still after the end.
    MessageKeys keys = MessageKeys.derive(Aead.AES_256_GCM, KEY, Arrays.copyOf(CT, 24), new byte[0]);
    ChunkCipher cipher = keys.newCipher();
    byte[] extra = new byte[16 + 10];
    cipher.seal(4, new byte[10], 0, 10, extra, 0);
    assertFails(Fixtures.concat(CT, extra), TRAILING_DATA, 3);
    // and a message of whole chunks, whose final chunk is empty, followed by a bare tag
    byte[] whole = SCHEME.encrypt(KEY, Arrays.copyOf(PLAIN, CHUNK));
    Fixtures.Drained d = Fixtures.drain(SCHEME.decryptingStream(KEY, new ByteArrayInputStream(
        Fixtures.concat(whole, new byte[16]))), 5000);
    assertEquals(TRAILING_DATA, d.failed().check());
    assertEquals(CHUNK, d.released().length);
  }

  @Test
  void theChunkCounterStopsAt2To38() {
    ChunkCipher cipher = new ChunkCipher(Aead.AES_256_GCM, new byte[32], new byte[12]);
    byte[] out = new byte[32];
    assertEquals(16, cipher.seal((1L << 38) - 1, new byte[0], 0, 0, out, 0), "the last index is usable");
    assertEquals(LENGTH, assertThrows(CryptoException.class,
        () -> cipher.seal(1L << 38, new byte[0], 0, 0, out, 0)).check());
    assertEquals(LENGTH, assertThrows(CryptoException.class,
        () -> cipher.open(1L << 38, out, 0, 16, new byte[16], 0)).check());
    assertEquals(LENGTH, assertThrows(CryptoException.class,
        () -> cipher.seal(-1, new byte[0], 0, 0, out, 0)).check());
  }

  @Test
  void theChunkCounterIsXoredIntoTheLowBytesOfTheBaseNonce() throws Exception {
    byte[] key = Fixtures.plaintext(32);
    byte[] base = Fixtures.plaintext(12);
    long index = (1L << 38) - 2; // touches all five low bytes
    byte[] nonce = base.clone();
    for (int i = 0; i < 5; i++) {
      nonce[11 - i] ^= (byte) (index >>> (8 * i));
    }
    javax.crypto.Cipher jca = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
    jca.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
        new javax.crypto.spec.GCMParameterSpec(128, nonce));
    byte[] expected = jca.doFinal(new byte[] {42});
    byte[] out = new byte[17];
    new ChunkCipher(Aead.AES_256_GCM, key, base).seal(index, new byte[] {42}, 0, 1, out, 0);
    assertArrayEquals(expected, out);
  }
}
