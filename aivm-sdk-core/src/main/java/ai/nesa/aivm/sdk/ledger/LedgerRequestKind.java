package ai.nesa.aivm.sdk.ledger;

/**
 * What a ledger request does; the wire name is the gateway's {@code kind}, the EIP-712 primary
 * type is the name in UpperCamelCase.
 *
 * @since 0.1.0
 */
public enum LedgerRequestKind {
  REGISTER_MODEL("register_model", "RegisterModel"),
  PUBLISH_VERSION("publish_version", "PublishVersion"),
  DEPRECATE_VERSION("deprecate_version", "DeprecateVersion"),
  TRANSFER_OWNERSHIP("transfer_ownership", "TransferOwnership"),
  REGISTER_NODE("register_node", "RegisterNode"),
  GRANT("grant", "Grant"),
  REVOKE("revoke", "Revoke"),
  ROTATE_EPOCH("rotate_epoch", "RotateEpoch"),
  REVIEW("review", "Review");

  private final String wireName;
  private final String primaryType;

  LedgerRequestKind(String wireName, String primaryType) {
    this.wireName = wireName;
    this.primaryType = primaryType;
  }

  /** The gateway's name, such as {@code publish_version}. */
  public String wireName() {
    return wireName;
  }

  /** The EIP-712 primary type, such as {@code PublishVersion}. */
  public String primaryType() {
    return primaryType;
  }

  /** The kind with this wire name, or null. */
  public static LedgerRequestKind fromWire(String name) {
    for (LedgerRequestKind k : values()) {
      if (k.wireName.equals(name)) {
        return k;
      }
    }
    return null;
  }
}
