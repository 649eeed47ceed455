package io.selection.api.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings under {@code selection.*}; see docs/operations.md. */
@ConfigurationProperties(prefix = "selection")
public record SelectionProperties(String dataDir, Accounts accounts, boolean seed2023, Votes votes,
                                  ReadModels readModels, Kafka kafka, Suspicion suspicion, Audit audit,
                                  Limits limits, Checkpoints checkpoints) {

    /** The checkpoint settings, with every default of docs/operations.md where the configuration leaves one out. */
    public Checkpoints checkpoints() {
        return checkpoints == null ? new Checkpoints(null, null, 0, null) : checkpoints;
    }

    /**
     * Signed checkpoints of each edition's log (docs/audit.md, "Checking from outside"): the log's
     * name (the key's name, and each edition's origin {@code <log-name>/<edition>}), its Ed25519
     * signer key ({@code PRIVATE+KEY+...}; required in prod; without one a key is generated once and
     * kept in the database), and how often a new checkpoint is signed while the log grows. The
     * log's name is the key's; {@code log-name} only names a key generated here (default
     * {@code selection.local}) and, when set, must agree with the key given. {@code witnessKeys}: the
     * verifier keys (type 4, C2SP tlog-cosignature) of the witnesses whose cosignatures it accepts.
     */
    public record Checkpoints(String logName, String signerKey, long everySeconds,
                              java.util.List<String> witnessKeys) {
        public Checkpoints {
            witnessKeys = witnessKeys == null ? java.util.List.of() : java.util.List.copyOf(witnessKeys);
            logName = logName == null || logName.isBlank() ? null : logName.strip();
            everySeconds = everySeconds > 0 ? everySeconds : 60;
        }
    }

    /** The limits, with every default of docs/operations.md where the configuration leaves one out. */
    public Limits limits() {
        return limits == null ? Limits.DEFAULTS : limits;
    }

    /**
     * Limits on what a client sends (docs/operations.md, "Limits"). A value left out, or 0, takes
     * its default; a body or NDJSON stream over a limit is refused with 413 TOO_LARGE, a string field
     * over its length with 400 VALIDATION.
     */
    public record Limits(long bodyBytes, int ndjsonLines, int ndjsonLineBytes, int jsonDepth, int jsonStringChars,
                         int jsonNumberChars, int titleChars, int urlChars, int reasonChars, int nameChars) {

        public static final Limits DEFAULTS = new Limits(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        public Limits {
            bodyBytes = bodyBytes > 0 ? bodyBytes : 32L * 1024 * 1024;
            ndjsonLines = ndjsonLines > 0 ? ndjsonLines : 100_000;
            ndjsonLineBytes = ndjsonLineBytes > 0 ? ndjsonLineBytes : 64 * 1024;
            jsonDepth = jsonDepth > 0 ? jsonDepth : 32;
            jsonStringChars = jsonStringChars > 0 ? jsonStringChars : 1024 * 1024;
            jsonNumberChars = jsonNumberChars > 0 ? jsonNumberChars : 100;
            titleChars = titleChars > 0 ? titleChars : 500;
            urlChars = urlChars > 0 ? urlChars : 2048;
            reasonChars = reasonChars > 0 ? reasonChars : 2000;
            nameChars = nameChars > 0 ? nameChars : 200;
        }
    }

    /** How often new lines of the log are sealed (hash and chain written once); 0 turns the sealer off. */
    public record Audit(long sealMillis) {
    }

    /** What the flags of suspicious votes count; see docs/operations.md. */
    public record Suspicion(int perIp, int perDevice, int windowMinutes, int limitRefusals) {
    }

    /**
     * The Kafka door (profile {@code kafka}): off by default. {@code maxPartitionFetchBytes} bounds
     * what one fetch brings of each partition, and so how far one lane's votes run ahead of the
     * others' while the door catches up (0 takes the default, 256 KiB; docs/operations.md).
     * {@code laneSpreadSeconds}: how far (by castAt) a partition catching up may run ahead of the
     * slowest one before it is paused until that one catches up (0 takes the default, 3,600 s;
     * below 0: never paused for this; decision 25).
     */
    public record Kafka(boolean enabled, String bootstrapServers, String topic, String groupId, int maxPollRecords,
                        int maxPartitionFetchBytes, long laneSpreadSeconds) {
        public Kafka {
            maxPartitionFetchBytes = maxPartitionFetchBytes > 0 ? maxPartitionFetchBytes : 256 * 1024;
            laneSpreadSeconds = laneSpreadSeconds > 0 ? laneSpreadSeconds : laneSpreadSeconds == 0 ? 3_600 : -1;
        }
    }

    public record Accounts(String organiserPassword, String auditorPassword, String gatewayPassword) {
    }

    /**
     * The vote intake (docs/operations.md, "Overload and database failures"): group size, queue,
     * lanes; the latency budget beyond which the HTTP doors shed votes at once (503, Retry-After),
     * and the longest a caller waits for a durable answer before a 503 (0 takes the defaults).
     * {@code deciders}: threads that decide one lot's lanes at the same time (the caller's among
     * them); 0 or less: two where the machine has more than two cores, else one (with two cores the
     * broker, the writer and the read models already need the other).
     */
    public record Votes(int groupSize, int queueCapacity, int lanes, long latencyBudgetMillis,
                        long answerTimeoutMillis, int deciders) {
        public Votes {
            latencyBudgetMillis = latencyBudgetMillis > 0 ? latencyBudgetMillis : 500;
            answerTimeoutMillis = answerTimeoutMillis > 0 ? answerTimeoutMillis : 10_000;
            deciders = deciders > 0 ? deciders : Runtime.getRuntime().availableProcessors() > 2 ? 2 : 1;
        }
    }

    public record ReadModels(long awaitMillis) {
    }
}
