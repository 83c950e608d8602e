package ai.nesa.aivm.sdk.kernels.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.crypto.Keccak256;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.kernels.FileEncryption;
import ai.nesa.aivm.sdk.kernels.FileRole;
import ai.nesa.aivm.sdk.kernels.Manifest;
import ai.nesa.aivm.sdk.kernels.ManifestEntry;
import ai.nesa.aivm.sdk.storage.ContentIds;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestGoldenTest {
  static final String DIR = "/fixtures/kernels/bundle/";

  /** The golden manifest's files and their contents, as the fixture README describes. */
  static Manifest golden() {
    Map<String, byte[]> contents = new LinkedHashMap<>();
    contents.put("model.onnx", new byte[] {8, 7, 'o', 'n', 'n', 'x', '-', 'g', 'r', 'a', 'p', 'h'});
    contents.put("README.md", "# Sentiment\n".getBytes(StandardCharsets.UTF_8));
    contents.put("aivm.json", "{\"schemaVersion\":\"1\"}".getBytes(StandardCharsets.UTF_8));
    contents.put("code/infer.py", "print('hi')\n".getBytes(StandardCharsets.UTF_8));
    contents.put("docs/café \"q\"\t\u001f.md", "notes".getBytes(StandardCharsets.UTF_8));
    contents.put("weights/enc.bin", new byte[40]);
    Map<String, String> types = Map.of("model.onnx", "application/onnx", "README.md", "text/markdown",
        "aivm.json", "application/json", "code/infer.py", "text/x-python",
        "docs/café \"q\"\t\u001f.md", "text/markdown", "weights/enc.bin", "application/octet-stream");
    Map<String, FileRole> roles = Map.of("model.onnx", FileRole.WEIGHTS, "README.md", FileRole.DOCS,
        "aivm.json", FileRole.CONFIG, "code/infer.py", FileRole.CODE,
        "docs/café \"q\"\t\u001f.md", FileRole.DOCS, "weights/enc.bin", FileRole.WEIGHTS);
    Manifest.Builder b = Manifest.builder().name(ModelId.of("acme/sentiment")).version(Semver.of("1.2.0"));
    contents.forEach((path, bytes) -> {
      ManifestEntry.Builder e = ManifestEntry.builder()
          .path(path)
          .size(bytes.length)
          .cid(ContentIds.v1Only().of(bytes).cidV1())
          .mediaType(types.get(path))
          .role(roles.get(path));
      if (path.equals("weights/enc.bin")) {
        e.encryption(FileEncryption.of("c2sp-chunked-aes-256-gcm",
            Map.of("salt", "0xabababababababababababababababab", "chunkSize", 16384L)));
      }
      b.file(e.build());
    });
    return b.build();
  }

  static byte[] fixture(String name) {
    try (InputStream in = ManifestGoldenTest.class.getResourceAsStream(DIR + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void canonicalJsonIsByteForByteTheGoldenFixture() {
    byte[] expected = fixture("manifest.canonical.json");
    assertArrayEquals(expected, golden().toCanonicalBytes(),
        () -> "expected " + new String(expected, StandardCharsets.UTF_8) + "\nactual   " + golden().toCanonicalJson());
    assertEquals(new String(expected, StandardCharsets.UTF_8), golden().toCanonicalJson());
  }

  @Test
  void hashIsKeccak256OfTheGoldenBytes() {
    Hash32 ofFixture = Hash32.fromBytes(Keccak256.digest(fixture("manifest.canonical.json")));
    assertEquals(ofFixture, golden().hash());
    // pinned, so a change to Keccak256 itself shows up here too
    assertEquals(Hash32.of(GOLDEN_HASH), golden().hash());
  }

  /** {@code ethers.keccak256} (ethers 6.17.0) of the fixture's bytes. */
  static final String GOLDEN_HASH = "0xbfff1692237aac926b947a14b41e05d00f80c02c2825b3a65f488bfca7ed9ba1";

  @Test
  void readingTheGoldenGivesTheSameManifest() {
    Manifest read = Manifest.fromJson(new String(fixture("manifest.canonical.json"), StandardCharsets.UTF_8));
    assertEquals(golden(), read);
    assertEquals(golden().hash(), read.hash());
    assertEquals(golden().files(), read.files());
  }

  @Test
  void keyOrderWhitespaceEscapesAndNumberFormDoNotChangeTheHash() {
    String reordered = new String(fixture("manifest.reordered.json"), StandardCharsets.UTF_8);
    Manifest read = Manifest.fromJson(reordered);
    assertEquals(golden().hash(), read.hash());
    assertArrayEquals(fixture("manifest.canonical.json"), read.toCanonicalBytes());
  }

  @Test
  void filesAreSortedByPathInCodePointOrder() {
    var paths = golden().files().stream().map(ManifestEntry::path).toList();
    assertEquals("README.md", paths.get(0)); // upper case sorts before lower case
    assertEquals("weights/enc.bin", paths.get(paths.size() - 1));
    for (int i = 1; i < paths.size(); i++) {
      assertTrue(paths.get(i - 1).compareTo(paths.get(i)) < 0);
    }
  }

  @Test
  void anEmptyEncryptionIsLeftOutNotNull() {
    String json = golden().toCanonicalJson();
    assertTrue(!json.contains("null") && json.indexOf("\"encryption\"") == json.lastIndexOf("\"encryption\""));
  }
}
