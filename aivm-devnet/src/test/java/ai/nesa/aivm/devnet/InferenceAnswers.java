package ai.nesa.aivm.devnet;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.crypto.Signature;
import ai.nesa.aivm.devnet.internal.OnnxSession.LongTensor;
import ai.nesa.aivm.devnet.internal.OnnxSession;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.inference.InferenceOutput;
import ai.nesa.aivm.sdk.inference.Receipt;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Reading the gateway's inference answers back into SDK values, and what ONNX Runtime gives directly. */
final class InferenceAnswers {
  private InferenceAnswers() {}

  /** The answer's {@code output} as the SDK reads it. */
  static InferenceOutput output(JsonNode result) {
    return InferenceOutput.fromJson(result.get("output").toString());
  }

  /** The answer's receipts as the SDK's. */
  static List<Receipt> receipts(JsonNode result) {
    List<Receipt> out = new ArrayList<>();
    for (JsonNode r : result.get("receipts")) {
      out.add(new Receipt(r.get("requestId").asString(), ModelId.of(r.get("model").asString()),
          Semver.of(r.get("version").asString()), Hash32.of(r.get("manifestHash").asString()),
          Hash32.of(r.get("inputHash").asString()), Hash32.of(r.get("outputHash").asString()),
          Address.of(r.get("node").asString()), Instant.ofEpochMilli(r.get("timestamp").asLong()),
          Signature.fromHex(r.get("signature").asString())));
    }
    return out;
  }

  /** The classifier's logits for {@code text}, from ONNX Runtime with no devnet between. */
  static float[] classifierLogits(String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    long[] ids = new long[utf8.length];
    for (int i = 0; i < utf8.length; i++) {
      ids[i] = utf8[i] & 0xff;
    }
    long[] mask = new long[ids.length];
    Arrays.fill(mask, 1);
    long[] shape = {1, ids.length};
    try (OnnxSession session = OnnxSession.load(TinyModel.BYTE_PAIR_SENTIMENT.bytes())) {
      return session.run(Map.of("input_ids", new LongTensor(shape, ids), "attention_mask", new LongTensor(shape, mask)))
          .get("logits").data();
    }
  }

  /** The addresses in a JSON array. */
  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }
}
