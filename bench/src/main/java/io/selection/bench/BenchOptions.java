package io.selection.bench;

import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's command line (a picocli mixin of {@link Benchmark}), and what follows from it:
 * the votes of each row, the store, the rows left out. See bench/README.md for each option.
 */
final class BenchOptions {

    /** The row keys, for --help and for checking --skip. */
    static final class RowKeys implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Benchmark.ROWS.iterator();
        }
    }

    @Option(names = "--votes", description = "votes in the workload (default ${DEFAULT-VALUE})")
    long votes = 10_000_000;

    @Option(names = "--naive-sample", description = "votes sent to naive Axon, one command each (default ${DEFAULT-VALUE})")
    int naiveSample = 20_000;

    @Option(names = "--naive-threads", description = "client threads for naive Axon (default ${DEFAULT-VALUE})")
    int naiveThreads = 4;

    @Option(names = "--partitions", description = "partitions of every topic (default ${DEFAULT-VALUE})")
    int partitions = 8;

    @Option(names = "--bootstrap", description = "use this Kafka broker (e.g. 127.0.0.1:9092 from scripts/kafka-broker.sh) instead of one inside this JVM")
    String bootstrap;

    @Option(names = "--store", description = "h2 (default) or postgres (127.0.0.1:5432, user postgres)")
    String store = "h2";

    @Option(names = "--works", description = "works per edition, over five categories, half shortlisted (default ${DEFAULT-VALUE})")
    int works = 1_000;

    @Option(names = "--jdbc-votes", description = "votes for the raw JDBC insert (default: the smaller of --votes and 1,000,000)")
    Long jdbcVotes;

    @Option(names = "--batch-votes", description = "votes for the two HTTP batch rows (default: --votes)")
    Long batchVotes;

    @Option(names = "--batch-chunk", description = "NDJSON lines per batch request (default ${DEFAULT-VALUE})")
    int batchChunk = 5_000;

    @Option(names = "--batch-senders", description = "concurrent batch senders (default ${DEFAULT-VALUE})")
    int batchSenders = 4;

    @Option(names = "--single-votes", description = "requests for the single-vote door and for each pass of its "
            + "ceiling (default: the smaller of --votes and 200,000)")
    Long singleVotes;

    @Option(names = "--single-clients", description = "concurrent clients of the single-vote door (default ${DEFAULT-VALUE})")
    int singleClients = 64;

    @Option(names = "--kafka-votes", description = "votes for the service's Kafka rows and for the Kafka baselines "
            + "they are compared with: raw producer and consumer, minimal pipeline (default: --votes)")
    Long kafkaVotes;

    @Option(names = "--warm-up-votes", description = "votes the services of ours-kafka-e2e and of the two HTTP batch "
            + "rows decide, on an edition of their own, before the timed votes, so those rows time a warmed-up service "
            + "as the minimal pipeline runs in a JVM warmed by the rows before it; 0 for a cold service (default "
            + "${DEFAULT-VALUE}, at most the row's own votes)")
    long warmUpVotes = 500_000;

    @Option(names = "--pipeline-threads", description = "consumer threads of the minimal pipeline (default ${DEFAULT-VALUE})")
    int pipelineThreads = 1;

    @Option(names = "--service-jar", description = "the service's jar (default: selection-api/target/selection-api.jar)")
    Path serviceJar;

    @Option(names = "--service-heap", description = "the service's heap (default ${DEFAULT-VALUE})")
    String serviceHeap = "2g";

    @Option(names = "--service-java-options", description = "more options for the service's JVM, space-separated, "
            + "after the default collector options (docs/operations.md; a collector or threshold given here replaces "
            + "them) (default: none; the smoke test uses -XX:TieredStopAtLevel=1 to start faster)")
    String serviceJavaOptions = "";

    @Option(names = "--stall-seconds", description = "give up on a row when nothing moves for this long (default ${DEFAULT-VALUE})")
    int stallSeconds = 60;

    @Option(names = "--skip", split = ",", completionCandidates = RowKeys.class,
            description = "rows to leave out (keys: ${COMPLETION-CANDIDATES})")
    List<String> skip = List.of();

    @Option(names = "--work-dir", description = "where databases, service data and logs go (default: a new temporary directory)")
    Path workDir;

    @Option(names = "--seed", description = "seed of the votes (default ${DEFAULT-VALUE})")
    long seed = 2024;

    @Option(names = "--out", description = "also write the table as markdown to this file")
    Path out;

    /** Votes of the raw JDBC insert. */
    long jdbcCount() {
        return jdbcVotes != null ? jdbcVotes : Math.min(votes, 1_000_000);
    }

    /** Votes of both HTTP batch rows. */
    long batchCount() {
        return batchVotes != null ? batchVotes : votes;
    }

    /** Requests of the single door and of each pass of its ceiling. */
    long singleCount() {
        return singleVotes != null ? singleVotes : Math.min(votes, 200_000);
    }

    /** Votes of every Kafka row, ours and the baselines compared with them. */
    long kafkaCount() {
        return kafkaVotes != null ? kafkaVotes : votes;
    }

    /** Votes of the warm-up before ours-kafka-e2e (0: none). */
    long warmUpCount() {
        return warmUpCount(kafkaCount());
    }

    /** Votes of the warm-up before a row of {@code rowVotes} votes (0: none). */
    long warmUpCount(long rowVotes) {
        return Math.max(0, Math.min(warmUpVotes, rowVotes));
    }

    /** Votes sent to naive Axon. */
    int naiveCount() {
        return (int) Math.min(naiveSample, votes);
    }

    boolean skipped(String key) {
        return skip.contains(key);
    }

    List<String> javaOptions() {
        return serviceJavaOptions.isBlank() ? List.of() : List.of(serviceJavaOptions.trim().split("\\s+"));
    }

    /** Checks the options together (refusing them as {@code command}'s) and returns the store they name. */
    Store.Kind validate(CommandLine command) {
        for (long n : new long[]{jdbcCount(), batchCount(), singleCount(), kafkaCount()}) {
            if (n < 1 || n > votes) {
                throw new CommandLine.ParameterException(command, "--jdbc-votes, --batch-votes, "
                        + "--single-votes and --kafka-votes must be between 1 and --votes (the first ones of the "
                        + "same workload)");
            }
        }
        for (String key : skip) {
            if (!Benchmark.ROWS.contains(key)) {
                throw new CommandLine.ParameterException(command, "--skip: no row " + key + " (rows: "
                        + String.join(", ", Benchmark.ROWS) + ")");
            }
        }
        return switch (store.toLowerCase(Locale.ROOT)) {
            case "h2" -> Store.Kind.H2;
            case "postgres", "postgresql" -> Store.Kind.POSTGRES;
            default -> throw new CommandLine.ParameterException(command, "--store must be h2 or postgres");
        };
    }
}
