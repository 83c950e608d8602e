package ai.nesa.aivm.crypto.chunked;

import static ai.nesa.aivm.crypto.chunked.Fixtures.CHUNK;
import static ai.nesa.aivm.crypto.chunked.Fixtures.HEADER;
import static ai.nesa.aivm.crypto.chunked.Fixtures.SEALED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.nio.channels.ClosedChannelException;
import java.nio.channels.WritableByteChannel;
import org.junit.jupiter.api.Test;

/** The encrypting side's contract: when bytes go out, what close and flush do, and failures. */
class EncryptingStreamTest {
  static final ChunkedEncryption SCHEME = ChunkedEncryption.aes256Gcm();
  static final SecretBytes KEY = SCHEME.newKey();

  @Test
  void aChunkGoesOutAsSoonAsItIsFullAndThePartialOneOnlyOnClose() throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    OutputStream out = SCHEME.encryptingStream(KEY, sink);
    out.write(new byte[100]);
    out.flush();
    assertEquals(0, sink.size(), "a partial chunk is not sealed early: it would become the final chunk");
    out.write(new byte[CHUNK - 100]);
    assertEquals(HEADER + SEALED, sink.size(), "the header and the first chunk, as soon as it filled");
    out.write(new byte[5]);
    out.flush();
    assertEquals(HEADER + SEALED, sink.size());
    out.close();
    assertEquals(HEADER + SEALED + 5 + 16, sink.size());
    assertArrayEquals(new byte[CHUNK + 5], SCHEME.decrypt(KEY, sink.toByteArray()));
  }

  @Test
  void closingTwiceIsHarmlessAndWritingAfterCloseFails() throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    OutputStream out = SCHEME.encryptingStream(KEY, sink);
    out.write(1);
    out.close();
    out.close();
    assertEquals(HEADER + 1 + 16, sink.size(), "one final chunk, not two");
    assertThrows(IOException.class, () -> out.write(2));

    WritableByteChannel channel = SCHEME.encryptingChannel(KEY, Channels.newChannel(new ByteArrayOutputStream()));
    channel.close();
    assertThrows(ClosedChannelException.class, () -> channel.write(ByteBuffer.allocate(1)));
  }

  @Test
  void closingANeverWrittenStreamGivesTheEmptyMessage() throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    SCHEME.encryptingStream(KEY, sink).close();
    assertEquals(72, sink.size());
    assertArrayEquals(new byte[0], SCHEME.decrypt(KEY, sink.toByteArray()));
  }

  @Test
  void afterAFailedWriteTheStreamRefusesMoreSoNoNonceIsUsedTwice() throws IOException {
    FailingSink sink = new FailingSink(HEADER + SEALED + 10);
    OutputStream out = SCHEME.encryptingStream(KEY, sink);
    out.write(new byte[CHUNK]);
    assertThrows(IOException.class, () -> out.write(new byte[CHUNK]));
    IOException again = assertThrows(IOException.class, () -> out.write(new byte[1]));
    assertTrue(again.getMessage().contains("earlier write failed"), again.getMessage());
    assertThrows(IOException.class, out::close);
  }

  @Test
  void theOneCallFormLeavesATruncatedCiphertextWhenTheSourceFails() throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    InputStream failing = new InputStream() {
      int left = 3 * CHUNK + 7;

      @Override
      public int read() throws IOException {
        throw new IOException("disk gone");
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (left == 0) {
          throw new IOException("disk gone");
        }
        int n = Math.min(len, left);
        left -= n;
        return n;
      }
    };
    assertThrows(IOException.class, () -> SCHEME.encrypt(KEY, failing, sink));
    CryptoException e = assertThrows(CryptoException.class, () -> SCHEME.decrypt(KEY, sink.toByteArray()));
    assertEquals(CryptoException.Check.TRUNCATED, e.check(), "no final chunk was written: it cannot pass as whole");
  }

  @Test
  void theOneCallFormsWorkInBatchesOfChunksButGiveTheSameBytes() throws IOException {
    byte[] plain = Fixtures.plaintext(20 * CHUNK + 77);
    byte[] salt = new byte[24];
    ByteArrayOutputStream oneCall = new ByteArrayOutputStream();
    SCHEME.withRandom(new Fixtures.FixedRandom(salt)).encrypt(KEY, new ByteArrayInputStream(plain), oneCall);
    ByteArrayOutputStream streamed = new ByteArrayOutputStream();
    try (OutputStream out = SCHEME.withRandom(new Fixtures.FixedRandom(salt)).encryptingStream(KEY, streamed)) {
      out.write(plain);
    }
    assertArrayEquals(streamed.toByteArray(), oneCall.toByteArray());

    // Decryption in batches too: 21 chunks come out in 3 writes, and right.
    int[] writes = {0};
    ByteArrayOutputStream back = new ByteArrayOutputStream() {
      @Override
      public synchronized void write(byte[] b, int off, int len) {
        writes[0]++;
        super.write(b, off, len);
      }
    };
    assertEquals(plain.length, SCHEME.decrypt(KEY, new ByteArrayInputStream(oneCall.toByteArray()), back));
    assertArrayEquals(plain, back.toByteArray());
    assertEquals(3, writes[0]);
  }

  /** Takes {@code limit} bytes, then fails every write. */
  static final class FailingSink extends OutputStream {
    private int left;

    FailingSink(int limit) {
      this.left = limit;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len > left) {
        throw new IOException("sink full");
      }
      left -= len;
    }
  }
}
