package ai.nesa.aivm.sdk.kernels.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.Problem;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.Eip712;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.crypto.Keccak256;
import ai.nesa.aivm.crypto.Signature;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.kernels.Manifest;
import ai.nesa.aivm.sdk.kernels.ManifestEntry;
import ai.nesa.aivm.sdk.kernels.SignedManifest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class SignedManifestTest {
  /** Anvil's first dev key: public knowledge, never for real funds. */
  static final EthPrivateKey ANVIL_0 = EthPrivateKey.fromBytes(
      Hex.decode("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));
  static final Address ANVIL_0_ADDRESS = Address.of("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
  static final long CHAIN = 31337;

  private static Manifest tamperFirstFile(Manifest m, UnaryOperator<ManifestEntry.Builder> change) {
    List<ManifestEntry> files = new ArrayList<>(m.files());
    files.set(0, change.apply(files.get(0).toBuilder()).build());
    return m.toBuilder().files(files).build();
  }

  @Test
  void theAuthorsSignatureVerifies() {
    SignedManifest signed = ManifestGoldenTest.golden().sign(ANVIL_0, CHAIN);
    assertEquals(ANVIL_0_ADDRESS, signed.author());
    assertEquals(CHAIN, signed.chainId());
    signed.verify(ANVIL_0_ADDRESS);
    Eip712.verify(signed.manifest().typedData(CHAIN), signed.signature(), ANVIL_0_ADDRESS);
  }

  @Test
  void theTypedDataIsTheDocumentedWireFormat() {
    Manifest m = ManifestGoldenTest.golden();
    var td = m.typedData(CHAIN);
    assertEquals("KernelManifest(string model,string version,bytes32 manifestHash)",
        Eip712.encodeType(td, "KernelManifest"));
    assertEquals("KernelManifest", td.primaryType());
    assertEquals("AIVM", td.domain().name().orElseThrow());
    assertEquals("1", td.domain().version().orElseThrow());
    assertEquals(CHAIN, td.domain().chainId().orElseThrow().longValueExact());
    assertEquals(true, td.domain().verifyingContract().isEmpty());
    // hashStruct = keccak256(typeHash ‖ keccak256(model) ‖ keccak256(version) ‖ manifestHash)
    byte[] typeHash = Keccak256.digest(
        "KernelManifest(string model,string version,bytes32 manifestHash)".getBytes(StandardCharsets.UTF_8));
    var expected = Keccak256.hash(typeHash,
        Keccak256.digest("acme/sentiment".getBytes(StandardCharsets.UTF_8)),
        Keccak256.digest("1.2.0".getBytes(StandardCharsets.UTF_8)),
        m.hash().bytes());
    assertEquals(expected, Eip712.hashStruct(td));
  }

  /**
   * What ethers 6.17.0 computes for the golden manifest with anvil's first key: {@code
   * TypedDataEncoder.hash} and {@code Wallet.signTypedData} over domain {name "AIVM", version "1",
   * chainId 31337} and the KernelManifest type.
   */
  static final String ETHERS_DIGEST = "0x7c28a38d0fcb5bce318ad20b0ed6e1a4d39e96e86e4a2d176415ec92253d9e64";
  static final String ETHERS_SIGNATURE = "0xa6ceafd26e47e5e62b31d6f5202af6827107f821c61242cf6c2a0c10e2caba7e"
      + "73af955ee035ba7362e350a1fc73b8f64725c178f31262d4f1c8bbeb8bac08ce1b";

  @Test
  void theDigestAndSignatureAreThoseEthersMakesForTheSameManifest() {
    Manifest golden = ManifestGoldenTest.golden();
    assertEquals(Hash32.of(ETHERS_DIGEST), Eip712.hash(golden.typedData(CHAIN)));
    SignedManifest.of(golden, CHAIN, ANVIL_0_ADDRESS, Signature.fromHex(ETHERS_SIGNATURE)).verify(ANVIL_0_ADDRESS);
    assertEquals(ETHERS_SIGNATURE, golden.sign(ANVIL_0, CHAIN).signature().toHex());
  }

  @Test
  void aChangedSizeIsASignerMismatch() {
    SignedManifest signed = ManifestGoldenTest.golden().sign(ANVIL_0, CHAIN);
    Manifest tampered = tamperFirstFile(signed.manifest(), e -> e.size(e.build().size() + 1));
    CryptoException e = assertThrows(CryptoException.class, () -> SignedManifest
        .of(tampered, CHAIN, signed.author(), signed.signature()).verify(ANVIL_0_ADDRESS));
    assertEquals(CryptoException.Check.SIGNER_MISMATCH, e.check());
  }

  @Test
  void aChangedCidIsASignerMismatch() {
    SignedManifest signed = ManifestGoldenTest.golden().sign(ANVIL_0, CHAIN);
    Manifest tampered = tamperFirstFile(signed.manifest(),
        e -> e.cid(Cid.of("bafkreiddm54dskldl5xwai6ly4wvslgluzh74srnxso5q65a5dwqicht2m")));
    CryptoException e = assertThrows(CryptoException.class, () -> SignedManifest
        .of(tampered, CHAIN, signed.author(), signed.signature()).verify(ANVIL_0_ADDRESS));
    assertEquals(CryptoException.Check.SIGNER_MISMATCH, e.check());
  }

  @Test
  void anotherVersionChainOrAuthorIsASignerMismatch() {
    SignedManifest signed = ManifestGoldenTest.golden().sign(ANVIL_0, CHAIN);
    Manifest otherVersion = signed.manifest().toBuilder().version(Semver.of("1.2.1")).build();
    Address stranger = Address.of("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    for (SignedManifest s : List.of(
        SignedManifest.of(otherVersion, CHAIN, signed.author(), signed.signature()),
        SignedManifest.of(signed.manifest(), 1, signed.author(), signed.signature()),
        SignedManifest.of(signed.manifest(), CHAIN, stranger, signed.signature()))) {
      CryptoException e = assertThrows(CryptoException.class, () -> s.verify(s.author()));
      assertEquals(CryptoException.Check.SIGNER_MISMATCH, e.check());
    }
    CryptoException e = assertThrows(CryptoException.class, () -> signed.verify(stranger));
    assertEquals(CryptoException.Check.SIGNER_MISMATCH, e.check());
  }

  @Test
  void theJsonFormRoundTripsAndStillVerifies() {
    SignedManifest signed = ManifestGoldenTest.golden().sign(ANVIL_0, CHAIN);
    String json = signed.toJson();
    assertTrue(json.startsWith("{\"author\":\"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266\",\"chainId\":31337,"
        + "\"manifest\":" + signed.manifest().toCanonicalJson() + ",\"signature\":\"0x"), json);
    SignedManifest read = SignedManifest.fromJson(json);
    assertEquals(signed, read);
    read.verify(ANVIL_0_ADDRESS);
  }

  @Test
  void aTamperedJsonFormReadsButDoesNotVerify() {
    SignedManifest signed = ManifestGoldenTest.golden().sign(ANVIL_0, CHAIN);
    ManifestEntry first = signed.manifest().files().get(0);
    String tampered = signed.toJson().replaceFirst("\"size\":" + first.size() + "}", "\"size\":" + (first.size() + 1) + "}");
    SignedManifest read = SignedManifest.fromJson(tampered);
    assertEquals(first.size() + 1, read.manifest().files().get(0).size());
    CryptoException e = assertThrows(CryptoException.class, () -> read.verify(ANVIL_0_ADDRESS));
    assertEquals(CryptoException.Check.SIGNER_MISMATCH, e.check());
  }

  @Test
  void aBrokenJsonFormListsEveryProblemWithItsPath() {
    String json = "{\"author\":\"0x1234\",\"chainId\":0,\"manifest\":{\"schemaVersion\":\"1\",\"name\":\"nope\","
        + "\"version\":\"1.0.0\",\"files\":[]},\"signature\":\"0xzz\",\"extra\":1}";
    AivmValidationException e = assertThrows(AivmValidationException.class, () -> SignedManifest.fromJson(json));
    List<String> paths = e.problems().stream().map(Problem::path).toList();
    assertEquals(List.of("$.extra", "$.manifest.name", "$.chainId", "$.author", "$.signature"), paths);
  }
}
