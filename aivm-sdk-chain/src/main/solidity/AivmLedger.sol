// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {AccessManager} from "./AccessManager.sol";
import {Reviews} from "./Reviews.sol";

/// @title The AIVM ledger
/// @notice The on-chain AIVM repository in one contract, so that one EIP-712 domain covers every
/// request: models and versions (`ModelRegistry`), nodes (`NodeRegistry`), access grants and key
/// epochs (`AccessManager`) and reviews (`Reviews`). Every function comes in two forms: with an
/// `Auth` (a request its signer signed and anyone sends, paying the gas: the SDK's `Ledger` SPI),
/// and without (the sender acts for itself).
contract AivmLedger is AccessManager, Reviews {}
