package ai.nesa.aivm.sdk.inference;

import static ai.nesa.aivm.crypto.TypedData.field;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.Eip712;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.crypto.Signature;
import ai.nesa.aivm.crypto.TypedData;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.ledger.LedgerDomain;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A node's signed statement of one result: that it ran {@code requestId} on {@code model} at
 * {@code version} (whose manifest hashes to {@code manifestHash}), on the input hashing to {@code
 * inputHash}, and got the output hashing to {@code outputHash}.
 *
 * <p>The signature is EIP-712 over {@value #TYPE} in the ledger's domain, so whoever knows the
 * ledger can check it without trusting the gateway that relayed it.
 *
 * @param requestId the inference's id
 * @param model the model
 * @param version the version
 * @param manifestHash the hash of the version's manifest, as the ledger records it
 * @param inputHash {@link InferenceInput#hash()} of the request's input
 * @param outputHash {@link InferenceOutput#hash()} of this node's output
 * @param node the node's operator address
 * @param timestamp when the node finished, to the millisecond, as signed
 * @param signature the node's signature
 * @since 0.1.0
 */
public record Receipt(String requestId, ModelId model, Semver version, Hash32 manifestHash, Hash32 inputHash,
    Hash32 outputHash, Address node, Instant timestamp, Signature signature) {

  /** The EIP-712 type a receipt is signed as. */
  public static final String TYPE = "Receipt(string requestId,string model,string version,bytes32 manifestHash,"
      + "bytes32 inputHash,bytes32 outputHash,address node,uint64 timestamp)";

  public Receipt {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(manifestHash, "manifestHash");
    Objects.requireNonNull(inputHash, "inputHash");
    Objects.requireNonNull(outputHash, "outputHash");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(signature, "signature");
    timestamp = Instant.ofEpochMilli(timestamp.toEpochMilli());
  }

  /**
   * Signs a receipt as {@code signer}, the node, over the given fields (a node's side; the devnet's
   * nodes use it).
   */
  public static Receipt sign(EthSigner signer, LedgerDomain domain, String requestId, ModelId model, Semver version,
      Hash32 manifestHash, Hash32 inputHash, Hash32 outputHash, Instant timestamp) {
    Instant millis = Instant.ofEpochMilli(timestamp.toEpochMilli());
    TypedData data = typedData(domain, requestId, model, version, manifestHash, inputHash, outputHash,
        signer.address(), millis);
    return new Receipt(requestId, model, version, manifestHash, inputHash, outputHash, signer.address(), millis,
        Eip712.sign(signer, data));
  }

  /** The typed data this receipt's signature covers, in {@code domain}. */
  public TypedData typedData(LedgerDomain domain) {
    return typedData(domain, requestId, model, version, manifestHash, inputHash, outputHash, node, timestamp);
  }

  /**
   * Whether {@link #node} signed this receipt in {@code domain} (low-s, recovered address equal).
   * Never throws for a bad signature.
   */
  public boolean isSignedBy(LedgerDomain domain) {
    try {
      Eip712.verify(typedData(domain), signature, node);
      return true;
    } catch (CryptoException e) {
      return false;
    }
  }

  private static TypedData typedData(LedgerDomain domain, String requestId, ModelId model, Semver version,
      Hash32 manifestHash, Hash32 inputHash, Hash32 outputHash, Address node, Instant timestamp) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("requestId", requestId);
    message.put("model", model.toString());
    message.put("version", version.text());
    message.put("manifestHash", manifestHash.bytes());
    message.put("inputHash", inputHash.bytes());
    message.put("outputHash", outputHash.bytes());
    message.put("node", node);
    message.put("timestamp", BigInteger.valueOf(timestamp.toEpochMilli()));
    return TypedData.builder()
        .domain(domain.typedDataDomain())
        .type("Receipt", field("requestId", "string"), field("model", "string"), field("version", "string"),
            field("manifestHash", "bytes32"), field("inputHash", "bytes32"), field("outputHash", "bytes32"),
            field("node", "address"), field("timestamp", "uint64"))
        .primaryType("Receipt")
        .message(message)
        .build();
  }
}
