package ai.nesa.aivm.crypto.sign;

import static ai.nesa.aivm.crypto.TypedData.field;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.Eip191;
import ai.nesa.aivm.crypto.Eip712;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.crypto.Keccak256;
import ai.nesa.aivm.crypto.Signature;
import ai.nesa.aivm.crypto.TypedData;
import ai.nesa.aivm.crypto.testing.NodeScript;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * EIP-191 and EIP-712 against ethers 6.17.0 both ways: ethers recovers the SDK's signer, the SDK
 * recovers ethers' wallet, the digests agree, and with RFC 6979 nonces the two sign the same bytes.
 */
class EthersInteropTest {
  private static final List<EthPrivateKey> KEYS = new ArrayList<>();
  private static final List<Object> MESSAGES = new ArrayList<>();
  private static final List<TypedData> TYPED = new ArrayList<>();

  @BeforeAll
  static void cases() {
    KEYS.add(EthPrivateKey.fromBytes(Hex.decode("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80")));
    KEYS.add(Eip712MailExampleTest.COW);
    KEYS.add(EthPrivateKey.generate(new SecureRandom()));

    SecureRandom random = new SecureRandom();
    byte[] everyByte = new byte[256];
    for (int i = 0; i < 256; i++) {
      everyByte[i] = (byte) i;
    }
    byte[] randomBytes = new byte[1000];
    random.nextBytes(randomBytes);
    MESSAGES.addAll(List.of("Hello World", "", "héllo 🌍 — ünïcødé ✓", "line one\nline two\r\n\ttabbed", "0x4243",
        "x".repeat(5000), everyByte, randomBytes, new byte[0]));

    TYPED.add(Eip712MailExampleTest.MAIL);
    TYPED.add(receipt());
    TYPED.add(TypedData.builder()
        .domain(TypedData.Domain.builder().chainId(1).build())
        .type("Ping", field("nonce", "uint64"), field("at", "int40"))
        .primaryType("Ping")
        .message(Map.of("nonce", Long.MAX_VALUE, "at", -1_700_000_000L))
        .build());
  }

  /** Nested structs, arrays of structs, atomic and dynamic arrays, fixed and nested arrays, and every atomic type. */
  static TypedData receipt() {
    byte[] salt = Keccak256.digest("aivm-salt".getBytes(StandardCharsets.UTF_8));
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("requestId", Keccak256.hash("request-42".getBytes(StandardCharsets.UTF_8)));
    message.put("model", Map.of(
        "name", "nesa/tiny-mlp",
        "version", Map.of("major", 1, "minor", 65535, "label", "stable ✓"),
        "manifestHash", Keccak256.digest("manifest".getBytes(StandardCharsets.UTF_8))));
    message.put("nodes", List.of(
        Map.of("operator", Address.of("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"), "endpoint", "https://node-1.example",
            "key", Hex.decode("0x04deadbeef"), "stake", BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE), "score", -2147483648),
        Map.of("operator", "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", "endpoint", "",
            "key", new byte[0], "stake", 0, "score", 2147483647)));
    message.put("outputs", List.of(Hex.decode("0x00"), new byte[70], "0xc0ffee"));
    message.put("chunkSizes", List.of(16384, 0, 4294967295L));
    message.put("pair", List.of(-128, 127));
    message.put("delta", new BigInteger("-57896044618658097711785492504343953926634992332820282019728792003956564819968")); // -2^255
    message.put("total", BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE));
    message.put("accepted", true);
    message.put("rejected", false);
    message.put("note", "output agreed by 2 of 3 nodes");
    message.put("payer", "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    message.put("grid", List.of(List.of(1, 2), List.of(65535, 0), List.of(7, 7)));
    message.put("tags", List.of("a", "", "漢字"));
    message.put("extra", List.of());
    message.put("short", "0x0102030405");
    return TypedData.builder()
        .domain(TypedData.Domain.builder().name("AIVM Receipts").version("1").chainId(31337)
            .verifyingContract(Address.of("0x5FbDB2315678afecb367f032d93F642f64180aa3")).salt(salt).build())
        .type("Receipt", field("requestId", "bytes32"), field("model", "Model"), field("nodes", "Node[]"),
            field("outputs", "bytes[]"), field("chunkSizes", "uint32[]"), field("pair", "int8[2]"), field("delta", "int256"),
            field("total", "uint256"), field("accepted", "bool"), field("rejected", "bool"), field("note", "string"),
            field("payer", "address"), field("grid", "uint16[2][]"), field("tags", "string[]"), field("extra", "bytes32[]"),
            field("short", "bytes5"))
        .type("Model", field("name", "string"), field("version", "Version"), field("manifestHash", "bytes32"))
        .type("Version", field("major", "uint8"), field("minor", "uint16"), field("label", "string"))
        .type("Node", field("operator", "address"), field("endpoint", "string"), field("key", "bytes"),
            field("stake", "uint128"), field("score", "int32"))
        .primaryType("Receipt")
        .message(message)
        .build();
  }

  @Test
  void ethersRecoversTheSdksSignerOfMessages() {
    ArrayNode jobs = EthersJson.MAPPER.createArrayNode();
    List<Address> expected = new ArrayList<>();
    List<Hash32> hashes = new ArrayList<>();
    for (EthPrivateKey key : KEYS) {
      for (Object message : MESSAGES) {
        Signature signature = message instanceof String text ? Eip191.sign(EthSigner.of(key), text)
            : Eip191.sign(EthSigner.of(key), (byte[]) message);
        ObjectNode job = jobs.addObject().put("op", "verify-message").put("signature", signature.toHex());
        job.set("message", messageJson(message));
        expected.add(key.address());
        hashes.add(message instanceof String text ? Eip191.hash(text) : Eip191.hash((byte[]) message));
      }
    }
    JsonNode results = run(jobs);
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(hashes.get(i), Hash32.of(results.get(i).get("hash").asString()), "digest of message " + i);
      assertEquals(expected.get(i), Address.of(results.get(i).get("address").asString()), "signer of message " + i);
    }
  }

  @Test
  void theSdkRecoversEthersWalletAndSignsTheSameBytesForMessages() {
    ArrayNode jobs = EthersJson.MAPPER.createArrayNode();
    for (EthPrivateKey key : KEYS) {
      for (Object message : MESSAGES) {
        jobs.addObject().put("op", "sign-message").put("privateKey", privateKeyHex(key)).set("message", messageJson(message));
      }
    }
    JsonNode results = run(jobs);
    int i = 0;
    for (EthPrivateKey key : KEYS) {
      for (Object message : MESSAGES) {
        JsonNode r = results.get(i++);
        Address wallet = Address.of(r.get("address").asString());
        Signature theirs = Signature.fromHex(r.get("signature").asString());
        assertEquals(key.address(), wallet);
        if (message instanceof String text) {
          assertEquals(wallet, Eip191.recover(text, theirs));
          Eip191.verify(text, theirs, wallet);
          assertEquals(theirs, Eip191.sign(EthSigner.of(key), text), "byte-identical signature of '" + text + "'");
        } else {
          byte[] bytes = (byte[]) message;
          assertEquals(wallet, Eip191.recover(bytes, theirs));
          Eip191.verify(bytes, theirs, wallet);
          assertEquals(theirs, Eip191.sign(EthSigner.of(key), bytes), "byte-identical signature");
        }
        assertEquals(r.get("signature").asString(), theirs.toHex());
      }
    }
  }

  @Test
  void ethersRecoversTheSdksSignerOfTypedData() {
    ArrayNode jobs = EthersJson.MAPPER.createArrayNode();
    List<Address> expected = new ArrayList<>();
    List<Hash32> hashes = new ArrayList<>();
    for (EthPrivateKey key : KEYS) {
      for (TypedData data : TYPED) {
        Signature signature = Eip712.sign(EthSigner.of(key), data);
        EthersJson.typedData(jobs.addObject().put("op", "verify-typed").put("signature", signature.toHex()), data);
        expected.add(key.address());
        hashes.add(Eip712.hash(data));
      }
    }
    JsonNode results = run(jobs);
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(hashes.get(i), Hash32.of(results.get(i).get("hash").asString()), "digest of typed data " + i);
      assertEquals(expected.get(i), Address.of(results.get(i).get("address").asString()), "signer of typed data " + i);
    }
  }

  @Test
  void theSdkRecoversEthersWalletAndSignsTheSameBytesForTypedData() {
    ArrayNode jobs = EthersJson.MAPPER.createArrayNode();
    for (EthPrivateKey key : KEYS) {
      for (TypedData data : TYPED) {
        EthersJson.typedData(jobs.addObject().put("op", "sign-typed").put("privateKey", privateKeyHex(key)), data);
      }
    }
    JsonNode results = run(jobs);
    int i = 0;
    for (EthPrivateKey key : KEYS) {
      for (TypedData data : TYPED) {
        JsonNode r = results.get(i++);
        Address wallet = Address.of(r.get("address").asString());
        Signature theirs = Signature.fromHex(r.get("signature").asString());
        assertEquals(key.address(), wallet);
        assertEquals(Eip712.hash(data), Hash32.of(r.get("hash").asString()), data.primaryType() + " digest");
        assertEquals(wallet, Eip712.recover(data, theirs));
        Eip712.verify(data, theirs, wallet);
        assertEquals(theirs, Eip712.sign(EthSigner.of(key), data), data.primaryType() + ": byte-identical signature");
      }
    }
  }

  private static JsonNode run(ArrayNode jobs) {
    JsonNode results = EthersJson.MAPPER.readTree(NodeScript.run("ethers-sign.mjs", EthersJson.MAPPER.writeValueAsString(jobs)));
    assertEquals(jobs.size(), results.size());
    return results;
  }

  private static JsonNode messageJson(Object message) {
    ObjectNode m = EthersJson.MAPPER.createObjectNode();
    return message instanceof String text ? m.put("text", text) : m.put("hex", Hex.encode((byte[]) message));
  }

  private static String privateKeyHex(EthPrivateKey key) {
    return Hex.encode(key.export().export());
  }
}
