package ai.nesa.aivm.sdk.internal;

import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.sdk.CircuitBreakerPolicy;
import ai.nesa.aivm.sdk.RateLimit;
import ai.nesa.aivm.sdk.RetryPolicy;
import ai.nesa.aivm.sdk.Sleeper;
import ai.nesa.aivm.sdk.ledger.Ledger;
import ai.nesa.aivm.sdk.storage.KernelStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;

/**
 * Everything a client was built with. The API key is held here only; {@link #toString()} never
 * shows it, and shows the wallet by its address.
 */
public record ClientConfig(
    URI gateway,
    String apiKey,
    Duration connectTimeout,
    Duration readTimeout,
    Duration callTimeout,
    RetryPolicy retryPolicy,
    CircuitBreakerPolicy circuitBreaker,
    RateLimit rateLimit,
    String applicationName,
    Clock clock,
    Sleeper sleeper,
    Random random,
    KernelStore store,
    Ledger ledger,
    EthSigner wallet) {

  @Override
  public String toString() {
    return "ClientConfig{gateway=" + gateway + ", apiKey=" + (apiKey == null ? "none" : "██")
        + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
        + ", callTimeout=" + callTimeout + ", retry=" + retryPolicy + ", circuitBreaker=" + circuitBreaker
        + ", rateLimit=" + rateLimit + ", applicationName=" + applicationName + ", store=" + store
        + ", ledger=" + ledger + ", wallet=" + (wallet == null ? "none" : wallet.address()) + "}";
  }
}
