package ai.nesa.aivm.sdk.ledger;

import static ai.nesa.aivm.crypto.TypedData.field;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.Eip712;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Signature;
import ai.nesa.aivm.crypto.TypedData;
import ai.nesa.aivm.sdk.internal.ledger.LedgerRequestJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link LedgerAction} signed by its signer with EIP-712: what the gateway relays to the ledger
 * ({@code POST /v1/ledger/requests}) and what {@link Ledger#submit} applies.
 *
 * <pre>{@code
 * LedgerDomain domain = ledger.domain();
 * LedgerRequest request = LedgerRequest.sign(
 *     new LedgerAction.PublishVersion(model, version, published.manifestCid(), published.manifest().hash()),
 *     owner, domain, ledger.nextNonce(owner.address()), Instant.now().plusSeconds(600));
 * LedgerReceipt receipt = ledger.submit(request);
 * }</pre>
 *
 * <p>The typed data is the action's struct ({@link LedgerAction}) with {@code nonce} and {@code
 * deadline} (Unix seconds) as its last two fields, primary type {@link
 * LedgerRequestKind#primaryType()}, in the ledger's {@link LedgerDomain}. Immutable.
 *
 * @since 0.1.0
 */
public final class LedgerRequest {
  private final LedgerAction action;
  private final Address signer;
  private final long nonce;
  private final Instant deadline;
  private final Signature signature;

  private LedgerRequest(LedgerAction action, Address signer, long nonce, Instant deadline, Signature signature) {
    this.action = Objects.requireNonNull(action, "action");
    this.signer = Objects.requireNonNull(signer, "signer");
    if (nonce < 0) {
      throw AivmValidationException.of("nonce", "minimum", nonce, "a nonce is not negative");
    }
    this.nonce = nonce;
    this.deadline = Objects.requireNonNull(deadline, "deadline");
    if (deadline.getEpochSecond() < 0 || deadline.getNano() != 0) {
      throw AivmValidationException.of("deadline", "seconds", deadline.toString(),
          "a deadline is a whole number of seconds after 1970");
    }
    this.signature = Objects.requireNonNull(signature, "signature");
  }

  /**
   * Signs {@code action} as {@code signer} for {@code domain}, with the signer's next {@code nonce}
   * and a {@code deadline} (cut to whole seconds) after which the ledger refuses it.
   *
   * @throws AivmValidationException naming {@code nonce} or {@code deadline} when negative
   */
  public static LedgerRequest sign(LedgerAction action, EthSigner signer, LedgerDomain domain, long nonce,
      Instant deadline) {
    Objects.requireNonNull(signer, "signer");
    if (nonce < 0) {
      throw AivmValidationException.of("nonce", "minimum", nonce, "a nonce is not negative");
    }
    Instant seconds = Instant.ofEpochSecond(Objects.requireNonNull(deadline, "deadline").getEpochSecond());
    Signature signature = Eip712.sign(signer, typedData(action, domain, nonce, seconds));
    return new LedgerRequest(action, signer.address(), nonce, seconds, signature);
  }

  /** A request as received; nothing is checked until the ledger {@linkplain #verify verifies} it. */
  public static LedgerRequest of(LedgerAction action, Address signer, long nonce, Instant deadline, Signature signature) {
    return new LedgerRequest(action, signer, nonce, deadline, signature);
  }

  /** The typed data that {@code action}, with {@code nonce} and {@code deadline}, is signed as in {@code domain}. */
  public static TypedData typedData(LedgerAction action, LedgerDomain domain, long nonce, Instant deadline) {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(domain, "domain");
    List<TypedData.Field> fields = new ArrayList<>(action.fields());
    fields.add(field("nonce", "uint256"));
    fields.add(field("deadline", "uint256"));
    Map<String, Object> message = new LinkedHashMap<>(action.values());
    message.put("nonce", nonce);
    message.put("deadline", deadline.getEpochSecond());
    return TypedData.builder()
        .domain(domain.typedDataDomain())
        .type(action.kind().primaryType(), fields)
        .primaryType(action.kind().primaryType())
        .message(message)
        .build();
  }

  /** This request's typed data in {@code domain}. */
  public TypedData typedData(LedgerDomain domain) {
    return typedData(action, domain, nonce, deadline);
  }

  /**
   * Checks that {@link #signer()} signed exactly this request in {@code domain}.
   *
   * @throws CryptoException {@code SIGNER_MISMATCH} when the signature recovers to another address
   *     (a changed field or another domain shows up so), {@code SIGNATURE_HIGH_S} or {@code
   *     SIGNATURE_INVALID} for a malformed signature
   */
  public void verify(LedgerDomain domain) {
    Eip712.verify(typedData(domain), signature, signer);
  }

  /**
   * The gateway's {@code SignedLedgerRequest} JSON, canonical: {@code kind}, {@code signer}
   * (EIP-55), {@code nonce}, {@code deadline} (RFC 3339), {@code payload} (the EIP-712 message:
   * addresses in EIP-55, bytes as {@code 0x} hex, integers as numbers, with {@code nonce} and {@code
   * deadline} in Unix seconds) and {@code signature}.
   */
  public String toJson() {
    return LedgerRequestJson.write(this);
  }

  /**
   * Reads a request from the gateway's JSON; nothing is verified until {@link #verify}.
   *
   * @throws AivmValidationException listing every problem with its JSON path ({@code
   *     $.payload.rating}): bad JSON, an unknown or missing key, a kind the SDK does not know, a
   *     value that does not parse or breaks its rule, a payload nonce or deadline other than the
   *     request's
   */
  public static LedgerRequest fromJson(String json) {
    return LedgerRequestJson.read(Objects.requireNonNull(json, "json"));
  }

  /** What the request does. */
  public LedgerAction action() {
    return action;
  }

  /** The request's kind. */
  public LedgerRequestKind kind() {
    return action.kind();
  }

  /** Who signed it. */
  public Address signer() {
    return signer;
  }

  /** The signer's nonce it carries. */
  public long nonce() {
    return nonce;
  }

  /** After this instant the ledger refuses it. */
  public Instant deadline() {
    return deadline;
  }

  /** The signature, r ‖ s ‖ v. */
  public Signature signature() {
    return signature;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LedgerRequest r && action.equals(r.action) && signer.equals(r.signer) && nonce == r.nonce
        && deadline.equals(r.deadline) && signature.equals(r.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(action, signer, nonce, deadline, signature);
  }

  @Override
  public String toString() {
    return "LedgerRequest{" + action + ", signer " + signer + ", nonce " + nonce + ", deadline " + deadline + "}";
  }
}
