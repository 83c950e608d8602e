package ai.nesa.aivm.sdk.storage;

import ai.nesa.aivm.crypto.testing.NodeScript;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.internal.storage.StreamingCidHasher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SDK's CIDs equal those of two independent implementations over the same files: Debian's
 * {@code ipfs_cid} (Rust; prints the default CIDv0) and npm's ipfs-unixfs-importer (the importer of
 * js-ipfs's {@code add}; CIDv1 with raw leaves, and CIDv0).
 */
class ContentIdsInteropTest {
  private static final long KIB = 1024;
  private static final long MIB = KIB * KIB;
  private static final long CHUNK = ContentIds.CHUNK_SIZE;

  /** The sizes issue 4 names, plus the edges of the second DAG level (174 and 175 chunks). */
  private static final Map<String, Long> SIZES = new LinkedHashMap<>();

  static {
    SIZES.put("0B", 0L);
    SIZES.put("1B", 1L);
    SIZES.put("256KiB", CHUNK);
    SIZES.put("256KiB+1", CHUNK + 1);
    SIZES.put("10MiB", 10 * MIB);
    SIZES.put("174chunks", 174 * CHUNK);
    SIZES.put("175chunks", 175 * CHUNK);
    SIZES.put("120MiB+7", 120 * MIB + 7);
  }

  private static final Map<String, Path> FILES = new LinkedHashMap<>();
  private static final Map<String, FileCids> OURS = new LinkedHashMap<>();

  @BeforeAll
  static void writeFilesAndComputeTheirCids() {
    long seed = 1;
    for (Map.Entry<String, Long> size : SIZES.entrySet()) {
      Path file = TestFiles.write("file-" + size.getKey(), size.getValue(), seed++);
      FILES.put(size.getKey(), file);
      OURS.put(size.getKey(), ContentIds.v1AndV0().of(file));
    }
  }

  @AfterAll
  static void deleteFiles() {
    FILES.values().forEach(TestFiles::delete);
  }

  @Test
  void cidV0EqualsDebiansIpfsCid() {
    for (String name : FILES.keySet()) {
      String json = ipfsCid(FILES.get(name));
      FileCids ours = OURS.get(name);
      assertEquals(field(json, "CIDv0"), ours.cidV0().orElseThrow().value(), name);
      // ipfs_cid's "CIDv1" is the same dag-pb root as a CIDv1, not the raw-leaves CID.
      CidBytes theirV1 = CidBytes.decode(Cid.of(field(json, "CIDv1")));
      assertTrue(theirV1.sameBlockAs(CidBytes.decode(ours.cidV0().orElseThrow())), name);
      assertEquals(SIZES.get(name), ours.size(), name);
    }
  }

  @Test
  void cidV1WithRawLeavesEqualsTheJsIpfsImporterInBothDialects() {
    List<String> lines = importer(ContentIds.CHUNK_SIZE, ContentIds.MAX_LINKS, new ArrayList<>(FILES.values()));
    int i = 0;
    for (String name : FILES.keySet()) {
      String[] their = lines.get(i++).split(" ");
      FileCids ours = OURS.get(name);
      assertEquals(their[0], ours.cidV1().value(), name + " base32");
      assertTrue(CidBytes.sameCid(Cid.of(their[1]), ours.cidV1()), name + " base58btc");
      assertEquals(their[1], CidBytes.decode(ours.cidV1()).toBase58().value(), name + " base58btc text");
      assertEquals(their[2], ours.cidV0().orElseThrow().value(), name + " CIDv0");
      assertEquals(Long.parseLong(their[3]), ours.size(), name + " size");
      assertEquals(Long.parseLong(their[4]), ours.dagSize(), name + " DAG size");
    }
  }

  @Test
  void deepTreesEqualTheJsIpfsImporterWithSmallChunksAndFewLinks() {
    // 1000-byte chunks and 3 links per node reach 6 levels in 100 kB: every level's edge case.
    long[] sizes = {0, 1, 999, 1000, 1001, 2000, 3000, 3001, 9000, 9001, 27000, 27001, 81001, 100_000};
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < sizes.length; i++) {
      files.add(TestFiles.write("small-" + sizes[i], sizes[i], 100 + i));
    }
    try {
      List<String> lines = importer(1000, 3, files);
      for (int i = 0; i < sizes.length; i++) {
        StreamingCidHasher hasher = new StreamingCidHasher(1000, 3, true, null);
        byte[] bytes = read(files.get(i));
        hasher.update(bytes, 0, bytes.length);
        FileCids ours = hasher.finish();
        String[] their = lines.get(i).split(" ");
        assertEquals(their[0], ours.cidV1().value(), sizes[i] + " B, CIDv1");
        assertEquals(their[2], ours.cidV0().orElseThrow().value(), sizes[i] + " B, CIDv0");
        assertEquals(Long.parseLong(their[4]), ours.dagSize(), sizes[i] + " B, DAG size");
      }
    } finally {
      files.forEach(TestFiles::delete);
    }
  }

  private static List<String> importer(int chunkSize, int maxLinks, List<Path> files) {
    List<String> args = new ArrayList<>(List.of("--chunk-size", "" + chunkSize, "--max-links", "" + maxLinks));
    files.forEach(f -> args.add(f.toString()));
    List<String> lines = NodeScript.run("unixfs-cids.mjs", "", args.toArray(String[]::new)).lines().toList();
    assertEquals(files.size(), lines.size(), "one line per file from the importer");
    return lines;
  }

  private static byte[] read(Path file) {
    try {
      return java.nio.file.Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
    if (!m.find()) {
      throw new AssertionError("ipfs_cid printed no " + name + ": " + json);
    }
    return m.group(1);
  }

  /** Runs Debian's {@code ipfs_cid FILE}, which prints {@code {"CIDv0":"Qm…","CIDv1":"bafy…"}}. */
  private static String ipfsCid(Path file) {
    Process p;
    try {
      p = new ProcessBuilder("ipfs_cid", file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new AssertionError("Debian's ipfs_cid is not installed: run `apt-get install ipfs-cid` ("
          + e.getMessage() + ")", e);
    }
    try (InputStream out = p.getInputStream()) {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      out.transferTo(buffer);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new AssertionError("ipfs_cid " + file + " failed: " + buffer.toString(StandardCharsets.UTF_8));
      }
      return buffer.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
