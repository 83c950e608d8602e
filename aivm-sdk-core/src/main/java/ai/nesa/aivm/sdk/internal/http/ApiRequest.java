package ai.nesa.aivm.sdk.internal.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One logical gateway call: method, path, query and body. A mutation gets its idempotency key
 * here, once, so that every retry of it sends the same key.
 */
public final class ApiRequest {
  private final String method;
  private final List<String> pathSegments;
  private final List<Map.Entry<String, String>> query;
  private final byte[] jsonBody;
  private final String idempotencyKey;
  private final String accept;
  private final String lastEventId;

  private ApiRequest(Builder b) {
    this.lastEventId = b.lastEventId;
    this.method = b.method;
    this.pathSegments = List.copyOf(b.pathSegments);
    this.query = List.copyOf(b.query);
    this.jsonBody = b.jsonBody;
    this.accept = b.accept;
    boolean mutation = !method.equals("GET") && !method.equals("HEAD");
    this.idempotencyKey = mutation ? (b.idempotencyKey != null ? b.idempotencyKey : UUID.randomUUID().toString()) : null;
  }

  public static Builder get(String... pathSegments) {
    return new Builder("GET", pathSegments);
  }

  public static Builder post(byte[] jsonBody, String... pathSegments) {
    Builder b = new Builder("POST", pathSegments);
    b.jsonBody = Objects.requireNonNull(jsonBody, "jsonBody");
    return b;
  }

  public static Builder delete(String... pathSegments) {
    return new Builder("DELETE", pathSegments);
  }

  public String method() {
    return method;
  }

  public List<String> pathSegments() {
    return pathSegments;
  }

  public List<Map.Entry<String, String>> query() {
    return query;
  }

  /** The JSON body, or {@code null} for a call without one. */
  public byte[] jsonBody() {
    return jsonBody;
  }

  /** The key every attempt of a mutation carries; {@code null} for reads. */
  public String idempotencyKey() {
    return idempotencyKey;
  }

  public String accept() {
    return accept;
  }

  /** The {@code Last-Event-ID} a resumed event stream sends; null for none. */
  public String lastEventId() {
    return lastEventId;
  }

  /** Builds an {@link ApiRequest}. */
  public static final class Builder {
    private final String method;
    private final List<String> pathSegments;
    private final List<Map.Entry<String, String>> query = new ArrayList<>();
    private byte[] jsonBody;
    private String idempotencyKey;
    private String accept = "application/json";
    private String lastEventId;

    private Builder(String method, String... pathSegments) {
      this.method = method;
      this.pathSegments = List.of(pathSegments);
    }

    /** Adds a query parameter; a {@code null} value adds nothing. Repeating a name repeats it. */
    public Builder query(String name, Object value) {
      if (value != null) {
        query.add(Map.entry(name, String.valueOf(value)));
      }
      return this;
    }

    /** The caller's own idempotency key, instead of a generated one. */
    public Builder idempotencyKey(String key) {
      this.idempotencyKey = Objects.requireNonNull(key, "key");
      return this;
    }

    public Builder accept(String accept) {
      this.accept = Objects.requireNonNull(accept, "accept");
      return this;
    }

    /** Resumes an event stream after the event with this id ({@code Last-Event-ID}). */
    public Builder lastEventId(String id) {
      this.lastEventId = Objects.requireNonNull(id, "id");
      return this;
    }

    public ApiRequest build() {
      return new ApiRequest(this);
    }
  }
}
