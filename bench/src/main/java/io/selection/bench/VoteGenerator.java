package io.selection.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Produces a realistic load of votes (the benchmark's {@link VoteData}) to a Kafka topic for one
 * edition, at a given rate, for people trying the Kafka door by hand (scripts/vote-generator.sh).
 * The works come from a running server's published shortlist (as the auditor) or from a file.
 */
@Command(name = "vote-generator", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Produces realistic votes for one edition to a Kafka topic.")
public final class VoteGenerator implements Callable<Integer> {

    @Option(names = "--bootstrap", description = "Kafka bootstrap servers (default ${DEFAULT-VALUE})")
    String bootstrap = "127.0.0.1:9092";

    @Option(names = "--topic", description = "topic (default ${DEFAULT-VALUE})")
    String topic = "votes";

    @Option(names = "--partitions", description = "partitions when the topic has to be created (default ${DEFAULT-VALUE})")
    int partitions = 8;

    @Option(names = "--edition", required = true, description = "the edition the votes are for")
    String edition;

    @Option(names = "--server", description = "read the shortlist and the voting window from this server "
            + "(default ${DEFAULT-VALUE}) as the auditor")
    String server = "http://127.0.0.1:8080";

    @Option(names = "--auditor", description = "auditor credentials user:password (default ${DEFAULT-VALUE})")
    String auditor = "auditor:auditor";

    @Option(names = "--works-file", description = "instead of the server: one shortlisted work a line, "
            + "'category<TAB>workId' or just 'workId'; lines starting with '-' are works not on the shortlist")
    Path worksFile;

    @Option(names = "--opens-at", description = "with --works-file: the voting window's start (default ${DEFAULT-VALUE})")
    Instant opensAt = VoteData.OPENS_AT;

    @Option(names = "--closes-at", description = "with --works-file: the voting window's end (default ${DEFAULT-VALUE})")
    Instant closesAt = VoteData.CLOSES_AT;

    @Option(names = "--votes", description = "how many votes (default ${DEFAULT-VALUE})")
    long votes = 1_000_000;

    @Option(names = "--rate", description = "votes a second, 0 for as fast as the broker takes them (default ${DEFAULT-VALUE})")
    long rate = 10_000;

    @Option(names = "--seed", description = "seed of the votes (default ${DEFAULT-VALUE})")
    long seed = 2024;

    @Option(names = "--id-prefix", description = "prefix of the vote ids (default: g and the start time, so "
            + "two runs never share ids)")
    String idPrefix;

    public static void main(String[] args) {
        System.exit(new CommandLine(new VoteGenerator()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        VoteData.EditionShape shape;
        Instant from = opensAt;
        Instant to = closesAt;
        if (worksFile != null) {
            shape = readWorks(worksFile);
        } else {
            URI uri = URI.create(server);
            String[] credentials = auditor.split(":", 2);
            try (RawHttp http = new RawHttp(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort(), credentials[0],
                    credentials.length > 1 ? credentials[1] : "")) {
                JsonNode e = EditionSetup.expect(http.get("/api/editions/" + edition), 200, "GET edition " + edition);
                from = Instant.parse(e.path("voting").path("opensAt").asText());
                to = Instant.parse(e.path("voting").path("closesAt").asText());
                JsonNode shortlist = EditionSetup.expect(http.get("/api/editions/" + edition + "/shortlist"), 200,
                        "GET shortlist of " + edition + " (published from SHORTLIST_PUBLISHED on)");
                List<String> categories = new ArrayList<>();
                List<List<String>> listed = new ArrayList<>();
                List<List<String>> others = new ArrayList<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = shortlist.path("categories").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> c = it.next();
                    categories.add(c.getKey());
                    List<String> ids = new ArrayList<>();
                    c.getValue().forEach(w -> ids.add(w.path("workId").asText()));
                    listed.add(ids);
                    others.add(List.of());
                }
                shape = new VoteData.EditionShape(categories, listed, others);
            }
        }
        String prefix = idPrefix != null ? idPrefix : "g" + Long.toString(System.currentTimeMillis() / 1000, 36);
        VoteData data = new VoteData(seed, votes, prefix, shape, from, to);
        System.out.printf(Locale.ROOT, "Producing %,d votes for edition %s to %s on %s at %s, %,d shortlisted works "
                        + "in %d categories, %,d voters, castAt in [%s, %s), ids %s-...%n", votes, edition, topic,
                bootstrap, rate > 0 ? String.format(Locale.ROOT, "%,d votes/s", rate) : "full speed",
                shape.shortlistByCategory().stream().mapToInt(List::size).sum(), shape.categories().size(),
                data.voterPool(), from, to, prefix);

        try (Broker broker = Broker.start(bootstrap, partitions)) {
            broker.ensureTopic(topic, partitions);
        }
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicLong acked = new AtomicLong();
        long started = System.nanoTime();
        long lastReport = started;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(RawKafka.producerConfig(bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < votes && failure.get() == null; i++) {
                VoteData.Vote v = data.vote(i);
                producer.send(new ProducerRecord<>(topic, v.voterId(), VoteData.kafkaJson(edition, v)), (m, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    } else {
                        acked.incrementAndGet();
                    }
                });
                if (rate > 0 && (i % 100) == 99) {
                    long due = started + (long) ((i + 1) * 1e9 / rate);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                long now = System.nanoTime();
                if (now - lastReport > 5_000_000_000L) {
                    lastReport = now;
                    System.out.printf(Locale.ROOT, "  %,d sent, %,d acknowledged, %,.0f votes/s%n", i + 1, acked.get(),
                            (i + 1) / ((now - started) / 1e9));
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            System.err.println("producing failed: " + failure.get());
            return 1;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "Done: %,d votes acknowledged (acks=all) in %.1f s, %,.0f votes/s%n", acked.get(),
                seconds, acked.get() / seconds);
        return 0;
    }

    static VoteData.EditionShape readWorks(Path file) throws java.io.IOException {
        Map<String, List<String>> listed = new LinkedHashMap<>();
        Map<String, List<String>> others = new LinkedHashMap<>();
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean notListed = line.startsWith("-");
            if (notListed) {
                line = line.substring(1).strip();
            }
            String[] parts = line.split("\\s+", 2);
            String category = parts.length == 2 ? parts[0] : "all";
            String work = parts.length == 2 ? parts[1] : parts[0];
            listed.computeIfAbsent(category, c -> new ArrayList<>());
            others.computeIfAbsent(category, c -> new ArrayList<>());
            (notListed ? others : listed).get(category).add(work);
        }
        List<String> categories = new ArrayList<>(listed.keySet());
        return new VoteData.EditionShape(categories, categories.stream().map(listed::get).toList(),
                categories.stream().map(others::get).toList());
    }
}
