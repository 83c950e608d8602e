package ai.nesa.aivm.sdk.internal.kernels.bundle;

import static ai.nesa.aivm.crypto.TypedData.field;

import ai.nesa.aivm.crypto.TypedData;
import ai.nesa.aivm.sdk.kernels.Manifest;
import java.util.Map;

/** The EIP-712 typed data of a manifest signature (documented on {@code SignedManifest}). */
public final class ManifestTypedData {
  static final String DOMAIN_NAME = "AIVM";
  static final String DOMAIN_VERSION = "1";
  static final String PRIMARY_TYPE = "KernelManifest";

  private ManifestTypedData() {}

  /** {@code KernelManifest(string model,string version,bytes32 manifestHash)} for {@code manifest}. */
  public static TypedData of(Manifest manifest, long chainId) {
    return TypedData.builder()
        .domain(TypedData.Domain.builder().name(DOMAIN_NAME).version(DOMAIN_VERSION).chainId(chainId).build())
        .type(PRIMARY_TYPE, field("model", "string"), field("version", "string"), field("manifestHash", "bytes32"))
        .primaryType(PRIMARY_TYPE)
        .message(Map.of(
            "model", manifest.name().toString(),
            "version", manifest.version().text(),
            "manifestHash", manifest.hash()))
        .build();
  }
}
