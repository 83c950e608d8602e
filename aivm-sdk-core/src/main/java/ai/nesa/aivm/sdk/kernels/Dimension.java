package ai.nesa.aivm.sdk.kernels;

import java.util.Objects;

/**
 * One dimension of a tensor's shape: a fixed size, dynamic ({@code -1}), or a named symbol such
 * as {@code batch} that stands for a size known only at run time.
 *
 * @param size the size, or -1 when dynamic or named
 * @param symbol the symbol's name; null unless named
 * @since 0.1.0
 */
public record Dimension(long size, String symbol) {
  private static final Dimension DYNAMIC = new Dimension(-1, null);

  public Dimension {
    if (symbol != null && size != -1) {
      throw new IllegalArgumentException("a named dimension has size -1");
    }
  }

  /** A dimension of exactly {@code size} elements. */
  public static Dimension fixed(long size) {
    return new Dimension(size, null);
  }

  /** A dimension whose size is known only at run time. */
  public static Dimension dynamic() {
    return DYNAMIC;
  }

  /** A dynamic dimension named {@code symbol}, such as {@code batch} or {@code sequence}. */
  public static Dimension named(String symbol) {
    return new Dimension(-1, Objects.requireNonNull(symbol, "symbol"));
  }

  /** Whether this is a named symbol. */
  public boolean isNamed() {
    return symbol != null;
  }

  @Override
  public String toString() {
    return symbol != null ? symbol : Long.toString(size);
  }
}
