package ai.nesa.aivm.sdk.kernels;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.Problem;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.Eip712;
import ai.nesa.aivm.crypto.Signature;
import ai.nesa.aivm.sdk.internal.kernels.JsonTree;
import ai.nesa.aivm.sdk.internal.kernels.bundle.CanonicalJson;
import ai.nesa.aivm.sdk.internal.kernels.bundle.ManifestJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link Manifest} with its author's EIP-712 signature: who published the kernel, bound to its
 * name, version and manifest hash on one chain.
 *
 * <pre>{@code
 * SignedManifest signed = bundle.manifest().sign(authorKey, 31337);
 * signed.verify(expectedAuthor); // throws unless expectedAuthor signed exactly this manifest
 * }</pre>
 *
 * <h2>The typed data (a wire format)</h2>
 *
 * <pre>{@code
 * domain:      EIP712Domain(string name,string version,uint256 chainId)
 *              { name: "AIVM", version: "1", chainId: <chainId> }
 * primaryType: KernelManifest
 * types:       KernelManifest(string model,string version,bytes32 manifestHash)
 * message:     { model: "<org/model>", version: "<semver>", manifestHash: <Manifest.hash()> }
 * }</pre>
 *
 * <p>The digest signed is {@code keccak256(0x19 0x01 ‖ domainSeparator ‖
 * hashStruct(KernelManifest))}, what ethers' {@code signTypedData} signs for the same values; the
 * signature is r ‖ s ‖ v with low s and v of 27 or 28.
 *
 * <h2>Security guarantees</h2>
 *
 * <p>{@link #verify(Address)} recomputes the manifest hash from the canonical encoding, so any
 * change to a file's path, size, CID, media type, role or encryption, or to the name or version,
 * makes verification fail. It throws rather than returning a boolean. A signature for one chain
 * id does not verify for another.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class SignedManifest {
  private static final Set<String> JSON_KEYS = Set.of("author", "chainId", "manifest", "signature");

  private final Manifest manifest;
  private final long chainId;
  private final Address author;
  private final Signature signature;

  private SignedManifest(Manifest manifest, long chainId, Address author, Signature signature) {
    this.manifest = Objects.requireNonNull(manifest, "manifest");
    this.chainId = chainId;
    this.author = Objects.requireNonNull(author, "author");
    this.signature = Objects.requireNonNull(signature, "signature");
  }

  /** A signed manifest as received: nothing is checked until {@link #verify(Address)}. */
  public static SignedManifest of(Manifest manifest, long chainId, Address author, Signature signature) {
    return new SignedManifest(manifest, chainId, author, signature);
  }

  /** The manifest. */
  public Manifest manifest() {
    return manifest;
  }

  /** The chain id of the signing domain. */
  public long chainId() {
    return chainId;
  }

  /** The address that claims to have signed. */
  public Address author() {
    return author;
  }

  /** The author's signature over the typed data. */
  public Signature signature() {
    return signature;
  }

  /**
   * Checks that {@code expectedAuthor} signed exactly this manifest on this chain.
   *
   * @throws CryptoException {@code SIGNER_MISMATCH} when the claimed author is another address or
   *     the signature recovers to another address (a tampered manifest or chain id shows up so),
   *     {@code SIGNATURE_HIGH_S} or {@code SIGNATURE_INVALID} for a malformed signature
   */
  public void verify(Address expectedAuthor) {
    Objects.requireNonNull(expectedAuthor, "expectedAuthor");
    if (!author.equals(expectedAuthor)) {
      throw new CryptoException(CryptoException.Check.SIGNER_MISMATCH,
          "the manifest claims author " + author + ", expected " + expectedAuthor);
    }
    Eip712.verify(manifest.typedData(chainId), signature, expectedAuthor);
  }

  /**
   * The canonical JSON form, what a ledger request or a file carries:
   *
   * <pre>{@code
   * {"author":"0x…(EIP-55)","chainId":31337,"manifest":{…the manifest…},"signature":"0x…(65 bytes)"}
   * }</pre>
   */
  public String toJson() {
    Map<String, Object> top = new LinkedHashMap<>();
    top.put("author", author.toString());
    top.put("chainId", chainId);
    top.put("manifest", ManifestJson.tree(manifest));
    top.put("signature", signature.toHex());
    return CanonicalJson.text(top);
  }

  /**
   * Reads the JSON form; nothing is verified until {@link #verify(Address)}.
   *
   * @throws AivmValidationException listing every problem with its JSON path: bad JSON, an
   *     unknown or missing key, a manifest problem under {@code $.manifest}, a chain id that is
   *     not a positive integer, an address or signature that does not parse
   */
  public static SignedManifest fromJson(String json) {
    List<Problem> problems = new ArrayList<>();
    Object doc = JsonTree.read(Objects.requireNonNull(json, "json"), problems);
    Map<String, Object> top = doc == null ? null : ManifestJson.object("$", doc, problems);
    if (top == null) {
      throw new AivmValidationException(problems);
    }
    ManifestJson.keys("$", top, JSON_KEYS, JSON_KEYS, problems);
    Manifest manifest = top.get("manifest") == null ? null : ManifestJson.read("$.manifest", top.get("manifest"), problems);
    Long chainId = ManifestJson.integer("$.chainId", top.get("chainId"), problems);
    if (chainId != null && chainId <= 0) {
      problems.add(Problem.of("$.chainId", "minimum", chainId, "a chain id is positive"));
    }
    String a = ManifestJson.string("$.author", top.get("author"), problems);
    Address author = null;
    try {
      author = a == null ? null : Address.of(a);
    } catch (RuntimeException e) {
      problems.add(Problem.of("$.author", "address", a, "not an Ethereum address: " + e.getMessage()));
    }
    String sig = ManifestJson.string("$.signature", top.get("signature"), problems);
    Signature signature = null;
    try {
      signature = sig == null ? null : Signature.fromHex(sig);
    } catch (RuntimeException e) {
      problems.add(Problem.of("$.signature", "signature", sig, "not a 65-byte r||s||v signature: " + e.getMessage()));
    }
    if (!problems.isEmpty()) {
      throw new AivmValidationException(problems);
    }
    return new SignedManifest(manifest, chainId, author, signature);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedManifest s && manifest.equals(s.manifest) && chainId == s.chainId
        && author.equals(s.author) && signature.equals(s.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(manifest, chainId, author, signature);
  }

  @Override
  public String toString() {
    return "SignedManifest{" + manifest + ", chainId=" + chainId + ", author=" + author + "}";
  }
}
