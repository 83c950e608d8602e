package ai.nesa.aivm.sdk.internal.inference;

import ai.nesa.aivm.sdk.Page;
import ai.nesa.aivm.sdk.inference.Deployment;
import ai.nesa.aivm.sdk.inference.DeploymentListParams;
import ai.nesa.aivm.sdk.inference.DeploymentSpec;
import ai.nesa.aivm.sdk.inference.InferenceInput;
import ai.nesa.aivm.sdk.inference.InferenceOptions;
import ai.nesa.aivm.sdk.inference.InferenceResult;
import ai.nesa.aivm.sdk.inference.InferenceState;
import ai.nesa.aivm.sdk.internal.http.ApiRequest;
import ai.nesa.aivm.sdk.internal.http.ResponseDecoder;
import ai.nesa.aivm.sdk.internal.json.JsonCodec;
import java.util.Objects;

/** The deployment and inference calls as requests and decoders, shared by the sync and async clients. */
final class InferenceCalls {
  static final ResponseDecoder<Deployment> DEPLOYMENT = DeploymentJson::readDeployment;
  static final ResponseDecoder<Page<Deployment>> DEPLOYMENT_PAGE =
      r -> JsonCodec.readPage(r, DeploymentJson::readDeployment);
  static final ResponseDecoder<InferenceResult> RESULT = DeploymentJson::readResult;
  static final ResponseDecoder<InferenceState> STATE = DeploymentJson::readState;

  private InferenceCalls() {}

  static ApiRequest deploy(DeploymentSpec spec) {
    Objects.requireNonNull(spec, "spec");
    return ApiRequest.post(DeploymentJson.deploymentRequest(spec), "v1", "deployments").build();
  }

  static ApiRequest deployment(String id) {
    return ApiRequest.get("v1", "deployments", id(id)).build();
  }

  static ApiRequest deployments(DeploymentListParams p, String cursor) {
    return ApiRequest.get("v1", "deployments")
        .query("model", p.model().map(Object::toString).orElse(null))
        .query("status", p.status().map(s -> s.wireName()).orElse(null))
        .query("limit", p.limit().orElse(null))
        .query("cursor", cursor)
        .build();
  }

  static ApiRequest delete(String id) {
    return ApiRequest.delete("v1", "deployments", id(id)).build();
  }

  static ApiRequest infer(String deployment, InferenceInput input, InferenceOptions options, boolean stream) {
    Objects.requireNonNull(input, "input");
    ApiRequest.Builder b = ApiRequest.post(DeploymentJson.inferenceRequest(input, options, stream),
        "v1", "deployments", id(deployment), "inferences");
    options.idempotencyKey().ifPresent(b::idempotencyKey);
    if (stream) {
      b.accept("text/event-stream");
    }
    return b.build();
  }

  static ApiRequest inference(String id) {
    return ApiRequest.get("v1", "inferences", id(id)).build();
  }

  static ApiRequest cancel(String id) {
    return ApiRequest.delete("v1", "inferences", id(id)).build();
  }

  /** A resource id as the document allows it; anything else would be a path the gateway never made. */
  static String id(String id) {
    Objects.requireNonNull(id, "id");
    if (!id.matches("[A-Za-z0-9_-]{1,64}")) {
      throw ai.nesa.aivm.AivmValidationException.of("id", "pattern", id,
          "a gateway id is 1 to 64 of A-Z a-z 0-9 _ -: '" + id + "'");
    }
    return id;
  }
}
