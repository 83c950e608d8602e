package ai.nesa.aivm.sdk.kernels.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.Problem;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.kernels.FileEncryption;
import ai.nesa.aivm.sdk.kernels.FileRole;
import ai.nesa.aivm.sdk.kernels.ManifestEntry;
import ai.nesa.aivm.sdk.kernels.UploadState;
import ai.nesa.aivm.sdk.storage.ContentIds;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UploadStateTest {
  private static final Cid A = ContentIds.v1Only().of(new byte[] {1}).cidV1();
  private static final Cid B = ContentIds.v1Only().of(new byte[] {2}).cidV1();

  private static UploadState sample() {
    ManifestEntry entry = ManifestEntry.builder().path("model.onnx").size(129).cid(A)
        .mediaType("application/onnx").role(FileRole.WEIGHTS)
        .encryption(FileEncryption.of("c2sp-chunked-aes-256-gcm", Map.of("chunkSize", 16384L)))
        .build();
    return UploadState.empty(ModelId.of("acme/m"), Semver.of("1.0.0"))
        .with(new UploadState.StoredFile(entry, 57, B));
  }

  @Test
  void theJsonFormIsCanonicalAndRoundTrips() {
    UploadState state = sample();
    String json = state.toJson();
    assertEquals("{\"files\":[{\"entry\":{\"cid\":\"" + A + "\",\"encryption\":{\"parameters\":{\"chunkSize\":16384},"
        + "\"scheme\":\"c2sp-chunked-aes-256-gcm\"},\"mediaType\":\"application/onnx\",\"path\":\"model.onnx\","
        + "\"role\":\"weights\",\"size\":129},\"source\":{\"cid\":\"" + B + "\",\"size\":57}}],"
        + "\"format\":\"aivm-upload-state/1\",\"name\":\"acme/m\",\"version\":\"1.0.0\"}", json);
    assertEquals(state, UploadState.fromJson(json));
  }

  @Test
  void aLaterRecordOfTheSamePathReplacesTheEarlierOne() {
    UploadState state = sample();
    ManifestEntry other = state.file("model.onnx").orElseThrow().entry().toBuilder().noEncryption().cid(B).build();
    UploadState next = state.with(new UploadState.StoredFile(other, 129, B));
    assertEquals(1, next.files().size());
    assertEquals(other, next.file("model.onnx").orElseThrow().entry());
    assertEquals(1, state.files().size(), "the original is unchanged");
  }

  @Test
  void everyProblemIsNamedWithItsPath() {
    String json = "{\"format\":\"other/2\",\"name\":\"x\",\"version\":\"one\",\"files\":["
        + "{\"entry\":{\"path\":\"../up\",\"size\":1,\"cid\":\"" + A + "\",\"mediaType\":\"text/plain\",\"role\":\"docs\"},"
        + "\"source\":{\"cid\":\"nope\",\"size\":-1}}]}";
    AivmValidationException e = assertThrows(AivmValidationException.class, () -> UploadState.fromJson(json));
    List<String> paths = e.problems().stream().map(Problem::path).toList();
    assertEquals(List.of("$.format", "$.name", "$.version", "$.files[0].entry.path"), paths);
  }
}
