package ai.nesa.aivm.sdk.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.sdk.Cid;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link KernelStore} shares, whatever holds the bytes: subclass it with a
 * {@link #newStore()} for each implementation (the local directory, IPFS).
 */
public abstract class KernelStoreConformance {
  protected static final int CHUNK = ContentIds.CHUNK_SIZE;
  /** Several chunks and a tail: block boundaries inside, a short last block. */
  protected static final int SEVERAL = 3 * CHUNK + 12_345;

  protected KernelStore store;

  /** A new, empty store; closed after each test. */
  protected abstract KernelStore newStore();

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, SEVERAL})
  void putReturnsTheContentsCidAndSizeAndOpenGivesTheBytesBack(int size) throws IOException {
    byte[] content = bytes(size, size);
    StoredObject stored = store.put(new ByteArrayInputStream(content));

    assertEquals(ContentIds.v1Only().of(content).cidV1(), stored.cid());
    assertEquals(size, stored.size());
    assertTrue(store.has(stored.cid()));
    assertEquals(OptionalLong.of(size), store.size(stored.cid()));
    assertArrayEquals(content, readAll(store.open(stored.cid())));
  }

  @Test
  void putWithTheExpectedCidStoresWhateverBaseTheCidIsWrittenIn() throws IOException {
    byte[] content = bytes(CHUNK + 1, 1);
    Cid cid = ContentIds.v1Only().of(content).cidV1();
    Cid base58 = CidBytes.decode(cid).toBase58();

    StoredObject stored = store.put(new ByteArrayInputStream(content), base58);

    assertTrue(CidBytes.sameCid(cid, stored.cid()));
    assertTrue(store.has(cid));
    assertTrue(store.has(base58), "has compares CIDs, not their texts");
    assertArrayEquals(content, readAll(store.open(base58)));
  }

  @Test
  void putWithAWrongExpectedCidThrowsAMismatchAndStoresNothing() {
    byte[] content = bytes(2 * CHUNK + 3, 2);
    Cid actual = ContentIds.v1Only().of(content).cidV1();
    Cid wrong = ContentIds.v1Only().of(bytes(10, 3)).cidV1();

    ContentMismatchException e = assertThrows(ContentMismatchException.class,
        () -> store.put(new ByteArrayInputStream(content), wrong));

    assertEquals(wrong, e.expected());
    assertEquals(actual, e.actual().orElseThrow());
    assertTrue(e.block().isEmpty());
    assertFalse(store.has(actual));
    assertEquals(OptionalLong.empty(), store.size(actual));
    assertThrows(ContentNotFoundException.class, () -> store.open(actual));
  }

  @Test
  void aRangeAtTheStartReadsOnlyThoseBytes() throws IOException {
    byte[] content = bytes(SEVERAL, 4);
    Cid cid = store.put(new ByteArrayInputStream(content)).cid();
    assertArrayEquals(Arrays.copyOfRange(content, 0, 1000), readAll(store.open(cid, 0, 1000)));
  }

  @Test
  void aRangeInTheMiddleCrossesBlockBoundaries() throws IOException {
    byte[] content = bytes(SEVERAL, 5);
    Cid cid = store.put(new ByteArrayInputStream(content)).cid();
    int from = CHUNK - 100;
    int length = CHUNK + 200; // ends 100 bytes into the third block
    assertArrayEquals(Arrays.copyOfRange(content, from, from + length), readAll(store.open(cid, from, length)));
  }

  @Test
  void aRangeAtTheEndReadsTheShortLastBlock() throws IOException {
    byte[] content = bytes(SEVERAL, 6);
    Cid cid = store.put(new ByteArrayInputStream(content)).cid();
    assertArrayEquals(Arrays.copyOfRange(content, SEVERAL - 5000, SEVERAL), readAll(store.open(cid, SEVERAL - 5000, 5000)));
  }

  @Test
  void aZeroLengthRangeReadsNothingAnywhereUpToTheEnd() throws IOException {
    byte[] content = bytes(SEVERAL, 7);
    Cid cid = store.put(new ByteArrayInputStream(content)).cid();
    for (long offset : new long[] {0, CHUNK, SEVERAL}) {
      try (InputStream in = store.open(cid, offset, 0)) {
        assertEquals(-1, in.read(), "offset " + offset);
      }
    }
  }

  @Test
  void aRangePastTheEndIsRefusedNamingOffsetLengthAndSize() {
    byte[] content = bytes(CHUNK + 10, 8);
    Cid cid = store.put(new ByteArrayInputStream(content)).cid();

    AivmValidationException e = assertThrows(AivmValidationException.class,
        () -> store.open(cid, CHUNK, 11));

    assertTrue(e.getMessage().contains("offset " + CHUNK), e.getMessage());
    assertTrue(e.getMessage().contains("length 11"), e.getMessage());
    assertTrue(e.getMessage().contains(String.valueOf(CHUNK + 10)), e.getMessage());
    assertThrows(AivmValidationException.class, () -> store.open(cid, CHUNK + 11, 0));
    assertThrows(AivmValidationException.class, () -> store.open(cid, -1, 1));
    assertThrows(AivmValidationException.class, () -> store.open(cid, 0, -1));
  }

  @Test
  void singleByteReadsAndSkipsSeeTheSameBytes() throws IOException {
    byte[] content = bytes(2 * CHUNK, 9);
    Cid cid = store.put(new ByteArrayInputStream(content)).cid();
    try (InputStream in = store.open(cid, 10, CHUNK)) {
      assertEquals(content[10] & 0xff, in.read());
      assertEquals(CHUNK - 2L, in.skip(CHUNK - 2L));
      assertEquals(content[10 + CHUNK - 1] & 0xff, in.read());
      assertEquals(-1, in.read());
      assertEquals(0, in.skip(5));
    }
  }

  @Test
  void anUnknownCidIsNotFound() {
    Cid unknown = ContentIds.v1Only().of(bytes(100, 10)).cidV1();

    assertFalse(store.has(unknown));
    assertEquals(OptionalLong.empty(), store.size(unknown));
    ContentNotFoundException e = assertThrows(ContentNotFoundException.class, () -> store.open(unknown));
    assertEquals(unknown, e.cid());
    assertThrows(ContentNotFoundException.class, () -> store.open(unknown, 0, 0));
  }

  @Test
  void puttingTheSameContentAgainIsHarmless() throws IOException {
    byte[] content = bytes(CHUNK + 7, 11);
    StoredObject first = store.put(new ByteArrayInputStream(content));
    StoredObject second = store.put(new ByteArrayInputStream(content), first.cid());

    assertEquals(first, second);
    assertArrayEquals(content, readAll(store.open(first.cid())));
  }

  @Test
  void deleteStopsHoldingTheObjectAndSaysWhetherItWasHeld() throws IOException {
    byte[] content = bytes(CHUNK + 9, 12);
    Cid cid = store.put(new ByteArrayInputStream(content)).cid();

    assertTrue(store.delete(cid));
    assertFalse(store.has(cid));
    assertFalse(store.delete(cid));

    store.put(new ByteArrayInputStream(content));
    assertArrayEquals(content, readAll(store.open(cid)));
  }

  @Test
  void fourThreadsPuttingTheSameAndDifferentContentAllSucceed() throws Exception {
    byte[] shared = bytes(2 * CHUNK + 5, 13);
    Cid sharedCid = ContentIds.v1Only().of(shared).cidV1();
    int threads = 4;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<StoredObject>>> results = new ArrayList<>();
      List<byte[]> own = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        byte[] mine = bytes(CHUNK + 100 * t, 100 + t);
        own.add(mine);
        Callable<List<StoredObject>> task = () -> {
          start.await();
          return List.of(store.put(new ByteArrayInputStream(shared)), store.put(new ByteArrayInputStream(mine)));
        };
        results.add(pool.submit(task));
      }
      start.countDown();
      for (int t = 0; t < threads; t++) {
        List<StoredObject> stored = results.get(t).get(10, TimeUnit.SECONDS);
        assertEquals(new StoredObject(sharedCid, shared.length), stored.get(0));
        assertEquals(ContentIds.v1Only().of(own.get(t)).cidV1(), stored.get(1).cid());
        assertArrayEquals(own.get(t), readAll(store.open(stored.get(1).cid())));
      }
      assertArrayEquals(shared, readAll(store.open(sharedCid)));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aClosedStoreRefusesToWork() {
    Cid cid = ContentIds.v1Only().of(new byte[0]).cidV1();
    store.close();
    assertThrows(IllegalStateException.class, () -> store.has(cid));
    assertThrows(IllegalStateException.class, () -> store.put(new ByteArrayInputStream(new byte[0])));
    store.close(); // closing twice is harmless
  }

  /** {@code size} pseudo-random bytes drawn from {@code seed}. */
  protected static byte[] bytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new SplittableRandom(seed).nextBytes(bytes);
    return bytes;
  }

  /** Everything {@code in} holds, then closes it. */
  protected static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
