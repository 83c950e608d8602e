package ai.nesa.aivm.sdk.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.sdk.AivmIoException;
import ai.nesa.aivm.sdk.Cid;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKernelStoreTest extends KernelStoreConformance {
  @TempDir
  Path dir;

  @Override
  protected KernelStore newStore() {
    return KernelStore.localDirectory(dir);
  }

  @Test
  void anObjectIsItsBytesUnderItsCidBesideItsLeafList() throws IOException {
    byte[] content = bytes(2 * CHUNK + 1, 20);
    Cid cid = store.put(new ByteArrayInputStream(content)).cid();

    assertEquals(Set.of(".lock", cid.value(), cid.value() + ".leaves"), files());
    assertArrayEquals(content, Files.readAllBytes(dir.resolve(cid.value())));
    assertEquals(8 + 3 * 32, Files.size(dir.resolve(cid.value() + ".leaves")), "header and three digests");
  }

  @Test
  void aPutWhoseStreamFailsHalfWayLeavesNothingAndALaterPutSucceeds() {
    byte[] content = bytes(2 * CHUNK + 77, 21);
    Cid cid = ContentIds.v1Only().of(content).cidV1();

    AivmIoException e = assertThrows(AivmIoException.class,
        () -> store.put(failingAfter(content, CHUNK + 100)));

    assertTrue(e.getMessage().contains("disk pulled"), e.getMessage());
    assertFalse(store.has(cid));
    assertThrows(ContentNotFoundException.class, () -> store.open(cid));
    assertEquals(Set.of(".lock"), files(), "no temporary file is left behind");
    assertEquals(cid, store.put(new ByteArrayInputStream(content), cid).cid());
    assertArrayEquals(content, readAll(store.open(cid)));
  }

  @Test
  void whatACrashedPutLeftIsIgnoredAndDeletedWhenTheStoreIsOpened() throws IOException {
    byte[] content = bytes(1000, 22);
    Cid cid = ContentIds.v1Only().of(content).cidV1();
    Files.write(dir.resolve(".tmp-crashed"), content);
    Files.write(dir.resolve(cid.value() + ".leaves"), new byte[40]); // renamed just before the crash

    assertFalse(store.has(cid), "a leaf list without data is not an object");

    store.close();
    store = newStore();
    assertEquals(Set.of(".lock"), files());
    store.put(new ByteArrayInputStream(content), cid);
    assertArrayEquals(content, readAll(store.open(cid)));
  }

  @Test
  void aFlippedByteOnDiskStopsTheReadAtItsBlockAfterTheGoodBlocks() throws IOException {
    byte[] content = bytes(3 * CHUNK + 1000, 23);
    Cid cid = store.put(new ByteArrayInputStream(content)).cid();
    int flipped = 2 * CHUNK + 5;
    flipByte(dir.resolve(cid.value()), flipped);
    byte[] badBlock = Arrays.copyOfRange(content, 2 * CHUNK, 3 * CHUNK);

    byte[] received = new byte[content.length];
    int total = 0;
    ContentMismatchException e = null;
    try (InputStream in = store.open(cid)) {
      for (int n; (n = in.read(received, total, Math.min(10_000, received.length - total))) > 0; ) {
        total += n;
      }
    } catch (ContentMismatchException thrown) {
      e = thrown;
    }

    assertNotNull(e, "the corrupt block is not handed out");
    assertEquals(2 * CHUNK, total, "the two good blocks, and not one byte of the bad one");
    assertArrayEquals(Arrays.copyOf(content, total), Arrays.copyOf(received, total));
    assertEquals(2, e.block().orElseThrow());
    assertEquals(ContentIds.rawLeaf(badBlock), e.expected());
    badBlock[5] ^= 0x01;
    assertEquals(ContentIds.rawLeaf(badBlock), e.actual().orElseThrow());
    assertTrue(e.getMessage().contains("block 2 of " + cid), e.getMessage());
    assertArrayEquals(Arrays.copyOf(content, CHUNK), readAll(store.open(cid, 0, CHUNK)),
        "a range that avoids the bad block still reads");
  }

  @Test
  void aCorruptLeafListIsFoundWhenTheObjectIsOpened() throws IOException {
    Cid cid = store.put(new ByteArrayInputStream(bytes(2 * CHUNK, 24))).cid();
    flipByte(dir.resolve(cid.value() + ".leaves"), 8 + 40);

    ContentMismatchException e = assertThrows(ContentMismatchException.class, () -> store.open(cid, 0, 1));
    assertEquals(cid, e.expected());
  }

  @Test
  void aDataFileThatGrewOrShrankIsFoundWhenTheObjectIsOpened() throws IOException {
    Cid cid = store.put(new ByteArrayInputStream(bytes(2 * CHUNK + 10, 25))).cid();
    try (FileChannel data = FileChannel.open(dir.resolve(cid.value()), StandardOpenOption.WRITE)) {
      data.truncate(2 * CHUNK + 9);
    }
    assertThrows(ContentMismatchException.class, () -> store.open(cid));
  }

  @Test
  void anObjectWhoseLeafListWasDeletedIsNotStoredUntilPutAgain() throws IOException {
    byte[] content = bytes(CHUNK + 3, 26);
    Cid cid = store.put(new ByteArrayInputStream(content)).cid();
    Files.delete(dir.resolve(cid.value() + ".leaves"));

    assertFalse(store.has(cid));
    ContentNotFoundException e = assertThrows(ContentNotFoundException.class, () -> store.open(cid));
    assertTrue(e.getMessage().contains("leaf list"), e.getMessage());

    store.put(new ByteArrayInputStream(content), cid);
    assertArrayEquals(content, readAll(store.open(cid)));
  }

  @Test
  void aCraftedCidNeverBecomesAPath() {
    assertThrows(AivmValidationException.class, () -> store.has(Cid.of("../x")));
    // Passes Cid's text check but is no CID: refused before any path is built from it.
    Cid notACid = Cid.of("b" + "a".repeat(40));
    assertThrows(AivmValidationException.class, () -> store.has(notACid));
    assertThrows(AivmValidationException.class, () -> store.open(notACid));
    assertThrows(AivmValidationException.class, () -> store.put(new ByteArrayInputStream(new byte[0]), notACid));
  }

  @Test
  void aCidV0IsNeverHeldHereBecauseThisStoreMakesRawLeafCidV1s() {
    Cid v0 = ContentIds.v1AndV0().of(bytes(10, 27)).cidV0().orElseThrow();
    store.put(new ByteArrayInputStream(bytes(10, 27)));
    assertFalse(store.has(v0));
    assertThrows(ContentNotFoundException.class, () -> store.open(v0));
  }

  @Test
  void aSecondStoreCannotOpenTheSameDirectory() {
    assertThrows(AivmIoException.class, () -> KernelStore.localDirectory(dir));
  }

  private Set<String> files() {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).collect(Collectors.toSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void flipByte(Path file, long position) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      channel.read(one, position);
      one.put(0, (byte) (one.get(0) ^ 0x01)).rewind();
      channel.write(one, position);
    }
  }

  /** A stream of {@code content} that fails after {@code limit} bytes, as a dying disk or socket would. */
  private static InputStream failingAfter(byte[] content, int limit) {
    return new InputStream() {
      private int position;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] bytes, int offset, int length) throws IOException {
        if (position >= limit) {
          throw new IOException("disk pulled");
        }
        int n = Math.min(length, limit - position);
        System.arraycopy(content, position, bytes, offset, n);
        position += n;
        return n;
      }
    };
  }
}
