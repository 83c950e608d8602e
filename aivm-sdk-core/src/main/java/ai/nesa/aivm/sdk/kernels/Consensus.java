package ai.nesa.aivm.sdk.kernels;

import java.util.Objects;

/**
 * How several nodes' results are agreed on: not at all, by majority, or k agreeing out of n.
 *
 * @param kind the policy
 * @param k how many agreeing results are needed; 0 unless {@link Kind#K_OF_N}
 * @param n how many nodes run the inference; 0 unless {@link Kind#K_OF_N}
 * @since 0.1.0
 */
public record Consensus(Kind kind, int k, int n) {
  /** The consensus policies. */
  public enum Kind {
    NONE("none"),
    MAJORITY("majority"),
    K_OF_N("k_of_n");

    private final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    /** The name in {@code aivm.json}. */
    public String wireName() {
      return wireName;
    }

    /** The constant for a name in {@code aivm.json}, or null when there is none. */
    public static Kind fromWire(String name) {
      for (Kind k : values()) {
        if (k.wireName.equals(name)) {
          return k;
        }
      }
      return null;
    }
  }

  public Consensus {
    Objects.requireNonNull(kind, "kind");
    if (kind != Kind.K_OF_N && (k != 0 || n != 0)) {
      throw new IllegalArgumentException("k and n belong to k_of_n only");
    }
  }

  /** One node's result is taken as it is. */
  public static Consensus none() {
    return new Consensus(Kind.NONE, 0, 0);
  }

  /** The result most nodes agree on. */
  public static Consensus majority() {
    return new Consensus(Kind.MAJORITY, 0, 0);
  }

  /** {@code k} agreeing results out of {@code n} nodes; the validator checks 1 ≤ k ≤ n. */
  public static Consensus kOfN(int k, int n) {
    return new Consensus(Kind.K_OF_N, k, n);
  }
}
