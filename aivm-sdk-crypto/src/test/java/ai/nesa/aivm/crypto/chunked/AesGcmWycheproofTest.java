package ai.nesa.aivm.crypto.chunked;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.internal.chunked.Aead;
import ai.nesa.aivm.crypto.internal.chunked.ChunkCipher;
import ai.nesa.aivm.crypto.testing.Wycheproof;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * AES-GCM as chunked encryption uses it, against Wycheproof's {@code aes_gcm_test.json}: JCA's
 * {@code AES/GCM/NoPadding}, 128- and 256-bit keys, 96-bit nonces, 128-bit tags. Vectors with an
 * empty AAD (the scheme's only kind) also go through {@link ChunkCipher} as chunk 0, whose nonce
 * is the base nonce itself.
 *
 * <p>Skipped on purpose: 192-bit keys (no Cobblestone instantiation uses them) and nonces other
 * than 96 bits (the scheme's nonce is 12 bytes; JCA's GHASH-derived IVs for other lengths are not
 * on its path).
 */
class AesGcmWycheproofTest {
  private static final String FILE = "aes_gcm_test.json";

  @Test
  void everyVectorWithA96BitNonceAndA128Or256BitKey() throws Exception {
    List<Wycheproof.Case> cases = Wycheproof.cases(FILE);
    assertEquals(Wycheproof.file(FILE).get("numberOfTests").asInt(), cases.size(), "the whole file is read");
    int ran = 0;
    int throughChunkCipher = 0;
    int skipped = 0;
    for (Wycheproof.Case c : cases) {
      int keyBits = c.group().get("keySize").asInt();
      int ivBits = c.group().get("ivSize").asInt();
      int tagBits = c.group().get("tagSize").asInt();
      if (ivBits != 96 || tagBits != 128 || (keyBits != 128 && keyBits != 256)) {
        skipped++;
        continue;
      }
      ran++;
      byte[] key = c.bytes("key");
      byte[] iv = c.bytes("iv");
      byte[] aad = c.bytes("aad");
      byte[] msg = c.bytes("msg");
      byte[] sealed = Fixtures.concat(c.bytes("ct"), c.bytes("tag"));

      Cipher cipher = Cipher.getInstance(ChunkCipher.TRANSFORMATION);
      if (c.valid()) {
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        cipher.updateAAD(aad);
        assertArrayEquals(sealed, cipher.doFinal(msg), c.toString());
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        cipher.updateAAD(aad);
        assertArrayEquals(msg, cipher.doFinal(sealed), c.toString());
      } else {
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        cipher.updateAAD(aad);
        assertThrows(AEADBadTagException.class, () -> cipher.doFinal(sealed), c.toString());
      }

      if (aad.length == 0) {
        throughChunkCipher++;
        ChunkCipher chunks = new ChunkCipher(keyBits == 256 ? Aead.AES_256_GCM : Aead.AES_128_GCM, key, iv);
        byte[] out = new byte[sealed.length];
        if (c.valid()) {
          assertEquals(sealed.length, chunks.seal(0, msg, 0, msg.length, out, 0));
          assertArrayEquals(sealed, out, c.toString());
          byte[] plain = new byte[msg.length];
          assertEquals(msg.length, chunks.open(0, sealed, 0, sealed.length, plain, 0));
          assertArrayEquals(msg, plain, c.toString());
        } else {
          CryptoException e = assertThrows(CryptoException.class,
              () -> chunks.open(0, sealed, 0, sealed.length, new byte[sealed.length], 0), c.toString());
          assertEquals(CryptoException.Check.AUTHENTICATION, e.check());
        }
      }
    }
    // 316 tests: 133 with a 96-bit nonce and a 128- or 256-bit key, 97 of them with an empty AAD.
    assertEquals(133, ran, "vectors run");
    assertEquals(97, throughChunkCipher, "vectors also run through ChunkCipher");
    assertEquals(183, skipped, "vectors skipped (192-bit keys, other nonce sizes)");
  }
}
