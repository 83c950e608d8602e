package ai.nesa.aivm.crypto.chunked;

import static ai.nesa.aivm.crypto.CryptoException.Check.AUTHENTICATION;
import static ai.nesa.aivm.crypto.CryptoException.Check.KEY_COMMITMENT;
import static ai.nesa.aivm.crypto.CryptoException.Check.LENGTH;
import static ai.nesa.aivm.crypto.CryptoException.Check.TRAILING_DATA;
import static ai.nesa.aivm.crypto.CryptoException.Check.TRUNCATED;
import static ai.nesa.aivm.crypto.chunked.Fixtures.CHUNK;
import static ai.nesa.aivm.crypto.chunked.Fixtures.HEADER;
import static ai.nesa.aivm.crypto.chunked.Fixtures.SEALED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.crypto.ChunkedDecryptor;
import ai.nesa.aivm.crypto.ChunkedEncryption;
import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.CryptoException.Check;
import ai.nesa.aivm.crypto.SecretBytes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Random access: any chunk, any range, from only the chunks under it, each authenticated. */
class ChunkedDecryptorTest {
  static final ChunkedEncryption SCHEME = ChunkedEncryption.aes256Gcm();
  static final SecretBytes KEY = SCHEME.newKey();
  static final int SIZE = 5 * CHUNK + 1000;
  static final byte[] PLAIN = Fixtures.plaintext(SIZE);
  static final byte[] CT = SCHEME.encrypt(KEY, PLAIN);

  static byte[] slice(long from, long to) {
    return Arrays.copyOfRange(PLAIN, (int) from, (int) to);
  }

  @Test
  void sizesComeFromTheCiphertextSizeAndTheFinalChunkIsAuthenticatedOnOpen() throws IOException {
    MemoryChannel channel = new MemoryChannel(CT);
    try (ChunkedDecryptor d = SCHEME.openDecryptor(KEY, channel)) {
      assertEquals(SIZE, d.plaintextSize());
      assertEquals(6, d.chunkCount());
      // the header, then the final chunk and nothing else
      assertEquals(List.of(new MemoryChannel.Read(0, HEADER), new MemoryChannel.Read(HEADER + 5L * SEALED, 1016)),
          channel.reads());
    }
    assertFalse(channel.isOpen(), "closing the decryptor closes the channel");
  }

  @Test
  void everyChunkDecryptsAlone() throws IOException {
    try (ChunkedDecryptor d = SCHEME.openDecryptor(KEY, new MemoryChannel(CT))) {
      for (int k = 5; k >= 0; k--) {
        assertArrayEquals(slice((long) k * CHUNK, Math.min(SIZE, (k + 1L) * CHUNK)), d.decryptChunk(k), "chunk " + k);
      }
      assertThrows(IndexOutOfBoundsException.class, () -> d.decryptChunk(6));
      assertThrows(IndexOutOfBoundsException.class, () -> d.decryptChunk(-1));
    }
  }

  @Test
  void rangesAnywhereIncludingAcrossChunkBordersReadOnlyTheChunksUnderThem() throws IOException {
    MemoryChannel channel = new MemoryChannel(CT);
    try (ChunkedDecryptor d = SCHEME.openDecryptor(KEY, channel)) {
      long[][] ranges = {
          {0, 1}, {CHUNK - 1, CHUNK + 1}, {2L * CHUNK - 5, 4L * CHUNK + 7}, {3L * CHUNK, 4L * CHUNK},
          {SIZE - 1, SIZE}, {12_345, 12_345 + 100}, {0, SIZE}, {SIZE, SIZE}};
      for (long[] r : ranges) {
        channel.clearReads();
        byte[] got = d.read(r[0], (int) (r[1] - r[0]));
        assertArrayEquals(slice(r[0], r[1]), got, Arrays.toString(r));
        long firstChunk = r[0] / CHUNK;
        long lastChunk = r[1] == r[0] ? firstChunk - 1 : (r[1] - 1) / CHUNK;
        for (MemoryChannel.Read read : channel.reads()) {
          long chunk = (read.position() - HEADER) / SEALED;
          assertTrue(chunk >= firstChunk && chunk <= lastChunk,
              "range " + Arrays.toString(r) + " read chunk " + chunk);
          assertEquals(HEADER + chunk * SEALED, read.position(), "whole chunks are read");
        }
      }
    }
  }

  @Test
  void piecesOfOneChunkDecryptItOnce() throws IOException {
    MemoryChannel channel = new MemoryChannel(CT);
    try (ChunkedDecryptor d = SCHEME.openDecryptor(KEY, channel)) {
      channel.clearReads();
      for (int i = 0; i < 100; i++) {
        assertArrayEquals(slice(2L * CHUNK + i * 100, 2L * CHUNK + i * 100 + 100), d.read(2L * CHUNK + i * 100, 100));
      }
      assertEquals(SEALED, channel.bytesRead());
    }
  }

  @Test
  void readIntoABufferBehavesLikeFileChannelRead() throws IOException {
    try (ChunkedDecryptor d = SCHEME.openDecryptor(KEY, new MemoryChannel(CT))) {
      ByteBuffer dst = ByteBuffer.allocate(3000);
      assertEquals(3000, d.read(CHUNK - 1500, dst));
      assertArrayEquals(slice(CHUNK - 1500, CHUNK + 1500), dst.array());
      ByteBuffer tail = ByteBuffer.allocateDirect(5000);
      assertEquals(10, d.read(SIZE - 10, tail), "short at the end");
      assertEquals(-1, d.read(SIZE, ByteBuffer.allocate(1)));
      assertEquals(0, d.read(SIZE, ByteBuffer.allocate(0)));
      assertThrows(IllegalArgumentException.class, () -> d.read(-1, ByteBuffer.allocate(1)));
      assertThrows(IndexOutOfBoundsException.class, () -> d.read(SIZE - 1, 2));
      assertThrows(IndexOutOfBoundsException.class, () -> d.read(-1, 1));
    }
  }

  @Test
  void aDamagedMiddleChunkFailsOnlyTheReadsThatNeedIt() throws IOException {
    byte[] damaged = Fixtures.flip(CT, HEADER + 2 * SEALED + 100);
    try (ChunkedDecryptor d = SCHEME.openDecryptor(KEY, new MemoryChannel(damaged))) {
      assertEquals(AUTHENTICATION, assertThrows(CryptoException.class, () -> d.decryptChunk(2)).check());
      assertArrayEquals(slice(CHUNK, 2L * CHUNK), d.decryptChunk(1));
      assertArrayEquals(slice(3L * CHUNK, 4L * CHUNK), d.decryptChunk(3));
      // A range from chunk 1 into chunk 2: what went into the buffer is chunk 1's part, and no more.
      ByteBuffer dst = ByteBuffer.allocate(2000);
      assertEquals(AUTHENTICATION, assertThrows(CryptoException.class, () -> d.read(2L * CHUNK - 700, dst)).check());
      assertEquals(700, dst.position());
      assertArrayEquals(slice(2L * CHUNK - 700, 2L * CHUNK), Arrays.copyOf(dst.array(), 700));
      assertTrue(Arrays.equals(new byte[1300], 0, 1300, dst.array(), 700, 2000), "nothing of chunk 2");
    }
  }

  @Test
  void openingChecksTheCommitmentTheSizeAndTheFinalChunk() {
    assertOpenFails(SCHEME.newKey(), CT, KEY_COMMITMENT);
    assertOpenFails(KEY, Arrays.copyOf(CT, 40), TRUNCATED);
    assertOpenFails(KEY, Arrays.copyOf(CT, HEADER + 2 * SEALED), TRUNCATED);
    assertOpenFails(KEY, Arrays.copyOf(CT, HEADER + 5 * SEALED + 9), LENGTH);
    assertOpenFails(KEY, Arrays.copyOf(CT, CT.length - 1), AUTHENTICATION);
    assertOpenFails(KEY, Fixtures.flip(CT, CT.length - 1), AUTHENTICATION);
    assertOpenFails(KEY, Fixtures.concat(CT, new byte[40]), TRAILING_DATA);
    // Appended data that runs past a chunk border moves the final chunk to where there is only
    // garbage: the decryptor cannot tell that from damage.
    assertOpenFails(KEY, Fixtures.concat(CT, new byte[SEALED]), AUTHENTICATION);
  }

  private static void assertOpenFails(SecretBytes key, byte[] ct, Check check) {
    MemoryChannel channel = new MemoryChannel(ct);
    CryptoException e = assertThrows(CryptoException.class, () -> SCHEME.openDecryptor(key, channel));
    assertEquals(check, e.check(), e.getMessage());
    assertTrue(channel.isOpen(), "a failed open leaves the channel to the caller");
  }

  @Test
  void aFileIsReadPositionallyAndAFileThatShrinksIsTruncated(@TempDir Path dir) throws IOException {
    Path file = Files.write(dir.resolve("weights.enc"), CT);
    try (ChunkedDecryptor d = SCHEME.openDecryptor(KEY, file)) {
      assertArrayEquals(slice(4L * CHUNK + 3, 4L * CHUNK + 300), d.read(4L * CHUNK + 3, 297));
      try (FileChannel writer = FileChannel.open(file, StandardOpenOption.WRITE)) {
        writer.truncate(HEADER + 2L * SEALED + 10);
      }
      assertArrayEquals(slice(CHUNK, 2L * CHUNK), d.decryptChunk(1));
      assertEquals(TRUNCATED, assertThrows(CryptoException.class, () -> d.decryptChunk(2)).check());
    }
  }

  @Test
  void aClosedDecryptorRefusesReads() throws IOException {
    ChunkedDecryptor d = SCHEME.openDecryptor(KEY, new MemoryChannel(CT));
    d.close();
    d.close();
    assertThrows(ClosedChannelException.class, () -> d.decryptChunk(0));
    assertThrows(ClosedChannelException.class, () -> d.decryptChunk(5), "not even the cached final chunk");
  }

  @Test
  void aFileThatIsNotACiphertextIsClosedAgainWhenOpeningFails(@TempDir Path dir) throws IOException {
    Path file = Files.write(dir.resolve("short"), new byte[10]);
    assertEquals(TRUNCATED, assertThrows(CryptoException.class, () -> SCHEME.openDecryptor(KEY, file)).check());
    Files.delete(file); // would fail on some platforms if the channel had leaked
  }
}
