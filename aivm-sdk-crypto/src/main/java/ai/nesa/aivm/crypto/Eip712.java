package ai.nesa.aivm.crypto;

import ai.nesa.aivm.crypto.internal.sign.Eip712Encoder;
import ai.nesa.aivm.crypto.internal.sign.Eip712Schema;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * EIP-712 typed-data hashing and signing: {@code keccak256(0x19 0x01 ‖ domainSeparator ‖
 * hashStruct(message))}, the digest of ethers' {@code signTypedData} and of a Solidity contract
 * checking the same types.
 *
 * <pre>{@code
 * Signature signature = Eip712.sign(EthSigner.of(key), manifest);
 * Eip712.verify(manifest, signature, author); // throws unless author signed exactly this
 * }</pre>
 *
 * <h2>Security guarantees</h2>
 * The domain binds a signature to one application, version, chain and contract; the type hash
 * binds it to the exact struct definitions. Struct members are encoded strictly (see {@link
 * TypedData}): integers are range-checked, {@code bytesN} lengths exact, addresses checksummed,
 * and unknown or missing fields refused, so what is signed is what the caller built. Signing is
 * that of {@link EthSigner}; verifying is that of {@link Signatures} (low s, the recovered address
 * compared).
 *
 * @since 0.1.0
 */
public final class Eip712 {
  private static final byte[] PREFIX = {0x19, 0x01};
  /** Domains are few and every signature and check in one needs its separator: remember them. */
  private static final int DOMAINS_REMEMBERED = 256;
  private static final Map<TypedData.Domain, Hash32> SEPARATORS = new ConcurrentHashMap<>();

  private Eip712() {}

  /** The digest to sign: {@code keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(message))}. */
  public static Hash32 hash(TypedData data) {
    return Keccak256.hash(PREFIX, domainSeparator(data.domain()).bytes(), data.messageHash().bytes());
  }

  /** {@code hashStruct(EIP712Domain, domain)}, with only the domain's set fields in the type. */
  public static Hash32 domainSeparator(TypedData.Domain domain) {
    Hash32 known = SEPARATORS.get(domain);
    if (known != null) {
      return known;
    }
    Eip712Schema schema = Eip712Schema.of(Map.of(TypedData.DOMAIN_TYPE, domain.fields()));
    Hash32 separator = Hash32.fromBytes(Eip712Encoder.hashStruct(schema, TypedData.DOMAIN_TYPE, domain.values(),
        "domain"));
    if (SEPARATORS.size() >= DOMAINS_REMEMBERED) {
      SEPARATORS.clear();
    }
    SEPARATORS.put(domain, separator);
    return separator;
  }

  /** {@code hashStruct(primaryType, message)}. */
  public static Hash32 hashStruct(TypedData data) {
    return data.messageHash();
  }

  /**
   * {@code hashStruct} of any struct value of the typed data's types, such as one member of the
   * message.
   *
   * @throws CryptoException {@code TYPED_DATA} naming the unknown type or the bad value, with
   *     paths starting at {@code value}
   */
  public static Hash32 hashStruct(TypedData types, String type, Map<String, ?> value) {
    return Hash32.fromBytes(Eip712Encoder.hashStruct(types.schema(), type, value, "value"));
  }

  /**
   * {@code encodeType}: {@code Mail(Person from,Person to,string contents)Person(string
   * name,address wallet)}.
   *
   * @throws CryptoException {@code TYPED_DATA} when there is no struct of that name
   */
  public static String encodeType(TypedData types, String type) {
    if (!types.schema().hasStruct(type)) {
      throw new CryptoException(CryptoException.Check.TYPED_DATA, "type: no struct type named '" + type + "'");
    }
    return types.schema().encodeType(type);
  }

  /** Signs the typed data: r ‖ s ‖ v, low s, v of 27 or 28. */
  public static Signature sign(EthSigner signer, TypedData data) {
    return signer.sign(hash(data));
  }

  /**
   * The address that signed the typed data.
   *
   * @throws CryptoException as {@link Signatures#recover}
   */
  public static Address recover(TypedData data, Signature signature) {
    return Signatures.recover(hash(data), signature);
  }

  /**
   * Checks that {@code expected} signed the typed data.
   *
   * @throws CryptoException as {@link Signatures#verify(Hash32, Signature, Address)}
   */
  public static void verify(TypedData data, Signature signature, Address expected) {
    Signatures.verify(hash(data), signature, expected);
  }
}
