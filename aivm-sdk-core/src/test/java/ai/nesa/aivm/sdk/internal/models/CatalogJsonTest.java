package ai.nesa.aivm.sdk.internal.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.sdk.Fixtures;
import ai.nesa.aivm.sdk.Page;
import ai.nesa.aivm.sdk.contract.GatewayContract;
import ai.nesa.aivm.sdk.internal.json.JsonCodec;
import ai.nesa.aivm.sdk.models.ModelDetails;
import ai.nesa.aivm.sdk.models.ModelSummary;
import ai.nesa.aivm.sdk.models.Review;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.util.List;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * What the codec writes (the devnet's gateway will answer with it) conforms to the document, and
 * reads back to the same values.
 */
class CatalogJsonTest {
  private static JsonReader reader(String json) {
    return JsonReader.of(new Buffer().writeUtf8(json));
  }

  private interface Write {
    void to(JsonWriter w) throws IOException;
  }

  private static String write(Write write) throws IOException {
    Buffer out = new Buffer();
    try (JsonWriter w = JsonWriter.of(out)) {
      write.to(w);
    }
    return out.readUtf8();
  }

  @Test
  void detailsRoundTripThroughTheDocumentsShape() throws IOException {
    ModelDetails details = CatalogJson.readModelDetails(reader(Fixtures.read("catalog/model-details.json")));

    String written = write(w -> CatalogJson.write(w, details));

    assertEquals(List.of(), GatewayContract.get().responseViolations("GET", "/v1/models/{org}/{name}", 200, written));
    assertEquals(details, CatalogJson.readModelDetails(reader(written)));
  }

  @Test
  void pagesRoundTripIncludingTheLastPagesNullCursor() throws IOException {
    Page<ModelSummary> page = JsonCodec.readPage(reader(Fixtures.read("catalog/model-page.json")), CatalogJson::readModelSummary);
    Page<Review> last = JsonCodec.readPage(reader(Fixtures.read("catalog/review-page-last.json")), CatalogJson::readReview);

    String pageJson = write(w -> JsonCodec.writePage(w, page, CatalogJson::write));
    String lastJson = write(w -> JsonCodec.writePage(w, last, CatalogJson::write));

    assertEquals(List.of(), GatewayContract.get().responseViolations("GET", "/v1/models", 200, pageJson));
    assertEquals(List.of(), GatewayContract.get().responseViolations("GET", "/v1/models/{org}/{name}/reviews", 200, lastJson));
    assertEquals(page, JsonCodec.readPage(reader(pageJson), CatalogJson::readModelSummary));
    assertEquals(last, JsonCodec.readPage(reader(lastJson), CatalogJson::readReview));
    assertTrue(lastJson.endsWith("\"nextCursor\":null}"), lastJson);
  }
}
