package ai.nesa.aivm.sdk.internal.inference;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.internal.json.JsonCodec;
import ai.nesa.aivm.sdk.ledger.LedgerDomain;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import java.io.IOException;

/** Reads the gateway's {@code LedgerDomain}. */
final class LedgerJson extends JsonCodec {
  private LedgerJson() {}

  static LedgerDomain readDomain(JsonReader r) throws IOException {
    Long chainId = null;
    Address contract = null;
    String name = null;
    String version = null;
    String path = r.getPath();
    r.beginObject();
    while (r.hasNext()) {
      String field = r.nextName();
      try {
        switch (field) {
          case "name" -> name = r.nextString();
          case "version" -> version = r.nextString();
          case "chainId" -> chainId = r.nextLong();
          case "verifyingContract" -> contract = Address.of(r.nextString());
          default -> r.skipValue();
        }
      } catch (RuntimeException e) {
        throw invalid(r, e);
      }
    }
    r.endObject();
    if (!LedgerDomain.NAME.equals(name) || !LedgerDomain.VERSION.equals(version)) {
      throw new JsonDataException("the ledger domain is " + name + " v" + version + ", not "
          + LedgerDomain.NAME + " v" + LedgerDomain.VERSION + ", at " + path);
    }
    Long c = chainId;
    Address a = contract;
    return built(path, () -> new LedgerDomain(c, a));
  }
}
