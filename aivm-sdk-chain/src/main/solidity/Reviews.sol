// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {ModelRegistry} from "./ModelRegistry.sol";

/// @title AIVM reviews
/// @notice One review per reviewer per version: a rating from 1 to 5 and the CID of its text. A
/// later review by the same reviewer of the same version replaces the earlier one. Anyone may review.
abstract contract Reviews is ModelRegistry {
    struct ReviewRequest {
        string model;
        string version;
        uint8 rating;
        string textCid;
    }

    bytes32 private constant REVIEW_TYPEHASH =
        keccak256("Review(string model,string version,uint8 rating,string textCid,uint256 nonce,uint256 deadline)");

    /// @notice Ratings by model key, version key and reviewer (0: no review).
    mapping(bytes32 => mapping(bytes32 => mapping(address => uint8))) public ratings;

    /// @notice A reviewer rated a version; replaces the reviewer's earlier review of it.
    event Reviewed(bytes32 indexed modelKey, string model, string version, address indexed reviewer, uint8 rating, string textCid);

    /// @notice Reviews a version for the signer. Reverts `NotFound` (model or version), `Invalid`
    /// for a rating outside 1 to 5.
    function review(ReviewRequest calldata r, Auth calldata auth) external {
        authorize(abi.encode(REVIEW_TYPEHASH, key(r.model), key(r.version), r.rating, key(r.textCid)), auth);
        doReview(auth.signer, r);
    }

    /// @notice Reviews a version for the sender.
    function review(ReviewRequest calldata r) external {
        doReview(msg.sender, r);
    }

    function doReview(address reviewer, ReviewRequest calldata r) private {
        bytes32 modelKey = key(r.model);
        if (models[modelKey].owner == address(0)) {
            revert NotFound("model");
        }
        if (!isPublished(modelKey, r.version)) {
            revert NotFound("version");
        }
        if (r.rating < 1 || r.rating > 5) {
            revert Invalid("a rating is 1 to 5");
        }
        ratings[modelKey][key(r.version)][reviewer] = r.rating;
        emit Reviewed(modelKey, r.model, r.version, reviewer, r.rating, r.textCid);
    }
}
