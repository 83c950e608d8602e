package ai.nesa.aivm.sdk.kernels;

/**
 * An example input and output of a kernel. Each side is either inline JSON text or a bundle file:
 * exactly one of {@code input} / {@code inputFile}, and of {@code output} / {@code outputFile}.
 *
 * @param title a short title; null when none
 * @param input the input as JSON text, such as {@code "\"I loved it\""}; null when a file
 * @param inputFile the input's bundle path; null when inline
 * @param output the output as JSON text; null when a file
 * @param outputFile the output's bundle path; null when inline
 * @since 0.1.0
 */
public record KernelExample(String title, String input, String inputFile, String output,
    String outputFile) {

  /** An example whose input and output are both inline JSON text. */
  public static KernelExample inline(String title, String inputJson, String outputJson) {
    return new KernelExample(title, inputJson, null, outputJson, null);
  }
}
