package ai.nesa.aivm.crypto.internal.chunked;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.WritableByteChannel;

/** Byte sources and sinks over streams and blocking channels, so one core serves both. */
public final class Io {
  private Io() {}

  /** Where ciphertext or plaintext goes. */
  @FunctionalInterface
  public interface Sink {
    /** Writes all {@code len} bytes. */
    void write(byte[] b, int off, int len) throws IOException;
  }

  /** Where bytes come from. */
  @FunctionalInterface
  public interface Source {
    /** Reads up to {@code len > 0} bytes, blocking for at least one; -1 at the end. */
    int read(byte[] b, int off, int len) throws IOException;
  }

  public static Sink sink(OutputStream out) {
    return out::write;
  }

  public static Source source(InputStream in) {
    return in::read;
  }

  public static Sink sink(WritableByteChannel channel) {
    requireBlocking(channel);
    return (b, off, len) -> {
      ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    };
  }

  public static Source source(ReadableByteChannel channel) {
    requireBlocking(channel);
    return (b, off, len) -> {
      ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
      int n;
      do {
        n = channel.read(buffer);
      } while (n == 0);
      return n;
    };
  }

  /**
   * Reads until {@code len} bytes arrived or the source ended.
   *
   * @return the bytes read, fewer than {@code len} only at the end
   */
  public static int readFully(Source source, byte[] b, int off, int len) throws IOException {
    int done = 0;
    while (done < len) {
      int n = source.read(b, off + done, len - done);
      if (n < 0) {
        break;
      }
      done += n;
    }
    return done;
  }

  /** A non-blocking channel would make the loops above spin: refuse it up front. */
  private static void requireBlocking(Object channel) {
    if (channel instanceof SelectableChannel selectable && !selectable.isBlocking()) {
      throw new IllegalArgumentException("chunked encryption needs a blocking channel");
    }
  }
}
