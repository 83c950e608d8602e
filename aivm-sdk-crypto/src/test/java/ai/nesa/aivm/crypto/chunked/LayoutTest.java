package ai.nesa.aivm.crypto.chunked;

import static ai.nesa.aivm.crypto.chunked.Fixtures.CHUNK;
import static ai.nesa.aivm.crypto.chunked.Fixtures.HEADER;
import static ai.nesa.aivm.crypto.chunked.Fixtures.SEALED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.nesa.aivm.crypto.ChunkedEncryption;
import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.CryptoException.Check;
import org.junit.jupiter.api.Test;

/** The size arithmetic of the spec's implementation notes, both ways, with its impossible sizes. */
class LayoutTest {
  static final long MAX_PLAINTEXT = (1L << 38) * CHUNK - 1;

  @Test
  void ciphertextSizeIs56PlusThePlaintextPlus16AChunk() {
    assertEquals(72, ChunkedEncryption.ciphertextSize(0));
    assertEquals(73, ChunkedEncryption.ciphertextSize(1));
    assertEquals(HEADER + SEALED - 1, ChunkedEncryption.ciphertextSize(CHUNK - 1));
    assertEquals(HEADER + SEALED + 16, ChunkedEncryption.ciphertextSize(CHUNK));
    assertEquals(HEADER + (1L << 38) * SEALED - 1, ChunkedEncryption.ciphertextSize(MAX_PLAINTEXT));
    assertThrows(IllegalArgumentException.class, () -> ChunkedEncryption.ciphertextSize(MAX_PLAINTEXT + 1));
    assertThrows(IllegalArgumentException.class, () -> ChunkedEncryption.ciphertextSize(-1));
  }

  @Test
  void plaintextSizeInvertsIt() {
    for (long n : new long[] {0, 1, 15, 16, 17, CHUNK - 1, CHUNK, CHUNK + 1, 7L * CHUNK + 3, 1L << 40, MAX_PLAINTEXT}) {
      assertEquals(n, ChunkedEncryption.plaintextSize(ChunkedEncryption.ciphertextSize(n)), "size " + n);
    }
  }

  @Test
  void sizesNoCiphertextHasAreRefused() {
    assertCheck(Check.TRUNCATED, 0);
    assertCheck(Check.TRUNCATED, HEADER - 1);
    assertCheck(Check.TRUNCATED, HEADER);
    assertCheck(Check.TRUNCATED, HEADER + 3L * SEALED);
    assertCheck(Check.LENGTH, HEADER + 1);
    assertCheck(Check.LENGTH, HEADER + 15);
    assertCheck(Check.LENGTH, HEADER + 2L * SEALED + 15);
    assertCheck(Check.LENGTH, HEADER + (1L << 38) * SEALED + 16);
    assertCheck(Check.LENGTH, Long.MAX_VALUE);
  }

  private static void assertCheck(Check check, long ciphertextSize) {
    CryptoException e = assertThrows(CryptoException.class, () -> ChunkedEncryption.plaintextSize(ciphertextSize));
    assertEquals(check, e.check(), "size " + ciphertextSize);
  }
}
