package ai.nesa.aivm.sdk.internal.kernels.upload;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.Problem;
import ai.nesa.aivm.crypto.ChunkedEncryption;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.kernels.FileEncryption;
import ai.nesa.aivm.sdk.kernels.FileRole;
import ai.nesa.aivm.sdk.kernels.ManifestEntry;
import ai.nesa.aivm.sdk.kernels.Security;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a private kernel's files are encrypted, and the manifest parameters that say so.
 *
 * <p>Scheme {@value Security#C2SP_CHUNKED_AES_256_GCM}; parameters {@code chunkSize} (16384),
 * {@code plaintextSize}, and {@code context}, the text {@code aivm-kernel-file/1:<org/model>:<path>}
 * whose UTF-8 bytes are the C2SP context: a file decrypts only as the file of that kernel at that
 * path.
 */
public final class KernelEncryption {
  /** The roles a private kernel keeps encrypted; config, docs and examples stay readable. */
  public static final Set<FileRole> ENCRYPTED_ROLES = EnumSet.of(FileRole.WEIGHTS, FileRole.CODE, FileRole.AGGREGATION);

  private static final String CONTEXT_PREFIX = "aivm-kernel-file/1:";

  private KernelEncryption() {}

  /** The context text binding a file to its kernel and path. */
  public static String context(ModelId name, String path) {
    return CONTEXT_PREFIX + name + ":" + path;
  }

  /** The encryption of the file at {@code path} of kernel {@code name}. */
  public static ChunkedEncryption forFile(ModelId name, String path) {
    return ChunkedEncryption.aes256Gcm().withContext(context(name, path).getBytes(StandardCharsets.UTF_8));
  }

  /** The manifest's record of a file of {@code plaintextSize} bytes encrypted by {@link #forFile}. */
  public static FileEncryption parameters(ModelId name, String path, long plaintextSize) {
    return FileEncryption.of(Security.C2SP_CHUNKED_AES_256_GCM, Map.of(
        "chunkSize", (long) ChunkedEncryption.CHUNK_SIZE,
        "plaintextSize", plaintextSize,
        "context", context(name, path)));
  }

  /**
   * The encryption an encrypted entry of kernel {@code name} was made with, after checking its
   * parameters are the ones this SDK writes for that kernel and path.
   *
   * @throws IllegalArgumentException when the entry is not encrypted
   * @throws AivmValidationException naming {@code files[path].encryption.*} for each parameter that
   *     is not what this SDK would have written
   */
  public static ChunkedEncryption of(ModelId name, ManifestEntry entry) {
    FileEncryption enc = entry.encryption().orElseThrow(
        () -> new IllegalArgumentException("the file '" + entry.path() + "' is not encrypted"));
    String at = "files[" + entry.path() + "].encryption";
    List<Problem> problems = new ArrayList<>();
    if (!Security.C2SP_CHUNKED_AES_256_GCM.equals(enc.scheme())) {
      problems.add(Problem.of(at + ".scheme", "enum", enc.scheme(),
          "this SDK decrypts " + Security.C2SP_CHUNKED_AES_256_GCM + " only"));
    }
    Map<String, Object> p = enc.parameters();
    if (!Long.valueOf(ChunkedEncryption.CHUNK_SIZE).equals(p.get("chunkSize"))) {
      problems.add(Problem.of(at + ".parameters.chunkSize", "const", String.valueOf(p.get("chunkSize")),
          "the chunk size is " + ChunkedEncryption.CHUNK_SIZE));
    }
    String expected = context(name, entry.path());
    if (!expected.equals(p.get("context"))) {
      problems.add(Problem.of(at + ".parameters.context", "const", String.valueOf(p.get("context")),
          "the context of this file is '" + expected + "'"));
    }
    Object plain = p.get("plaintextSize");
    if (!(plain instanceof Long n) || !holds(entry.size(), n)) {
      problems.add(Problem.of(at + ".parameters.plaintextSize", "size", String.valueOf(plain),
          "the plaintext size must be the one a ciphertext of " + entry.size() + " bytes holds"));
    }
    if (!problems.isEmpty()) {
      throw new AivmValidationException(problems);
    }
    return forFile(name, entry.path());
  }

  private static boolean holds(long ciphertextSize, long plaintextSize) {
    try {
      return ChunkedEncryption.ciphertextSize(plaintextSize) == ciphertextSize;
    } catch (IllegalArgumentException e) {
      return false; // negative or beyond the format's 4 PiB
    }
  }
}
