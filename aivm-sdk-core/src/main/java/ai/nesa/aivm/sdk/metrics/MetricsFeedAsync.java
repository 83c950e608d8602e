package ai.nesa.aivm.sdk.metrics;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/** The asynchronous twin of {@link MetricsFeed}. @since 0.1.0 */
public interface MetricsFeedAsync {
  /** The same feed as {@link MetricsFeed#events(MetricsFilter)}: a publisher is asynchronous already. */
  Flow.Publisher<MetricsEvent> events(MetricsFilter filter);

  Flow.Publisher<MetricsEvent> events(MetricsFilter filter, FeedOptions options);

  CompletableFuture<UsageSeries> usage(UsageQuery query);

  CompletableFuture<UsageSummary> summary(UsageQuery query);
}
