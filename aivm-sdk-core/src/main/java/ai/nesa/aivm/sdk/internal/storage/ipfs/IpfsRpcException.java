package ai.nesa.aivm.sdk.internal.storage.ipfs;

import ai.nesa.aivm.sdk.UnexpectedResponseException;

/**
 * An IPFS node answered an RPC call with an error status; {@link #rpcMessage()} is the node's own
 * {@code Message}, which Kubo and js-ipfs both send as {@code {"Message":…,"Code":…,"Type":"error"}}.
 */
public final class IpfsRpcException extends UnexpectedResponseException {
  private static final long serialVersionUID = 1L;

  private final String rpcMessage;

  IpfsRpcException(String endpoint, int status, String rpcMessage) {
    super("the IPFS node answered " + endpoint + " with an error: " + rpcMessage, status, null, null);
    this.rpcMessage = rpcMessage;
  }

  /** The node's error message, or the start of its answer when it was not the usual JSON. */
  public String rpcMessage() {
    return rpcMessage;
  }
}
