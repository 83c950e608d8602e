package ai.nesa.aivm.sdk.internal.storage.ipfs;

import ai.nesa.aivm.sdk.storage.CidBytes;

/** A raw leaf of a file: its CID, from a verified parent, and the file bytes it holds. */
record Leaf(CidBytes cid, long offset, int length) {}
