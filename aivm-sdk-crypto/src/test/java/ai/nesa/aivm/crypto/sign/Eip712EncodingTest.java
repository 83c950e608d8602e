package ai.nesa.aivm.crypto.sign;

import static ai.nesa.aivm.crypto.TypedData.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.Eip712;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.crypto.Keccak256;
import ai.nesa.aivm.crypto.TypedData;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * EIP-712 encoding of nested structs and arrays, recomputed here word by word from the
 * specification's rules, and every kind of bad typed data refused with its path named.
 */
class Eip712EncodingTest {
  private static final TypedData.Domain DOMAIN = TypedData.Domain.builder().name("AIVM").version("1").chainId(31337).build();
  private static final String ALICE = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
  private static final String BOB = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
  private static final String CAROL = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

  /** Mail with arrays, after the eth-sig-util and ethers test suites' "Person with wallets" example. */
  private static TypedData.Builder mailWithArrays(UnaryOperator<Map<String, Object>> change) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("from", Map.of("name", "Cow", "wallets", List.of(ALICE, BOB)));
    message.put("to", List.of(Map.of("name", "Bob", "wallets", List.of(CAROL)), Map.of("name", "Nobody", "wallets", List.of())));
    message.put("contents", "Hello, Bob!");
    message.put("flags", List.of(7, 255));
    message.put("grid", List.of(List.of(-1, 2), List.of(BigInteger.valueOf(-128), 127)));
    message.put("blob", new byte[] {1, 2, 3});
    message.put("tag", "0xdeadbeef");
    return TypedData.builder()
        .domain(DOMAIN)
        .type("Person", field("name", "string"), field("wallets", "address[]"))
        .type("Mail", field("from", "Person"), field("to", "Person[]"), field("contents", "string"),
            field("flags", "uint8[2]"), field("grid", "int8[2][]"), field("blob", "bytes"), field("tag", "bytes4"))
        .primaryType("Mail")
        .message(change.apply(message));
  }

  private static TypedData mailWithArrays() {
    return mailWithArrays(m -> m).build();
  }

  @Test
  void encodeTypeListsReferencedStructsOnceSortedAfterThePrimary() {
    assertEquals("Mail(Person from,Person[] to,string contents,uint8[2] flags,int8[2][] grid,bytes blob,bytes4 tag)"
        + "Person(string name,address[] wallets)", Eip712.encodeType(mailWithArrays(), "Mail"));
    TypedData sorted = TypedData.builder().domain(DOMAIN)
        .type("Zed", field("a", "Alpha"), field("m", "Mid[]"))
        .type("Mid", field("a", "Alpha"), field("self", "Mid[]"))
        .type("Alpha", field("x", "uint256"))
        .primaryType("Zed")
        .message(Map.of("a", Map.of("x", 1), "m", List.of()))
        .build();
    assertEquals("Zed(Alpha a,Mid[] m)Alpha(uint256 x)Mid(Alpha a,Mid[] self)", Eip712.encodeType(sorted, "Zed"));
    assertEquals("Mid(Alpha a,Mid[] self)Alpha(uint256 x)", Eip712.encodeType(sorted, "Mid"));
  }

  @Test
  void nestedStructsAndArraysHashAsTheSpecificationSays() {
    byte[] personType = keccak("Person(string name,address[] wallets)");
    byte[] mailType = keccak("Mail(Person from,Person[] to,string contents,uint8[2] flags,int8[2][] grid,bytes blob,bytes4 tag)"
        + "Person(string name,address[] wallets)");
    byte[] cow = keccak(personType, keccak("Cow"), keccak(address(ALICE), address(BOB)));
    byte[] bob = keccak(personType, keccak("Bob"), keccak(address(CAROL)));
    byte[] nobody = keccak(personType, keccak("Nobody"), keccak());
    byte[] flags = keccak(word(7), word(255));
    byte[] grid = keccak(keccak(word(-1), word(2)), keccak(word(-128), word(127)));
    byte[] tag = new byte[32];
    System.arraycopy(Hex.decode("deadbeef"), 0, tag, 0, 4);
    byte[] mail = keccak(mailType, cow, keccak(bob, nobody), keccak("Hello, Bob!"), flags, grid,
        Keccak256.digest(new byte[] {1, 2, 3}), tag);

    TypedData data = mailWithArrays();
    assertEquals(Hash32.fromBytes(mail), Eip712.hashStruct(data));
    assertEquals(Hash32.fromBytes(cow), Eip712.hashStruct(data, "Person", Map.of("name", "Cow", "wallets", List.of(ALICE, BOB))));
    assertEquals(Keccak256.hash(new byte[] {0x19, 0x01}, Eip712.domainSeparator(DOMAIN).bytes(), mail), Eip712.hash(data));
  }

  @Test
  void domainFieldsArePartOfTheHashOnlyWhenSet() {
    byte[] salt = new byte[32];
    salt[31] = 9;
    TypedData.Domain full = TypedData.Domain.builder().name("N").version("2").chainId(5)
        .verifyingContract(Address.of(BOB)).salt(salt).build();
    byte[] type = keccak("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract,bytes32 salt)");
    assertEquals(Hash32.fromBytes(keccak(type, keccak("N"), keccak("2"), word(5), address(BOB), salt)), Eip712.domainSeparator(full));
    TypedData.Domain onlyChain = TypedData.Domain.builder().chainId(5).build();
    assertEquals(Hash32.fromBytes(keccak(keccak("EIP712Domain(uint256 chainId)"), word(5))), Eip712.domainSeparator(onlyChain));
    assertEquals(Hash32.fromBytes(keccak(keccak("EIP712Domain()"))), Eip712.domainSeparator(TypedData.Domain.builder().build()));
  }

  @Test
  void integersEncodeAsTwosComplementWordsWithinTheirRange() {
    TypedData.Builder b = TypedData.builder().domain(DOMAIN)
        .type("N", field("a", "int256"), field("b", "uint256"), field("c", "int8"), field("d", "uint8"), field("e", "int64"))
        .primaryType("N");
    BigInteger minInt256 = BigInteger.ONE.shiftLeft(255).negate();
    BigInteger maxUint256 = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    TypedData data = b.message(Map.of("a", minInt256, "b", maxUint256.toString(), "c", -128, "d", "0xff", "e", Long.MIN_VALUE)).build();
    byte[] minWord = new byte[32];
    minWord[0] = (byte) 0x80;
    byte[] ones = new byte[32];
    java.util.Arrays.fill(ones, (byte) 0xff);
    assertEquals(Hash32.fromBytes(keccak(keccak("N(int256 a,uint256 b,int8 c,uint8 d,int64 e)"), minWord, ones, word(-128), word(255),
        word(Long.MIN_VALUE))), Eip712.hashStruct(data));
  }

  @Test
  void theMessageIsCopiedWhenBuilt() {
    Map<String, Object> person = new HashMap<>(Map.of("name", "Cow", "wallets", new ArrayList<>(List.of(ALICE))));
    byte[] blob = {1, 2, 3};
    TypedData data = mailWithArrays(m -> {
      m.put("from", person);
      m.put("blob", blob);
      return m;
    }).build();
    Hash32 before = Eip712.hash(data);
    person.put("name", "Mallory");
    blob[0] = 9;
    assertEquals(before, Eip712.hash(data));
  }

  // --- bad typed data: a TYPED_DATA CryptoException naming the path -------------------------

  @Test
  void aBadAddressIsNamedByItsPath() {
    assertTypedData("message.to[0].wallets[0]: not an address", () -> mailWithArrays(m -> {
      m.put("to", List.of(Map.of("name", "Bob", "wallets", List.of("0x1234"))));
      return m;
    }).build());
    assertTypedData("message.from.wallets[1]: not an address", () -> mailWithArrays(m -> {
      // ALICE with one letter's case flipped: a wrong EIP-55 checksum
      m.put("from", Map.of("name", "Cow", "wallets", List.of(ALICE, "0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266")));
      return m;
    }).build());
    assertTypedData("message.to.wallet: not an address", () -> TypedData.builder()
        .domain(DOMAIN)
        .type("Person", field("name", "string"), field("wallet", "address"))
        .type("Mail", field("to", "Person"))
        .primaryType("Mail")
        .message(Map.of("to", Map.of("name", "Bob", "wallet", 42)))
        .build());
  }

  @Test
  void missingAndUndeclaredFieldsAreRefused() {
    assertTypedData("message.contents: missing", () -> mailWithArrays(m -> {
      m.remove("contents");
      return m;
    }).build());
    assertTypedData("message.to[1].wallets: missing", () -> mailWithArrays(m -> {
      m.put("to", List.of(Map.of("name", "Bob", "wallets", List.of()), Map.of("name", "Nobody")));
      return m;
    }).build());
    assertTypedData("message.subject: not a field of Mail", () -> mailWithArrays(m -> {
      m.put("subject", "hi");
      return m;
    }).build());
    assertTypedData("message.from: not a Person", () -> mailWithArrays(m -> {
      m.put("from", "Cow");
      return m;
    }).build());
  }

  @Test
  void outOfRangeIntegersAreRefused() {
    assertTypedData("message.flags[1]: 256 is out of range for uint8", () -> mailWithArrays(m -> {
      m.put("flags", List.of(0, 256));
      return m;
    }).build());
    assertTypedData("message.flags[0]: -1 is out of range for uint8", () -> mailWithArrays(m -> {
      m.put("flags", List.of(-1, 0));
      return m;
    }).build());
    assertTypedData("message.grid[0][0]: -129 is out of range for int8", () -> mailWithArrays(m -> {
      m.put("grid", List.of(List.of(-129, 0)));
      return m;
    }).build());
    assertTypedData("message.grid[0][1]: 128 is out of range for int8", () -> mailWithArrays(m -> {
      m.put("grid", List.of(List.of(0, "128")));
      return m;
    }).build());
    assertTypedData("message.flags[0]: not an integer", () -> mailWithArrays(m -> {
      m.put("flags", List.of("seven", 1));
      return m;
    }).build());
    assertTypedData("message.flags[0]: not an integer", () -> mailWithArrays(m -> {
      m.put("flags", List.of(1.5, 1));
      return m;
    }).build());
  }

  @Test
  void arrayLengthsBytesLengthsAndJavaTypesAreChecked() {
    assertTypedData("message.flags: uint8[2] takes exactly 2 elements, not 3", () -> mailWithArrays(m -> {
      m.put("flags", List.of(1, 2, 3));
      return m;
    }).build());
    assertTypedData("message.grid[1]: int8[2] takes exactly 2 elements, not 1", () -> mailWithArrays(m -> {
      m.put("grid", List.of(List.of(1, 2), List.of(1)));
      return m;
    }).build());
    assertTypedData("message.to: not an array", () -> mailWithArrays(m -> {
      m.put("to", Map.of("name", "Bob", "wallets", List.of()));
      return m;
    }).build());
    assertTypedData("message.tag: bytes4 takes exactly 4 bytes, not 3", () -> mailWithArrays(m -> {
      m.put("tag", new byte[3]);
      return m;
    }).build());
    assertTypedData("message.blob: not bytes", () -> mailWithArrays(m -> {
      m.put("blob", "plain text is not bytes");
      return m;
    }).build());
    assertTypedData("message.contents: not a string", () -> mailWithArrays(m -> {
      m.put("contents", 12);
      return m;
    }).build());
    assertTypedData("message.contents: not valid Unicode", () -> mailWithArrays(m -> {
      m.put("contents", "half a pair: \uD83D");
      return m;
    }).build());
    assertTypedData("message.ok: not a bool", () -> TypedData.builder().domain(DOMAIN)
        .type("B", field("ok", "bool")).primaryType("B").message(Map.of("ok", "true")).build());
  }

  @ParameterizedTest
  @ValueSource(strings = {"uint", "int", "byte", "uint7", "uint264", "uint08", "int0", "bytes0", "bytes33", "uint8[0]",
      "uint8[02]", "uint8[", "[]", "Person[]x", "string name", ""})
  void typesThatAreNotEip712TypesAreRefused(String type) {
    assertTypedData("types.T.x: '" + type + "' is not an EIP-712 type", () -> TypedData.builder().domain(DOMAIN)
        .type("T", field("x", type)).primaryType("T").message(Map.of()).build());
  }

  @Test
  void badTypeDeclarationsAreRefused() {
    assertTypedData("types.Mail.to: unknown type 'Persn'", () -> TypedData.builder().domain(DOMAIN)
        .type("Person", field("name", "string"))
        .type("Mail", field("to", "Persn[]")).primaryType("Mail").message(Map.of()).build());
    assertTypedData("types.uint256: a struct name is an identifier", () -> TypedData.builder().domain(DOMAIN)
        .type("uint256", field("x", "bool")).primaryType("uint256").message(Map.of()).build());
    assertTypedData("types.EIP712Domain: the domain type comes from the Domain", () -> TypedData.builder()
        .type("EIP712Domain", field("name", "string")));
    assertTypedData("types.T.x: the field is declared twice", () -> TypedData.builder().domain(DOMAIN)
        .type("T", field("x", "bool"), field("x", "bool")).primaryType("T").message(Map.of()).build());
    assertTypedData("types.T.a b: a field name is an identifier", () -> TypedData.builder().domain(DOMAIN)
        .type("T", field("a b", "bool")).primaryType("T").message(Map.of()).build());
    assertTypedData("types.T: the type is declared twice", () -> TypedData.builder()
        .type("T", field("x", "bool")).type("T", field("y", "bool")));
    assertTypedData("primaryType: no struct type named 'Nope'", () -> TypedData.builder().domain(DOMAIN)
        .type("T", field("x", "bool")).primaryType("Nope").message(Map.of()).build());
    assertTypedData("domain: missing", () -> TypedData.builder()
        .type("T", field("x", "bool")).primaryType("T").message(Map.of("x", true)).build());
    assertTypedData("domain.chainId: -1 is not a uint256", () -> TypedData.Domain.builder().chainId(-1));
    assertTypedData("domain.salt: a salt is 32 bytes, not 31", () -> TypedData.Domain.builder().salt(new byte[31]));
  }

  @Test
  void valuesNestedWithoutEndAreRefusedNotAStackOverflow() {
    TypedData.Builder tree = TypedData.builder().domain(DOMAIN).type("Tree", field("children", "Tree[]")).primaryType("Tree");
    Map<String, Object> deep = Map.of("children", List.of());
    for (int i = 0; i < 20; i++) {
      deep = Map.of("children", List.of(deep));
    }
    Eip712.hash(tree.message(deep).build()); // 41 levels: fine
    for (int i = 0; i < 20; i++) {
      deep = Map.of("children", List.of(deep));
    }
    Map<String, Object> tooDeep = deep;
    assertTypedData("message: nested deeper than 64", () -> tree.message(tooDeep).build());
    Map<String, Object> cyclic = new HashMap<>();
    cyclic.put("children", List.of(cyclic));
    assertTypedData("message: nested deeper than 64", () -> tree.message(cyclic).build());
  }

  private static void assertTypedData(String expected, Executable build) {
    CryptoException e = assertThrows(CryptoException.class, build);
    assertEquals(CryptoException.Check.TYPED_DATA, e.check());
    assertTrue(e.getMessage().startsWith("TYPED_DATA: " + expected), () -> "expected '" + expected + "' in: " + e.getMessage());
  }

  static byte[] keccak(String text) {
    return Keccak256.digest(text.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] keccak(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return Keccak256.digest(out.toByteArray());
  }

  static byte[] word(long value) {
    BigInteger v = BigInteger.valueOf(value);
    if (v.signum() < 0) {
      v = v.add(BigInteger.ONE.shiftLeft(256));
    }
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }

  static byte[] address(String hex) {
    byte[] out = new byte[32];
    System.arraycopy(Address.of(hex).bytes(), 0, out, 12, 20);
    return out;
  }
}
