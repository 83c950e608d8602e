package ai.nesa.aivm.devnet.internal;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Text generation over a byte-level model: tokens are UTF-8 bytes, the model gives the next
 * byte's logits for the last position of the sequence, and each byte picked is appended and run
 * again.
 *
 * <h2>Rules</h2>
 *
 * <ul>
 *   <li>Temperature 0 (or none given) picks the largest logit, the lowest byte on a tie. A
 *       temperature t above 0 samples from softmax(logits / t) with a {@link Random} seeded by the
 *       caller (the devnet seeds it with the input's hash, so every node draws the same bytes).
 *   <li>Generation stops after {@code maxTokens} tokens (finish reason {@code length}) or when the
 *       model picks {@link #STOP_BYTE} (finish reason {@code stop}; the stop byte is counted as a
 *       token but is not part of the text).
 *   <li>Each token's text is handed on as soon as its bytes form whole UTF-8 characters ({@link
 *       Utf8Pieces}); the text is those pieces joined.
 * </ul>
 */
public final class ByteGenerator {
  /** The byte that ends generation: a line feed. */
  public static final int STOP_BYTE = '\n';
  /** Tokens generated when the input does not say. */
  public static final int DEFAULT_MAX_TOKENS = 16;
  /** The most tokens the devnet generates for one input. */
  public static final int MAX_TOKENS = 256;

  /** What a generation made. */
  public record Generated(String text, String finishReason, int tokens) {}

  private ByteGenerator() {}

  /**
   * Generates from {@code prompt}.
   *
   * @param prompt the prompt's bytes, at least one
   * @param maxTokens the most tokens to make, 1 to {@link #MAX_TOKENS}
   * @param temperature 0 for the likeliest byte, above 0 to sample
   * @param random the sampler's source, used only when sampling
   * @param lastRow runs the model on the whole sequence and gives the logits of its last position
   * @param onPiece gets each token's text as it is made
   */
  public static Generated generate(byte[] prompt, int maxTokens, double temperature, Random random,
      Function<long[], float[]> lastRow, Consumer<String> onPiece) {
    long[] ids = new long[prompt.length + maxTokens];
    for (int i = 0; i < prompt.length; i++) {
      ids[i] = prompt[i] & 0xff;
    }
    int length = prompt.length;
    Utf8Pieces pieces = new Utf8Pieces();
    for (int token = 1; token <= maxTokens; token++) {
      float[] logits = lastRow.apply(Arrays.copyOf(ids, length));
      int next = temperature == 0 ? argmax(logits) : sample(logits, temperature, random);
      if (next == STOP_BYTE) {
        emit(pieces.flush(), onPiece);
        return new Generated(pieces.text(), "stop", token);
      }
      ids[length++] = next;
      emit(pieces.add(next), onPiece);
    }
    emit(pieces.flush(), onPiece);
    return new Generated(pieces.text(), "length", maxTokens);
  }

  private static void emit(String piece, Consumer<String> onPiece) {
    if (!piece.isEmpty()) {
      onPiece.accept(piece);
    }
  }

  static int argmax(float[] logits) {
    int best = 0;
    for (int i = 1; i < logits.length; i++) {
      if (logits[i] > logits[best]) {
        best = i;
      }
    }
    return best;
  }

  static int sample(float[] logits, double temperature, Random random) {
    float max = logits[argmax(logits)];
    double[] weights = new double[logits.length];
    double sum = 0;
    for (int i = 0; i < logits.length; i++) {
      weights[i] = Math.exp((logits[i] - max) / temperature);
      sum += weights[i];
    }
    double r = random.nextDouble() * sum;
    for (int i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) {
        return i;
      }
    }
    return argmax(logits);
  }
}
