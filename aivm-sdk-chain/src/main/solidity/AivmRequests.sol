// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title AIVM signed requests
/// @notice The base of the AIVM ledger: EIP-712 requests signed by their signer and sent by anyone
/// (the relayer pattern), each checked in the order the SDK's `Ledger` SPI states: the signature,
/// then the deadline, then the signer's nonce, then the action's own rules. A request that fails a
/// check reverts with the error named after the check and changes nothing, its nonce included.
/// @dev The domain is `EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)`
/// with name "AIVM" and version "1", as `LedgerDomain` in the SDK. Signatures are 65 bytes r ‖ s ‖ v,
/// v 27 or 28, s in the lower half of the order (EIP-2).
abstract contract AivmRequests {
    /// @notice Who signed a request, the nonce and deadline they signed, and their signature.
    struct Auth {
        address signer;
        uint256 nonce;
        uint256 deadline;
        bytes signature;
    }

    /// @notice The signature does not recover to the request's signer in this domain.
    error InvalidSignature(address signer);
    /// @notice The request's deadline (Unix seconds) is before the block's timestamp.
    error DeadlinePassed(uint256 deadline, uint256 blockTime);
    /// @notice The request's nonce is not the signer's next one.
    error NonceMismatch(address signer, uint256 expected, uint256 given);
    /// @notice The signer may not do this (not the model's owner, not the node itself).
    error NotAllowed(address signer, string reason);
    /// @notice A model, version, node or grant the request names does not exist.
    error NotFound(string reason);
    /// @notice The request would create something that exists already.
    error Conflict(string reason);
    /// @notice A value breaks a rule (access, epoch, rating, zero address, registration signature).
    error Invalid(string reason);

    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    uint256 private constant HALF_ORDER = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;

    bytes32 private immutable cachedDomainSeparator;
    uint256 private immutable cachedChainId;

    /// @notice Each signer's next nonce.
    mapping(address => uint256) public nonces;

    constructor() {
        cachedChainId = block.chainid;
        cachedDomainSeparator = buildDomainSeparator();
    }

    /// @notice The EIP-712 domain separator requests are signed in.
    function domainSeparator() public view returns (bytes32) {
        return block.chainid == cachedChainId ? cachedDomainSeparator : buildDomainSeparator();
    }

    function buildDomainSeparator() private view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, keccak256("AIVM"), keccak256("1"), block.chainid, address(this)));
    }

    /// @dev Checks a request whose struct hash, without nonce and deadline, is `head` (the
    /// type hash and the action's fields, ABI-encoded), then uses up the signer's nonce.
    function authorize(bytes memory head, Auth calldata auth) internal {
        bytes32 structHash = keccak256(abi.encodePacked(head, abi.encode(auth.nonce, auth.deadline)));
        if (!isSignedBy(structHash, auth.signature, auth.signer)) {
            revert InvalidSignature(auth.signer);
        }
        if (auth.deadline < block.timestamp) {
            revert DeadlinePassed(auth.deadline, block.timestamp);
        }
        uint256 expected = nonces[auth.signer];
        if (auth.nonce != expected) {
            revert NonceMismatch(auth.signer, expected, auth.nonce);
        }
        unchecked {
            nonces[auth.signer] = expected + 1;
        }
    }

    /// @dev Whether `signature` is `signer`'s, low s, over the typed data whose struct hash is `structHash`.
    function isSignedBy(bytes32 structHash, bytes memory signature, address signer) internal view returns (bool) {
        if (signature.length != 65 || signer == address(0)) {
            return false;
        }
        bytes32 r;
        bytes32 s;
        uint8 v;
        assembly ("memory-safe") {
            r := mload(add(signature, 0x20))
            s := mload(add(signature, 0x40))
            v := byte(0, mload(add(signature, 0x60)))
        }
        if (uint256(s) > HALF_ORDER || (v != 27 && v != 28)) {
            return false;
        }
        bytes32 digest = keccak256(abi.encodePacked(hex"1901", domainSeparator(), structHash));
        return ecrecover(digest, v, r, s) == signer;
    }

    /// @dev The key of a model or version name in the ledger's maps.
    function key(string calldata name) internal pure returns (bytes32) {
        return keccak256(bytes(name));
    }
}
