#!/usr/bin/env python3
"""Checks a run's Megatron shards as Megatron-LM's IndexedDataset reads them: every document (one sequence each)
ends with the manifest's end-of-text id and holds no other, so no reader sees a false document boundary inside a
document. Reads the .idx layout of megatron/core/datasets/indexed_dataset.py with numpy, independently of our Java
reader.
  scripts/check-shards.py DIR      (DIR: a run directory with shards/manifest.json; default runs/sample)
"""
import json
import os
import struct
import sys

import numpy as np

DTYPES = {1: np.uint8, 2: np.int8, 3: np.int16, 4: np.int32, 5: np.int64, 6: np.float64, 7: np.float32, 8: np.uint16}


def sequences(prefix):
    """Yields the tokens of each sequence of one shard."""
    with open(prefix + ".idx", "rb") as f:
        header = f.read(34)
        assert header[:9] == b"MMIDIDX\x00\x00", prefix + ".idx: not a Megatron index"
        version, code, count, _docs = struct.unpack("<QBQQ", header[9:34])
        assert version == 1, prefix + ".idx: version %d" % version
        lengths = np.frombuffer(f.read(4 * count), dtype=np.int32)
        pointers = np.frombuffer(f.read(8 * count), dtype=np.int64)
    dtype = np.dtype(DTYPES[code])
    tokens = np.memmap(prefix + ".bin", dtype=dtype, mode="r")
    for length, pointer in zip(lengths, pointers):
        start = pointer // dtype.itemsize
        yield tokens[start:start + length]


def main():
    run = sys.argv[1] if len(sys.argv) > 1 else "runs/sample"
    shards = os.path.join(run, "shards")
    manifest = json.load(open(os.path.join(shards, "manifest.json")))
    eot = manifest["endOfText"]
    documents = bad = 0
    for shard in manifest["shards"]:
        if shard["format"] != "megatron":
            sys.exit("check-shards: %s is %s; only Megatron shards keep document boundaries" % (shard["path"], shard["format"]))
        for i, seq in enumerate(sequences(os.path.join(shards, shard["path"][:-len(".bin")]))):
            documents += 1
            inside = np.flatnonzero(seq[:-1] == eot)
            if len(seq) == 0 or seq[-1] != eot or len(inside):
                bad += 1
                if bad <= 5:
                    print("check-shards: %s document %d (%d tokens): end-of-text %d inside at %s, last token %s"
                          % (shard["path"], i, len(seq), eot, inside[:5].tolist(), seq[-1] if len(seq) else None))
    print("check-shards: %d documents in %d shards, %d with end-of-text %d other than at their end"
          % (documents, len(manifest["shards"]), bad, eot))
    if bad or not documents:
        sys.exit(1)


if __name__ == "__main__":
    main()
