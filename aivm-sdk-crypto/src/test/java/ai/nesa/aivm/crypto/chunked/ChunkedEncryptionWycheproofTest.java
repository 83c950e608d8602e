package ai.nesa.aivm.crypto.chunked;

import static ai.nesa.aivm.crypto.CryptoException.Check.AUTHENTICATION;
import static ai.nesa.aivm.crypto.CryptoException.Check.INVALID_KEY;
import static ai.nesa.aivm.crypto.CryptoException.Check.KEY_COMMITMENT;
import static ai.nesa.aivm.crypto.CryptoException.Check.LENGTH;
import static ai.nesa.aivm.crypto.CryptoException.Check.TRAILING_DATA;
import static ai.nesa.aivm.crypto.CryptoException.Check.TRUNCATED;
import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.nesa.aivm.crypto.ChunkedDecryptor;
import ai.nesa.aivm.crypto.ChunkedEncryption;
import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.CryptoException.Check;
import ai.nesa.aivm.crypto.SecretBytes;
import ai.nesa.aivm.crypto.internal.chunked.Aead;
import ai.nesa.aivm.crypto.internal.chunked.MessageKeys;
import ai.nesa.aivm.crypto.testing.Wycheproof;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every vector of Wycheproof's two C2SP chunked-encryption files, through every way in: the
 * decrypting stream, the decrypting channel, the in-memory form, the random-access decryptor, and
 * (for valid vectors) encryption with the vector's salt injected, which must give the vector's
 * ciphertext byte for byte.
 */
class ChunkedEncryptionWycheproofTest {
  static final String AES_256 = "c2sp_chunked_encryption_aes_256_gcm_test.json";
  static final String AES_128 = "c2sp_chunked_encryption_aes_128_gcm_test.json";

  /**
   * The check each invalid vector must fail, by tcId (the two files number their cases alike).
   * Where the format cannot tell a cause apart it is AUTHENTICATION: 18's 20 trailing bytes and 32's
   * cut-off second chunk both leave a final chunk that does not authenticate, while 35 ends in a
   * valid final chunk followed by more, which the decryptor can show.
   */
  static final Map<Integer, Check> EXPECTED = Map.ofEntries(
      entry(11, AUTHENTICATION), entry(12, AUTHENTICATION), entry(13, AUTHENTICATION),
      entry(14, AUTHENTICATION), entry(15, AUTHENTICATION),
      entry(16, LENGTH), entry(17, LENGTH),
      entry(18, AUTHENTICATION), entry(19, LENGTH), entry(20, TRUNCATED),
      entry(21, KEY_COMMITMENT), entry(22, KEY_COMMITMENT), entry(23, INVALID_KEY), entry(24, INVALID_KEY),
      entry(25, KEY_COMMITMENT), entry(26, KEY_COMMITMENT),
      entry(27, TRUNCATED), entry(28, TRUNCATED), entry(29, TRUNCATED), entry(30, TRUNCATED),
      entry(31, TRUNCATED), entry(32, AUTHENTICATION),
      entry(33, AUTHENTICATION), entry(34, AUTHENTICATION), entry(35, TRAILING_DATA));

  /** One vector, ready to use. */
  record Vector(String file, Wycheproof.Case c) {
    ChunkedEncryption scheme() {
      String aead = c.group().get("aead").asString();
      ChunkedEncryption scheme = switch (aead) {
        case "AEAD_AES_256_GCM" -> ChunkedEncryption.aes256Gcm();
        case "AEAD_AES_128_GCM" -> ChunkedEncryption.aes128Gcm();
        default -> throw new AssertionError("unknown AEAD " + aead);
      };
      return scheme.withContext(c.bytes("ctx"));
    }

    Aead aead() {
      return scheme().keySize() == 32 ? Aead.AES_256_GCM : Aead.AES_128_GCM;
    }

    SecretBytes key() {
      return SecretBytes.copyOf(c.bytes("key"));
    }

    byte[] ct() {
      return Fixtures.inflate(c.bytes("ct"));
    }

    int msgLength() {
      return c.test().get("msgLength").asInt();
    }

    Check expected() {
      return EXPECTED.get(c.id());
    }

    boolean flag(String f) {
      return c.hasFlag(f);
    }

    /** The plaintext a decryption may give out before it fails: the whole message for a valid vector. */
    void assertReleased(byte[] released) {
      int allowed = c.valid() || flag("PartialPlaintext") ? msgLength() : 0;
      assertEquals(allowed, released.length, this + ": plaintext released");
      if (allowed > 0 || c.valid()) {
        assertArrayEquals(c.bytes("msgSha512"), Fixtures.sha512(released), this + ": SHA-512 of the plaintext");
      }
    }

    @Override
    public String toString() {
      return file.substring("c2sp_chunked_encryption_".length(), file.length() - "_test.json".length()) + " " + c;
    }
  }

  static Stream<Arguments> vectors() {
    return Stream.of(AES_256, AES_128)
        .flatMap(f -> Wycheproof.cases(f).stream().map(c -> Arguments.of(new Vector(f, c))));
  }

  @ParameterizedTest
  @ValueSource(strings = {AES_256, AES_128})
  void everyTestOfTheFileIsRead(String file) {
    List<Wycheproof.Case> cases = Wycheproof.cases(file);
    assertEquals(Wycheproof.file(file).get("numberOfTests").asInt(), cases.size());
    assertEquals(35, cases.size());
    TreeSet<Integer> invalid = new TreeSet<>();
    cases.stream().filter(c -> !c.valid()).forEach(c -> invalid.add(c.id()));
    assertEquals(new TreeSet<>(EXPECTED.keySet()), invalid, "an expected check for every invalid vector");
    cases.forEach(c -> assertEquals(c.valid() ? "valid" : "invalid", c.result(), "no 'acceptable' vectors"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void decryptingStream(Vector v) throws IOException {
    if (v.flag("InvalidKeySize")) {
      CryptoException e = assertThrows(CryptoException.class,
          () -> v.scheme().decryptingStream(v.key(), new ByteArrayInputStream(v.ct())), v.toString());
      assertEquals(INVALID_KEY, e.check());
      return;
    }
    // An odd read size, so reads straddle chunk boundaries.
    Fixtures.Drained d = Fixtures.drain(v.scheme().decryptingStream(v.key(), new ByteArrayInputStream(v.ct())), 5000);
    v.assertReleased(d.released());
    if (v.c().valid()) {
      assertNull(d.failure(), v.toString());
    } else {
      assertEquals(v.expected(), d.failed().check(), v + ": " + d.failed().getMessage());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void decryptingChannel(Vector v) throws IOException {
    if (v.flag("InvalidKeySize")) {
      CryptoException e = assertThrows(CryptoException.class,
          () -> v.scheme().decryptingChannel(v.key(), Channels.newChannel(new ByteArrayInputStream(v.ct()))));
      assertEquals(INVALID_KEY, e.check());
      return;
    }
    for (boolean direct : new boolean[] {false, true}) {
      Fixtures.Drained d = Fixtures.drain(
          v.scheme().decryptingChannel(v.key(), Channels.newChannel(new ByteArrayInputStream(v.ct()))), 40_000, direct);
      v.assertReleased(d.released());
      if (v.c().valid()) {
        assertNull(d.failure(), v.toString());
      } else {
        assertEquals(v.expected(), d.failed().check(), v.toString());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void inMemoryDecryptionReturnsAllOrNothing(Vector v) {
    if (v.c().valid()) {
      byte[] plain = v.scheme().decrypt(v.key(), v.ct());
      assertEquals(v.msgLength(), plain.length);
      assertArrayEquals(v.c().bytes("msgSha512"), Fixtures.sha512(plain));
    } else {
      CryptoException e = assertThrows(CryptoException.class, () -> v.scheme().decrypt(v.key(), v.ct()));
      assertEquals(v.expected(), e.check(), v.toString());
    }
  }

  /**
   * Through the random-access decryptor: opening checks the header, the size and the final chunk,
   * so every invalid vector fails there except those whose final chunk is valid (flag
   * ValidFinalChunk), which fail when the damaged chunk is read.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void randomAccess(Vector v) throws IOException {
    MemoryChannel channel = new MemoryChannel(v.ct());
    if (!v.c().valid() && !v.flag("ValidFinalChunk")) {
      CryptoException e = assertThrows(CryptoException.class, () -> v.scheme().openDecryptor(v.key(), channel));
      assertEquals(v.expected(), e.check(), v + ": " + e.getMessage());
      return;
    }
    try (ChunkedDecryptor d = v.scheme().openDecryptor(v.key(), channel)) {
      if (v.c().valid()) {
        assertEquals(v.msgLength(), d.plaintextSize());
        byte[] whole = d.read(0, v.msgLength());
        assertArrayEquals(v.c().bytes("msgSha512"), Fixtures.sha512(whole));
        ByteArrayOutputStream byChunk = new ByteArrayOutputStream();
        for (long k = 0; k < d.chunkCount(); k++) {
          byChunk.writeBytes(d.decryptChunk(k));
        }
        assertArrayEquals(whole, byChunk.toByteArray());
      } else {
        CryptoException e = assertThrows(CryptoException.class, () -> d.read(0, (int) d.plaintextSize()));
        assertEquals(v.expected(), e.check(), v.toString());
        if (v.flag("PartialPlaintext")) {
          // The valid prefix stays readable on its own, as the Wycheproof doc allows.
          assertArrayEquals(v.c().bytes("msgSha512"), Fixtures.sha512(d.read(0, v.msgLength())));
        }
      }
    }
  }

  /** The key derivation against the vectors' aeadKey and baseNonce (raw mode's inputs). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void keyDerivation(Vector v) {
    if (!v.c().test().has("aeadKey")) {
      return; // HeaderFailure vectors omit them
    }
    byte[] ct = v.ct();
    MessageKeys keys = MessageKeys.derive(v.aead(), v.key(), Arrays.copyOf(ct, 24), v.c().bytes("ctx"));
    assertArrayEquals(v.c().bytes("aeadKey"), keys.aeadKey());
    assertArrayEquals(v.c().bytes("baseNonce"), keys.baseNonce());
    assertArrayEquals(Arrays.copyOfRange(ct, 24, 56), keys.commitment());
  }

  /**
   * Encryption with the vector's salt injected must give the vector's ciphertext exactly, through
   * the in-memory form, the stream (written in odd pieces) and the channel.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void encryptionWithTheVectorsSaltGivesTheVectorsCiphertext(Vector v) throws IOException {
    if (!v.c().valid()) {
      return;
    }
    byte[] ct = v.ct();
    byte[] plain = v.scheme().decrypt(v.key(), ct);
    byte[] salt = Arrays.copyOf(ct, 24);

    assertArrayEquals(ct, v.scheme().withRandom(new Fixtures.FixedRandom(salt)).encrypt(v.key(), plain), "byte[]");

    ByteArrayOutputStream viaStream = new ByteArrayOutputStream();
    try (OutputStream out = v.scheme().withRandom(new Fixtures.FixedRandom(salt)).encryptingStream(v.key(), viaStream)) {
      for (int at = 0, step = 1; at < plain.length; at += step, step = step * 3 + 1) {
        out.write(plain, at, Math.min(step, plain.length - at));
      }
    }
    assertArrayEquals(ct, viaStream.toByteArray(), "stream");

    ByteArrayOutputStream viaChannel = new ByteArrayOutputStream();
    try (WritableByteChannel out = v.scheme().withRandom(new Fixtures.FixedRandom(salt))
        .encryptingChannel(v.key(), Channels.newChannel(viaChannel))) {
      ByteBuffer direct = ByteBuffer.allocateDirect(plain.length);
      direct.put(plain).flip();
      out.write(direct);
    }
    assertArrayEquals(ct, viaChannel.toByteArray(), "channel");
  }

  @Test
  void aVectorWithAWrongSizedKeyIsRefusedWhenTheKeyIsGiven() {
    for (Wycheproof.Case c : Wycheproof.cases(AES_256)) {
      if (c.hasFlag("InvalidKeySize")) {
        Vector v = new Vector(AES_256, c);
        assertEquals(INVALID_KEY, assertThrows(CryptoException.class,
            () -> v.scheme().openDecryptor(v.key(), new MemoryChannel(v.ct()))).check());
        assertEquals(INVALID_KEY, assertThrows(CryptoException.class,
            () -> v.scheme().encryptingStream(v.key(), OutputStream.nullOutputStream())).check());
      }
    }
  }
}
