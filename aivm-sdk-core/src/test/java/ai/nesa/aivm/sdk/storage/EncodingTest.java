package ai.nesa.aivm.sdk.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.nesa.aivm.sdk.internal.storage.Base32;
import ai.nesa.aivm.sdk.internal.storage.Base58;
import ai.nesa.aivm.sdk.internal.storage.DagPb;
import ai.nesa.aivm.sdk.internal.storage.Varint;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The encodings under CIDs: varint, base32, base58btc, and dag-pb's leaf wrapper. */
class EncodingTest {
  private static final HexFormat HEX = HexFormat.of();

  @ParameterizedTest
  @CsvSource({
      "0, 00", "1, 01", "127, 7f", "128, 8001", "255, ff01", "300, ac02", "16384, 808001",
      "262144, 808010", "9223372036854775807, ffffffffffffffff7f"})
  void varintsAreLeb128(long value, String hex) {
    assertEquals(hex, HEX.formatHex(Varint.encode(value)));
    assertEquals(hex.length() / 2, Varint.size(value));
    Varint.Read read = Varint.read(HEX.parseHex(hex), 0);
    assertEquals(value, read.value());
    assertEquals(hex.length() / 2, read.length());
  }

  @Test
  void varintsThatAreTruncatedTooLongOrNotMinimalAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> Varint.read(HEX.parseHex("80"), 0));
    assertThrows(IllegalArgumentException.class, () -> Varint.read(HEX.parseHex("8000"), 0));
    assertThrows(IllegalArgumentException.class, () -> Varint.read(HEX.parseHex("ffffffffffffffffff01"), 0));
    assertThrows(IllegalArgumentException.class, () -> Varint.encode(-1));
  }

  @ParameterizedTest
  @CsvSource({
      // RFC 4648 section 10, lower case and unpadded.
      "'', ''", "f, my", "fo, mzxq", "foo, mzxw6", "foob, mzxw6yq", "fooba, mzxw6ytb", "foobar, mzxw6ytboi"})
  void base32IsRfc4648LowerCaseUnpadded(String text, String base32) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    assertEquals(base32, Base32.encode(bytes));
    assertArrayEquals(bytes, Base32.decode(base32));
  }

  @ParameterizedTest
  @CsvSource({
      // The base58btc test vectors of the multibase spec and Bitcoin Core.
      "'', ''", "00, 1", "0000, 11", "61, 2g", "626262, a3gV", "636363, aPEr",
      "00000000000000000000, 1111111111", "000111d38e5fc9071ffcd20b4a763cc9ae4f252bb4e48fd66a835e252ada93ff480d6dd43dc62a641155a5, 123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz",
      "516b6fcd0f, ABnLTmg", "bf4f89001e670274dd, 3SEo3LWLoPntC", "572e4794, 3EFU7m", "ecac89cad93923c02321, EJDM8drfXA6uyA", "10c8511e, Rt5zm"})
  void base58IsBitcoins(String hex, String base58) {
    byte[] bytes = HEX.parseHex(hex);
    assertEquals(base58, Base58.encode(bytes));
    assertArrayEquals(bytes, Base58.decode(base58));
  }

  @Test
  void base32AndBase58RoundTripRandomBytes() {
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 500; i++) {
      byte[] bytes = new byte[random.nextInt(50)];
      random.nextBytes(bytes);
      if (bytes.length > 0 && random.nextBoolean()) {
        bytes[0] = 0;
      }
      assertArrayEquals(bytes, Base32.decode(Base32.encode(bytes)));
      assertArrayEquals(bytes, Base58.decode(Base58.encode(bytes)));
    }
  }

  @Test
  void base32AndBase58RejectForeignCharacters() {
    assertThrows(IllegalArgumentException.class, () -> Base32.decode("mzxw1"));
    assertThrows(IllegalArgumentException.class, () -> Base32.decode("MZXW6"));
    assertThrows(IllegalArgumentException.class, () -> Base58.decode("0OIl"));
  }

  @Test
  void aDagPbFileLeafWrapsTheChunkInUnixFsData() {
    // PBNode{Data(1): UnixFS{Type(1)=File, Data(2)=chunk, filesize(3)=len}}; no links.
    assertEquals("0a0f08021209", HEX.formatHex(DagPb.leafPrefix(9)));
    assertEquals("1809", HEX.formatHex(DagPb.leafSuffix(9)));
    assertEquals("0a8a8010" + "0802" + "12808010", HEX.formatHex(DagPb.leafPrefix(262_144)));
    assertEquals("18808010", HEX.formatHex(DagPb.leafSuffix(262_144)));
    // An empty chunk leaves out Data but keeps filesize 0: the block of QmbFMke1…
    assertEquals("0a040802", HEX.formatHex(DagPb.leafPrefix(0)));
    assertEquals("1800", HEX.formatHex(DagPb.leafSuffix(0)));
  }
}
