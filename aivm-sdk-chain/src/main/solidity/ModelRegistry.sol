// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {AivmRequests} from "./AivmRequests.sol";

/// @title AIVM model registry
/// @notice Models (owner, access, key epoch) and their versions (manifest hash, deprecation). Only a
/// model's owner publishes, deprecates and transfers. Every change is an event carrying everything
/// a reader needs to rebuild the records, so the contract stores only what its rules consult.
/// @dev Models and versions are keyed by the keccak-256 of their names (`org/model`, semver text).
abstract contract ModelRegistry is AivmRequests {
    /// @notice What the rules need of a model, in one storage slot.
    struct Model {
        address owner;
        uint64 epoch;
        uint8 threshold;
        bool isPrivate;
    }

    /// @notice What the rules need of a version: its manifest hash, when and whether deprecated.
    struct Version {
        bytes32 manifestHash;
        uint64 publishedAt;
        bool deprecated;
    }

    struct RegisterModelRequest {
        string model;
        string access;
    }

    struct PublishVersionRequest {
        string model;
        string version;
        string manifestCid;
        bytes32 manifestHash;
    }

    struct DeprecateVersionRequest {
        string model;
        string version;
        string reason;
    }

    struct TransferOwnershipRequest {
        string model;
        address newOwner;
    }

    bytes32 private constant REGISTER_MODEL_TYPEHASH =
        keccak256("RegisterModel(string model,string access,uint256 nonce,uint256 deadline)");
    bytes32 private constant PUBLISH_VERSION_TYPEHASH = keccak256(
        "PublishVersion(string model,string version,string manifestCid,bytes32 manifestHash,uint256 nonce,uint256 deadline)"
    );
    bytes32 private constant DEPRECATE_VERSION_TYPEHASH =
        keccak256("DeprecateVersion(string model,string version,string reason,uint256 nonce,uint256 deadline)");
    bytes32 private constant TRANSFER_OWNERSHIP_TYPEHASH =
        keccak256("TransferOwnership(string model,address newOwner,uint256 nonce,uint256 deadline)");

    /// @notice Models by the keccak-256 of their name.
    mapping(bytes32 => Model) public models;
    /// @notice Versions by model key and the keccak-256 of the version.
    mapping(bytes32 => mapping(bytes32 => Version)) public versions;

    /// @notice A model was registered; `owner` owns it, at key epoch 0.
    event ModelRegistered(bytes32 indexed modelKey, string model, address indexed owner, bool isPrivate);
    /// @notice A version was published with its manifest's CID and hash.
    event VersionPublished(
        bytes32 indexed modelKey, string model, string version, string manifestCid, bytes32 manifestHash, address indexed publisher
    );
    /// @notice A version was deprecated (advisory: it can still be granted and reviewed).
    event VersionDeprecated(bytes32 indexed modelKey, string model, string version, string reason);
    /// @notice A model changed owner.
    event OwnershipTransferred(bytes32 indexed modelKey, string model, address indexed previousOwner, address indexed newOwner);

    /// @notice Registers a model for the request's signer. Reverts `Conflict` when the name is
    /// taken, `Invalid` when access is neither "public" nor "private".
    function registerModel(RegisterModelRequest calldata r, Auth calldata auth) external {
        authorize(abi.encode(REGISTER_MODEL_TYPEHASH, key(r.model), key(r.access)), auth);
        doRegisterModel(auth.signer, r);
    }

    /// @notice Registers a model for the sender.
    function registerModel(RegisterModelRequest calldata r) external {
        doRegisterModel(msg.sender, r);
    }

    /// @notice Publishes a version of a model the signer owns. Reverts `NotFound`, `NotAllowed`,
    /// or `Conflict` when the version exists.
    function publishVersion(PublishVersionRequest calldata r, Auth calldata auth) external {
        authorize(
            abi.encode(PUBLISH_VERSION_TYPEHASH, key(r.model), key(r.version), key(r.manifestCid), r.manifestHash),
            auth
        );
        doPublishVersion(auth.signer, r);
    }

    /// @notice Publishes a version of a model the sender owns.
    function publishVersion(PublishVersionRequest calldata r) external {
        doPublishVersion(msg.sender, r);
    }

    /// @notice Deprecates a version. Reverts `NotFound` (model or version), `NotAllowed`, or
    /// `Conflict` when it is deprecated already.
    function deprecateVersion(DeprecateVersionRequest calldata r, Auth calldata auth) external {
        authorize(abi.encode(DEPRECATE_VERSION_TYPEHASH, key(r.model), key(r.version), key(r.reason)), auth);
        doDeprecateVersion(auth.signer, r);
    }

    /// @notice Deprecates a version of a model the sender owns.
    function deprecateVersion(DeprecateVersionRequest calldata r) external {
        doDeprecateVersion(msg.sender, r);
    }

    /// @notice Gives a model to another owner. Reverts `NotFound`, `NotAllowed`, or `Invalid` for
    /// the zero address; a transfer to the owner itself changes nothing but the nonce and the log.
    function transferOwnership(TransferOwnershipRequest calldata r, Auth calldata auth) external {
        authorize(abi.encode(TRANSFER_OWNERSHIP_TYPEHASH, key(r.model), r.newOwner), auth);
        doTransferOwnership(auth.signer, r);
    }

    /// @notice Gives a model the sender owns to another owner.
    function transferOwnership(TransferOwnershipRequest calldata r) external {
        doTransferOwnership(msg.sender, r);
    }

    function doRegisterModel(address signer, RegisterModelRequest calldata r) private {
        bytes32 modelKey = key(r.model);
        if (models[modelKey].owner != address(0)) {
            revert Conflict("model exists");
        }
        bytes32 access = key(r.access);
        if (access != keccak256("public") && access != keccak256("private")) {
            revert Invalid("access is public or private");
        }
        bool isPrivate = access == keccak256("private");
        models[modelKey] = Model({owner: signer, epoch: 0, threshold: 1, isPrivate: isPrivate});
        emit ModelRegistered(modelKey, r.model, signer, isPrivate);
    }

    function doPublishVersion(address signer, PublishVersionRequest calldata r) private {
        bytes32 modelKey = ownedBy(signer, r.model);
        Version storage v = versions[modelKey][key(r.version)];
        if (v.publishedAt != 0) {
            revert Conflict("version exists");
        }
        v.manifestHash = r.manifestHash;
        v.publishedAt = uint64(block.timestamp);
        emit VersionPublished(modelKey, r.model, r.version, r.manifestCid, r.manifestHash, signer);
    }

    function doDeprecateVersion(address signer, DeprecateVersionRequest calldata r) private {
        bytes32 modelKey = ownedBy(signer, r.model);
        Version storage v = versions[modelKey][key(r.version)];
        if (v.publishedAt == 0) {
            revert NotFound("version");
        }
        if (v.deprecated) {
            revert Conflict("version deprecated");
        }
        v.deprecated = true;
        emit VersionDeprecated(modelKey, r.model, r.version, r.reason);
    }

    function doTransferOwnership(address signer, TransferOwnershipRequest calldata r) private {
        bytes32 modelKey = ownedBy(signer, r.model);
        if (r.newOwner == address(0)) {
            revert Invalid("new owner is the zero address");
        }
        models[modelKey].owner = r.newOwner;
        emit OwnershipTransferred(modelKey, r.model, signer, r.newOwner);
    }

    /// @dev The model's key, after checking it exists (`NotFound`) and `signer` owns it (`NotAllowed`).
    function ownedBy(address signer, string calldata model) internal view returns (bytes32 modelKey) {
        modelKey = key(model);
        address owner = models[modelKey].owner;
        if (owner == address(0)) {
            revert NotFound("model");
        }
        if (owner != signer) {
            revert NotAllowed(signer, "not the model's owner");
        }
    }

    /// @dev Whether `version` of the model `modelKey` is published.
    function isPublished(bytes32 modelKey, string calldata version) internal view returns (bool) {
        return versions[modelKey][key(version)].publishedAt != 0;
    }
}
