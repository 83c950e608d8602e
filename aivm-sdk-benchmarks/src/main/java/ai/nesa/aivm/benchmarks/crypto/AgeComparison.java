package ai.nesa.aivm.benchmarks.crypto;

import ai.nesa.aivm.benchmarks.Timing;
import ai.nesa.aivm.crypto.ChunkedEncryption;
import ai.nesa.aivm.crypto.SecretBytes;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The SDK's chunked encryption against the {@code age} CLI (Debian package {@code age}) on the
 * same 1 GiB file, both ways.
 *
 * <pre>
 * java -cp aivm-sdk-benchmarks/target/benchmarks.jar ai.nesa.aivm.benchmarks.crypto.AgeComparison [dir] [MiB] [reps]
 * </pre>
 *
 * <p>The plaintext file is generated once in {@code dir} (default {@code
 * aivm-sdk-benchmarks/target/crypto-bench}) and read by both sides from the page cache. age
 * encrypts to a fresh X25519 recipient ({@code age-keygen}, then {@code age -r RECIPIENT -o OUT
 * IN}) and decrypts with {@code age -d -i key.txt -o OUT IN}; passphrase mode is not used, its
 * scrypt would swamp the figure. The SDK uses its one-call form between {@code FileChannel}s
 * ({@link ChunkedEncryption#encrypt(SecretBytes, java.nio.channels.ReadableByteChannel,
 * java.nio.channels.WritableByteChannel)} and its {@code decrypt} twin) in this JVM, after a
 * warm-up run (its first, cold runs are printed too); age's times include starting its process,
 * a few milliseconds.
 *
 * <p>Two tables: file to file, each output file deleted and dirty pages synced to disk, untimed,
 * before the run that writes it (what a user does, but on this VM dominated by allocating a
 * gigabyte of new file pages, which is slow and noisy), and file to {@code /dev/null} (the same
 * reads and crypto without that). Runs alternate
 * the two sides; medians are reported; both decrypted files are checked against the plaintext's
 * SHA-256. Exits 1 when the SDK is slower than age either way file to file, or a file is wrong.
 */
public final class AgeComparison {
  private AgeComparison() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "aivm-sdk-benchmarks/target/crypto-bench");
    long size = (args.length > 1 ? Long.parseLong(args[1]) : 1024) * Timing.MIB;
    int reps = args.length > 2 ? Integer.parseInt(args[2]) : 7;
    Files.createDirectories(dir);
    Path plain = dir.resolve("plain.bin");
    Path ageKey = dir.resolve("age-key.txt");
    Path ageCt = dir.resolve("plain.bin.age");
    Path ageOut = dir.resolve("plain.age-decrypted");
    Path sdkCt = dir.resolve("plain.bin.c2sp");
    Path sdkOut = dir.resolve("plain.sdk-decrypted");

    String version = run(List.of("age", "--version")).strip();
    if (!Files.exists(plain) || Files.size(plain) != size) {
      try (OutputStream out = Files.newOutputStream(plain)) {
        new PatternSource(PatternSource.pattern(16 * (int) Timing.MIB), size).transferTo(out);
      }
    }
    Files.deleteIfExists(ageKey);
    run(List.of("age-keygen", "-o", ageKey.toString()));
    String recipient = Files.readAllLines(ageKey).stream()
        .filter(l -> l.startsWith("# public key: ")).findFirst()
        .orElseThrow(() -> new IllegalStateException("no public key in " + ageKey))
        .substring("# public key: ".length());

    ChunkedEncryption scheme = ChunkedEncryption.aes256Gcm();
    SecretBytes key = scheme.newKey();
    System.out.printf(Locale.ROOT, "%s of plaintext in %s, %d timed runs each after a warm-up; age %s%n"
        + "SDK: AES-256-GCM, 16 KiB chunks; age: X25519 recipient, ChaCha20-Poly1305, 64 KiB chunks%n",
        Timing.mib(size), dir, reps, version);

    // 1. File to file: what a user does. Before each run, untimed, the output file it writes is
    //    deleted and dirty pages are flushed (sync), so no run is throttled by another's writeback.
    Timing.Run ageEncrypt = () -> run(List.of("age", "-r", recipient, "-o", ageCt.toString(), plain.toString()));
    Timing.Run ageDecrypt = () -> run(List.of("age", "-d", "-i", ageKey.toString(), "-o", ageOut.toString(),
        ageCt.toString()));
    Timing.Run sdkEncrypt = () -> sdkEncrypt(scheme, key, plain, sdkCt);
    Timing.Run sdkDecrypt = () -> sdkDecrypt(scheme, key, sdkCt, sdkOut);
    Path[] outputs = {sdkCt, ageCt, sdkOut, ageOut};
    prepare(sdkCt);
    long coldEncrypt = Timing.time(sdkEncrypt);
    prepare(sdkOut);
    long coldDecrypt = Timing.time(sdkDecrypt);
    long[][] toFile = measure(reps, outputs, sdkEncrypt, ageEncrypt, sdkDecrypt, ageDecrypt);
    byte[] expected = sha256(plain);
    boolean sdkRight = Arrays.equals(expected, sha256(sdkOut));
    boolean ageRight = Arrays.equals(expected, sha256(ageOut));
    long sdkCtSize = Files.size(sdkCt);
    long ageCtSize = Files.size(ageCt);
    Files.deleteIfExists(ageOut);
    Files.deleteIfExists(sdkOut);

    // 2. File to /dev/null: the same reads and crypto without the cost of allocating 1 GiB of new
    //    file pages, which on this VM is large and noisy.
    Path nul = Path.of("/dev/null");
    long[][] toNull = measure(reps, new Path[4],
        () -> sdkEncrypt(scheme, key, plain, nul),
        () -> run(List.of("age", "-r", recipient, "-o", nul.toString(), plain.toString())),
        () -> sdkDecrypt(scheme, key, sdkCt, nul),
        () -> run(List.of("age", "-d", "-i", ageKey.toString(), "-o", nul.toString(), ageCt.toString())));

    System.out.printf(Locale.ROOT, "ciphertext sizes: sdk %,d bytes, age %,d bytes%n", sdkCtSize, ageCtSize);
    boolean fast = report("file to file", size, toFile);
    System.out.printf(Locale.ROOT, "sdk cold (first run in a fresh JVM): encrypt %s, decrypt %s%n",
        Timing.seconds(coldEncrypt), Timing.seconds(coldDecrypt));
    report("file to /dev/null", size, toNull);
    System.out.printf(Locale.ROOT, "%ndecrypted files match the plaintext: sdk %s, age %s%n", sdkRight, ageRight);

    for (Path p : List.of(ageCt, sdkCt)) {
      Files.deleteIfExists(p);
    }
    System.exit(fast && sdkRight && ageRight ? 0 : 1);
  }

  private static void sdkEncrypt(ChunkedEncryption scheme, SecretBytes key, Path from, Path to) throws IOException {
    try (FileChannel in = FileChannel.open(from);
        FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      scheme.encrypt(key, in, out);
    }
  }

  private static void sdkDecrypt(ChunkedEncryption scheme, SecretBytes key, Path from, Path to) throws IOException {
    try (FileChannel in = FileChannel.open(from);
        FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      scheme.decrypt(key, in, out);
    }
  }

  /**
   * One warm-up of each, then {@code reps} rounds alternating which side goes first; before every
   * run, untimed, {@link #prepare} its output file (null: none).
   */
  private static long[][] measure(int reps, Path[] outputs, Timing.Run sdkEncrypt, Timing.Run ageEncrypt,
      Timing.Run sdkDecrypt, Timing.Run ageDecrypt) throws Exception {
    Timing.Run[] runs = {sdkEncrypt, ageEncrypt, sdkDecrypt, ageDecrypt};
    for (int i = 0; i < runs.length; i++) {
      prepare(outputs[i]);
      runs[i].run();
    }
    long[][] nanos = new long[4][reps];
    for (int r = 0; r < reps; r++) {
      for (int i : r % 2 == 0 ? new int[] {0, 1, 2, 3} : new int[] {1, 0, 3, 2}) {
        prepare(outputs[i]);
        nanos[i][r] = Timing.time(runs[i]);
      }
    }
    return nanos;
  }

  /** Deletes {@code output} and flushes every dirty page to disk, so the next run starts clean. */
  private static void prepare(Path output) throws IOException, InterruptedException {
    if (output != null) {
      Files.deleteIfExists(output);
      run(List.of("sync"));
    }
  }

  /** Prints one table; true when the SDK is at least as fast as age both ways. */
  private static boolean report(String title, long size, long[][] nanos) {
    System.out.printf(Locale.ROOT, "%n%-18s %8s %8s %8s   %s%n", title, "median", "MB/s", "min", "runs (s)");
    String[] names = {"sdk encrypt", "age encrypt", "sdk decrypt", "age decrypt"};
    for (int i = 0; i < 4; i++) {
      long m = Timing.median(nanos[i]);
      long min = Arrays.stream(nanos[i]).min().orElseThrow();
      System.out.printf(Locale.ROOT, "%-18s %8.3f %8.0f %8.3f   %s%n", names[i], m / 1e9, Timing.mbPerSecond(size, m),
          min / 1e9, Timing.all(nanos[i]));
    }
    double enc = Timing.median(nanos[1]) / (double) Timing.median(nanos[0]);
    double dec = Timing.median(nanos[3]) / (double) Timing.median(nanos[2]);
    System.out.printf(Locale.ROOT, "throughput ratio sdk/age encrypt = %.2f   goal >= 1   %s%n", enc,
        enc >= 1 ? "PASS" : "FAIL");
    System.out.printf(Locale.ROOT, "throughput ratio sdk/age decrypt = %.2f   goal >= 1   %s%n", dec,
        dec >= 1 ? "PASS" : "FAIL");
    return enc >= 1 && dec >= 1;
  }

  /** Runs a command to completion; its stdout, or an exception with its stderr. */
  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + new String(err, StandardCharsets.UTF_8));
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  private static byte[] sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return digest.digest();
  }
}
