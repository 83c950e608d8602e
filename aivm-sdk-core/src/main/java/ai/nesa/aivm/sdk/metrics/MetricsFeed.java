package ai.nesa.aivm.sdk.metrics;

import java.util.concurrent.Flow;

/**
 * Real-time monitoring and usage analytics: a live feed of what happens to models, deployments and
 * inferences, and series and totals of their usage and performance. Reached through {@code
 * client.metrics()}.
 *
 * <pre>{@code
 * client.metrics().events(MetricsFilter.builder().model(id).build()).subscribe(subscriber);
 * UsageSeries s = client.metrics().usage(UsageQuery.model(id).from(start).bucket(Bucket.MINUTE).build());
 * UsageSummary today = client.metrics().summary(UsageQuery.model(id).from(midnight).build());
 * }</pre>
 *
 * <h2>The live feed</h2>
 *
 * <p>Each subscription opens its own {@code text/event-stream} connection and reads it on a
 * thread of its own, which delivers every signal (Reactive Streams rules: serial, in order).
 *
 * <ul>
 *   <li><b>Exactly once, in order.</b> When the connection drops, the feed reconnects by itself
 *       (with {@link FeedOptions}' backoff) and resumes after the last event received ({@code
 *       Last-Event-ID}): no event is delivered twice, and none is skipped in silence. When the
 *       gateway no longer holds the events missed (it restarted, or the subscriber fell further
 *       behind than its replay buffer), the feed delivers a {@link MetricsEvent.Gap} naming the
 *       range lost, then goes on.
 *   <li><b>Backpressure.</b> The feed reads the connection only as fast as the subscriber
 *       requests: an event is read and decoded only once there is demand for it, so a slow
 *       subscriber never makes the client buffer without bound (what waits is in the socket's
 *       buffers, then the gateway's bounded replay buffer; a subscriber slower than the events
 *       for longer than that buffer holds gets a {@code Gap}, never an unbounded heap).
 *   <li><b>Bad input from the wire.</b> An event whose data is not a valid {@code MetricsEvent},
 *       and any line the event-stream format does not define, is skipped with a warning on the
 *       logger {@code ai.nesa.aivm.sdk.metrics}; the feed goes on (and resumes after the skipped
 *       event's id).
 *   <li><b>Ending.</b> {@code cancel()} closes the connection. A refusal (a bad filter: {@code
 *       BadRequestException}; a bad key: {@code UnauthorizedException}) ends the feed with {@code
 *       onError}, as do {@link FeedOptions#maxReconnects()} failed reconnects in a row. A
 *       subscriber that throws from {@code onNext} is taken as cancelled (Reactive Streams §2.13):
 *       the feed logs a warning and closes the connection.
 * </ul>
 *
 * <h2>Analytics</h2>
 *
 * <p>Requests, errors and error rate, latency p50 / p95 / p99, units in and out and cost, per 1-minute,
 * 1-hour or 1-day bucket, for a model or one deployment, in all or per node or per version.
 * Percentiles are computed by the gateway; the devnet's are exact (nearest rank).
 *
 * @since 0.1.0
 */
public interface MetricsFeed {
  /** The live feed of events {@code filter} lets through, from the next one on. */
  Flow.Publisher<MetricsEvent> events(MetricsFilter filter);

  /** The live feed, with options (resume after an id, reconnect backoff). */
  Flow.Publisher<MetricsEvent> events(MetricsFilter filter, FeedOptions options);

  /**
   * Usage over time, in buckets.
   *
   * @throws ai.nesa.aivm.AivmValidationException naming {@code from} when the query has none
   * @throws ai.nesa.aivm.sdk.BadRequestException when the gateway refuses the range (more than
   *     1440 buckets)
   * @throws ai.nesa.aivm.sdk.NotFoundException for an unknown model or deployment
   */
  UsageSeries usage(UsageQuery query);

  /** Totals over the query's range (its bucket and grouping are not used). */
  UsageSummary summary(UsageQuery query);
}
