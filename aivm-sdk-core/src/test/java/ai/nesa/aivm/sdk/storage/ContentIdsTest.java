package ai.nesa.aivm.sdk.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.sdk.AivmIoException;
import ai.nesa.aivm.sdk.Cid;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ContentIdsTest {
  private static final byte[] HELLO = "hello world".getBytes(StandardCharsets.UTF_8);

  @Test
  void anEmptyFileIsOneEmptyLeaf() {
    // The values of js-ipfs's importer and Debian's ipfs_cid for a 0-byte file.
    FileCids cids = ContentIds.v1AndV0().of(new byte[0]);
    assertEquals(Cid.of("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku"), cids.cidV1());
    assertEquals(Cid.of("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH"), cids.cidV0().orElseThrow());
    assertEquals(0, cids.size());
    assertEquals(1, cids.leafCount());
  }

  @Test
  void aFileOfOneChunkIsItsRawLeaf() {
    FileCids cids = ContentIds.v1AndV0().of(HELLO);
    assertEquals(Cid.of("bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e"), cids.cidV1());
    assertEquals(Cid.of("Qmf412jQZiuVUtdgnB36FXFX7xg5V6KEbSJ4dpQuhkLyfD"), cids.cidV0().orElseThrow());
    assertEquals(ContentIds.rawLeaf(HELLO), cids.cidV1());
  }

  @Test
  void rawLeafIsBase32OfVersionCodecAndSha256() {
    assertEquals(Cid.of("bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e"), ContentIds.rawLeaf(HELLO));
  }

  @Test
  void v1OnlyComputesNoCidV0AndTheSameCidV1() {
    byte[] bytes = random(700_000, 7);
    FileCids v1 = ContentIds.v1Only().of(bytes);
    assertTrue(v1.cidV0().isEmpty());
    assertEquals(ContentIds.v1AndV0().of(bytes).cidV1(), v1.cidV1());
    assertTrue(v1.cidV1().value().startsWith("bafybei"), "a file of several chunks has a dag-pb root");
  }

  @Test
  void everySourceAndEveryWayOfCuttingTheBytesGivesTheSameCids() {
    byte[] bytes = random(3 * ContentIds.CHUNK_SIZE + 12_345, 11);
    FileCids whole = ContentIds.v1AndV0().of(bytes);

    CidHasher pieces = ContentIds.v1AndV0().newHasher();
    int offset = 0;
    for (int n = 1; offset < bytes.length; n = n * 3 + 1) {
      int length = Math.min(n, bytes.length - offset);
      pieces.update(bytes, offset, length);
      offset += length;
    }
    assertEquals(whole, pieces.finish());

    for (ContentIds ids : List.of(ContentIds.v1AndV0(), ContentIds.v1Only())) {
      CidHasher direct = ids.newHasher();
      ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
      while (buffer.hasRemaining()) {
        direct.update(buffer.slice(buffer.position(), Math.min(100_000, buffer.remaining())));
        buffer.position(Math.min(buffer.limit(), buffer.position() + 100_000));
      }
      assertEquals(ids.of(bytes), direct.finish());
    }

    assertEquals(whole, ContentIds.v1AndV0().of(new ByteArrayInputStream(bytes)));
    assertEquals(whole, ContentIds.v1AndV0().of(Channels.newChannel(new ByteArrayInputStream(bytes))));
  }

  @Test
  void aFileEndingOnAChunkBoundaryHasNoEmptyLastLeaf() {
    FileCids cids = ContentIds.v1Only().of(new byte[2 * ContentIds.CHUNK_SIZE]);
    assertEquals(2, cids.leafCount());
    assertEquals(2L * ContentIds.CHUNK_SIZE, cids.size());
  }

  @Test
  void theLeafListenerIsToldEveryChunkInOrder() {
    byte[] bytes = random(2 * ContentIds.CHUNK_SIZE + 5, 3);
    List<String> leaves = new ArrayList<>();
    FileCids cids = ContentIds.v1Only()
        .onLeaf((index, offset, length, cid) -> {
          assertEquals(ContentIds.rawLeaf(Arrays.copyOfRange(bytes, (int) offset, (int) offset + length)), cid);
          leaves.add(index + "@" + offset + "+" + length);
        })
        .of(bytes);
    assertEquals(List.of("0@0+262144", "1@262144+262144", "2@524288+5"), leaves);
    assertEquals(3, cids.leafCount());
  }

  @Test
  void aHasherFinishesOnce() {
    CidHasher hasher = ContentIds.v1Only().newHasher();
    hasher.finish();
    assertThrows(IllegalStateException.class, hasher::finish);
    assertThrows(IllegalStateException.class, () -> hasher.update(new byte[1], 0, 1));
  }

  @Test
  void aMissingFileIsAnIoException() {
    assertThrows(AivmIoException.class, () -> ContentIds.v1Only().of(Path.of("target", "no-such-file")));
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new SplittableRandom(seed).nextBytes(bytes);
    return bytes;
  }
}
