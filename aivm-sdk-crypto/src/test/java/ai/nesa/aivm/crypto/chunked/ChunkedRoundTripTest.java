package ai.nesa.aivm.crypto.chunked;

import static ai.nesa.aivm.crypto.chunked.Fixtures.CHUNK;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.nesa.aivm.crypto.ChunkedEncryption;
import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.SecretBytes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Whatever goes in comes out, by every way in and out, at the sizes around chunk boundaries. */
class ChunkedRoundTripTest {
  static final int[] SIZES = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 3 * CHUNK + 1234};

  static Stream<Arguments> sizesAndSchemes() {
    return Arrays.stream(SIZES).boxed().flatMap(n -> Stream.of(
        Arguments.of(n, ChunkedEncryption.aes256Gcm()),
        Arguments.of(n, ChunkedEncryption.aes128Gcm())));
  }

  @ParameterizedTest(name = "{0} bytes, {1}")
  @MethodSource("sizesAndSchemes")
  void inMemory(int n, ChunkedEncryption scheme) {
    SecretBytes key = scheme.newKey();
    byte[] plain = Fixtures.plaintext(n);
    byte[] ct = scheme.encrypt(key, plain);
    assertEquals(ChunkedEncryption.ciphertextSize(n), ct.length);
    assertEquals(n, ChunkedEncryption.plaintextSize(ct.length));
    assertArrayEquals(plain, scheme.decrypt(key, ct));
  }

  @ParameterizedTest(name = "{0} bytes, {1}")
  @MethodSource("sizesAndSchemes")
  void streamsWrittenAndReadInPiecesOfEverySize(int n, ChunkedEncryption scheme) throws IOException {
    SecretBytes key = scheme.newKey();
    byte[] plain = Fixtures.plaintext(n);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (OutputStream out = scheme.encryptingStream(key, sink)) {
      // single bytes, then growing pieces that straddle chunk boundaries
      int at = 0;
      for (; at < Math.min(n, 100); at++) {
        out.write(plain[at]);
      }
      for (int step = 7; at < n; at += step, step = step * 2 + 1) {
        out.write(plain, at, Math.min(step, n - at));
      }
    }
    byte[] ct = sink.toByteArray();
    assertEquals(ChunkedEncryption.ciphertextSize(n), ct.length);

    for (int step : new int[] {1, 1000, CHUNK, 3 * CHUNK}) {
      Fixtures.Drained d = Fixtures.drain(scheme.decryptingStream(key, new ByteArrayInputStream(ct)), step);
      assertNull(d.failure());
      assertArrayEquals(plain, d.released(), "reads of " + step);
    }
    try (InputStream in = scheme.decryptingStream(key, new ByteArrayInputStream(ct))) {
      int b0 = in.read();
      assertEquals(n == 0 ? -1 : plain[0] & 0xff, b0, "read() of one byte");
      ByteArrayOutputStream rest = new ByteArrayOutputStream();
      in.transferTo(rest);
      assertArrayEquals(n == 0 ? plain : Arrays.copyOfRange(plain, 1, n), rest.toByteArray(), "transferTo");
      assertEquals(-1, in.read());
    }
  }

  @ParameterizedTest(name = "{0} bytes, {1}")
  @MethodSource("sizesAndSchemes")
  void channelsWithHeapAndDirectBuffers(int n, ChunkedEncryption scheme) throws IOException {
    SecretBytes key = scheme.newKey();
    byte[] plain = Fixtures.plaintext(n);
    for (boolean direct : new boolean[] {false, true}) {
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      try (WritableByteChannel out = scheme.encryptingChannel(key, Channels.newChannel(sink))) {
        for (int at = 0, step = 5000; at < n; at += step) {
          int k = Math.min(step, n - at);
          ByteBuffer b = direct ? ByteBuffer.allocateDirect(k) : ByteBuffer.allocate(k + 3).position(3);
          b.put(plain, at, k).flip().position(direct ? 0 : 3);
          assertEquals(k, out.write(b));
          assertFalse(b.hasRemaining());
        }
      }
      byte[] ct = sink.toByteArray();
      assertEquals(ChunkedEncryption.ciphertextSize(n), ct.length);
      ReadableByteChannel in = scheme.decryptingChannel(key, Channels.newChannel(new ByteArrayInputStream(ct)));
      Fixtures.Drained d = Fixtures.drain(in, 7777, direct);
      assertNull(d.failure());
      assertArrayEquals(plain, d.released());
    }
  }

  @ParameterizedTest(name = "{0} bytes, {1}")
  @MethodSource("sizesAndSchemes")
  void convenienceFormsBetweenStreamsAndBetweenFileChannels(int n, ChunkedEncryption scheme, @TempDir Path dir)
      throws IOException {
    SecretBytes key = scheme.newKey();
    byte[] plain = Fixtures.plaintext(n);
    ByteArrayOutputStream ct = new ByteArrayOutputStream();
    assertEquals(n, scheme.encrypt(key, new ByteArrayInputStream(plain), ct));
    ByteArrayOutputStream back = new ByteArrayOutputStream();
    assertEquals(n, scheme.decrypt(key, new ByteArrayInputStream(ct.toByteArray()), back));
    assertArrayEquals(plain, back.toByteArray());

    Path in = Files.write(dir.resolve("plain"), plain);
    Path sealed = dir.resolve("sealed");
    Path out = dir.resolve("out");
    try (FileChannel from = FileChannel.open(in);
        FileChannel to = FileChannel.open(sealed, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      assertEquals(n, scheme.encrypt(key, from, to));
    }
    assertEquals(ChunkedEncryption.ciphertextSize(n), Files.size(sealed));
    try (ReadableByteChannel from = FileChannel.open(sealed);
        FileChannel to = FileChannel.open(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      assertEquals(n, scheme.decrypt(key, from, to));
    }
    assertArrayEquals(plain, Files.readAllBytes(out));
  }

  @Test
  void everyEncryptionHasAFreshSaltSoTheSamePlaintextNeverGivesTheSameCiphertext() {
    ChunkedEncryption scheme = ChunkedEncryption.aes256Gcm();
    SecretBytes key = scheme.newKey();
    byte[] plain = Fixtures.plaintext(100);
    byte[] a = scheme.encrypt(key, plain);
    byte[] b = scheme.encrypt(key, plain);
    assertFalse(Arrays.equals(Arrays.copyOf(a, 24), Arrays.copyOf(b, 24)), "salts differ");
    assertFalse(Arrays.equals(a, b));
  }

  @Test
  void theContextIsBoundByTheCommitment() {
    ChunkedEncryption model =
        ChunkedEncryption.aes256Gcm().withContext("aivm kernel weights".getBytes(StandardCharsets.UTF_8));
    SecretBytes key = model.newKey();
    byte[] ct = model.encrypt(key, Fixtures.plaintext(3000));
    assertArrayEquals(Fixtures.plaintext(3000), model.decrypt(key, ct));
    CryptoException e = assertThrows(CryptoException.class, () -> ChunkedEncryption.aes256Gcm().decrypt(key, ct));
    assertEquals(CryptoException.Check.KEY_COMMITMENT, e.check());
  }

  @Test
  void theInjectedRandomGivesTheSaltAndTheKeys() {
    byte[] fixed = new byte[24 + 32];
    Arrays.fill(fixed, (byte) 7);
    ChunkedEncryption scheme = ChunkedEncryption.aes256Gcm().withRandom(new Fixtures.FixedRandom(fixed));
    SecretBytes key = scheme.newKey();
    assertArrayEquals(Arrays.copyOf(fixed, 32), key.export());
    byte[] ct = scheme.encrypt(key, new byte[0]);
    assertArrayEquals(Arrays.copyOf(fixed, 24), Arrays.copyOf(ct, 24));
  }

  @Test
  void describesItselfWithoutSecrets() {
    assertEquals("ChunkedEncryption[AEAD_AES_256_GCM, context of 0 bytes]", ChunkedEncryption.aes256Gcm().toString());
    assertEquals("AEAD_AES_128_GCM", ChunkedEncryption.aes128Gcm().aeadName());
    assertEquals(16, ChunkedEncryption.aes128Gcm().keySize());
    assertEquals(32, ChunkedEncryption.aes256Gcm().newKey().length());
  }

  @Test
  void nonBlockingChannelsAreRefused() throws IOException {
    Pipe pipe = Pipe.open();
    try (Pipe.SinkChannel sink = pipe.sink(); Pipe.SourceChannel source = pipe.source()) {
      sink.configureBlocking(false);
      source.configureBlocking(false);
      ChunkedEncryption scheme = ChunkedEncryption.aes256Gcm();
      SecretBytes key = scheme.newKey();
      assertThrows(IllegalArgumentException.class, () -> scheme.encryptingChannel(key, sink));
      assertThrows(IllegalArgumentException.class, () -> scheme.decryptingChannel(key, source));
    }
  }
}
