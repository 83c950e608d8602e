package ai.nesa.aivm.crypto.internal.keystore;

import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.crypto.internal.json.JsonParser;
import ai.nesa.aivm.crypto.internal.json.JsonValue;
import ai.nesa.aivm.crypto.internal.json.JsonWriter;

/**
 * The fields of a Web3 Secret Storage v3 file, read strictly or written as geth writes them. No
 * cryptography happens here.
 *
 * <p>Read: {@code version} must be the number 3; {@code crypto} (or {@code Crypto}) holds
 * {@code kdf} {@code scrypt} or {@code pbkdf2} (with {@code prf} {@code hmac-sha256}) and its
 * {@code kdfparams} within {@link KdfLimits}, {@code cipher} {@code aes-128-ctr} with a 16-byte
 * {@code cipherparams.iv}, {@code ciphertext} and a 32-byte {@code mac}. {@code address} and
 * {@code id} are optional; anything else (such as ethers' {@code x-ethers}) is ignored. Hex may
 * carry {@code 0x} and either case. Numbers must be JSON integers, not strings.
 *
 * <p>The ciphertext is normally 32 bytes. Early geth wrote keys with leading zero bytes dropped
 * (its test vectors hold 30- and 31-byte ones), so 1 to 32 bytes are read, as geth reads them: the
 * key is the plaintext left-padded with zeros.
 *
 * @param address the 20-byte address the file names, or {@code null}
 * @param id the file's {@code id} (a UUID by convention, not checked), or {@code null}
 */
record KeystoreFile(Kdf kdf, byte[] iv, byte[] ciphertext, byte[] mac, byte[] address, String id) {
  static final String CIPHER = "aes-128-ctr";

  /**
   * Reads a keystore's fields.
   *
   * @throws CryptoException {@code KEYSTORE_FORMAT} naming the path of the first field that is
   *     missing, malformed, unsupported or beyond {@link KdfLimits}
   */
  static KeystoreFile parse(String json) {
    JsonValue.Obj root = JsonParser.parseObject(json, CryptoException.Check.KEYSTORE_FORMAT);
    JsonValue version = Fields.require(root, "version");
    if (!(version instanceof JsonValue.Num number && number.text().equals("3"))) {
      throw Fields.format(version.path(), "must be the number 3: only Web3 Secret Storage version 3 is read"
          + (version instanceof JsonValue.Num number ? ", not " + Fields.quote(number.text()) : ", not " + version.kind()));
    }
    JsonValue.Obj crypto = Fields.object(root, "crypto");
    Kdf kdf = kdf(crypto);
    JsonValue cipherValue = Fields.require(crypto, "cipher");
    String cipher = Fields.string(cipherValue);
    if (!cipher.equals(CIPHER)) {
      throw Fields.format(cipherValue.path(), "unsupported cipher " + Fields.quote(cipher) + " (only " + CIPHER + " is read)");
    }
    byte[] iv = Fields.hex(Fields.object(crypto, "cipherparams"), "iv", 16, 16);
    byte[] ciphertext = Fields.hex(crypto, "ciphertext", 1, 32);
    byte[] mac = Fields.hex(crypto, "mac", 32, 32);
    JsonValue addressValue = Fields.find(root, "address");
    byte[] address = addressValue == null ? null : Fields.hex(addressValue, 20, 20);
    JsonValue idValue = Fields.find(root, "id");
    String id = idValue == null ? null : Fields.string(idValue);
    return new KeystoreFile(kdf, iv, ciphertext, mac, address, id);
  }

  private static Kdf kdf(JsonValue.Obj crypto) {
    JsonValue nameValue = Fields.require(crypto, "kdf");
    String name = Fields.string(nameValue);
    JsonValue.Obj params = Fields.object(crypto, "kdfparams");
    byte[] salt;
    Kdf kdf;
    long dklen;
    if (name.equals("scrypt")) {
      long n = Fields.integer(params, "n");
      long r = Fields.integer(params, "r");
      long p = Fields.integer(params, "p");
      dklen = Fields.integer(params, "dklen");
      check(params, KdfLimits.scrypt(n, r, p));
      salt = Fields.hex(params, "salt", 0, Integer.MAX_VALUE);
      kdf = new Kdf.ScryptKdf(salt, (int) n, (int) r, (int) p, (int) dklen);
    } else if (name.equals("pbkdf2")) {
      JsonValue prfValue = Fields.require(params, "prf");
      String prf = Fields.string(prfValue);
      if (!prf.equals("hmac-sha256")) {
        throw Fields.format(prfValue.path(), "unsupported " + Fields.quote(prf) + " (only hmac-sha256 is read)");
      }
      long c = Fields.integer(params, "c");
      dklen = Fields.integer(params, "dklen");
      check(params, KdfLimits.pbkdf2(c));
      salt = Fields.hex(params, "salt", 0, Integer.MAX_VALUE);
      kdf = new Kdf.Pbkdf2Kdf(salt, (int) c, (int) dklen);
    } else {
      throw Fields.format(nameValue.path(), "unsupported key derivation " + Fields.quote(name) + " (scrypt and pbkdf2 are read)");
    }
    check(params, KdfLimits.dklen(dklen));
    return kdf;
  }

  private static void check(JsonValue.Obj params, KdfLimits.Violation violation) {
    if (violation != null) {
      String path = violation.parameter().isEmpty() ? params.path() : JsonParser.memberPath(params.path(), violation.parameter());
      throw Fields.format(path, violation.message());
    }
  }

  /** The file as geth writes it: compact, members in geth's order, hex in lower case without {@code 0x}. */
  String toJson() {
    JsonWriter out = new JsonWriter().beginObject();
    if (address != null) {
      out.name("address").value(Hex.encodePlain(address));
    }
    out.name("crypto").beginObject()
        .name("cipher").value(CIPHER)
        .name("ciphertext").value(Hex.encodePlain(ciphertext))
        .name("cipherparams").beginObject().name("iv").value(Hex.encodePlain(iv)).endObject();
    if (kdf instanceof Kdf.ScryptKdf s) {
      out.name("kdf").value("scrypt").name("kdfparams").beginObject()
          .name("dklen").value(s.dklen()).name("n").value(s.n()).name("p").value(s.p()).name("r").value(s.r())
          .name("salt").value(Hex.encodePlain(s.salt())).endObject();
    } else if (kdf instanceof Kdf.Pbkdf2Kdf p) {
      out.name("kdf").value("pbkdf2").name("kdfparams").beginObject()
          .name("c").value(p.c()).name("dklen").value(p.dklen()).name("prf").value("hmac-sha256")
          .name("salt").value(Hex.encodePlain(p.salt())).endObject();
    }
    out.name("mac").value(Hex.encodePlain(mac)).endObject();
    if (id != null) {
      out.name("id").value(id);
    }
    return out.name("version").value(3).endObject().toString();
  }
}
