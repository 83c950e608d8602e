package ai.nesa.aivm.sdk.access;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.ModelId;

/**
 * Another authorized node of a k-of-n model, asked for its share of the current epoch key. How the
 * request travels (in process, over the operators' own channel) is the operators' choice; what
 * comes back is readable by the requester only: the share ECIES-wrapped to the encryption key the
 * requester registered. {@link NodeKeyring} is one.
 *
 * @since 0.1.0
 */
public interface SharePeer {
  /** The peer node's address. */
  Address address();

  /**
   * This peer's share of {@code model}'s current epoch key, wrapped to {@code requester}'s
   * registered encryption key.
   *
   * @throws AccessDeniedException when the requester or this peer holds no grant of the model's
   *     current epoch
   */
  byte[] shareFor(Address requester, ModelId model);
}
