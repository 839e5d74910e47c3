#!/usr/bin/env bash
# The GPU path, end to end on one NVIDIA GPU: checks the GPU's compute capability against what ND4J's CUDA build
# supports, builds with -Pcuda,cuda-natives, confirms that ND4J picked the CUDA backend (not the CPU fallback), and
# runs TrainBench (4 layers, width 128, 50,257 vocab) reporting tokens/s and MFU against the GPU's float32 peak.
# usage: scripts/gpu-check.sh [steps]   (GPU_PEAK_TFLOPS=19.5 overrides the peak table below)
# Fails with a message, and does nothing else, on a machine without a usable GPU.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
steps="${1:-20}"
fail() { echo "gpu-check: $*" >&2; exit 1; }

command -v nvidia-smi >/dev/null || fail "no nvidia-smi: this machine has no NVIDIA driver, so no GPU to check (the CPU path is what bin/test runs)"
nvidia-smi -L >/dev/null 2>&1 || fail "nvidia-smi finds no usable GPU: $(nvidia-smi -L 2>&1 | head -1)"
IFS=, read -r name capability < <(nvidia-smi --query-gpu=name,compute_cap --format=csv,noheader | head -1)
name="$(echo "$name" | xargs)"; capability="$(echo "$capability" | xargs)"
echo "gpu-check: $name, compute capability $capability"

# ND4J 1.0.0-M2.1's nd4j-cuda-11.6 natives carry kernels for compute capability <= 8.6 (docs/training.md, Backends)
if awk -v c="$capability" 'BEGIN { exit !(c + 0 > 8.6) }'; then
  fail "$name has compute capability $capability; ND4J's released CUDA 11.6 binaries stop at 8.6, so they would not run on it. Build libnd4j for this GPU first (docs/training.md, Backends and GPU clusters)"
fi

# float32 (non-tensor-core) peak in TFLOP/s from NVIDIA's data sheets: cuBLAS sgemm, which ND4J calls, runs there
peak="${GPU_PEAK_TFLOPS:-}"
if [ -z "$peak" ]; then
  case "$name" in
    *A100*) peak=19.5 ;; *V100*) peak=15.7 ;; *T4*) peak=8.1 ;; *A10G*|*A10\ *|*A10) peak=31.2 ;; *A30*) peak=10.3 ;;
    *A40*) peak=37.4 ;; *"RTX 3090"*) peak=35.6 ;; *"RTX 3080"*) peak=29.8 ;; *"RTX A6000"*) peak=38.7 ;; *P100*) peak=9.3 ;;
    *) fail "no float32 peak known for $name; rerun with GPU_PEAK_TFLOPS=<its float32 TFLOP/s>" ;;
  esac
fi

echo "gpu-check: building with -Pcuda,cuda-natives (downloads ND4J's CUDA natives from Maven Central once)"
(cd "$root" && mvn -q -B -ntp -Pcuda,cuda-natives -pl training -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/gpu-classpath.txt -Dmdep.includeScope=test)
cp="$root/training/target/test-classes:$root/training/target/classes:$(cat "$root/training/target/gpu-classpath.txt"):$root/shards/target/classes"
opens="$(sed -n 's:.*<jvm.opens>\(.*\)</jvm.opens>.*:\1:p' "$root/pom.xml")"
log="$(mktemp)"
# shellcheck disable=SC2086
java -Xmx8g $opens -Dcorpusforge.peakFlops="$(awk -v p="$peak" 'BEGIN { printf "%.0f", p * 1e12 }')" \
  -Dlog4j2.configurationFile="$root/bin/log4j2.properties" -cp "$cp" dev.corpusforge.bench.TrainBench "$steps" 50257 | tee "$log"
grep -q '^backend CUDA' "$log" || fail "ND4J did not pick the CUDA backend ($(grep '^backend' "$log")): check the CUDA 11.6 runtime and cuDNN 8.3 on the library path, or use -Dcuda.classifier=linux-x86_64-redist"
echo "gpu-check: passed on $name (peak $peak TFLOP/s float32)"
