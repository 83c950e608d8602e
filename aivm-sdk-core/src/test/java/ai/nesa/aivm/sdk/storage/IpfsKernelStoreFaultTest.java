package ai.nesa.aivm.sdk.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.sdk.AivmIoException;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.UnexpectedResponseException;
import ai.nesa.aivm.sdk.internal.storage.DagPb;
import ai.nesa.aivm.sdk.internal.storage.Multicodec;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How the IPFS store meets a node that misbehaves, and both RPC dialects, on a MockWebServer. */
class IpfsKernelStoreFaultTest {
  private static final int CHUNK = ContentIds.CHUNK_SIZE;

  @StartStop
  private final MockWebServer server = new MockWebServer();

  private KernelStore store;

  @BeforeEach
  void open() {
    store = KernelStore.ipfs(server.url("/").uri());
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aNodeThatStoresTheContentUnderAnotherCidIsAMismatchAndItsCopyIsUnpinned() throws Exception {
    byte[] content = bytes(CHUNK + 5, 1);
    Cid ours = ContentIds.v1Only().of(content).cidV1();
    Cid theirs = CidBytes.decode(ContentIds.v1Only().of(bytes(CHUNK + 5, 2)).cidV1()).toBase58();
    server.enqueue(json(200, "{\"Name\":\"kernel-object\",\"Hash\":\"" + theirs + "\",\"Size\":262261}"));
    server.enqueue(json(200, "{\"Pins\":[\"" + theirs + "\"]}"));

    ContentMismatchException e = assertThrows(ContentMismatchException.class,
        () -> store.put(new ByteArrayInputStream(content)));

    assertEquals(ours, e.expected());
    assertEquals(theirs, e.actual().orElseThrow());
    RecordedRequest add = server.takeRequest();
    assertEquals("/api/v0/add", add.getUrl().encodedPath());
    assertEquals("1", add.getUrl().queryParameter("cid-version"));
    assertEquals("true", add.getUrl().queryParameter("raw-leaves"));
    assertEquals("size-262144", add.getUrl().queryParameter("chunker"));
    assertEquals("true", add.getUrl().queryParameter("pin"));
    assertTrue(add.getHeaders().get("Content-Type").startsWith("multipart/form-data"));
    assertTrue(add.getBodySize() > content.length, "the whole content went up in one multipart body");
    RecordedRequest unpin = server.takeRequest();
    assertEquals("/api/v0/pin/rm", unpin.getUrl().encodedPath());
    assertEquals(theirs.value(), unpin.getUrl().queryParameter("arg"));
  }

  @Test
  void aConnectionResetMidAddIsAnIoFailureAndNothingIsRetriedOrUnpinned() {
    server.enqueue(new MockResponse.Builder().onRequestBody(SocketEffect.ShutdownConnection.INSTANCE).build());

    AivmIoException e = assertThrows(AivmIoException.class,
        () -> store.put(new ByteArrayInputStream(bytes(8 * CHUNK, 3))));

    assertEquals(1, server.getRequestCount(), "a one-shot body is never sent twice");
  }

  @Test
  void aFailingContentStreamIsReportedAsTheCallersFailure() {
    server.enqueue(json(200, "{}"));
    InputStream failing = new InputStream() {
      private int left = CHUNK;

      @Override
      public int read() throws java.io.IOException {
        if (left-- <= 0) {
          throw new java.io.IOException("disk pulled");
        }
        return 7;
      }
    };

    AivmIoException e = assertThrows(AivmIoException.class, () -> store.put(failing));

    assertTrue(e.getMessage().contains("could not read the content") && e.getMessage().contains("disk pulled"),
        e.getMessage());
  }

  @Test
  void aNodeErrorIsAnUnexpectedResponseCarryingStatusAndTheNodesMessage() {
    server.enqueue(json(500, "{\"Message\":\"repo is full\",\"Code\":0,\"Type\":\"error\"}"));

    UnexpectedResponseException e = assertThrows(UnexpectedResponseException.class,
        () -> store.put(new ByteArrayInputStream(bytes(100, 4))));

    assertEquals(500, e.status());
    assertTrue(e.getMessage().contains("repo is full"), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"kubo", "js-ipfs"})
  void bothDialectsOfAddPinLsAndBlockStatAreUnderstood(String dialect) {
    byte[] content = bytes(CHUNK + 108, 5);
    FileCids cids = ContentIds.v1Only().of(content);
    Cid base32 = cids.cidV1();
    Cid base58 = CidBytes.decode(base32).toBase58();
    boolean kubo = dialect.equals("kubo");
    // Kubo: base32 CIDs, sizes as strings, pins as a Keys map. js-ipfs: base58, numbers, pin lines.
    server.enqueue(json(200, kubo
        ? "{\"Name\":\"kernel-object\",\"Hash\":\"" + base32 + "\",\"Size\":\"" + cids.dagSize() + "\"}"
        : "{\"Name\":\"kernel-object\",\"Hash\":\"" + base58 + "\",\"Size\":" + cids.dagSize() + ",\"Mode\":\"0644\"}"));
    server.enqueue(json(200, kubo
        ? "{\"Keys\":{\"" + base32 + "\":{\"Type\":\"recursive\"}}}"
        : "{\"Cid\":{\"/\":\"" + base58 + "\"},\"Type\":\"recursive\"}\n"));
    server.enqueue(json(200, kubo
        ? "{\"Key\":\"" + base32 + "\",\"Size\":\"108\"}"
        : "{\"Key\":\"" + base58 + "\",\"Size\":108}"));

    StoredObject stored = store.put(new ByteArrayInputStream(content));

    assertEquals(new StoredObject(base32, content.length), stored, "the SDK's own CID, in base32");
    assertTrue(store.has(base32));
  }

  @Test
  void anAnswerThatIsNotJsonIsAnUnexpectedResponse() {
    server.enqueue(json(200, "<html>proxy login</html>"));

    UnexpectedResponseException e = assertThrows(UnexpectedResponseException.class,
        () -> store.put(new ByteArrayInputStream(bytes(10, 6))));
    assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"{\"Hash\":\"not-a-cid\",\"Size\":1}", "{\"Hash\":\"bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku\",\"Size\":[1]}",
      "{\"Name\":\"kernel-object\"}"})
  void anAddAnswerWithoutAUsableCidOrSizeIsAnUnexpectedResponse(String answer) {
    server.enqueue(json(200, answer));

    UnexpectedResponseException e = assertThrows(UnexpectedResponseException.class,
        () -> store.put(new ByteArrayInputStream(bytes(10, 10))));
    assertEquals(200, e.status());
  }

  @Test
  void aCorruptLeafStopsTheReadAtItsBlockAfterTheGoodBlocks() {
    byte[] content = bytes(3 * CHUNK + 100, 7);
    Node node = new Node(content);
    byte[] corrupt = node.blocks.get(node.leaves.get(1)).clone();
    corrupt[5] ^= 0x01;
    node.blocks.put(node.leaves.get(1), corrupt);
    server.setDispatcher(node);

    byte[] received = new byte[content.length];
    int total = 0;
    ContentMismatchException e = null;
    try (InputStream in = store.open(node.root)) {
      for (int n; (n = in.read(received, total, Math.min(10_000, received.length - total))) > 0; ) {
        total += n;
      }
    } catch (ContentMismatchException thrown) {
      e = thrown;
    } catch (java.io.IOException ioe) {
      throw new AssertionError(ioe);
    }

    assertNotNull(e, "the corrupt block is not handed out");
    assertEquals(CHUNK, total, "the good first block, and not one byte of the bad one");
    assertArrayEquals(Arrays.copyOf(content, total), Arrays.copyOf(received, total));
    assertEquals(1, e.block().orElseThrow());
    assertEquals(node.leaves.get(1), e.expected());
    assertEquals(ContentIds.rawLeaf(corrupt), e.actual().orElseThrow());
    assertTrue(e.getMessage().contains("block 1 of " + node.root), e.getMessage());
    assertArrayEquals(Arrays.copyOfRange(content, 2 * CHUNK, 3 * CHUNK + 100),
        readAll(store.open(node.root, 2 * CHUNK, CHUNK + 100)), "a range that avoids the bad block still reads");
  }

  @Test
  void aRootBlockThatIsNotItsCidIsFoundBeforeAnyByteIsRead() {
    byte[] content = bytes(2 * CHUNK, 8);
    Node node = new Node(content);
    byte[] root = node.blocks.get(node.root).clone();
    root[root.length - 1] ^= 0x01;
    node.blocks.put(node.root, root);
    server.setDispatcher(node);

    ContentMismatchException e = assertThrows(ContentMismatchException.class, () -> store.open(node.root, 0, 1));
    assertEquals(node.root, e.expected());
    assertThrows(ContentMismatchException.class, () -> store.size(node.root));
  }

  @Test
  void aCidTheNodeDoesNotPinIsNotFoundWithoutAskingForItsBlocks() throws Exception {
    Cid cid = ContentIds.v1Only().of(bytes(10, 9)).cidV1();
    server.enqueue(json(500, "{\"Message\":\"path '" + cid + "' is not pinned\",\"Code\":0,\"Type\":\"error\"}"));

    assertThrows(ContentNotFoundException.class, () -> store.open(cid));
    assertEquals("/api/v0/pin/ls", server.takeRequest(1, TimeUnit.SECONDS).getUrl().encodedPath());
    assertEquals(1, server.getRequestCount());
  }

  /** A node holding one pinned object whose blocks (keyed by CID) a test may corrupt. */
  private static final class Node extends Dispatcher {
    final Map<Cid, byte[]> blocks = new ConcurrentHashMap<>();
    final List<Cid> leaves = new ArrayList<>();
    final Cid root;

    Node(byte[] content) {
      List<DagPb.Link> links = new ArrayList<>();
      FileCids cids = ContentIds.v1Only().onLeaf((index, offset, length, cid) -> {
        leaves.add(cid);
        blocks.put(cid, Arrays.copyOfRange(content, (int) offset, (int) offset + length));
        links.add(new DagPb.Link(CidBytes.decode(cid).toBytes(), length, length));
      }).of(content);
      root = cids.cidV1();
      byte[] node = DagPb.node(links);
      assertEquals(root, new Cid(Multicodec.text(Multicodec.cidV1(Multicodec.DAG_PB, sha256(node)))),
          "the test's root node is the one IPFS would write");
      blocks.put(root, node);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getUrl().encodedPath();
      String arg = request.getUrl().queryParameter("arg");
      Cid cid = CidBytes.decode(new Cid(arg)).toCid();
      return switch (path) {
        case "/api/v0/pin/ls" -> cid.equals(root)
            ? json(200, "{\"Keys\":{\"" + CidBytes.decode(root).toBase58() + "\":{\"Type\":\"recursive\"}}}")
            : json(500, "{\"Message\":\"path '" + arg + "' is not pinned\",\"Code\":0,\"Type\":\"error\"}");
        case "/api/v0/block/get" -> blocks.containsKey(cid)
            ? new MockResponse.Builder().code(200).body(new Buffer().write(blocks.get(cid))).build()
            : json(500, "{\"Message\":\"request timed out\",\"Code\":0,\"Type\":\"error\"}");
        default -> json(404, "404 page not found");
      };
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
  }

  private static byte[] bytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new java.util.SplittableRandom(seed).nextBytes(bytes);
    return bytes;
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
