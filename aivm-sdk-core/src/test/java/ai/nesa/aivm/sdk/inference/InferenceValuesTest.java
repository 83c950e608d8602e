package ai.nesa.aivm.sdk.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.crypto.Keccak256;
import ai.nesa.aivm.sdk.contract.GatewayContract;
import ai.nesa.aivm.sdk.kernels.DType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tensors, inputs, outputs and receipts: their JSON forms, hashes and signatures. */
class InferenceValuesTest {
  private final GatewayContract contract = GatewayContract.get();

  @Test
  void aTensorKeepsEveryFloatBitExactlyThroughJson() {
    Tensor t = Tensor.ofFloats("logits", new long[] {1, 5}, Float.NaN, Float.NEGATIVE_INFINITY, -0.0f, 0.1f,
        Float.MIN_VALUE);
    TensorOutput back = (TensorOutput) InferenceOutput.fromJson(new TensorOutput(List.of(t)).toJson());
    assertArrayEquals(t.rawBytes(), back.tensor("logits").rawBytes());
    assertEquals(t, back.tensor("logits"));
  }

  @Test
  void tensorDataIsReadAsAnArrayOrAsBase64AndHashesTheSameEitherWay() {
    String array = "{\"type\":\"tensor\",\"tensors\":[{\"name\":\"input_ids\",\"dtype\":\"int64\",\"shape\":[1,3],"
        + "\"data\":[104,105,33]}]}";
    InferenceInput fromArray = InferenceInput.fromJson(array);
    InferenceInput built = InferenceInput.tensors(Tensor.ofLongs("input_ids", new long[] {1, 3}, 104, 105, 33));
    assertEquals(built, fromArray);
    assertEquals(built.hash(), InferenceInput.fromJson(built.toJson()).hash());
    assertEquals(built.hash(), fromArray.hash());
    assertEquals(List.of(), contract.schemaViolations("InferenceInput", array));
    assertEquals(List.of(), contract.schemaViolations("InferenceInput", built.toJson()));
  }

  @Test
  void theHashIsKeccakOfTheCanonicalJsonTheDocumentDescribes() {
    InferenceInput input = InferenceInput.text("héllo \"world\"\n").maxTokens(8).temperature(0.5);
    String canonical = "{\"maxTokens\":8,\"temperature\":0.5,\"text\":\"héllo \\\"world\\\"\\n\",\"type\":\"text\"}";
    assertEquals(canonical, input.toJson());
    assertEquals(Keccak256.hash(canonical.getBytes(StandardCharsets.UTF_8)), input.hash());
    Tensor ids = Tensor.ofLongs("ids", new long[] {2}, 1, 258);
    assertEquals("{\"tensors\":[{\"data\":\"AQAAAAAAAAACAQAAAAAAAA==\",\"dtype\":\"int64\",\"name\":\"ids\",\"shape\":[2]}],"
        + "\"type\":\"tensor\"}", InferenceInput.tensors(ids).toJson());
  }

  @Test
  void anyChangeToAnOutputChangesItsHash() {
    Hash32 a = new TextOutput("yes", "stop").hash();
    assertNotEquals(a, new TextOutput("yes", "length").hash());
    assertNotEquals(a, new TextOutput("yes ", "stop").hash());
    Hash32 t = new TensorOutput(List.of(Tensor.ofFloats("x", new long[] {1}, 0.0f))).hash();
    assertNotEquals(t, new TensorOutput(List.of(Tensor.ofFloats("x", new long[] {1}, -0.0f))).hash());
  }

  @Test
  void badTensorsAreRefusedWithTheirPathAndRule() {
    AivmValidationException shape = assertThrows(AivmValidationException.class,
        () -> Tensor.ofFloats("x", new long[] {2, 2}, 1f, 2f, 3f));
    assertEquals("size", shape.problems().get(0).rule());
    assertTrue(shape.problems().get(0).path().contains("x"));
    AivmValidationException bool = assertThrows(AivmValidationException.class,
        () -> Tensor.ofRaw("b", DType.BOOL, new long[] {2}, new byte[] {1, 2}));
    assertEquals("bool", bool.problems().get(0).rule());
    AivmValidationException dtype = assertThrows(AivmValidationException.class, () -> InferenceInput.fromJson(
        "{\"type\":\"tensor\",\"tensors\":[{\"name\":\"x\",\"dtype\":\"complex64\",\"shape\":[1],\"data\":[1]}]}"));
    assertEquals("enum", dtype.problems().get(0).rule());
    assertEquals("tensors[0].dtype", dtype.problems().get(0).path());
    AivmValidationException big = assertThrows(AivmValidationException.class, () -> InferenceInput.fromJson(
        "{\"type\":\"tensor\",\"tensors\":[{\"name\":\"x\",\"dtype\":\"uint8\",\"shape\":[1],\"data\":[256]}]}"));
    assertEquals("range", big.problems().get(0).rule());
    assertThrows(AivmValidationException.class, () -> InferenceInput.fromJson("{\"type\":\"audio\"}"));
    assertEquals("input.maxTokens", assertThrows(AivmValidationException.class,
        () -> InferenceInput.text("x").maxTokens(0)).problems().get(0).path());
    AivmValidationException nested = assertThrows(AivmValidationException.class,
        () -> InferenceInput.fromJson("{\"type\":\"text\",\"text\":\"x\",\"maxTokens\":0}"));
    assertEquals("maxTokens", nested.problems().get(0).path(), "named as the JSON read names it");
    assertEquals("minimum", nested.problems().get(0).rule());
    assertThrows(AivmValidationException.class, () -> InferenceInput.tensors(List.of()));
  }

  @Test
  void aReceiptVerifiesOnlyUnchangedAndOnlyInItsDomain() {
    EthPrivateKey node = EthPrivateKey.fromBytes(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
        31, 32});
    Receipt r = Receipt.sign(EthSigner.of(node), FakeInferenceGateway.DOMAIN, "inf-1", FakeInferenceGateway.MODEL,
        FakeInferenceGateway.VERSION, FakeInferenceGateway.MANIFEST, Keccak256.hash(new byte[] {1}),
        Keccak256.hash(new byte[] {2}), Instant.parse("2026-11-25T12:00:00.123456Z"));
    assertTrue(r.isSignedBy(FakeInferenceGateway.DOMAIN));
    assertEquals(Instant.parse("2026-11-25T12:00:00.123Z"), r.timestamp(), "signed to the millisecond");
    Receipt otherOutput = new Receipt(r.requestId(), r.model(), r.version(), r.manifestHash(), r.inputHash(),
        Keccak256.hash(new byte[] {3}), r.node(), r.timestamp(), r.signature());
    assertTrue(!otherOutput.isSignedBy(FakeInferenceGateway.DOMAIN));
    assertTrue(!r.isSignedBy(new ai.nesa.aivm.sdk.ledger.LedgerDomain(1, FakeInferenceGateway.DOMAIN.verifyingContract())));
    assertEquals(Receipt.TYPE, ai.nesa.aivm.crypto.Eip712.encodeType(r.typedData(FakeInferenceGateway.DOMAIN), "Receipt"));
  }

  @Test
  void inputsAndOutputsNeverPrintTheirContent() {
    assertEquals("TextInput[6 chars]", InferenceInput.text("secret").toString());
    assertEquals("TextOutput[6 chars, stop]", new TextOutput("secret", "stop").toString());
    assertEquals("Tensor[x float32[1]]", Tensor.ofFloats("x", new long[] {1}, 42f).toString());
  }
}
