package ai.nesa.aivm.devnet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The devnet's tiny real ONNX models, small enough to ship in the jar and real enough to run:
 * graphs that ONNX Runtime executes, with the inputs and outputs of the SDK's presets
 * ({@code input_ids} and {@code attention_mask}, int64 [batch, sequence], token ids being UTF-8
 * bytes; {@code logits} float32 out).
 *
 * <p>They are built, deterministically, by {@code make_models.py} beside them in the jar's
 * {@code ai/nesa/aivm/devnet/models/} (Debian's {@code python3-onnx}); a test checks that the script
 * reproduces the committed files byte for byte. They are plumbing for the devnet, not useful
 * models: their tables are counted from a few lines of text.
 *
 * @since 0.1.0
 */
public enum TinyModel {
  /**
   * A text classifier ({@code Presets.onnxClassifier}): naive Bayes over byte pairs, {@code logits}
   * [batch, 2] with class 0 negative and 1 positive. 513 KiB.
   */
  BYTE_PAIR_SENTIMENT("byte-pair-sentiment.onnx"),
  /**
   * A text generator ({@code Presets.onnxTextGenerator}): a byte bigram model, {@code logits}
   * [batch, sequence, 256], the next byte's log-probabilities at each position. 256 KiB.
   */
  BYTE_BIGRAM("byte-bigram.onnx");

  /** The classpath folder holding the models, their generator and its expected outputs. */
  public static final String RESOURCE_FOLDER = "ai/nesa/aivm/devnet/models/";

  private final String fileName;

  TinyModel(String fileName) {
    this.fileName = fileName;
  }

  /** The model's file name, such as {@code byte-bigram.onnx}. */
  public String fileName() {
    return fileName;
  }

  /** A new stream over the model's ONNX bytes; the caller closes it. */
  public InputStream open() {
    InputStream in = TinyModel.class.getClassLoader().getResourceAsStream(RESOURCE_FOLDER + fileName);
    if (in == null) {
      throw new IllegalStateException("the devnet jar has no " + RESOURCE_FOLDER + fileName);
    }
    return in;
  }

  /** The model's ONNX bytes. */
  public byte[] bytes() {
    try (InputStream in = open()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + fileName + " from the devnet jar", e);
    }
  }
}
