"""Builds dtypes.onnx, the devnet tests' model of every tensor dtype a node takes besides int64.

Inputs x float32 [n], i int32 [n], b bool [n]; outputs doubled = x + x (float32), same = i
(int32), negated = not b (bool). Run with Debian's python3-onnx: python3 make_dtypes_model.py DIR
"""
import os
import sys

import onnx
from onnx import TensorProto, helper

graph = helper.make_graph(
    [
        helper.make_node("Add", ["x", "x"], ["doubled"]),
        helper.make_node("Identity", ["i"], ["same"]),
        helper.make_node("Not", ["b"], ["negated"]),
    ],
    "dtypes",
    [
        helper.make_tensor_value_info("x", TensorProto.FLOAT, ["n"]),
        helper.make_tensor_value_info("i", TensorProto.INT32, ["n"]),
        helper.make_tensor_value_info("b", TensorProto.BOOL, ["n"]),
    ],
    [
        helper.make_tensor_value_info("doubled", TensorProto.FLOAT, ["n"]),
        helper.make_tensor_value_info("same", TensorProto.INT32, ["n"]),
        helper.make_tensor_value_info("negated", TensorProto.BOOL, ["n"]),
    ],
)
model = helper.make_model(graph, producer_name="aivm-devnet-tests", opset_imports=[helper.make_opsetid("", 13)])
model.ir_version = 8
onnx.checker.check_model(model)
with open(os.path.join(sys.argv[1] if len(sys.argv) > 1 else ".", "dtypes.onnx"), "wb") as f:
    f.write(model.SerializeToString())
