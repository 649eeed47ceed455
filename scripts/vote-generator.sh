#!/usr/bin/env bash
# Produces a realistic load of votes to a Kafka topic for one edition, e.g. against the broker of
# scripts/kafka-broker.sh and a service started with the kafka profile:
#
#   scripts/kafka-broker.sh start
#   java -jar selection-api/target/selection-api.jar --spring.profiles.active=kafka \
#        --selection.kafka.bootstrap-servers=127.0.0.1:9092 --selection.kafka.topic=votes
#   scripts/vote-generator.sh --edition 2023 --votes 1000000 --rate 20000
#
# The works are the edition's published shortlist, read from the running server as the auditor
# (--server, default http://127.0.0.1:8080), or listed in a file (--works-file). The votes are
# the benchmark's: voters from a pool, popular works voted more, a few double clicks, votes for
# works not on the shortlist and outside the window, castAt in time order over the voting window.
# Options (all have defaults except --edition): --bootstrap 127.0.0.1:9092, --topic votes,
# --votes 1000000, --rate 10000 (votes a second; 0 = as fast as the broker takes them), --seed,
# --id-prefix, --works-file, --opens-at, --closes-at, --auditor user:password. --help lists them.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/bench/target/selection-bench.jar"
if [[ ! -f "$JAR" ]]; then
    echo "vote-generator: building $JAR (once) ..." >&2
    (cd "$ROOT" && ./mvnw -q -pl bench -am package -DskipTests)
fi
# The bench jar is a Spring Boot executable jar whose main is the benchmark; PropertiesLauncher
# runs another main class from it.
exec java -Xmx512m -cp "$JAR" -Dloader.main=io.selection.bench.VoteGenerator \
    org.springframework.boot.loader.launch.PropertiesLauncher "$@"
