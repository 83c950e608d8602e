package ai.nesa.aivm.sdk.inference;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What an inference used and cost.
 *
 * @param unitsIn token units in (a text input's UTF-8 bytes, or a tensor input's elements)
 * @param unitsOut token units out (generated tokens, or output elements)
 * @param pricePerUnit the price of one unit on one node
 * @param total what the inference cost, every node that ran it paid
 * @param lockRemaining what is left of the deployment's lock
 * @since 0.1.0
 */
public record Usage(long unitsIn, long unitsOut, BigDecimal pricePerUnit, BigDecimal total, BigDecimal lockRemaining) {
  public Usage {
    Objects.requireNonNull(pricePerUnit, "pricePerUnit");
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(lockRemaining, "lockRemaining");
  }
}
