#!/usr/bin/env bash
# A real Apache Kafka broker for tests and benchmarks: a single KRaft node (broker + controller) on
# 127.0.0.1, with jars from Maven Central fetched by mvn once and cached under .cache/kafka.
#
#   scripts/kafka.sh start DIR   starts a broker with its state in DIR; prints host:port
#   scripts/kafka.sh stop DIR    stops it (SIGTERM, then SIGKILL after 20 s)
#   scripts/kafka.sh fetch       only downloads the jars
set -euo pipefail
cd "$(dirname "$0")/.."
KAFKA_VERSION="${KAFKA_VERSION:-4.1.1}"
LOG4J_VERSION=2.24.3
CACHE="$PWD/.cache/kafka/$KAFKA_VERSION"

fetch() {
  [ -f "$CACHE/.complete" ] && return 0
  mkdir -p "$CACHE"
  cat > "$CACHE/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>ops.pulse</groupId><artifactId>kafka-runtime</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j-impl</artifactId><version>$LOG4J_VERSION</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId><version>$LOG4J_VERSION</version></dependency>
  </dependencies>
</project>
POM
  echo "fetching Kafka $KAFKA_VERSION from Maven Central" >&2
  mvn -q -B -f "$CACHE/pom.xml" dependency:copy-dependencies -DoutputDirectory="$CACHE/libs" -DincludeScope=runtime >&2
  touch "$CACHE/.complete"
}

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

start() {
  local dir="$1"
  fetch
  mkdir -p "$dir/logs" "$dir/data"
  local port cport
  if [ -f "$dir/server.properties" ]; then
    # A restart keeps its ports, so clients reconnect to the same address.
    port=$(sed -n 's|^listeners=PLAINTEXT://127.0.0.1:\([0-9]*\),.*|\1|p' "$dir/server.properties")
  else
  port=$(free_port)
  cport=$(free_port)
  cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data
num.partitions=6
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
PROPS
  cat > "$dir/log4j2.properties" <<L4J
rootLogger.level=WARN
rootLogger.appenderRef.file.ref=file
appender.file.type=File
appender.file.name=file
appender.file.fileName=$dir/logs/kafka.log
appender.file.layout.type=PatternLayout
appender.file.layout.pattern=[%d] %p %m (%c)%n
L4J
  fi
  local cp="$CACHE/libs/*"
  if [ ! -f "$dir/data/meta.properties" ]; then
    java -cp "$cp" -Dlog4j2.configurationFile="$dir/log4j2.properties" kafka.tools.StorageTool format \
      -t "$(java -cp "$cp" kafka.tools.StorageTool random-uuid)" -c "$dir/server.properties" >/dev/null
  fi
  nohup java -Xms256m -Xmx768m -XX:+UseG1GC -Dlog4j2.configurationFile="$dir/log4j2.properties" \
    -cp "$cp" kafka.Kafka "$dir/server.properties" > "$dir/logs/stdout.log" 2>&1 &
  echo $! > "$dir/kafka.pid"
  for _ in $(seq 1 120); do
    if (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "127.0.0.1:$port" > "$dir/brokers"
      echo "127.0.0.1:$port"
      return 0
    fi
    kill -0 "$(cat "$dir/kafka.pid")" 2>/dev/null || { cat "$dir/logs/stdout.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "Kafka did not start within 60 s" >&2
  exit 1
}

stop() {
  local dir="$1"
  [ -f "$dir/kafka.pid" ] || return 0
  local pid
  pid=$(cat "$dir/kafka.pid")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$dir/kafka.pid"
}

case "${1:-}" in
  fetch) fetch ;;
  start) start "${2:?state directory}" ;;
  stop) stop "${2:?state directory}" ;;
  *) echo "usage: $0 fetch | start DIR | stop DIR" >&2; exit 2 ;;
esac
