package ai.nesa.aivm.sdk.access;

import ai.nesa.aivm.AivmException;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.ModelId;
import java.util.Objects;

/**
 * A node may not open a private model's key: it holds no grant of it, its grant is older than
 * the version, or too few of its peers' shares could be had. Names the node and the model, never
 * a key.
 *
 * @since 0.1.0
 */
public final class AccessDeniedException extends AivmException {
  private static final long serialVersionUID = 1L;

  private final transient ModelId model;
  private final transient Address node;

  public AccessDeniedException(ModelId model, Address node, String message) {
    super(message);
    this.model = Objects.requireNonNull(model, "model");
    this.node = Objects.requireNonNull(node, "node");
  }

  /** The model asked for. */
  public ModelId model() {
    return model;
  }

  /** The node refused. */
  public Address node() {
    return node;
  }
}
