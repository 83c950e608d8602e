package ai.nesa.aivm.sdk.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.Problem;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.sdk.contract.GatewayContract;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The signed request's JSON: the gateway document's {@code SignedLedgerRequest}, both ways. */
class LedgerRequestJsonTest {
  private static LedgerRequest signed(LedgerAction action) {
    return LedgerRequest.sign(action, EthSigner.of(LedgerRequestTest.OWNER), LedgerRequestTest.DOMAIN, 5,
        LedgerRequestTest.DEADLINE);
  }

  private static List<String> paths(AivmValidationException e) {
    return e.problems().stream().map(Problem::path).toList();
  }

  @Test
  void everyKindRoundTripsAndStillVerifies() {
    for (LedgerAction action : LedgerRequestTest.everyKind()) {
      LedgerRequest request = signed(action);
      String json = request.toJson();
      LedgerRequest read = LedgerRequest.fromJson(json);
      assertEquals(request, read, json);
      read.verify(LedgerRequestTest.DOMAIN);
      assertEquals(json, read.toJson(), "canonical: the same bytes again");
    }
  }

  @Test
  void everyKindConformsToTheGatewayDocument() {
    for (LedgerAction action : LedgerRequestTest.everyKind()) {
      String json = signed(action).toJson();
      assertEquals(List.of(), GatewayContract.get().schemaViolations("SignedLedgerRequest", json), json);
    }
  }

  @Test
  void theWireFormIsTheDocumentedOne() {
    LedgerRequest request = signed(LedgerRequestTest.everyKind().get(8)); // a review
    String json = request.toJson();
    assertTrue(json.startsWith("{\"deadline\":\"2030-03-17T17:46:40Z\",\"kind\":\"review\",\"nonce\":5,"
        + "\"payload\":{\"deadline\":1900000000,\"model\":\"acme/sentiment\",\"nonce\":5,\"rating\":4,"), json);
    assertTrue(json.contains("\"signer\":\"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266\""), json);
  }

  @Test
  void integersMayComeAsDecimalStrings() {
    LedgerRequest request = signed(LedgerRequestTest.everyKind().get(8));
    String json = request.toJson().replace("\"rating\":4", "\"rating\":\"4\"");
    assertNotEquals(request.toJson(), json);
    assertEquals(request, LedgerRequest.fromJson(json));
  }

  @Test
  void everyProblemIsNamedWithItsPath() {
    String review = signed(LedgerRequestTest.everyKind().get(8)).toJson();
    AivmValidationException e = assertThrows(AivmValidationException.class, () -> LedgerRequest.fromJson(review
        .replace("\"rating\":4", "\"rating\":6")
        .replace("\"payload\":{\"deadline\":1900000000", "\"payload\":{\"deadline\":1900000001")
        .replace("\"signer\":\"0xf39F", "\"signer\":\"0xz39F")));
    assertEquals(List.of("$.signer", "$.payload.rating", "$.payload.deadline"), paths(e));

    AivmValidationException unknown = assertThrows(AivmValidationException.class,
        () -> LedgerRequest.fromJson(review.replace("\"kind\":\"review\"", "\"kind\":\"reveiw\"")));
    assertEquals(List.of("$.kind"), paths(unknown));

    AivmValidationException missing = assertThrows(AivmValidationException.class,
        () -> LedgerRequest.fromJson(review.replace("\"model\":\"acme/sentiment\",", "\"extra\":1,")));
    assertEquals(List.of("$.payload.model"), paths(missing));

    AivmValidationException extra = assertThrows(AivmValidationException.class,
        () -> LedgerRequest.fromJson(review.replace("\"rating\":4,", "\"rating\":4,\"stars\":5,")));
    assertEquals(List.of("$.payload.stars"), paths(extra));

    AivmValidationException notJson = assertThrows(AivmValidationException.class, () -> LedgerRequest.fromJson("{"));
    assertTrue(notJson.problems().size() >= 1);
  }
}
