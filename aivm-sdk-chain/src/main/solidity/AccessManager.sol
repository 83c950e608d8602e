// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {ModelRegistry} from "./ModelRegistry.sol";
import {NodeRegistry} from "./NodeRegistry.sol";

/// @title AIVM access manager
/// @notice Which nodes may run a private model: the owner grants a node the model's data key of the
/// current key epoch, wrapped to the node's registered key (ECIES; the wrapped key travels in the
/// event, only the grant's epoch and version are stored), revokes it, or rotates the epoch, after
/// which every grant of an older epoch no longer counts.
abstract contract AccessManager is ModelRegistry, NodeRegistry {
    /// @notice A node's grant of a model, in one slot: its epoch, and whether it is limited to one
    /// version (then in `grantVersions`). Unlimited grants, the common case, cost one slot.
    struct Grant {
        uint64 epoch;
        bool exists;
        bool limited;
    }

    struct GrantRequest {
        string model;
        address node;
        uint64 epoch;
        bytes wrappedKey;
        string version;
    }

    struct RevokeRequest {
        string model;
        address node;
    }

    struct RotateEpochRequest {
        string model;
        uint64 epoch;
        uint8 threshold;
        bytes keyCommitment;
    }

    bytes32 private constant GRANT_TYPEHASH = keccak256(
        "Grant(string model,address node,uint64 epoch,bytes wrappedKey,string version,uint256 nonce,uint256 deadline)"
    );
    bytes32 private constant REVOKE_TYPEHASH =
        keccak256("Revoke(string model,address node,uint256 nonce,uint256 deadline)");
    bytes32 private constant ROTATE_EPOCH_TYPEHASH = keccak256(
        "RotateEpoch(string model,uint64 epoch,uint8 threshold,bytes keyCommitment,uint256 nonce,uint256 deadline)"
    );

    /// @notice Grants by model key and node.
    mapping(bytes32 => mapping(address => Grant)) public grants;
    /// @notice The version key a limited grant covers, by model key and node.
    mapping(bytes32 => mapping(address => bytes32)) public grantVersions;

    /// @notice A node was granted a model's data key (or its share) of `epoch`, for every version
    /// of the epoch unless a `GrantLimited` follows. Replaces the node's earlier grant of the model.
    /// The model's name is in its `ModelRegistered` event (left out here, as the version is for the
    /// common unlimited grant: every byte of an event is paid for once per node of a batch).
    event Granted(bytes32 indexed modelKey, address indexed node, uint64 epoch, bytes wrappedKey);
    /// @notice The grant just made (the `Granted` before this event) covers only `version`.
    event GrantLimited(bytes32 indexed modelKey, address indexed node, string version);
    /// @notice A node's grant of a model was removed.
    event Revoked(bytes32 indexed modelKey, string model, address indexed node);
    /// @notice A model moved to a new key epoch; older grants no longer count.
    event EpochRotated(bytes32 indexed modelKey, string model, uint64 epoch, uint8 threshold, bytes keyCommitment);

    /// @notice Grants a node a private model. Reverts `NotFound` (model, node, version),
    /// `NotAllowed`, `Invalid` when the model is public or the epoch is not the current one.
    function grant(GrantRequest calldata r, Auth calldata auth) external {
        authorize(
            abi.encode(GRANT_TYPEHASH, key(r.model), r.node, r.epoch, keccak256(r.wrappedKey), key(r.version)),
            auth
        );
        bytes32 modelKey = ownedBy(auth.signer, r.model);
        doGrant(modelKey, r.node, r.epoch, r.wrappedKey, r.version);
    }

    /// @notice Grants a node a private model the sender owns.
    function grant(GrantRequest calldata r) external {
        bytes32 modelKey = ownedBy(msg.sender, r.model);
        doGrant(modelKey, r.node, r.epoch, r.wrappedKey, r.version);
    }

    /// @notice Grants many nodes a private model the sender owns in one transaction, each its own
    /// wrapped key, all for the same epoch and version. The model, epoch and version are checked
    /// once for the whole batch (so a missing version is reported before an unregistered node,
    /// unlike a single grant, which follows the `Ledger` SPI's order).
    function grantBatch(string calldata model, address[] calldata nodes, uint64 epoch, bytes[] calldata wrappedKeys,
        string calldata version) external {
        if (nodes.length != wrappedKeys.length) {
            revert Invalid("one wrapped key per node");
        }
        bytes32 modelKey = ownedBy(msg.sender, model);
        checkKeyEpoch(modelKey, epoch);
        bytes32 versionKey = grantedVersionKey(modelKey, version);
        for (uint256 i = 0; i < nodes.length;) {
            address node = nodes[i];
            if (!isNode[node]) {
                revert NotFound("node");
            }
            storeGrant(modelKey, node, epoch, versionKey);
            emitGranted(modelKey, node, epoch, wrappedKeys[i], versionKey, version);
            unchecked {
                ++i;
            }
        }
    }

    /// @notice Removes a node's grant. Reverts `NotFound` when the node holds none of the current epoch.
    function revoke(RevokeRequest calldata r, Auth calldata auth) external {
        authorize(abi.encode(REVOKE_TYPEHASH, key(r.model), r.node), auth);
        doRevoke(ownedBy(auth.signer, r.model), r);
    }

    /// @notice Removes a node's grant of a model the sender owns.
    function revoke(RevokeRequest calldata r) external {
        doRevoke(ownedBy(msg.sender, r.model), r);
    }

    /// @notice Starts the next key epoch of a private model. Reverts `Invalid` when the model is
    /// public or `epoch` is not the current one plus one.
    function rotateEpoch(RotateEpochRequest calldata r, Auth calldata auth) external {
        authorize(
            abi.encode(ROTATE_EPOCH_TYPEHASH, key(r.model), r.epoch, r.threshold, keccak256(r.keyCommitment)),
            auth
        );
        doRotateEpoch(ownedBy(auth.signer, r.model), r);
    }

    /// @notice Starts the next key epoch of a private model the sender owns.
    function rotateEpoch(RotateEpochRequest calldata r) external {
        doRotateEpoch(ownedBy(msg.sender, r.model), r);
    }

    /// @notice Whether `node` holds a grant of the model's current epoch covering `version`
    /// (empty: any version).
    function isAuthorized(string calldata model, address node, string calldata version) external view returns (bool) {
        bytes32 modelKey = key(model);
        Grant storage g = grants[modelKey][node];
        bool current = g.exists && g.epoch == models[modelKey].epoch;
        return current && (!g.limited || bytes(version).length == 0 || grantVersions[modelKey][node] == key(version));
    }

    function doGrant(bytes32 modelKey, address node, uint64 epoch, bytes calldata wrappedKey, string calldata version)
        private
    {
        checkKeyEpoch(modelKey, epoch);
        requireNode(node);
        bytes32 versionKey = grantedVersionKey(modelKey, version);
        storeGrant(modelKey, node, epoch, versionKey);
        emitGranted(modelKey, node, epoch, wrappedKey, versionKey, version);
    }

    function emitGranted(bytes32 modelKey, address node, uint64 epoch, bytes calldata wrappedKey, bytes32 versionKey,
        string calldata version) private {
        emit Granted(modelKey, node, epoch, wrappedKey);
        if (versionKey != bytes32(0)) {
            emit GrantLimited(modelKey, node, version);
        }
    }

    /// @dev A grant's model must be private (`Invalid`) and its epoch the current one (`Invalid`).
    function checkKeyEpoch(bytes32 modelKey, uint64 epoch) private view {
        Model storage m = models[modelKey];
        if (!m.isPrivate) {
            revert Invalid("the model is public");
        }
        if (epoch != m.epoch) {
            revert Invalid("not the current key epoch");
        }
    }

    /// @dev A grantee must be a registered node (`NotFound`).
    function requireNode(address node) private view {
        if (!isNode[node]) {
            revert NotFound("node");
        }
    }

    /// @dev The key of the version a grant is limited to, zero for none; `NotFound` when it is not published.
    function grantedVersionKey(bytes32 modelKey, string calldata version) private view returns (bytes32) {
        if (bytes(version).length == 0) {
            return bytes32(0);
        }
        if (!isPublished(modelKey, version)) {
            revert NotFound("version");
        }
        return key(version);
    }

    /// @dev Records a node's grant, replacing its earlier one; a zero `versionKey` covers every version.
    function storeGrant(bytes32 modelKey, address node, uint64 epoch, bytes32 versionKey) private {
        bool limited = versionKey != bytes32(0);
        Grant storage g = grants[modelKey][node];
        if (limited) {
            grantVersions[modelKey][node] = versionKey;
        } else if (g.limited) {
            delete grantVersions[modelKey][node];
        }
        g.epoch = epoch;
        g.exists = true;
        g.limited = limited;
    }

    function doRevoke(bytes32 modelKey, RevokeRequest calldata r) private {
        Grant storage g = grants[modelKey][r.node];
        if (!g.exists || g.epoch != models[modelKey].epoch) {
            revert NotFound("grant");
        }
        if (g.limited) {
            delete grantVersions[modelKey][r.node];
        }
        delete grants[modelKey][r.node];
        emit Revoked(modelKey, r.model, r.node);
    }

    function doRotateEpoch(bytes32 modelKey, RotateEpochRequest calldata r) private {
        Model storage m = models[modelKey];
        if (!m.isPrivate) {
            revert Invalid("the model is public");
        }
        if (r.epoch != m.epoch + 1) {
            revert Invalid("the next epoch is the current one plus one");
        }
        if (r.threshold == 0) {
            revert Invalid("a threshold is at least 1");
        }
        m.epoch = r.epoch;
        m.threshold = r.threshold;
        emit EpochRotated(modelKey, r.model, r.epoch, r.threshold, r.keyCommitment);
    }
}
