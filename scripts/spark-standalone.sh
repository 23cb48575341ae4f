#!/usr/bin/env bash
# Starts a Spark standalone cluster on 127.0.0.1 from pxrcad's own jars (build them first, e.g. with
# ./pxrcad --version): a master on port ${PORT:-7077} and ${WORKERS:-2} workers of ${CORES:-1} core(s)
# and ${MEMORY:-2g} each, logs and work folders under ${DIR:-/tmp/pxrcad-spark}. Prints the master URL
# and the process ids; stop it with: kill <pids>. For trying `pxrcad batch --master spark://...` and
# `pxrcad bench batch` on one machine; a real cluster runs Spark's own distribution.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CP="$ROOT/pxrcad-cli/target/pxrcad-cli.jar:$ROOT/pxrcad-cli/target/lib/*"
DIR="${DIR:-/tmp/pxrcad-spark}"; PORT="${PORT:-7077}"; UI="${UI:-8090}"
mkdir -p "$DIR/home/jars"
# the executors' class path is spark.executor.extraClassPath (pxrcad bench batch sets it); the jars folder stays empty
export SPARK_HOME="$DIR/home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
# shellcheck source=spark-jvm-options.sh
source "$ROOT/scripts/spark-jvm-options.sh"
# shellcheck disable=SC2086
java -Xmx512m $SPARK_OPENS -cp "$CP" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$PORT" \
  --webui-port "$UI" > "$DIR/master.log" 2>&1 &
pids="$!"
for w in $(seq 1 "${WORKERS:-2}"); do
  mkdir -p "$DIR/work$w"
  # shellcheck disable=SC2086
  java -Xmx512m $SPARK_OPENS -cp "$CP" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores "${CORES:-1}" \
    --memory "${MEMORY:-2g}" --webui-port 0 --work-dir "$DIR/work$w" "spark://127.0.0.1:$PORT" > "$DIR/worker$w.log" 2>&1 &
  pids="$pids $!"
done
echo "spark://127.0.0.1:$PORT"
echo "pids: $pids"
