package ai.nesa.aivm.chain.internal.rpc;

import ai.nesa.aivm.sdk.AivmIoException;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;

/**
 * One JSON-RPC call through web3j, its failures as the SDK's exceptions: a node that cannot be
 * reached, or that answers with an error, is an {@link AivmIoException} naming the method; a
 * contract's revert is a {@link RevertedCall} carrying the revert data, so that callers can decode
 * the custom error.
 */
public final class Rpc {
  private static final Pattern HEX_DATA = Pattern.compile("0x([0-9a-fA-F]{2})*");

  private Rpc() {}

  /**
   * Sends {@code request} and returns its answer.
   *
   * @throws RevertedCall when the node says the call reverted and gives the revert data
   * @throws AivmIoException when the node cannot be reached or answers with another error
   */
  public static <T extends Response<?>> T call(Request<?, T> request) {
    T answer;
    try {
      answer = request.send();
    } catch (IOException e) {
      throw new AivmIoException(request.getMethod() + " failed: " + e.getMessage(), e);
    }
    if (answer.hasError()) {
      Optional<String> data = revertData(answer.getError());
      if (data.isPresent()) {
        throw new RevertedCall(request.getMethod(), answer.getError().getMessage(), data.get());
      }
      throw new AivmIoException(request.getMethod() + " failed: " + answer.getError().getMessage());
    }
    return answer;
  }

  /**
   * The revert data of an error answer: web3j keeps the error's {@code data} as raw JSON, which
   * for a revert is a quoted hex string ({@code "0x"} alone for a bare {@code revert()}).
   */
  static Optional<String> revertData(Response.Error error) {
    String raw = error.getData();
    if (raw == null) {
      return Optional.empty();
    }
    String data = raw.strip();
    if (data.length() >= 2 && data.startsWith("\"") && data.endsWith("\"")) {
      data = data.substring(1, data.length() - 1);
    }
    return HEX_DATA.matcher(data).matches() ? Optional.of(data.toLowerCase(java.util.Locale.ROOT)) : Optional.empty();
  }
}
