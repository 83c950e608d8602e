package ai.nesa.aivm.sdk.internal.access;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.Problem;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.Ecies;
import ai.nesa.aivm.crypto.KeyShare;
import ai.nesa.aivm.crypto.SecretBytes;
import ai.nesa.aivm.crypto.Shamir;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.access.AccessChange;
import ai.nesa.aivm.sdk.access.AccessControl;
import ai.nesa.aivm.sdk.access.PrivateVersion;
import ai.nesa.aivm.sdk.access.Wallet;
import ai.nesa.aivm.sdk.internal.ledger.LedgerWriter;
import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.KernelRegistration;
import ai.nesa.aivm.sdk.kernels.KernelUploader;
import ai.nesa.aivm.sdk.kernels.Manifest;
import ai.nesa.aivm.sdk.kernels.ManifestKeys;
import ai.nesa.aivm.sdk.kernels.PublishedKernel;
import ai.nesa.aivm.sdk.kernels.UploadOptions;
import ai.nesa.aivm.sdk.ledger.GrantRecord;
import ai.nesa.aivm.sdk.ledger.Ledger;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerReceipt;
import ai.nesa.aivm.sdk.ledger.ModelRecord;
import ai.nesa.aivm.sdk.ledger.NodeRecord;
import ai.nesa.aivm.sdk.ledger.VersionRecord;
import ai.nesa.aivm.sdk.models.Access;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link AccessControl} over a kernel uploader that registers, the client's ledger writer and its
 * wallet. Every change is checked whole against the ledger before its first request is signed.
 */
public final class DefaultAccessControl implements AccessControl {
  private final KernelUploader kernels;
  private final LedgerWriter writer;
  private final Wallet wallet;
  private final SecureRandom random;

  public DefaultAccessControl(KernelUploader kernels, LedgerWriter writer, Wallet wallet, SecureRandom random) {
    this.kernels = Objects.requireNonNull(kernels, "kernels");
    this.writer = Objects.requireNonNull(writer, "writer");
    this.wallet = Objects.requireNonNull(wallet, "wallet");
    this.random = Objects.requireNonNull(random, "random");
    if (!writer.address().equals(wallet.address())) {
      throw new IllegalArgumentException("the ledger writer signs as " + writer.address() + ", not as the wallet "
          + wallet.address());
    }
  }

  @Override
  public PrivateVersion publish(KernelBundle bundle) {
    return publish(bundle, UploadOptions.defaults());
  }

  @Override
  public synchronized PrivateVersion publish(KernelBundle bundle, UploadOptions options) {
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(options, "options");
    ModelId id = bundle.config().name();
    List<Problem> problems = new ArrayList<>();
    if (bundle.config().security().map(s -> s.access() != Access.PRIVATE).orElse(true)) {
      problems.add(Problem.of("config.security.access", "private", "access().publish stores private kernels: set "
          + "security.access to private in " + KernelBundle.CONFIG_FILE));
    }
    if (options.dataKey().isPresent() || options.keys().isPresent()) {
      problems.add(Problem.of("options.dataKey", "forbidden", "access().publish makes the version's data key itself"));
    }
    Optional<ModelRecord> record = ledger().model(id);
    record.ifPresent(r -> ownedPrivate(r, problems));
    if (!problems.isEmpty()) {
      throw new AivmValidationException(problems);
    }
    long epoch = record.map(ModelRecord::epoch).orElse(0L);
    Optional<SecretBytes> found = seed(id, problems);
    if (!problems.isEmpty()) {
      throw new AivmValidationException(problems);
    }
    SecretBytes seed = found.orElseGet(() -> SecretBytes.random(ModelKeys.KEY_LENGTH, random));
    SecretBytes epochKey = ModelKeys.epochKey(seed, epoch);
    SecretBytes dataKey = SecretBytes.random(ModelKeys.KEY_LENGTH, random);
    try {
      Semver version = bundle.config().version();
      ManifestKeys keys = new ManifestKeys(epoch, wallet.address(),
          ModelKeys.sealDataKey(epochKey, dataKey, id, version, epoch, random),
          Ecies.wrapKey(wallet.publicKey(), seed, random));
      PublishedKernel published = kernels.upload(bundle, options.toBuilder().dataKey(dataKey).keys(keys).build());
      KernelRegistration registration = kernels.register(published);
      return new PrivateVersion(published, registration);
    } finally {
      dataKey.destroy();
      epochKey.destroy();
      seed.destroy();
    }
  }

  @Override
  public synchronized AccessChange authorize(ModelId model, Collection<Address> nodes) {
    Objects.requireNonNull(model, "model");
    List<Address> list = distinct(nodes);
    List<Problem> problems = new ArrayList<>();
    ModelRecord record = ownedModel(model, problems);
    if (record != null && record.threshold() > 1) {
      problems.add(Problem.of("model", "threshold", model.toString(), model + " is in k-of-n mode (threshold "
          + record.threshold() + "): name its whole set with authorizeThreshold"));
    }
    List<NodeRecord> targets = verifiedNodes(list, problems);
    return apply(model, record, false, problems, (seed, receipts) -> grantWhole(model, record.epoch(), seed, targets,
        receipts));
  }

  @Override
  public synchronized AccessChange authorizeThreshold(ModelId model, int threshold, Collection<Address> nodes) {
    Objects.requireNonNull(model, "model");
    List<Address> list = distinct(nodes);
    List<Problem> problems = new ArrayList<>();
    ModelRecord record = ownedModel(model, problems);
    if (threshold < 2 || threshold > list.size() || threshold > Shamir.MAX_SHARES) {
      problems.add(Problem.of("threshold", "range", threshold, "a k-of-n threshold is from 2 to the number of nodes ("
          + list.size() + "); for one node holding the whole key use authorize"));
    }
    List<NodeRecord> targets = verifiedNodes(list, problems);
    return apply(model, record, true, problems, (seed, receipts) -> rotateAndGrant(model, record.epoch() + 1,
        threshold, seed, targets, receipts));
  }

  @Override
  public synchronized AccessChange revoke(ModelId model, Collection<Address> nodes) {
    Objects.requireNonNull(model, "model");
    List<Address> list = distinct(nodes);
    List<Problem> problems = new ArrayList<>();
    ModelRecord record = ownedModel(model, problems);
    List<GrantRecord> grants = record == null ? List.of() : ledger().grants(model);
    Set<Address> granted = new HashSet<>();
    grants.forEach(g -> granted.add(g.node()));
    for (int i = 0; i < list.size(); i++) {
      if (!granted.contains(list.get(i))) {
        problems.add(Problem.of("nodes[" + i + "]", "granted", list.get(i).toString(),
            list.get(i) + " holds no grant of " + model + " to revoke"));
      }
    }
    List<Address> remaining = grants.stream().map(GrantRecord::node).filter(a -> !list.contains(a)).toList();
    if (record != null && record.threshold() > 1 && !remaining.isEmpty() && remaining.size() < record.threshold()) {
      problems.add(Problem.of("nodes", "threshold", list.size(), "revoking these leaves " + remaining.size()
          + " nodes, fewer than the threshold " + record.threshold() + ": authorize more nodes first"));
    }
    return rotateWith(model, record, remaining, list, problems);
  }

  @Override
  public synchronized AccessChange rotate(ModelId model) {
    Objects.requireNonNull(model, "model");
    List<Problem> problems = new ArrayList<>();
    ModelRecord record = ownedModel(model, problems);
    List<Address> holders = record == null ? List.of()
        : ledger().grants(model).stream().map(GrantRecord::node).toList();
    return rotateWith(model, record, holders, List.of(), problems);
  }

  /** Revokes {@code revoked}, rotates and grants the new epoch to {@code keep}, at the model's threshold. */
  private AccessChange rotateWith(ModelId model, ModelRecord record, List<Address> keep, List<Address> revoked,
      List<Problem> problems) {
    List<NodeRecord> targets = verifiedNodes(keep, new ArrayList<>()); // granted before: registered
    return apply(model, record, true, problems, (seed, receipts) -> {
      for (Address node : revoked) {
        receipts.add(writer.apply(new LedgerAction.Revoke(model, node)));
      }
      int threshold = record.threshold() > 1 && targets.size() >= record.threshold() ? record.threshold() : 1;
      rotateAndGrant(model, record.epoch() + 1, threshold, seed, targets, receipts);
    });
  }

  /** What a change does with the model's seed, appending the receipts of the requests it applies. */
  private interface Requests {
    void apply(SecretBytes seed, List<LedgerReceipt> receipts);
  }

  /**
   * Checks the rest ({@code rotates}: the model has an epoch left), throws every problem found, or
   * applies {@code requests} with the model's seed, which is wiped after.
   */
  private AccessChange apply(ModelId model, ModelRecord record, boolean rotates, List<Problem> problems,
      Requests requests) {
    if (!problems.isEmpty()) {
      throw new AivmValidationException(problems); // before the seed is opened for a model this wallet may not own
    }
    SecretBytes seed = seed(model, problems).orElse(null);
    if (seed == null && problems.isEmpty()) {
      problems.add(Problem.of("model", "published", model.toString(), model + " has no version published through "
          + "access().publish: publish one first, its manifest holds the model's key seed"));
    }
    try {
      if (rotates && record != null) {
        checkRotation(record, problems);
      }
      if (!problems.isEmpty()) {
        throw new AivmValidationException(problems);
      }
      List<LedgerReceipt> receipts = new ArrayList<>();
      requests.apply(seed, receipts);
      return change(model, receipts);
    } finally {
      if (seed != null) {
        seed.destroy();
      }
    }
  }

  @Override
  public List<GrantRecord> grants(ModelId model) {
    return ledger().grants(Objects.requireNonNull(model, "model"));
  }

  @Override
  public boolean mayRun(ModelId model, Address node) {
    return AccessRules.mayRun(ledger(), model, node);
  }

  @Override
  public SecretBytes recoverDataKey(ModelId model, Semver version) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(version, "version");
    VersionRecord published = ledger().version(model, version).orElseThrow(() -> AivmValidationException.of(
        "version", "published", version.text(), model + "@" + version.text() + " is not published on the ledger"));
    Manifest manifest = kernels.manifest(published.manifestCid());
    ManifestKeys keys = manifest.keys().orElseThrow(() -> AivmValidationException.of("version", "keys", version.text(),
        model + "@" + version.text() + " carries no keys: it was not published through access().publish"));
    SecretBytes seed = wallet.unwrapKey(keys.sealedSeed());
    SecretBytes epochKey = ModelKeys.epochKey(seed, keys.epoch());
    try {
      return ModelKeys.openDataKey(epochKey, keys.sealedDataKey(), model, version, keys.epoch());
    } finally {
      epochKey.destroy();
      seed.destroy();
    }
  }

  private void grantWhole(ModelId model, long epoch, SecretBytes seed, List<NodeRecord> targets,
      List<LedgerReceipt> receipts) {
    SecretBytes epochKey = ModelKeys.epochKey(seed, epoch);
    try {
      for (NodeRecord node : targets) {
        byte[] wrapped = Ecies.wrapKey(node.encryptionPublicKey(), epochKey, random);
        receipts.add(writer.apply(new LedgerAction.Grant(model, node.address(), epoch, wrapped, Optional.empty())));
      }
    } finally {
      epochKey.destroy();
    }
  }

  private void rotateAndGrant(ModelId model, long epoch, int threshold, SecretBytes seed, List<NodeRecord> targets,
      List<LedgerReceipt> receipts) {
    if (threshold == 1) {
      receipts.add(writer.apply(new LedgerAction.RotateEpoch(model, epoch, 1, new byte[0])));
      grantWhole(model, epoch, seed, targets, receipts);
      return;
    }
    SecretBytes epochKey = ModelKeys.epochKey(seed, epoch);
    Shamir.Split split = Shamir.split(epochKey, threshold, targets.size(), random);
    try {
      receipts.add(writer.apply(new LedgerAction.RotateEpoch(model, epoch, threshold, split.commitment().toBytes())));
      for (int i = 0; i < targets.size(); i++) {
        KeyShare share = split.shares().get(i);
        byte[] plain = share.export();
        try {
          byte[] wrapped = Ecies.encrypt(targets.get(i).encryptionPublicKey(), plain, random);
          receipts.add(writer.apply(new LedgerAction.Grant(model, targets.get(i).address(), epoch, wrapped,
              Optional.empty())));
        } finally {
          Arrays.fill(plain, (byte) 0);
        }
      }
    } finally {
      split.destroy();
      epochKey.destroy();
    }
  }

  private AccessChange change(ModelId model, List<LedgerReceipt> receipts) {
    ModelRecord now = ledger().model(model).orElseThrow();
    return new AccessChange(model, now.epoch(), now.threshold(), ledger().grants(model), receipts);
  }

  /** The model, after checking this wallet owns it and it is private; null with a problem otherwise. */
  private ModelRecord ownedModel(ModelId model, List<Problem> problems) {
    Optional<ModelRecord> record = ledger().model(model);
    if (record.isEmpty()) {
      problems.add(Problem.of("model", "registered", model.toString(), model + " is not registered on the ledger: "
          + "publish it with access().publish first"));
      return null;
    }
    return ownedPrivate(record.get(), problems) ? record.get() : null;
  }

  private boolean ownedPrivate(ModelRecord record, List<Problem> problems) {
    int before = problems.size();
    if (!record.owner().equals(wallet.address())) {
      problems.add(Problem.of("model", "owner", record.id().toString(), record.id() + " is owned by " + record.owner()
          + ", not by this wallet " + wallet.address()));
    }
    if (record.access() != Access.PRIVATE) {
      problems.add(Problem.of("model", "private", record.id().toString(), record.id()
          + " is a public model: its kernels are stored in the clear and need no key"));
    }
    return problems.size() == before;
  }

  private static void checkRotation(ModelRecord record, List<Problem> problems) {
    if (record.epoch() + 1 >= ModelKeys.EPOCHS) {
      problems.add(Problem.of("model", "epochs", record.epoch(), record.id() + " is at key epoch " + record.epoch()
          + ", the last of its " + ModelKeys.EPOCHS + ": it cannot rotate again; publish under a new model name"));
    }
  }

  /** The nodes' ledger records, each registration signature checked; a problem for each that fails. */
  private List<NodeRecord> verifiedNodes(List<Address> nodes, List<Problem> problems) {
    List<NodeRecord> records = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      Address a = nodes.get(i);
      Optional<NodeRecord> node = ledger().node(a);
      if (node.isEmpty()) {
        problems.add(Problem.of("nodes[" + i + "]", "registered", a.toString(), a + " is not a registered node"));
      } else if (!AccessRules.registrationVerifies(ledger().domain(), node.get())) {
        problems.add(Problem.of("nodes[" + i + "]", "registrationSignature", a.toString(), a
            + "'s registration is not signed by its operator: its encryption key cannot be trusted"));
      } else {
        records.add(node.get());
      }
    }
    return records;
  }

  /**
   * The model's seed, from the newest version whose manifest carries keys; empty when none does,
   * and empty with a problem when the seed is not wrapped to this wallet.
   */
  private Optional<SecretBytes> seed(ModelId model, List<Problem> problems) {
    List<VersionRecord> versions = ledger().versions(model);
    for (int i = versions.size() - 1; i >= 0; i--) {
      Optional<ManifestKeys> keys = kernels.manifest(versions.get(i).manifestCid()).keys();
      if (keys.isPresent()) {
        try {
          return Optional.of(wallet.unwrapKey(keys.get().sealedSeed()));
        } catch (CryptoException e) {
          problems.add(Problem.of("model", "seed", model.toString(), model + "'s key seed is not wrapped to this "
              + "wallet " + wallet.address() + " (the model changed owner?): " + e.getMessage()));
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  private Ledger ledger() {
    return writer.ledger();
  }

  private static List<Address> distinct(Collection<Address> nodes) {
    Objects.requireNonNull(nodes, "nodes");
    Set<Address> seen = new LinkedHashSet<>();
    for (Address a : nodes) {
      seen.add(Objects.requireNonNull(a, "nodes contains null"));
    }
    return List.copyOf(seen);
  }

  @Override
  public String toString() {
    return "AccessControl[" + wallet.address() + "]";
  }
}
