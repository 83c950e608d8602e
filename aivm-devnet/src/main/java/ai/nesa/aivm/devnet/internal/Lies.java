package ai.nesa.aivm.devnet.internal;

import ai.nesa.aivm.sdk.inference.InferenceOutput;
import ai.nesa.aivm.sdk.inference.Tensor;
import ai.nesa.aivm.sdk.inference.TensorOutput;
import ai.nesa.aivm.sdk.inference.TextOutput;
import ai.nesa.aivm.sdk.kernels.DType;
import java.util.ArrayList;
import java.util.List;

/** The lies of a lying devnet node (the {@code NodeFaults.lie} switch): outputs that differ by a variant. */
public final class Lies {
  private Lies() {}

  /**
   * {@code output} told with lie {@code variant}: unchanged for 0; otherwise the first value of
   * the first float32 tensor plus {@code variant}, or the text's last character {@code c} replaced
   * by {@code c ^ variant} (an empty text becomes the digit of {@code variant}).
   */
  public static InferenceOutput tell(InferenceOutput output, int variant) {
    if (variant == 0) {
      return output;
    }
    if (output instanceof TextOutput text) {
      String t = text.text();
      String lie = t.isEmpty() ? Integer.toString(variant)
          : t.substring(0, t.length() - 1) + (char) (t.charAt(t.length() - 1) ^ variant);
      return new TextOutput(lie, text.finishReason());
    }
    List<Tensor> tensors = new ArrayList<>(((TensorOutput) output).tensors());
    for (int i = 0; i < tensors.size(); i++) {
      Tensor t = tensors.get(i);
      if (t.dtype() == DType.FLOAT32 && t.size() > 0) {
        float[] values = t.asFloats();
        values[0] += variant;
        tensors.set(i, Tensor.ofFloats(t.name(), t.shape(), values));
        return new TensorOutput(tensors);
      }
    }
    tensors.add(Tensor.ofInts("lie", new long[] {1}, variant));
    return new TensorOutput(tensors);
  }
}
