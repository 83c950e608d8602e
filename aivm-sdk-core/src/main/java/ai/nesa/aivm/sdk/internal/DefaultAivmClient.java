package ai.nesa.aivm.sdk.internal;

import ai.nesa.aivm.sdk.AivmClient;
import ai.nesa.aivm.sdk.AivmClientAsync;
import ai.nesa.aivm.sdk.internal.http.GatewayTransport;
import ai.nesa.aivm.sdk.internal.models.DefaultModelRegistry;
import ai.nesa.aivm.sdk.internal.models.DefaultModelRegistryAsync;
import ai.nesa.aivm.sdk.models.ModelRegistry;
import ai.nesa.aivm.sdk.models.ModelRegistryAsync;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;

/** The client: services over one transport, and a share of the HTTP resources. */
final class DefaultAivmClient implements AivmClient {
  private final ClientConfig config;
  private final HttpResources resources;
  private final ModelRegistry models;
  private final Async async;
  private final AtomicBoolean closed = new AtomicBoolean();

  DefaultAivmClient(ClientConfig config, HttpResources resources, GatewayTransport transport) {
    this.config = config;
    this.resources = resources;
    this.models = new DefaultModelRegistry(transport);
    this.async = new Async(new DefaultModelRegistryAsync(transport));
  }

  HttpResources resources() {
    return resources;
  }

  @Override
  public ModelRegistry models() {
    return models;
  }

  @Override
  public AivmClientAsync async() {
    return async;
  }

  @Override
  public URI gateway() {
    return config.gateway();
  }

  @Override
  public Builder newBuilder() {
    Builder b = AivmClient.builder()
        .gateway(config.gateway())
        .connectTimeout(config.connectTimeout())
        .readTimeout(config.readTimeout())
        .callTimeout(config.callTimeout())
        .retryPolicy(config.retryPolicy())
        .clock(config.clock())
        .sleeper(config.sleeper())
        .random(config.random())
        .sharePoolWith(this);
    if (config.apiKey() != null) {
      b.apiKey(config.apiKey());
    }
    if (config.circuitBreaker() == null) {
      b.noCircuitBreaker();
    } else {
      b.circuitBreaker(config.circuitBreaker());
    }
    if (config.rateLimit() != null) {
      b.rateLimit(config.rateLimit());
    }
    if (config.applicationName() != null) {
      b.applicationName(config.applicationName());
    }
    return b;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      resources.release();
    }
  }

  @Override
  public String toString() {
    return "AivmClient{" + config + "}";
  }

  private final class Async implements AivmClientAsync {
    private final ModelRegistryAsync models;

    Async(ModelRegistryAsync models) {
      this.models = models;
    }

    @Override
    public ModelRegistryAsync models() {
      return models;
    }

    @Override
    public AivmClient sync() {
      return DefaultAivmClient.this;
    }

    @Override
    public void close() {
      DefaultAivmClient.this.close();
    }

    @Override
    public String toString() {
      return "AivmClientAsync{" + config + "}";
    }
  }
}
