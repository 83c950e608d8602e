package ai.nesa.aivm.sdk.internal.inference;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.ledger.Ledger;
import ai.nesa.aivm.sdk.ledger.LedgerDomain;
import ai.nesa.aivm.sdk.ledger.ModelRecord;
import ai.nesa.aivm.sdk.ledger.VersionRecord;
import ai.nesa.aivm.sdk.models.Access;
import java.util.Optional;

/** The ledger itself, asked directly: nothing the gateway says is taken on trust. */
final class LedgerTrust implements TrustSource {
  private final Ledger ledger;

  LedgerTrust(Ledger ledger) {
    this.ledger = ledger;
  }

  @Override
  public LedgerDomain domain() {
    return ledger.domain();
  }

  @Override
  public Optional<Hash32> manifestHash(ModelId model, Semver version) {
    return ledger.version(model, version).map(VersionRecord::manifestHash);
  }

  @Override
  public boolean isRegistered(Address node) {
    return ledger.node(node).isPresent();
  }

  @Override
  public boolean isPrivate(ModelId model) {
    return ledger.model(model).map(ModelRecord::access).orElse(Access.PUBLIC) == Access.PRIVATE;
  }

  @Override
  public boolean isAuthorized(ModelId model, Semver version, Address node) {
    long epoch = ledger.model(model).map(ModelRecord::epoch).orElse(-1L);
    return ledger.grants(model).stream().anyMatch(g -> g.node().equals(node) && g.epoch() == epoch
        && g.version().map(version::equals).orElse(true));
  }
}
