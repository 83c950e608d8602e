package ai.nesa.aivm.crypto.sign;

import static ai.nesa.aivm.crypto.TypedData.field;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.Eip712;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.crypto.Keccak256;
import ai.nesa.aivm.crypto.Signature;
import ai.nesa.aivm.crypto.TypedData;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The "Mail" example of the EIP-712 specification, with the values its reference implementation
 * asserts: ethereum/EIPs {@code assets/eip-712/Example.js} (commit 68b7c485a712511a095e134d84b21217b0eb5a04)
 * and {@code Example.sol}. The signer is the EIP's key, keccak256("cow").
 */
class Eip712MailExampleTest {
  static final TypedData MAIL = TypedData.builder()
      .domain(TypedData.Domain.builder()
          .name("Ether Mail")
          .version("1")
          .chainId(1)
          .verifyingContract(Address.of("0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"))
          .build())
      .type("Person", field("name", "string"), field("wallet", "address"))
      .type("Mail", field("from", "Person"), field("to", "Person"), field("contents", "string"))
      .primaryType("Mail")
      .message(Map.of(
          "from", Map.of("name", "Cow", "wallet", "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"),
          "to", Map.of("name", "Bob", "wallet", "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"),
          "contents", "Hello, Bob!"))
      .build();

  static final EthPrivateKey COW = EthPrivateKey.fromBytes(Keccak256.digest("cow".getBytes(StandardCharsets.US_ASCII)));

  @Test
  void encodeTypeAndTypeHash() {
    String encoded = Eip712.encodeType(MAIL, "Mail");
    assertEquals("Mail(Person from,Person to,string contents)Person(string name,address wallet)", encoded);
    assertEquals(Hash32.of("0xa0cedeb2dc280ba39b857546d74f5549c3a1d7bdc2dd96bf881f76108e23dac2"),
        Keccak256.hash(encoded.getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void domainSeparator() {
    assertEquals(Hash32.of("0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f"),
        Eip712.domainSeparator(MAIL.domain()));
  }

  @Test
  void hashStructOfTheMessage() {
    assertEquals(Hash32.of("0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e"), Eip712.hashStruct(MAIL));
  }

  @Test
  void theDigestToSign() {
    assertEquals(Hash32.of("0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2"), Eip712.hash(MAIL));
  }

  @Test
  void theSignatureWithTheCowKey() {
    assertEquals(Address.of("0xcd2a3d9f938e13cd947ec05abc7fe734df8dd826"), COW.address());
    Signature signature = Eip712.sign(EthSigner.of(COW), MAIL);
    assertEquals(28, signature.v());
    assertEquals(new BigInteger("4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d", 16), signature.r());
    assertEquals(new BigInteger("07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562", 16), signature.s());
    assertEquals(COW.address(), Eip712.recover(MAIL, signature));
    Eip712.verify(MAIL, signature, Address.of("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"));
  }

  @Test
  void theEipsPublishedSignatureVerifies() {
    Signature published = new Signature(
        new BigInteger("4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d", 16),
        new BigInteger("07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562", 16), 28);
    Eip712.verify(MAIL, published, COW.address());
  }
}
