#!/usr/bin/env bash
# The cluster test (issue 8). Starts, all on 127.0.0.1, a Spark standalone master and two one-core workers from the
# project's own Spark jars and an HDFS NameNode + DataNode (Hadoop's MiniDFSCluster); copies the sample inputs to
# HDFS; runs the whole pipeline (`run`: ingest and every stage in cli/PipelineStages.java) with spark-submit reading and
# writing hdfs:// paths; and checks:
#   1. cluster = local: the output equals a local[*] run over the same inputs on the local disk, file by file and row
#      by row (provenance.file, which names where the input was read, is compared with the input root removed);
#   2. executor loss: one executor JVM killed with SIGKILL while a stage writes; the job completes through task retry
#      and every output file is byte-identical to the clean cluster run's;
#   3. driver loss: the driver killed with SIGKILL while a stage writes; the stage is not marked complete; `run` again
#      skips the complete stages, redoes the rest, and every output file is byte-identical. Killed in a map-only stage
#      (ingest, clean, tokenize) once a part of it is committed, the resumed run reuses the committed parts and
#      redoes only the others; the check prints how many.
# Prints each check; exits non-zero on any mismatch. Every process it starts is stopped on exit, failure included.
#
# Environment (all optional):
#   CLUSTER_TEST_CONFIG   run config whose inputs are used (default configs/sample.yaml; inputs without a reader are
#                         left out)
#   KILL_EXECUTOR_STAGE   stage during whose write an executor is killed (default: dedup if it ran, else the longest)
#   KILL_DRIVER_STAGE     stage during whose write the driver is killed (default: clean, map-only)
#   KILL_DELAY            seconds between seeing the stage's temporary output and the kill (default 0)
#   EXECUTOR_MEMORY       per executor (default 1g; each worker offers 2g)
#   RUN_TIMEOUT           seconds allowed per pipeline run (default 300)
#   CLUSTER_TEST_KEEP=1   keep the work directory (logs, run directories) instead of deleting it
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
config="${CLUSTER_TEST_CONFIG:-$root/configs/sample.yaml}"
run_timeout="${RUN_TIMEOUT:-300}"
executor_memory="${EXECUTOR_MEMORY:-1g}"
kill_delay="${KILL_DELAY:-0}"
work="$(mktemp -d "${TMPDIR:-/tmp}/corpusforge-cluster.XXXXXX")"
logs="$work/logs"
mkdir -p "$logs"
started=()
failed=0
t0=$SECONDS

say() { printf '[cluster-test %4ds] %s\n' "$((SECONDS - t0))" "$*"; }
check() { printf '[cluster-test %4ds] CHECK %-58s %s\n' "$((SECONDS - t0))" "$1" "$2"; }
fail() {
  printf '[cluster-test %4ds] FAIL %s\n' "$((SECONDS - t0))" "$*" >&2
  failed=1
  exit 1
}

# Each daemon and driver is started with setsid, so its pid is its process group: stopping the group also stops
# the executors a worker launched.
stop_group() {
  local pid=$1
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  kill -KILL -- "-$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  for ((i = ${#started[@]} - 1; i >= 0; i--)); do stop_group "${started[$i]}"; done
  if [ "$rc" -ne 0 ] || [ "$failed" -ne 0 ]; then
    echo "[cluster-test] logs (last lines):" >&2
    for f in "$logs"/*.log; do [ -f "$f" ] && { echo "--- $f" >&2; tail -n 15 "$f" >&2; }; done
  fi
  if [ "${CLUSTER_TEST_KEEP:-0}" = 1 ]; then
    echo "[cluster-test] kept $work" >&2
  else
    rm -rf "$work"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}

# start NAME ENV... -- CMD...: runs CMD in the background in its own process group, output to logs/NAME.log.
start() {
  local name=$1; shift
  local envs=()
  while [ "$1" != "--" ]; do envs+=("$1"); shift; done
  shift
  env "${envs[@]}" setsid "$@" >"$logs/$name.log" 2>&1 &
  last_pid=$!
  started+=("$last_pid")
}

# finish PID NAME: waits at most RUN_TIMEOUT for a background run; its exit code in $run_rc.
finish() {
  local pid=$1 name=$2 waited=0
  while kill -0 "$pid" 2>/dev/null; do
    [ "$waited" -ge $((run_timeout * 2)) ] && { stop_group "$pid"; fail "$name: no result after ${run_timeout}s"; }
    sleep 0.5
    waited=$((waited + 1))
  done
  run_rc=0
  wait "$pid" || run_rc=$?
}

wait_until() { # SECONDS WHAT COMMAND...: polls COMMAND every 0.5 s
  local limit=$1 what=$2; shift 2
  for _ in $(seq $((limit * 2))); do "$@" && return 0; sleep 0.5; done
  fail "$what not ready after ${limit}s"
}

# --- build -------------------------------------------------------------------------------------------------------
say "building the application jar and classpath (mvn package -DskipTests)"
(cd "$root" && MAVEN_OPTS="${MAVEN_OPTS:--Xmx1g}" mvn -q -B ${MVN_ARGS:-} -pl pipeline -am package -DskipTests \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/classpath.txt) >"$logs/build.log" 2>&1 \
  || fail "build failed, see $logs/build.log"
appjar="$(ls "$root"/pipeline/target/corpusforge-pipeline-*-spark-app.jar)"
deps="$(cat "$root/pipeline/target/classpath.txt")"
tools_cp="$root/pipeline/target/test-classes:$root/pipeline/target/classes:$root/shards/target/classes:$deps"
opens="$(sed -n 's:.*<jvm.opens>\(.*\)</jvm.opens>.*:\1:p' "$root/pom.xml")"
log4j="-Dlog4j2.configurationFile=$root/bin/log4j2.properties"

# A Spark home as a distribution lays it out: jars/ holds what executors are started with. Here: the project's
# runtime classpath without the project itself and the test-only jars; the application comes in the app jar.
spark_home="$work/spark-home"
mkdir -p "$spark_home/jars"
IFS=: read -r -a entries <<<"$deps"
for jar in "${entries[@]}"; do
  case "$jar" in
    "$root"/*|*hadoop-client-minicluster*|*junit*|*opentest4j*|*apiguardian*) ;;
    *.jar) ln -sf "$jar" "$spark_home/jars/$(basename "$jar")" ;;
  esac
done
spark_cp="$spark_home/jars/*"

# --- inputs and configs ------------------------------------------------------------------------------------------
java -cp "$tools_cp" $log4j dev.corpusforge.cluster.ClusterConfig "$config" "$work/local.yaml" "$root" \
  "$work/inputs.txt" 2>&1 | sed 's/^/  /'
puts=()
while read -r p; do [ -n "$p" ] && puts+=(--put "$root/$p=/inputs/$p"); done <"$work/inputs.txt"
say "inputs: $(tr '\n' ' ' <"$work/inputs.txt")"
inputs_count="$(grep -c '^- source:' "$work/local.yaml")"

# --- HDFS, master, workers ---------------------------------------------------------------------------------------
say "starting HDFS (MiniDFSCluster: NameNode + DataNode) and copying the inputs"
start hdfs -- java -Xmx768m $opens $log4j -cp "$tools_cp" dev.corpusforge.cluster.MiniHdfs "$work/hdfs" \
  "$work/hdfs.uri" "${puts[@]}"
hdfs_pid=$last_pid
master_port="$(free_port)"
master_ui="$(free_port)"
master="spark://127.0.0.1:$master_port"
say "starting the Spark master ($master) and two workers (1 core, 2g each)"
spark_env=(SPARK_HOME="$spark_home" SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=127.0.0.1 SPARK_NO_DAEMONIZE=1)
start master "${spark_env[@]}" -- java -Xmx256m $opens $log4j -cp "$spark_cp" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$master_port" --webui-port "$master_ui"
workers=()
for i in 1 2; do
  start "worker$i" "${spark_env[@]}" -- java -Xmx256m $opens $log4j -cp "$spark_cp" \
    org.apache.spark.deploy.worker.Worker "$master" --host 127.0.0.1 --webui-port 0 --cores 1 --memory 2g \
    --work-dir "$work/worker$i"
  workers+=("$last_pid")
done

# The local reference run goes while the cluster comes up.
say "local[*] reference run on local paths (bin/corpusforge run)"
start local CORPUSFORGE_DRIVER_MEMORY=2g -- "$root/bin/corpusforge" run --config "$work/local.yaml" \
  --run-dir "$work/runs/local"
finish "$last_pid" "local run"
[ "$run_rc" -eq 0 ] || fail "local run exited with $run_rc (see $logs/local.log)"

wait_until 120 HDFS test -s "$work/hdfs.uri"
kill -0 "$hdfs_pid" || fail "HDFS exited (see $logs/hdfs.log)"
hdfs="$(sed -n 1p "$work/hdfs.uri")"
webhdfs="$(sed -n 2p "$work/hdfs.uri")/webhdfs/v1"
user="$(id -un)"
sed "s|$root/|$hdfs/inputs/|g" "$work/local.yaml" >"$work/hdfs.yaml"
alive_workers() { curl -sf "http://127.0.0.1:$master_ui/json/" | grep -Eq '"aliveworkers" *: *2'; }
wait_until 120 "Spark master with two workers" alive_workers
say "cluster up: $master, $hdfs"

# --- helpers on the cluster --------------------------------------------------------------------------------------
submit() { # NAME RUN_DIR: a `run` through spark-submit in client mode; pid in $last_pid
  local name=$1 dir=$2
  start "$name" SPARK_HOME="$spark_home" SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=127.0.0.1 -- \
    java -Xmx1g $opens $log4j -cp "$spark_cp" org.apache.spark.deploy.SparkSubmit \
    --master "$master" --deploy-mode client --name "corpusforge $name" --executor-memory "$executor_memory" \
    --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 --conf spark.ui.enabled=false \
    --conf "spark.executor.extraJavaOptions=$opens" --conf spark.hadoop.dfs.replication=1 \
    --conf spark.hadoop.dfs.client.block.write.replace-datanode-on-failure.enable=false \
    --class dev.corpusforge.cli.CorpusForge "$appjar" run --config "$work/hdfs.yaml" --run-dir "$hdfs$dir"
}
hdfs_exists() { curl -sf -o /dev/null "$webhdfs$1?op=GETFILESTATUS&user.name=$user"; }
hdfs_list() { curl -sf "$webhdfs$1?op=LISTSTATUS&user.name=$user" | grep -o '"pathSuffix":"[^"]*"' | cut -d'"' -f4; }
# A stage is being written: its temporary output folder (StageWriter's .STAGE.tmp; ingest/.SOURCE.tmp) exists, or
# its folder exists without _COMPLETE.
stage_writing() {
  local dir=$1 stage=$2
  if [ "$stage" = ingest ]; then
    hdfs_list "$dir/ingest" 2>/dev/null | grep -q '^\..*\.tmp$'
  else
    hdfs_exists "$dir/.$stage.tmp" || { hdfs_exists "$dir/$stage" && ! hdfs_exists "$dir/$stage/_COMPLETE"; }
  fi
}
stage_complete() {
  local dir=$1 stage=$2
  if [ "$stage" = ingest ]; then
    # Every input's source folder carries _COMPLETE and no write is under way.
    local s done=0
    hdfs_list "$dir/ingest/_rejects" 2>/dev/null | grep -q '^\.' && return 1
    for s in $(hdfs_list "$dir/ingest"); do
      case "$s" in .*) return 1 ;; _*) ;; *) hdfs_exists "$dir/ingest/$s/_COMPLETE" && done=$((done + 1)) ;; esac
    done
    [ "$done" -ge "$inputs_count" ]
  else
    hdfs_exists "$dir/$stage/_COMPLETE"
  fi
}
# wait_for_stage PID DIR STAGE: true once STAGE is being written, false if the run ended first.
# Stages now write their parts straight into their folder within a second or two, so a stage is caught by the line
# `run` prints when it starts it ("[corpusforge] dedup: started"; "ingest web: started"), not by its output folder.
stage_started() {
  local log=$1 stage=$2
  grep -aEq "\[corpusforge\] $stage( [a-z0-9_-]+)?: started" "$log" 2>/dev/null
}
wait_for_stage() {
  local pid=$1 dir=$2 stage=$3
  while kill -0 "$pid" 2>/dev/null; do
    { stage_started "$logs/${dir##*/}.log" "$stage" || stage_writing "$dir" "$stage"; } \
      && { sleep "$kill_delay"; return 0; }
    sleep 0.1
  done
  return 1
}
# busiest_executor: of the executor JVMs under the workers, the one that used the most CPU over 0.3 s (the one most
# likely running a task right now).
busiest_executor() {
  local pids=() p best="" best_delta=-1
  declare -A before
  for w in "${workers[@]}"; do
    for p in $(pgrep -P "$w" -f CoarseGrainedExecutorBackend || true); do pids+=("$p"); done
  done
  for p in "${pids[@]}"; do before[$p]=$(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0); done
  sleep 0.3
  for p in "${pids[@]}"; do
    local now delta
    now=$(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)
    delta=$((now - ${before[$p]}))
    [ "$delta" -gt "$best_delta" ] && { best=$p; best_delta=$delta; }
  done
  echo "$best"
}
no_active_apps() { curl -sf "http://127.0.0.1:$master_ui/json/" | tr -d ' \n' | grep -q '"activeapps":\[\]'; }

# --- 1. clean cluster run vs local run ----------------------------------------------------------------------------
say "clean run on the cluster: spark-submit --master $master ... run --run-dir $hdfs/runs/clean"
submit clean /runs/clean
finish "$last_pid" "clean cluster run"
[ "$run_rc" -eq 0 ] || fail "clean cluster run exited with $run_rc (see $logs/clean.log)"
curl -sf "http://127.0.0.1:$master_ui/json/" | grep -q '"corpusforge clean"' || fail "the master ran no application"

# Stages in the order they ran, with their durations, from StageWriter's summary lines.
# (after any progress bar on the same line; ingest names its source: "ingest web: read ..."; its rate is MB/s from storage, later stages' M chars/s of text;
# a summary may end with "; programming errors ..." or the damaged bytes skipped)
sed -nE 's/^.*\[corpusforge\] ([a-z_-]+)( [a-z0-9_-]+)?: read .* ([0-9.]+) s, [0-9.]+ (MB\/s|M chars\/s)( from storage)?(;.*)?$/\1 \3/p' \
  "$logs/clean.log" >"$work/stages.txt"
stages="$(awk '!seen[$1]++ {print $1}' "$work/stages.txt" | tr '\n' ' ')"
[ -n "$stages" ] || fail "no stage summaries in $logs/clean.log"
say "stages run: $stages"
longest() { awk -v skip="$1" '$1 != skip && $2 > best {best = $2; name = $1} END {print name}' "$work/stages.txt"; }

java -cp "$tools_cp" $log4j dev.corpusforge.cluster.RunDigest --strip "file:$root/" --strip "$hdfs/inputs/" \
  --strip "file:$work/runs/local" --strip "$hdfs/runs/clean" \
  rows "$work/runs/local" "$work/local.rows" rows "$hdfs/runs/clean" "$work/clean.rows" \
  bytes "$hdfs/runs/clean" "$work/clean.bytes" 2>&1 | sed 's/^/  /'
files="$(wc -l <"$work/clean.rows")"
parquet="$(grep -c '\.parquet' "$work/clean.rows" || true)"
rows="$(grep -o 'rows=[0-9]*' "$work/clean.rows" | cut -d= -f2 | awk '{s += $1} END {print s + 0}')"
[ "$parquet" -gt 0 ] || fail "the clean run wrote no Parquet files"
if diff "$work/local.rows" "$work/clean.rows" >"$work/local-vs-clean.diff"; then
  check "cluster (hdfs://) = local[*] (file://): $files files, $rows rows" OK
else
  cat "$work/local-vs-clean.diff" >&2
  fail "cluster output differs from the local run (above: < local, > cluster)"
fi
for s in $stages; do stage_complete /runs/clean "$s" || fail "stage $s has no _COMPLETE in the clean run"; done
check "every stage of the clean run marked _COMPLETE" OK

# --- 2. executor loss ---------------------------------------------------------------------------------------------
exec_stage="${KILL_EXECUTOR_STAGE:-}"
if [ -z "$exec_stage" ]; then
  case " $stages " in *" dedup "*) exec_stage=dedup ;; *) exec_stage="$(longest none)" ;; esac
fi
wait_until 60 "the clean run's executors to exit" no_active_apps
say "executor loss: killing an executor JVM while '$exec_stage' writes"
submit executor-loss /runs/executor-loss
driver=$last_pid
wait_for_stage "$driver" /runs/executor-loss "$exec_stage" || fail "the run ended before '$exec_stage' was written"
victim="$(busiest_executor)"
[ -n "$victim" ] || fail "no executor JVM found under the workers"
stage_complete /runs/executor-loss "$exec_stage" && fail "'$exec_stage' completed before the kill: nothing tested"
kill -KILL "$victim"
say "killed executor pid $victim (CoarseGrainedExecutorBackend) during '$exec_stage'"
finish "$driver" "executor-loss run"
[ "$run_rc" -eq 0 ] || fail "executor-loss run exited with $run_rc (see $logs/executor-loss.log)"
lost_tasks="$(grep -c 'Lost task' "$logs/executor-loss.log" || true)"
grep -Eq 'Lost executor|Lost task|ExecutorLostFailure' "$logs/executor-loss.log" \
  || fail "the driver did not report the executor loss (see $logs/executor-loss.log)"
check "run completed after executor loss ($lost_tasks tasks lost and retried)" OK
[ "$lost_tasks" -gt 0 ] || say "note: the kill landed between two tasks of the executor; its cached and shuffle blocks were still lost"
java -cp "$tools_cp" $log4j dev.corpusforge.cluster.RunDigest bytes "$hdfs/runs/executor-loss" \
  "$work/executor-loss.bytes" 2>&1 | sed 's/^/  /'
diff "$work/clean.bytes" "$work/executor-loss.bytes" >&2 || fail "output after executor loss differs from the clean run"
check "output after executor loss byte-identical ($files files)" OK

# --- 3. driver loss and resume ------------------------------------------------------------------------------------
driver_stage="${KILL_DRIVER_STAGE:-clean}"
[ -n "$driver_stage" ] || driver_stage=ingest
wait_until 60 "the previous run's executors to exit" no_active_apps
say "driver loss: killing the driver while '$driver_stage' writes"
submit driver-loss /runs/driver-loss
driver=$last_pid
wait_for_stage "$driver" /runs/driver-loss "$driver_stage" || fail "the run ended before '$driver_stage' was written"
case "$driver_stage" in
  clean|tokenize)
    # a map-only stage: killed once its first part is committed, so that the resume has parts to reuse
    while kill -0 "$driver" 2>/dev/null && ! hdfs_list "/runs/driver-loss/$driver_stage/_parts" 2>/dev/null | grep -q '^part-'; do
      sleep 0.1
    done ;;
esac
kill -KILL "$driver"
finish "$driver" "killed driver"
say "killed the driver (pid $driver) during '$driver_stage'"
stage_complete /runs/driver-loss "$driver_stage" && fail "'$driver_stage' is marked complete after the driver died in it"
check "interrupted stage '$driver_stage' not marked complete" OK
before=()
for s in $stages; do
  [ "$s" = "$driver_stage" ] && break
  before+=("$s")
done
wait_until 60 "the killed driver's executors to exit" no_active_apps
say "resuming: the same run command again"
submit driver-loss-resume /runs/driver-loss
finish "$last_pid" "resumed run"
[ "$run_rc" -eq 0 ] || fail "resumed run exited with $run_rc (see $logs/driver-loss-resume.log)"
for s in "${before[@]}"; do
  grep -aq "\[corpusforge\] $s.*complete, skipped" "$logs/driver-loss-resume.log" \
    || fail "the resumed run did not skip the complete stage '$s'"
done
# (a summary line may follow a console progress bar on the same line)
grep -aq "\[corpusforge\] $driver_stage: read" "$logs/driver-loss-resume.log" \
  || fail "the resumed run did not redo '$driver_stage'"
check "resume skipped complete stages (${before[*]:-none}) and redid '$driver_stage'" OK
# StageWriter's summary of a map-only stage ends with "; N of M parts reused, K redone"
parts_line="$(grep -aoE "\[corpusforge\] $driver_stage( [a-z0-9_-]+)?: read .*; [0-9]+ of [0-9]+ parts reused, [0-9]+ redone" \
  "$logs/driver-loss-resume.log" | grep -oE '[0-9]+ of [0-9]+ parts reused, [0-9]+ redone' | head -1 || true)"
if [ -n "$parts_line" ]; then
  case "$driver_stage" in
    clean|tokenize) [ "${parts_line%% *}" -gt 0 ] || fail "the resumed '$driver_stage' reused no committed part ($parts_line)" ;;
  esac
  check "resumed '$driver_stage' inside the stage: $parts_line" OK
fi
java -cp "$tools_cp" $log4j dev.corpusforge.cluster.RunDigest bytes "$hdfs/runs/driver-loss" \
  "$work/driver-loss.bytes" 2>&1 | sed 's/^/  /'
diff "$work/clean.bytes" "$work/driver-loss.bytes" >&2 || fail "output after driver loss and resume differs from the clean run"
check "output after driver loss + resume byte-identical ($files files)" OK

say "all checks passed in $((SECONDS - t0)) s"
