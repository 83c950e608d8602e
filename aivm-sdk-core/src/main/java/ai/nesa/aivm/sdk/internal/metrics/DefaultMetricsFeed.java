package ai.nesa.aivm.sdk.internal.metrics;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.sdk.Sleeper;
import ai.nesa.aivm.sdk.internal.http.ApiRequest;
import ai.nesa.aivm.sdk.internal.http.GatewayTransport;
import ai.nesa.aivm.sdk.metrics.FeedOptions;
import ai.nesa.aivm.sdk.metrics.MetricsEvent;
import ai.nesa.aivm.sdk.metrics.MetricsFeed;
import ai.nesa.aivm.sdk.metrics.MetricsFeedAsync;
import ai.nesa.aivm.sdk.metrics.MetricsFilter;
import ai.nesa.aivm.sdk.metrics.UsageQuery;
import ai.nesa.aivm.sdk.metrics.UsageSeries;
import ai.nesa.aivm.sdk.metrics.UsageSummary;
import java.time.Clock;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/** {@link MetricsFeed} over the gateway's {@code /v1/metrics} operations. */
public final class DefaultMetricsFeed implements MetricsFeed {
  private final GatewayTransport transport;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Random random;

  /** The asynchronous twin: the same feeds, and the analytics calls as futures. */
  private final MetricsFeedAsync async = new MetricsFeedAsync() {
    @Override
    public Flow.Publisher<MetricsEvent> events(MetricsFilter filter) {
      return DefaultMetricsFeed.this.events(filter);
    }

    @Override
    public Flow.Publisher<MetricsEvent> events(MetricsFilter filter, FeedOptions options) {
      return DefaultMetricsFeed.this.events(filter, options);
    }

    @Override
    public CompletableFuture<UsageSeries> usage(UsageQuery query) {
      return transport.executeAsync(usageRequest(query), MetricsJson::series);
    }

    @Override
    public CompletableFuture<UsageSummary> summary(UsageQuery query) {
      return transport.executeAsync(summaryRequest(query), MetricsJson::summary);
    }
  };

  public DefaultMetricsFeed(GatewayTransport transport, Clock clock, Sleeper sleeper, Random random) {
    this.transport = transport;
    this.clock = clock;
    this.sleeper = sleeper;
    this.random = random;
  }

  @Override
  public Flow.Publisher<MetricsEvent> events(MetricsFilter filter) {
    return events(filter, FeedOptions.defaults());
  }

  @Override
  public Flow.Publisher<MetricsEvent> events(MetricsFilter filter, FeedOptions options) {
    return new LiveFeed(transport, Objects.requireNonNull(filter, "filter"), Objects.requireNonNull(options, "options"),
        clock, sleeper, random);
  }

  @Override
  public UsageSeries usage(UsageQuery query) {
    return transport.execute(usageRequest(query), MetricsJson::series);
  }

  @Override
  public UsageSummary summary(UsageQuery query) {
    return transport.execute(summaryRequest(query), MetricsJson::summary);
  }

  /** The asynchronous twin. */
  public MetricsFeedAsync async() {
    return async;
  }


  private static ApiRequest usageRequest(UsageQuery query) {
    Objects.requireNonNull(query, "query");
    if (query.from().isEmpty()) {
      throw AivmValidationException.of("from", "required", "a usage series needs the start of its range: from(...)");
    }
    ApiRequest.Builder b = scoped("usage", query);
    b.query("bucket", query.bucket().wireName());
    b.query("groupBy", query.groupBy().wireName());
    return b.build();
  }

  private static ApiRequest summaryRequest(UsageQuery query) {
    Objects.requireNonNull(query, "query");
    return scoped("summary", query).build();
  }

  private static ApiRequest.Builder scoped(String operation, UsageQuery query) {
    ApiRequest.Builder b = ApiRequest.get("v1", "metrics", operation);
    query.modelId().ifPresent(m -> b.query("model", m.toString()));
    query.deploymentId().ifPresent(d -> b.query("deployment", d));
    query.from().ifPresent(f -> b.query("from", f.toString()));
    query.to().ifPresent(t -> b.query("to", t.toString()));
    return b;
  }

  @Override
  public String toString() {
    return "MetricsFeed{" + transport + "}";
  }
}
