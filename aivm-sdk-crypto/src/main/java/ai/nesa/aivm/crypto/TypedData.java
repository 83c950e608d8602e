package ai.nesa.aivm.crypto;

import ai.nesa.aivm.crypto.CryptoException.Check;
import ai.nesa.aivm.crypto.internal.sign.Eip712Encoder;
import ai.nesa.aivm.crypto.internal.sign.Eip712Schema;
import ai.nesa.aivm.crypto.internal.sign.StrictUtf8;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * EIP-712 typed data: a domain, struct types, a primary type and a message, built in Java without
 * JSON and checked when built.
 *
 * <pre>{@code
 * TypedData mail = TypedData.builder()
 *     .domain(TypedData.Domain.builder().name("Ether Mail").version("1").chainId(1)
 *         .verifyingContract(Address.of("0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC")).build())
 *     .type("Person", field("name", "string"), field("wallet", "address"))
 *     .type("Mail", field("from", "Person"), field("to", "Person"), field("contents", "string"))
 *     .primaryType("Mail")
 *     .message(Map.of(
 *         "from", Map.of("name", "Cow", "wallet", "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"),
 *         "to", Map.of("name", "Bob", "wallet", "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"),
 *         "contents", "Hello, Bob!"))
 *     .build();
 * }</pre>
 *
 * <h2>Values</h2>
 * A struct is a {@code Map<String, ?>} holding exactly its fields; an array ({@code T[]} or
 * {@code T[n]}) is a {@code List}. {@code string}: a {@code String}. {@code bytes} and {@code
 * bytesN}: a {@code byte[]} or {@code 0x}-hex {@code String} ({@link Hash32} too), of exactly N
 * bytes for {@code bytesN}. {@code uintN}/{@code intN}: a {@code BigInteger}, {@code Long}, {@code
 * Integer}, {@code Short}, {@code Byte}, or a decimal or {@code 0x}-hex {@code String}, in range.
 * {@code bool}: a {@code Boolean}. {@code address}: an {@link Address} or its text (a wrong EIP-55
 * checksum is refused). Nothing else is coerced: a {@code "1"} is not a bool.
 *
 * <h2>Errors</h2>
 * {@link Builder#build()} checks the types and encodes the message once, and throws a {@link
 * CryptoException} with check {@code TYPED_DATA} whose message names the place:
 * {@code message.to.wallet: not an address}, {@code types.Mail.to: unknown type 'Persn'}. A map
 * key that is not a field of its struct is an error too: it would not be signed.
 *
 * <p>Instances are immutable (values are copied when built) and thread-safe.
 *
 * @since 0.1.0
 */
public final class TypedData {
  /** The struct type the domain is hashed as; it comes from {@link Domain}, never from {@link Builder#type}. */
  public static final String DOMAIN_TYPE = "EIP712Domain";

  private final Domain domain;
  private final Map<String, List<Field>> types;
  private final String primaryType;
  private final Map<String, Object> message;
  private final Eip712Schema schema;
  private final Hash32 messageHash;

  private TypedData(Builder b) {
    this.domain = require(b.domain, "domain");
    this.primaryType = require(b.primaryType, "primaryType");
    this.types = Collections.unmodifiableMap(new LinkedHashMap<>(b.types));
    this.schema = Eip712Schema.of(types);
    if (!schema.hasStruct(primaryType)) {
      throw new CryptoException(Check.TYPED_DATA, "primaryType: no struct type named '" + primaryType + "'");
    }
    this.message = copyMap(require(b.message, "message"), 0);
    this.messageHash = Hash32.fromBytes(Eip712Encoder.hashStruct(schema, primaryType, message, "message"));
  }

  /** A member of a struct type: its name and its type as written ({@code uint256}, {@code Person[]}). */
  public record Field(String name, String type) {
    public Field {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }

  /** A struct member: {@code field("wallet", "address")}. */
  public static Field field(String name, String type) {
    return new Field(name, type);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this typed data's values, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder().domain(domain).primaryType(primaryType).message(message);
    b.types.putAll(types);
    return b;
  }

  public Domain domain() {
    return domain;
  }

  /** The struct types, in the order they were added; without {@code EIP712Domain}. */
  public Map<String, List<Field>> types() {
    return types;
  }

  public String primaryType() {
    return primaryType;
  }

  /** The message: unmodifiable maps and lists; {@code byte[]} values are the copies this object holds, do not change them. */
  public Map<String, Object> message() {
    return message;
  }

  /** The checked types, for {@link Eip712}. */
  Eip712Schema schema() {
    return schema;
  }

  /** {@code hashStruct(primaryType, message)}, computed when built. */
  Hash32 messageHash() {
    return messageHash;
  }

  @Override
  public String toString() {
    return "TypedData[" + primaryType + ", " + domain + "]";
  }

  /** Builds {@link TypedData}; not thread-safe. */
  public static final class Builder {
    private Domain domain;
    private final Map<String, List<Field>> types = new LinkedHashMap<>();
    private String primaryType;
    private Map<String, ?> message;

    private Builder() {}

    public Builder domain(Domain domain) {
      this.domain = Objects.requireNonNull(domain, "domain");
      return this;
    }

    /**
     * Adds a struct type.
     *
     * @throws CryptoException {@code TYPED_DATA} when the name is {@code EIP712Domain} or already
     *     added
     */
    public Builder type(String name, List<Field> fields) {
      Objects.requireNonNull(name, "name");
      if (name.equals(DOMAIN_TYPE)) {
        throw new CryptoException(Check.TYPED_DATA, "types." + DOMAIN_TYPE + ": the domain type comes from the Domain; do not declare it");
      }
      if (types.containsKey(name)) {
        throw new CryptoException(Check.TYPED_DATA, "types." + name + ": the type is declared twice");
      }
      types.put(name, List.copyOf(fields));
      return this;
    }

    public Builder type(String name, Field... fields) {
      return type(name, Arrays.asList(fields));
    }

    public Builder primaryType(String primaryType) {
      this.primaryType = Objects.requireNonNull(primaryType, "primaryType");
      return this;
    }

    /** The message: a struct of the primary type (see the class Javadoc for the values). */
    public Builder message(Map<String, ?> message) {
      this.message = Objects.requireNonNull(message, "message");
      return this;
    }

    /**
     * @throws CryptoException {@code TYPED_DATA} naming the first thing that is missing or wrong
     */
    public TypedData build() {
      return new TypedData(this);
    }
  }

  /**
   * An EIP-712 domain: which application, version, chain and contract a signature is for, so it
   * cannot be replayed elsewhere. Only the fields set are part of the hash, in EIP-712's order
   * (name, version, chainId, verifyingContract, salt), as ethers does.
   *
   * @since 0.1.0
   */
  public static final class Domain {
    private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

    private final String name;
    private final String version;
    private final BigInteger chainId;
    private final Address verifyingContract;
    private final byte[] salt;

    private Domain(Builder b) {
      this.name = b.name;
      this.version = b.version;
      this.chainId = b.chainId;
      this.verifyingContract = b.verifyingContract;
      this.salt = b.salt;
    }

    public static Builder builder() {
      return new Builder();
    }

    public Optional<String> name() {
      return Optional.ofNullable(name);
    }

    public Optional<String> version() {
      return Optional.ofNullable(version);
    }

    public Optional<BigInteger> chainId() {
      return Optional.ofNullable(chainId);
    }

    public Optional<Address> verifyingContract() {
      return Optional.ofNullable(verifyingContract);
    }

    /** The 32-byte salt (a copy). */
    public Optional<byte[]> salt() {
      return Optional.ofNullable(salt).map(byte[]::clone);
    }

    /** The domain as EIP-712 struct fields: the set ones only, in EIP-712's order. */
    List<Field> fields() {
      List<Field> fields = new ArrayList<>();
      if (name != null) fields.add(field("name", "string"));
      if (version != null) fields.add(field("version", "string"));
      if (chainId != null) fields.add(field("chainId", "uint256"));
      if (verifyingContract != null) fields.add(field("verifyingContract", "address"));
      if (salt != null) fields.add(field("salt", "bytes32"));
      return fields;
    }

    /** The values of {@link #fields()}. */
    Map<String, Object> values() {
      Map<String, Object> values = new LinkedHashMap<>();
      if (name != null) values.put("name", name);
      if (version != null) values.put("version", version);
      if (chainId != null) values.put("chainId", chainId);
      if (verifyingContract != null) values.put("verifyingContract", verifyingContract);
      if (salt != null) values.put("salt", salt.clone());
      return values;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Domain d && Objects.equals(name, d.name) && Objects.equals(version, d.version)
          && Objects.equals(chainId, d.chainId) && Objects.equals(verifyingContract, d.verifyingContract)
          && Arrays.equals(salt, d.salt);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, version, chainId, verifyingContract, Arrays.hashCode(salt));
    }

    @Override
    public String toString() {
      StringBuilder out = new StringBuilder("Domain[");
      name().ifPresent(v -> out.append("name=").append(v).append(", "));
      version().ifPresent(v -> out.append("version=").append(v).append(", "));
      chainId().ifPresent(v -> out.append("chainId=").append(v).append(", "));
      verifyingContract().ifPresent(v -> out.append("verifyingContract=").append(v).append(", "));
      if (salt != null) {
        out.append("salt=").append(Hex.encode(salt)).append(", ");
      }
      if (out.charAt(out.length() - 1) == ' ') {
        out.setLength(out.length() - 2);
      }
      return out.append(']').toString();
    }

    /** Builds a {@link Domain}; every field is optional. */
    public static final class Builder {
      private String name;
      private String version;
      private BigInteger chainId;
      private Address verifyingContract;
      private byte[] salt;

      private Builder() {}

      /** @throws CryptoException {@code TYPED_DATA} when the text holds an unpaired surrogate */
      public Builder name(String name) {
        this.name = text(name, "domain.name");
        return this;
      }

      /** @throws CryptoException {@code TYPED_DATA} when the text holds an unpaired surrogate */
      public Builder version(String version) {
        this.version = text(version, "domain.version");
        return this;
      }

      /** @throws CryptoException {@code TYPED_DATA} when negative */
      public Builder chainId(long chainId) {
        return chainId(BigInteger.valueOf(chainId));
      }

      /** @throws CryptoException {@code TYPED_DATA} when negative or 2^256 or more */
      public Builder chainId(BigInteger chainId) {
        if (chainId.signum() < 0 || chainId.compareTo(TWO_256) >= 0) {
          throw new CryptoException(Check.TYPED_DATA, "domain.chainId: " + chainId + " is not a uint256");
        }
        this.chainId = chainId;
        return this;
      }

      public Builder verifyingContract(Address verifyingContract) {
        this.verifyingContract = Objects.requireNonNull(verifyingContract, "verifyingContract");
        return this;
      }

      /** @throws CryptoException {@code TYPED_DATA} when not 32 bytes */
      public Builder salt(byte[] salt) {
        if (salt.length != 32) {
          throw new CryptoException(Check.TYPED_DATA, "domain.salt: a salt is 32 bytes, not " + salt.length);
        }
        this.salt = salt.clone();
        return this;
      }

      public Builder salt(Hash32 salt) {
        return salt(salt.bytes());
      }

      public Domain build() {
        return new Domain(this);
      }

      private static String text(String value, String path) {
        Objects.requireNonNull(value, path);
        if (StrictUtf8.encode(value).isEmpty()) {
          throw new CryptoException(Check.TYPED_DATA, path + ": not valid Unicode: the string holds an unpaired surrogate");
        }
        return value;
      }
    }
  }

  private static <T> T require(T value, String path) {
    if (value == null) {
      throw new CryptoException(Check.TYPED_DATA, path + ": missing");
    }
    return value;
  }

  /** A deep copy, so later changes to the caller's maps, lists or arrays cannot change what is signed. */
  private static Map<String, Object> copyMap(Map<?, ?> map, int depth) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      out.put(String.valueOf(e.getKey()), copy(e.getValue(), depth + 1));
    }
    return Collections.unmodifiableMap(out);
  }

  private static Object copy(Object value, int depth) {
    if (depth > Eip712Encoder.MAX_DEPTH) {
      // Also what a map or list that contains itself gives, instead of a stack overflow.
      throw new CryptoException(Check.TYPED_DATA, "message: nested deeper than " + Eip712Encoder.MAX_DEPTH + " structs and arrays");
    }
    if (value instanceof Map<?, ?> map) {
      return copyMap(map, depth);
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object element : list) {
        out.add(copy(element, depth + 1));
      }
      return Collections.unmodifiableList(out);
    }
    if (value instanceof byte[] bytes) {
      return bytes.clone();
    }
    return value;
  }
}
