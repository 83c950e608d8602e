package ai.nesa.aivm.benchmarks.crypto;

import ai.nesa.aivm.benchmarks.HeapMeter;
import ai.nesa.aivm.benchmarks.Timing;
import ai.nesa.aivm.crypto.ChunkedEncryption;
import ai.nesa.aivm.crypto.SecretBytes;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Shows that chunked encryption streams in constant memory: 4 GiB of generated plaintext through
 * the encrypting stream to a discarding sink, then 4 GiB through encryption into an OS pipe and
 * decryption out of it on another thread, with the SHA-256 of the plaintext going in and of the
 * plaintext coming out compared, all in a JVM capped at 32 MiB of heap.
 *
 * <pre>
 * java -Xmx32m -cp aivm-sdk-benchmarks/target/benchmarks.jar ai.nesa.aivm.benchmarks.crypto.HeapCappedStream [MiB]
 * </pre>
 *
 * <p>Exits 0 when both passes finished and the digests match; 1 when they differ or a pass failed;
 * 2, before doing anything, when the max heap is above 32 MiB, since a larger heap would prove
 * nothing.
 */
public final class HeapCappedStream {
  static final long HEAP_CAP = 32 * Timing.MIB;

  private HeapCappedStream() {}

  public static void main(String[] args) throws Exception {
    long size = (args.length > 0 ? Long.parseLong(args[0]) : 4096) * Timing.MIB;
    long maxHeap = Runtime.getRuntime().maxMemory();
    if (maxHeap > HEAP_CAP) {
      System.err.println("refusing to run: the max heap is " + Timing.mib(maxHeap) + ", above the "
          + Timing.mib(HEAP_CAP) + " cap this harness proves the streams against; run it with java -Xmx32m");
      System.exit(2);
    }
    byte[] pattern = PatternSource.pattern((int) Timing.MIB);
    ChunkedEncryption scheme = ChunkedEncryption.aes256Gcm();
    SecretBytes key = scheme.newKey();

    // Pass 1: encrypting stream to a discarding sink.
    long encryptNanos;
    long encryptPeak;
    long encryptLive;
    CountingSink counted = new CountingSink();
    try (HeapMeter heap = HeapMeter.start()) {
      long start = System.nanoTime();
      try (OutputStream out = scheme.encryptingStream(key, counted);
          InputStream in = new PatternSource(pattern, size)) {
        in.transferTo(out);
      }
      encryptNanos = System.nanoTime() - start;
      encryptPeak = heap.snapshot().peakPoolsSum();
      encryptLive = heap.snapshot().maxAfterGc();
    }
    boolean sizeRight = counted.count == ChunkedEncryption.ciphertextSize(size);

    // Pass 2: encrypt into a pipe on one thread, decrypt out of it on this one, hash both ends.
    long roundNanos;
    long roundPeak;
    long roundLive;
    long collections;
    byte[] sent;
    byte[] received;
    try (HeapMeter heap = HeapMeter.start()) {
      long start = System.nanoTime();
      Pipe pipe = Pipe.open();
      CompletableFuture<byte[]> writer = CompletableFuture.supplyAsync(() -> {
        try (WritableByteChannel out = scheme.encryptingChannel(key, pipe.sink());
            DigestInputStream in = new DigestInputStream(new PatternSource(pattern, size), sha256())) {
          in.transferTo(Channels.newOutputStream(out));
          return in.getMessageDigest().digest();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      MessageDigest digest = sha256();
      try (ReadableByteChannel in = scheme.decryptingChannel(key, pipe.source())) {
        Channels.newInputStream(in).transferTo(new DigestSink(digest));
      }
      received = digest.digest();
      sent = writer.join();
      roundNanos = System.nanoTime() - start;
      roundPeak = heap.snapshot().peakPoolsSum();
      roundLive = heap.snapshot().maxAfterGc();
      collections = heap.snapshot().collections();
    }
    boolean same = Arrays.equals(sent, received);

    System.out.printf(Locale.ROOT, "plaintext     %s, AES-256-GCM chunked, heap max %s%n", Timing.mib(size),
        Timing.mib(maxHeap));
    System.out.printf(Locale.ROOT, "encrypt only  %s (%.0f MB/s) to a discarding sink; ciphertext %,d bytes %s%n",
        Timing.seconds(encryptNanos), Timing.mbPerSecond(size, encryptNanos), counted.count,
        sizeRight ? "as expected" : "WRONG");
    System.out.printf(Locale.ROOT, "              heap peak %s (sum of pool peaks), live peak %s (after a GC)%n",
        Timing.mib(encryptPeak), Timing.mib(encryptLive));
    System.out.printf(Locale.ROOT, "round trip    %s (%.0f MB/s) encrypt -> OS pipe -> decrypt, two threads%n",
        Timing.seconds(roundNanos), Timing.mbPerSecond(size, roundNanos));
    System.out.printf(Locale.ROOT, "              heap peak %s (sum of pool peaks), live peak %s (after one of %d GCs)%n",
        Timing.mib(roundPeak), Timing.mib(roundLive), collections);
    System.out.printf(Locale.ROOT, "sha-256 in    %s%nsha-256 out   %s%n", HexFormat.of().formatHex(sent),
        HexFormat.of().formatHex(received));
    boolean ok = same && sizeRight;
    System.out.println(ok ? "PASS" : "FAIL");
    System.exit(ok ? 0 : 1);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Counts and drops. */
  static final class CountingSink extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }

  /** Hashes and drops. */
  static final class DigestSink extends OutputStream {
    private final MessageDigest digest;

    DigestSink(MessageDigest digest) {
      this.digest = digest;
    }

    @Override
    public void write(int b) {
      digest.update((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      digest.update(b, off, len);
    }
  }
}
