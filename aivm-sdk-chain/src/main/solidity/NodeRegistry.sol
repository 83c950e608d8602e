// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {AivmRequests} from "./AivmRequests.sol";

/// @title AIVM node registry
/// @notice Nodes publish the public key data keys are wrapped to and their endpoint, in a
/// statement their operator signs (`NodeRegistration`), which anyone can check from the event alone.
/// A node registering again replaces its key and endpoint.
abstract contract NodeRegistry is AivmRequests {
    struct RegisterNodeRequest {
        address node;
        bytes encryptionPublicKey;
        string endpoint;
        bytes registrationSignature;
    }

    bytes32 private constant REGISTER_NODE_TYPEHASH = keccak256(
        "RegisterNode(address node,bytes encryptionPublicKey,string endpoint,bytes registrationSignature,uint256 nonce,uint256 deadline)"
    );
    bytes32 private constant NODE_REGISTRATION_TYPEHASH =
        keccak256("NodeRegistration(address node,bytes encryptionPublicKey,string endpoint)");

    /// @notice Whether an address is a registered node.
    mapping(address => bool) public isNode;

    /// @notice A node registered, or registered again with a new key or endpoint.
    event NodeRegistered(address indexed node, bytes encryptionPublicKey, string endpoint, bytes registrationSignature);

    /// @notice Registers the signer as a node. Reverts `NotAllowed` when the signer is not the
    /// node, `Invalid` when the registration signature is not the node's.
    function registerNode(RegisterNodeRequest calldata r, Auth calldata auth) external {
        authorize(
            abi.encode(
                REGISTER_NODE_TYPEHASH,
                r.node,
                keccak256(r.encryptionPublicKey),
                keccak256(bytes(r.endpoint)),
                keccak256(r.registrationSignature)
            ),
            auth
        );
        doRegisterNode(auth.signer, r);
    }

    /// @notice Registers the sender as a node.
    function registerNode(RegisterNodeRequest calldata r) external {
        doRegisterNode(msg.sender, r);
    }

    function doRegisterNode(address signer, RegisterNodeRequest calldata r) private {
        if (signer != r.node) {
            revert NotAllowed(signer, "a node registers itself");
        }
        bytes32 statement = keccak256(
            abi.encode(NODE_REGISTRATION_TYPEHASH, r.node, keccak256(r.encryptionPublicKey), keccak256(bytes(r.endpoint)))
        );
        if (r.encryptionPublicKey.length != 65 || !isSignedBy(statement, r.registrationSignature, r.node)) {
            revert Invalid("registration signature");
        }
        isNode[r.node] = true;
        emit NodeRegistered(r.node, r.encryptionPublicKey, r.endpoint, r.registrationSignature);
    }
}
