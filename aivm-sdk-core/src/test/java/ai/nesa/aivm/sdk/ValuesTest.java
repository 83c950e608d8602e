package ai.nesa.aivm.sdk;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.Hash32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The small closed values: each accepts exactly its form and names what is wrong otherwise. */
class ValuesTest {

  @Test
  void modelIdsParseAndPrintAsOrgSlashName() {
    ModelId id = ModelId.of("acme-labs/sentiment_v2.small");
    assertEquals("acme-labs", id.org());
    assertEquals("sentiment_v2.small", id.name());
    assertEquals("acme-labs/sentiment_v2.small", id.toString());
    assertEquals(id, ModelId.of(id.toString()));
  }

  @Test
  void addressesAreCaseInsensitive() {
    Address mixed = Address.of("0x8ba1f109551bD432803012645Ac136ddd64DBA72");
    assertEquals(Address.of("0X8BA1F109551BD432803012645AC136DDD64DBA72"), mixed);
    assertEquals("0x8ba1f109551bd432803012645ac136ddd64dba72", mixed.hex());
    assertEquals("0x8ba1f109551bD432803012645Ac136ddd64DBA72", mixed.toString(), "printed with its EIP-55 checksum");
  }

  @Test
  void lowerCaseAddressesAreKeptAsGivenAndOthersAreLowered() {
    String lower = "0x8ba1f109551bd432803012645ac136ddd64dba72";
    assertTrue(Address.of(lower).hex() == lower, "no copy of an address already in canonical form");
    assertEquals(lower, Address.of("0X8ba1f109551bd432803012645ac136ddd64dba72").hex());
    assertThrows(AivmValidationException.class, () -> new Address("0x8ba1F109551bd432803012645ac136ddd64dba72"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0x", "8ba1f109551bd432803012645ac136ddd64dba72", "0x8ba1f109551bd432803012645ac136ddd64dba7",
      "0x8ba1f109551bd432803012645ac136ddd64dba7g"})
  void malformedAddressesAreRefusedNamingAddress(String text) {
    AivmValidationException e = assertThrows(AivmValidationException.class, () -> Address.of(text));
    assertEquals("address", e.problems().get(0).path());
  }

  @Test
  void semverOrdersByPrecedence() {
    List<String> sorted = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
        "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.2.0", "1.10.0", "2.0.0");
    List<Semver> shuffled = sorted.stream().map(Semver::of).collect(Collectors.toCollection(ArrayList::new));
    Collections.shuffle(shuffled, new java.util.Random(7));
    Collections.sort(shuffled);
    assertEquals(sorted, shuffled.stream().map(Semver::text).collect(Collectors.toList()));
    assertEquals(0, Semver.of("1.0.0+a").compareTo(Semver.of("1.0.0+b")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "1.0", "v1.0.0", "01.0.0", "1.00.0", "1.0.0.0", "1..0", ".1.0", "1.0.", "1.0.0-",
      "1.0.0-01", "1.0.0+", "1.0.x"})
  void notSemverIsRefusedNamingVersion(String text) {
    AivmValidationException e = assertThrows(AivmValidationException.class, () -> Semver.of(text));
    assertEquals("version", e.problems().get(0).path());
    assertEquals("semver", e.problems().get(0).rule());
  }

  @Test
  void cidsAndHashesCheckTheirTextForm() {
    Cid.of("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG");
    Cid.of("bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy");
    assertThrows(AivmValidationException.class, () -> Cid.of("Qm0OIl"));
    assertThrows(AivmValidationException.class, () -> Cid.of("bafyUPPERCASE"));
    assertEquals(Hash32.of("0x" + "AB".repeat(32)), Hash32.of("0x" + "ab".repeat(32)));
    AivmValidationException e = assertThrows(AivmValidationException.class, () -> Hash32.of("0x1234"));
    assertTrue(e.getMessage().contains("64"));
  }
}
