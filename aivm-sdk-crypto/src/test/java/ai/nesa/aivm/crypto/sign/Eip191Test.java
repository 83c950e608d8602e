package ai.nesa.aivm.crypto.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.Eip191;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.crypto.Keccak256;
import ai.nesa.aivm.crypto.Signature;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** EIP-191 personal messages: the prefixed digest, and sign / recover / verify. */
class Eip191Test {
  @Test
  void theDigestIsKeccakOfThePrefixTheDecimalLengthAndTheMessage() {
    // ethers' documented example: hashMessage("Hello World")
    assertEquals(Hash32.of("0xa1de988600a42c4b4ab089b619297c17d53cffae5d5120d82d8a92d0bb3b78f2"), Eip191.hash("Hello World"));
    byte[] message = new byte[1234];
    assertEquals(Keccak256.hash("\u0019Ethereum Signed Message:\n1234".getBytes(StandardCharsets.US_ASCII), message),
        Eip191.hash(message));
  }

  @Test
  void textIsHashedAsUtf8BytesWithTheirByteLength() {
    String text = "héllo 🌍";
    assertEquals(Eip191.hash(text.getBytes(StandardCharsets.UTF_8)), Eip191.hash(text));
    assertEquals(Keccak256.hash("\u0019Ethereum Signed Message:\n11".getBytes(StandardCharsets.US_ASCII),
        text.getBytes(StandardCharsets.UTF_8)), Eip191.hash(text));
    // Hex-looking text is text, as in ethers: six characters, not two bytes.
    assertNotEquals(Eip191.hash(Hex.decode("0x4243")), Eip191.hash("0x4243"));
  }

  @Test
  void textWithAnUnpairedSurrogateIsRefusedNotReplaced() {
    CryptoException e = assertThrows(CryptoException.class, () -> Eip191.hash("bad \uDC00 text"));
    assertEquals(CryptoException.Check.FORMAT, e.check());
  }

  @Test
  void signRecoverVerify() {
    EthPrivateKey key = EthPrivateKey.generate(new SecureRandom());
    Signature s = Eip191.sign(EthSigner.of(key), "I operate node 7");
    assertEquals(key.address(), Eip191.recover("I operate node 7", s));
    Eip191.verify("I operate node 7", s, key.address());
    Eip191.verify("I operate node 7".getBytes(StandardCharsets.UTF_8), s, key.address());
    CryptoException e = assertThrows(CryptoException.class, () -> Eip191.verify("I operate node 8", s, key.address()));
    assertEquals(CryptoException.Check.SIGNER_MISMATCH, e.check());
  }
}
