package ai.nesa.aivm.sdk.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.testing.JsIpfsNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite against a real js-ipfs 0.66.1 node, started offline for this class by
 * {@link JsIpfsNode} and stopped afterwards.
 *
 * <p>The node outlives each test's store, so tests use content of their own; no test relies on the
 * node being empty.
 */
class IpfsKernelStoreTest extends KernelStoreConformance {
  private static JsIpfsNode node;

  @BeforeAll
  static void startNode() throws IOException, InterruptedException {
    node = JsIpfsNode.start();
  }

  @AfterAll
  static void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  @Override
  protected KernelStore newStore() {
    return KernelStore.ipfs(node.rpc());
  }

  @Test
  void aFileOfMoreThan174ChunksIsReadThroughItsTwoLevelDag() throws IOException {
    int size = 175 * CHUNK + 3; // one more leaf than a dag-pb node holds: a root over two interior nodes
    byte[] content = bytes(size, 30);
    Cid cid = store.put(new ByteArrayInputStream(content)).cid();

    assertEquals(ContentIds.v1Only().of(content).cidV1(), cid);
    int from = 174 * CHUNK - 10;
    assertArrayEquals(java.util.Arrays.copyOfRange(content, from, from + CHUNK), readAll(store.open(cid, from, CHUNK)));
    assertArrayEquals(content, readAll(store.open(cid)));
  }

  @Test
  void aDeletedObjectIsNotFoundAlthoughTheNodeStillHasItsBlocks() {
    byte[] content = bytes(2 * CHUNK, 31);
    Cid cid = store.put(new ByteArrayInputStream(content)).cid();
    assertTrue(store.delete(cid));

    assertFalse(store.has(cid));
    assertEquals(java.util.OptionalLong.empty(), store.size(cid));
    assertThrows(ContentNotFoundException.class, () -> store.open(cid));
  }
}
