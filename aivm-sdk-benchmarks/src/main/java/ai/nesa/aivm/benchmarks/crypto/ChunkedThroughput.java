package ai.nesa.aivm.benchmarks.crypto;

import ai.nesa.aivm.benchmarks.Timing;
import ai.nesa.aivm.crypto.ChunkedEncryption;
import ai.nesa.aivm.crypto.SecretBytes;
import ai.nesa.aivm.crypto.internal.chunked.Aead;
import ai.nesa.aivm.crypto.internal.chunked.MessageKeys;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * Chunked encryption and decryption of 1 GiB through the SDK against raw JCA AES-256-GCM over the
 * same bytes in the same 16 KiB chunks ({@link RawGcmChunks}), in one run, and their throughput
 * ratios: the one-call forms ({@code encrypt(key, in, out)}, {@code decrypt(...)}) and the stream
 * wrappers (16 KiB writes into {@code encryptingStream}, {@code transferTo} out of {@code
 * decryptingStream}).
 *
 * <pre>
 * java -Xmx2g -cp aivm-sdk-benchmarks/target/benchmarks.jar \
 *     ai.nesa.aivm.benchmarks.crypto.ChunkedThroughput [MiB] [reps]
 * </pre>
 *
 * <p>Everything is in memory, so no disk is timed: the plaintext is a 16 MiB random pattern cycled
 * by {@link PatternSource} (a read is one array copy), the ciphertext to decrypt is one SDK
 * encryption of it held in a byte array, read through a {@link ByteArrayInputStream}, and output
 * goes to {@link OutputStream#nullOutputStream()}. The raw side uses that message's own AES key
 * and base nonce, so it encrypts to the same ciphertext bytes and decrypts the very same array;
 * both are checked once, untimed, before timing. Runs alternate SDK and raw, after warm-up runs;
 * medians are reported. Exits 1 when any of the four ratios is below 0.7.
 */
public final class ChunkedThroughput {
  private static final double TARGET = 0.7;

  private ChunkedThroughput() {}

  public static void main(String[] args) throws Exception {
    long size = (args.length > 0 ? Long.parseLong(args[0]) : 1024) * Timing.MIB;
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int warmups = 2;
    long ctSize = ChunkedEncryption.ciphertextSize(size);
    if (ctSize > Integer.MAX_VALUE - 8 || Runtime.getRuntime().maxMemory() < ctSize + 256 * Timing.MIB) {
      System.err.println("needs the " + Timing.mib(ctSize) + " ciphertext in one array and room beside it: "
          + "at most 2047 MiB, and run with java -Xmx2g");
      System.exit(2);
    }

    byte[] pattern = PatternSource.pattern(16 * (int) Timing.MIB);
    ChunkedEncryption scheme = ChunkedEncryption.aes256Gcm();
    SecretBytes key = scheme.newKey();
    byte[] ct = new byte[(int) ctSize];
    scheme.encrypt(key, new PatternSource(pattern, size), new ArraySink(ct, 0));
    MessageKeys keys = MessageKeys.derive(Aead.AES_256_GCM, key, Arrays.copyOf(ct, 24), new byte[0]);
    RawGcmChunks raw = new RawGcmChunks(keys.aeadKey(), keys.baseNonce());

    // Same bytes both ways, checked once before any timing.
    ChunkedEncryption.aes256Gcm().decrypt(key, new ByteArrayInputStream(ct), new PatternCheck(pattern));
    raw.decrypt(skipHeader(ct), new PatternCheck(pattern));
    raw.encrypt(new PatternSource(pattern, size), new ArrayCheck(ct, 56));

    OutputStream nowhere = OutputStream.nullOutputStream();
    Timing.Run sdkEncrypt = () -> scheme.encrypt(key, new PatternSource(pattern, size), nowhere);
    Timing.Run rawEncrypt = () -> raw.encrypt(new PatternSource(pattern, size), nowhere);
    Timing.Run sdkDecrypt = () -> scheme.decrypt(key, new ByteArrayInputStream(ct), nowhere);
    Timing.Run rawDecrypt = () -> raw.decrypt(skipHeader(ct), nowhere);
    // The stream wrappers: 16 KiB writes into the encrypting stream, transferTo out of the decrypting one.
    Timing.Run streamEncrypt = () -> {
      // A fresh sink each run: closing the encrypting stream closes it.
      try (InputStream in = new PatternSource(pattern, size);
          OutputStream out = scheme.encryptingStream(key, OutputStream.nullOutputStream())) {
        byte[] buffer = new byte[16 * 1024];
        for (int n; (n = in.readNBytes(buffer, 0, buffer.length)) > 0; ) {
          out.write(buffer, 0, n);
        }
      }
    };
    Timing.Run streamDecrypt = () -> {
      try (InputStream in = scheme.decryptingStream(key, new ByteArrayInputStream(ct))) {
        in.transferTo(nowhere);
      }
    };
    Timing.Run[] runs = {sdkEncrypt, rawEncrypt, sdkDecrypt, rawDecrypt, streamEncrypt, streamDecrypt};

    for (int w = 0; w < warmups; w++) {
      for (Timing.Run run : runs) {
        run.run();
      }
    }
    long[][] nanos = new long[runs.length][reps];
    for (int r = 0; r < reps; r++) {
      for (int i = 0; i < runs.length; i++) {
        // Alternate which side goes first, so drift on a shared machine hits both alike.
        int k = r % 2 == 0 ? i : runs.length - 1 - i;
        nanos[k][r] = Timing.time(runs[k]);
      }
    }

    String[] names = {"sdk encrypt", "raw encrypt", "sdk decrypt", "raw decrypt", "sdk stream encrypt",
        "sdk stream decrypt"};
    System.out.printf(Locale.ROOT, "%s of plaintext, 16 KiB chunks, AES-256-GCM, %d warm-up + %d timed runs each%n",
        Timing.mib(size), warmups, reps);
    System.out.printf(Locale.ROOT, "%-18s %10s %10s   %s%n", "", "median", "MB/s", "runs (s)");
    for (int i = 0; i < runs.length; i++) {
      long m = Timing.median(nanos[i]);
      System.out.printf(Locale.ROOT, "%-18s %10s %10.0f   %s%n", names[i], Timing.seconds(m),
          Timing.mbPerSecond(size, m), Timing.all(nanos[i]));
    }
    double encRatio = Timing.median(nanos[1]) / (double) Timing.median(nanos[0]);
    double decRatio = Timing.median(nanos[3]) / (double) Timing.median(nanos[2]);
    double streamEncRatio = Timing.median(nanos[1]) / (double) Timing.median(nanos[4]);
    double streamDecRatio = Timing.median(nanos[3]) / (double) Timing.median(nanos[5]);
    System.out.printf(Locale.ROOT, "%nthroughput ratio sdk/raw encrypt    = %.3f   target >= %.1f   %s%n", encRatio,
        TARGET,
        encRatio >= TARGET ? "PASS" : "FAIL");
    System.out.printf(Locale.ROOT, "throughput ratio sdk/raw decrypt    = %.3f   target >= %.1f   %s%n", decRatio,
        TARGET,
        decRatio >= TARGET ? "PASS" : "FAIL");
    System.out.printf(Locale.ROOT, "throughput ratio stream/raw encrypt = %.3f   target >= %.1f   %s%n", streamEncRatio,
        TARGET, streamEncRatio >= TARGET ? "PASS" : "FAIL");
    System.out.printf(Locale.ROOT, "throughput ratio stream/raw decrypt = %.3f   target >= %.1f   %s%n", streamDecRatio,
        TARGET, streamDecRatio >= TARGET ? "PASS" : "FAIL");
    boolean pass = Math.min(Math.min(encRatio, decRatio), Math.min(streamEncRatio, streamDecRatio)) >= TARGET;
    System.exit(pass ? 0 : 1);
  }

  private static InputStream skipHeader(byte[] ct) {
    return new ByteArrayInputStream(ct, 56, ct.length - 56);
  }

  /** Writes into a preallocated array: a 1 GiB ByteArrayOutputStream would need twice the heap. */
  static final class ArraySink extends OutputStream {
    private final byte[] array;
    private int at;

    ArraySink(byte[] array, int from) {
      this.array = array;
      this.at = from;
    }

    @Override
    public void write(int b) {
      array[at++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      System.arraycopy(b, off, array, at, len);
      at += len;
    }
  }

  /** A sink that checks what arrives is {@code expected} from {@code from} on: the raw side's chunks are the SDK's. */
  static final class ArrayCheck extends OutputStream {
    private final byte[] expected;
    private int at;

    ArrayCheck(byte[] expected, int from) {
      this.expected = expected;
      this.at = from;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len > expected.length - at || !Arrays.equals(b, off, off + len, expected, at, at + len)) {
        throw new IOException("the raw baseline's ciphertext differs from the SDK's near byte " + at);
      }
      at += len;
    }
  }

  /** A sink that checks what arrives is the pattern, cycled. */
  static final class PatternCheck extends OutputStream {
    private final byte[] pattern;
    private long at;

    PatternCheck(byte[] pattern) {
      this.pattern = pattern;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      for (int i = 0; i < len; ) {
        int p = (int) (at % pattern.length);
        int n = Math.min(len - i, pattern.length - p);
        if (!Arrays.equals(b, off + i, off + i + n, pattern, p, p + n)) {
          throw new IOException("plaintext differs near byte " + at);
        }
        i += n;
        at += n;
      }
    }
  }
}
