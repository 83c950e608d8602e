package ai.nesa.aivm.sdk.internal.inference;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.NotFoundException;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.internal.http.ApiRequest;
import ai.nesa.aivm.sdk.internal.http.GatewayTransport;
import ai.nesa.aivm.sdk.ledger.LedgerDomain;
import ai.nesa.aivm.sdk.models.Access;
import ai.nesa.aivm.sdk.models.ModelRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The gateway's view of the ledger ({@code GET /v1/ledger/domain}, {@code /v1/nodes/{address}},
 * the catalog's versions and a model's grants), cached: the domain and published manifest hashes
 * for good (they never change), registrations, access and grants for {@value #TTL_SECONDS} s, so a
 * revoked node stops passing within that time. Only positive answers about nodes are cached.
 */
final class GatewayTrust implements TrustSource {
  static final long TTL_SECONDS = 60;

  private final GatewayTransport transport;
  private final ModelRegistry models;
  private final Clock clock;
  private volatile LedgerDomain domain;
  private final Map<String, Hash32> manifests = new ConcurrentHashMap<>();
  private final Map<Object, Instant> positive = new ConcurrentHashMap<>();
  private final Map<ModelId, Expiring<Boolean>> access = new ConcurrentHashMap<>();

  GatewayTrust(GatewayTransport transport, ModelRegistry models, Clock clock) {
    this.transport = transport;
    this.models = models;
    this.clock = clock;
  }

  @Override
  public LedgerDomain domain() {
    LedgerDomain d = domain;
    if (d == null) {
      d = transport.execute(ApiRequest.get("v1", "ledger", "domain").build(), LedgerJson::readDomain);
      domain = d;
    }
    return d;
  }

  @Override
  public Optional<Hash32> manifestHash(ModelId model, Semver version) {
    String key = model + "@" + version.text();
    Hash32 known = manifests.get(key);
    if (known != null) {
      return Optional.of(known);
    }
    try {
      Hash32 hash = models.version(model, version).manifestHash();
      manifests.put(key, hash);
      return Optional.of(hash);
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public boolean isRegistered(Address node) {
    return cachedYes(node, () -> exists(ApiRequest.get("v1", "nodes", node.toString()).build()));
  }

  @Override
  public boolean isPrivate(ModelId model) {
    Expiring<Boolean> cached = access.get(model);
    if (cached != null && cached.until().isAfter(clock.instant())) {
      return cached.value();
    }
    boolean isPrivate = models.get(model).summary().access() == Access.PRIVATE;
    access.put(model, new Expiring<>(isPrivate, clock.instant().plusSeconds(TTL_SECONDS)));
    return isPrivate;
  }

  @Override
  public boolean isAuthorized(ModelId model, Semver version, Address node) {
    return cachedYes(new GrantKey(model, version, node), () -> exists(ApiRequest
        .get("v1", "models", model.org(), model.name(), "grants", node.toString())
        .query("version", version.text()).build()));
  }

  private boolean cachedYes(Object key, Supplier<Boolean> ask) {
    Instant until = positive.get(key);
    Instant now = clock.instant();
    if (until != null && until.isAfter(now)) {
      return true;
    }
    boolean yes = ask.get();
    if (yes) {
      positive.put(key, now.plus(Duration.ofSeconds(TTL_SECONDS)));
    } else {
      positive.remove(key);
    }
    return yes;
  }

  private boolean exists(ApiRequest request) {
    try {
      transport.execute(request, r -> {
        r.skipValue();
        return Boolean.TRUE;
      });
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  private record GrantKey(ModelId model, Semver version, Address node) {}

  private record Expiring<T>(T value, Instant until) {}
}
