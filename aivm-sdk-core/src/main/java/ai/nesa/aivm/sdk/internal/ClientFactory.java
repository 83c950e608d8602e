package ai.nesa.aivm.sdk.internal;

import ai.nesa.aivm.sdk.AivmClient;
import ai.nesa.aivm.AivmException;
import ai.nesa.aivm.sdk.internal.http.GatewayTransport;
import okhttp3.OkHttpClient;

/** Makes clients from a checked configuration; the only way to get a {@link DefaultAivmClient}. */
public final class ClientFactory {
  private ClientFactory() {}

  /**
   * A client for {@code config}, sharing {@code shareWith}'s pool when that is one of ours and
   * still open.
   */
  public static AivmClient create(ClientConfig config, AivmClient shareWith) {
    HttpResources resources = null;
    if (shareWith instanceof DefaultAivmClient other && other.resources().retain()) {
      resources = other.resources();
    }
    if (resources == null) {
      resources = new HttpResources();
      if (!resources.retain()) {
        throw new AivmException("could not take a share of new HTTP resources");
      }
    }
    OkHttpClient http = new OkHttpClient.Builder()
        .connectionPool(resources.pool)
        .dispatcher(resources.dispatcher)
        .connectTimeout(config.connectTimeout())
        .readTimeout(config.readTimeout())
        .writeTimeout(config.readTimeout())
        // The transport owns retries, so the number of attempts is exactly what the policy says.
        .retryOnConnectionFailure(false)
        .build();
    return new DefaultAivmClient(config, resources, new GatewayTransport(config, http, UserAgent.of(config)));
  }
}
