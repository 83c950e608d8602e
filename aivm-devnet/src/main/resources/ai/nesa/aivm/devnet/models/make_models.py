#!/usr/bin/python3
"""Builds the devnet's tiny real ONNX models, deterministically.

Run with Debian's python3-onnx (onnx 1.12, numpy 1.24), from any directory:

    /usr/bin/python3 make_models.py OUTPUT_DIRECTORY

It writes, byte for byte the files committed beside it:

  byte-pair-sentiment.onnx
                       a text classifier: the preset's inputs (input_ids, attention_mask: int64
                       [batch, sequence], token ids = UTF-8 bytes) and logits float32 [batch, 2]
                       (0 = negative, 1 = positive): naive Bayes over byte pairs, the masked mean
                       over the text's adjacent byte pairs of each class's log-probability.
  byte-bigram.onnx     a text generator: the same inputs and logits float32 [batch, sequence, 256],
                       next-byte log-probabilities of a bigram model (add-one smoothing), zeroed
                       where attention_mask is 0.
  expected.json        fixed inputs and the outputs numpy computes for them, for checking a runtime.

Both tables are counted from the short texts below; nothing is random. They are plumbing for the
devnet's nodes (real graphs, real ONNX Runtime), not useful models.
"""
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 13
POSITIVE = ("good great wonderful excellent lovely happy pleased delightful superb enjoyable "
            "brilliant fantastic amazing nice fine perfect joy love works fast helpful")
NEGATIVE = ("bad awful terrible horrible poor sad angry dreadful worst boring broken ugly "
            "nasty hate annoying useless disappointing wrong fails slow")
CORPUS = ("the node runs the kernel and signs the result. the owner publishes a model and the "
          "nodes run it. a private model is encrypted and only the nodes it trusts hold its key. "
          "every byte is verified before it is used. the network agrees on the output.")


def pair_log_probs(words):
    """log P(pair | class) over the 65,536 byte pairs of the words, each padded with spaces; add-one."""
    counts = np.ones(65536, dtype=np.float64)
    for w in words.split():
        data = (" " + w + " ").encode("utf-8")
        for a, b in zip(data, data[1:]):
            counts[a * 256 + b] += 1
    return np.log(counts / counts.sum())


def sentiment_table():
    return np.stack([pair_log_probs(NEGATIVE), pair_log_probs(POSITIVE)], axis=1).astype(np.float32)  # [65536, 2]


def bigram_table():
    data = CORPUS.encode("utf-8")
    counts = np.ones((256, 256), dtype=np.float64)  # add-one smoothing
    for a, b in zip(data, data[1:]):
        counts[a, b] += 1
    return np.log(counts / counts.sum(axis=1, keepdims=True)).astype(np.float32)  # [256, 256]


def inputs():
    return [
        helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "sequence"]),
        helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "sequence"]),
    ]


def model(graph):
    m = helper.make_model(graph, producer_name="aivm-devnet make_models.py", producer_version="1",
                          opset_imports=[helper.make_opsetid("", OPSET)])
    m.ir_version = 7
    onnx.checker.check_model(m)
    return m


def sentiment_model():
    table = numpy_helper.from_array(sentiment_table(), "pair_log_probs")
    consts = [
        numpy_helper.from_array(np.array([0], dtype=np.int64), "zero"),
        numpy_helper.from_array(np.array([1], dtype=np.int64), "axis1"),
        numpy_helper.from_array(np.array([-1], dtype=np.int64), "minus_one"),
        numpy_helper.from_array(np.array([2 ** 62], dtype=np.int64), "to_end"),
        numpy_helper.from_array(np.array([2], dtype=np.int64), "axis2"),
        numpy_helper.from_array(np.array(256, dtype=np.int64), "base"),
        numpy_helper.from_array(np.array(1.0, dtype=np.float32), "one"),
    ]
    nodes = [
        helper.make_node("Slice", ["input_ids", "zero", "minus_one", "axis1"], ["first"]),   # [B, S-1]
        helper.make_node("Slice", ["input_ids", "axis1", "to_end", "axis1"], ["second"]),    # [B, S-1]
        helper.make_node("Mul", ["first", "base"], ["high"]),
        helper.make_node("Add", ["high", "second"], ["pairs"]),
        helper.make_node("Gather", ["pair_log_probs", "pairs"], ["scores"]),                 # [B, S-1, 2]
        helper.make_node("Slice", ["attention_mask", "axis1", "to_end", "axis1"], ["pair_mask_i"]),
        helper.make_node("Cast", ["pair_mask_i"], ["pair_mask"], to=TensorProto.FLOAT),      # [B, S-1]
        helper.make_node("Unsqueeze", ["pair_mask", "axis2"], ["pair_mask3"]),              # [B, S-1, 1]
        helper.make_node("Mul", ["scores", "pair_mask3"], ["masked"]),
        helper.make_node("ReduceSum", ["masked", "axis1"], ["total"], keepdims=0),           # [B, 2]
        helper.make_node("ReduceSum", ["pair_mask", "axis1"], ["count"], keepdims=1),        # [B, 1]
        helper.make_node("Max", ["count", "one"], ["divisor"]),
        helper.make_node("Div", ["total", "divisor"], ["logits"]),
    ]
    graph = helper.make_graph(nodes, "byte_pair_sentiment", inputs(),
                              [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", 2])],
                              initializer=[table] + consts)
    return model(graph)


def bigram_model():
    table = numpy_helper.from_array(bigram_table(), "bigram_log_probs")
    axis2 = numpy_helper.from_array(np.array([2], dtype=np.int64), "axis2")
    nodes = [
        helper.make_node("Gather", ["bigram_log_probs", "input_ids"], ["next"]),         # [B, S, 256]
        helper.make_node("Cast", ["attention_mask"], ["mask"], to=TensorProto.FLOAT),
        helper.make_node("Unsqueeze", ["mask", "axis2"], ["mask3"]),
        helper.make_node("Mul", ["next", "mask3"], ["logits"]),
    ]
    graph = helper.make_graph(nodes, "byte_bigram", inputs(),
                              [helper.make_tensor_value_info("logits", TensorProto.FLOAT,
                                                             ["batch", "sequence", 256])],
                              initializer=[table, axis2])
    return model(graph)


def encode(texts):
    """Token ids (UTF-8 bytes) padded with 0 to the longest text, and the attention mask."""
    data = [list(t.encode("utf-8")) for t in texts]
    width = max(len(d) for d in data)
    ids = np.zeros((len(data), width), dtype=np.int64)
    mask = np.zeros((len(data), width), dtype=np.int64)
    for i, d in enumerate(data):
        ids[i, :len(d)] = d
        mask[i, :len(d)] = 1
    return ids, mask


def expected():
    texts = ["a wonderful happy result", "awful, broken and boring", "it is slow and fails", "ok"]
    ids, mask = encode(texts)
    pairs = ids[:, :-1] * 256 + ids[:, 1:]
    pair_mask = mask[:, 1:].astype(np.float32)
    scores = sentiment_table()[pairs] * pair_mask[:, :, None]
    logits = scores.sum(axis=1) / np.maximum(pair_mask.sum(axis=1, keepdims=True), 1.0)
    prompt = ["the node"]
    pids, pmask = encode(prompt)
    next_logits = bigram_table()[pids] * pmask[:, :, None].astype(np.float32)
    return {
        "byte-pair-sentiment.onnx": {"texts": texts, "input_ids": ids.tolist(), "attention_mask": mask.tolist(),
                                     "logits": [[float(x) for x in row] for row in logits],
                                     "classes": [int(c) for c in np.argmax(logits, axis=1)]},
        "byte-bigram.onnx": {"texts": prompt, "input_ids": pids.tolist(), "attention_mask": pmask.tolist(),
                             "last_position_argmax": int(np.argmax(next_logits[0, -1])),
                             "last_position_logits": [float(x) for x in next_logits[0, -1]]},
    }


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_models.py OUTPUT_DIRECTORY")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, m in (("byte-pair-sentiment.onnx", sentiment_model()), ("byte-bigram.onnx", bigram_model())):
        with open(os.path.join(out, name), "wb") as f:
            f.write(m.SerializeToString())
    with open(os.path.join(out, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected(), f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
