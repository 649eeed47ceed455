package io.selection.audit.verifier;

import io.selection.audit.Exports;
import io.selection.audit.format.LogCodec;
import io.selection.audit.format.LogLine;
import io.selection.audit.format.Pseudonyms;
import io.selection.audit.proofs.LogWriter;
import io.selection.audit.proofs.Receipt;
import io.selection.sample.SampleEdition;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The public log (format 2): voters, addresses and devices as keyed pseudonyms, every rule still
 * checked from it, the raw values nowhere in it, and format 1 still read.
 */
class PublicLogTest {

    /** A fixed secret for the tests: bytes 0..31. */
    static final byte[] SECRET = new byte[32];

    static {
        for (int i = 0; i < SECRET.length; i++) {
            SECRET[i] = (byte) i;
        }
    }

    static final Pseudonyms PSEUDONYMS = new Pseudonyms(SECRET);
    static final SampleEdition.Params PARAMS = SampleEdition.Params.defaults(5_000).withSeed(7);

    @Nested
    class Pseudonym {

        /** Computed with Python's hmac module: hmac.new(bytes(range(32)), kind + b"\0" + value, sha256), first 16 bytes. */
        @Test
        void is_the_first_128_bits_of_hmac_sha256_over_kind_zero_value_as_an_independent_implementation_computes_it() {
            assertThat(PSEUDONYMS.of("voter", "alice")).isEqualTo("731aecb6622470565fff43d95f1ad0c6");
            assertThat(PSEUDONYMS.of("ip", "203.0.113.7")).isEqualTo("5326e48590f8e0935052996fed54baed");
            assertThat(PSEUDONYMS.of("device", "dev-farm-01")).isEqualTo("67116907520bb6a67cd1633afe028c06");
            assertThat(PSEUDONYMS.of("voter", "张三")).isEqualTo("622f2d0016e7b1fa9e680f320fd8b177");
        }

        @Test
        void equal_values_of_one_kind_agree_and_kinds_and_secrets_keep_them_apart() {
            assertThat(PSEUDONYMS.of("voter", "alice")).isEqualTo(PSEUDONYMS.writer().of("voter", "alice"));
            assertThat(PSEUDONYMS.of("ip", "alice")).isEqualTo("7f678b7c472cff073d3b519d78fdb7f2")
                    .isNotEqualTo(PSEUDONYMS.of("voter", "alice"));
            byte[] other = SECRET.clone();
            other[0] ^= 1;
            assertThat(new Pseudonyms(other).of("voter", "alice")).isNotEqualTo(PSEUDONYMS.of("voter", "alice"));
            assertThat(PSEUDONYMS.of("voter", null)).isNull();
        }

        /**
         * 400,000 values of three kinds, asked in two rounds from four threads at once (each with its
         * writer, as the encoders use them): each pseudonym equals the JDK's own HMAC of the same bytes.
         */
        @Test
        void every_pseudonym_equals_the_jdks_own_hmac_of_its_kind_and_value_from_many_threads() throws Exception {
            Pseudonyms fresh = new Pseudonyms(SECRET);
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(SECRET, "HmacSHA256"));
            String[] kinds = {Pseudonyms.VOTER, Pseudonyms.IP, Pseudonyms.DEVICE};
            int n = 400_000;
            String[] expected = new String[n];
            for (int i = 0; i < n; i++) {
                String kind = kinds[i % 3];
                byte[] input = (kind + "\0" + "v" + (i / 3)).getBytes(StandardCharsets.UTF_8);
                expected[i] = java.util.HexFormat.of().formatHex(mac.doFinal(input), 0, 16);
            }
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<Integer>> rounds = new java.util.ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int start = t * 7_919;
                    rounds.add(pool.submit(() -> {
                        Pseudonyms.Writer w = fresh.writer();
                        int wrong = 0;
                        for (int round = 0; round < 2; round++) {
                            for (int k = 0; k < n; k++) {
                                int i = (start + k) % n;
                                if (!expected[i].equals(w.of(kinds[i % 3], "v" + (i / 3)))) {
                                    wrong++;
                                }
                            }
                        }
                        return wrong;
                    }));
                }
                for (java.util.concurrent.Future<Integer> round : rounds) {
                    assertThat(round.get()).isZero();
                }
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void values_beyond_ascii_and_of_any_length_hash_as_their_utf8_bytes() throws Exception {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(SECRET, "HmacSHA256"));
            Pseudonyms.Writer w = PSEUDONYMS.writer();
            List<String> values = List.of("", "a", "华为-设备-01", "voter-é", "\uD83D\uDE00 ok", "ascii then 中",
                    "x".repeat(300), "中".repeat(200), "short again");
            for (String kind : List.of(Pseudonyms.VOTER, Pseudonyms.DEVICE, "set")) {
                for (String value : values) {
                    byte[] input = (kind + "\0" + value).getBytes(StandardCharsets.UTF_8);
                    assertThat(w.of(kind, value)).as(kind + " " + value)
                            .isEqualTo(java.util.HexFormat.of().formatHex(mac.doFinal(input), 0, 16));
                }
            }
        }

        @Test
        void a_secret_shorter_than_128_bits_is_refused() {
            assertThatThrownBy(() -> new Pseudonyms(new byte[15])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("16 bytes");
        }
    }

    @Nested
    class Export {

        final String raw = Exports.text(PARAMS);
        final String open = new String(Exports.ndjson(PARAMS, PSEUDONYMS), StandardCharsets.UTF_8);

        @Test
        void holds_no_voter_id_address_or_device_of_the_raw_log_anywhere() {
            Set<String> personal = new HashSet<>();
            for (Map<String, Object> line : Exports.events(Exports.parse(raw))) {
                if (LogCodec.VOTES_DECIDED.equals(line.get("type"))) {
                    for (String field : List.of("voterId", "ip", "device")) {
                        Exports.column(line, field).forEach(v -> {
                            if (v != null) {
                                personal.add((String) v);
                            }
                        });
                    }
                }
            }
            assertThat(personal).contains(SampleEdition.FLAGGED_IP, SampleEdition.FLAGGED_DEVICE).hasSizeGreaterThan(500);
            for (String value : personal) {
                assertThat(open).as("the public log names " + value).doesNotContain("\"" + value + "\"");
            }
            // nor inside another string: a set's id names its key
            assertThat(open).doesNotContain(SampleEdition.FLAGGED_IP).doesNotContain(SampleEdition.FLAGGED_DEVICE);
            assertThat(raw).contains("ip-burst:" + SampleEdition.FLAGGED_IP + ":");
            assertThat(open).contains("ip-burst:" + PSEUDONYMS.of("ip", SampleEdition.FLAGGED_IP) + ":");
            assertThat(open).doesNotContain("\"voterId\"");
            assertThat(Exports.lines(open)).allSatisfy(l -> assertThat(l).contains("\"v\":2"));
        }

        @Test
        void verifies_with_every_check_passing_and_recomputes_the_flagged_sets_from_the_pseudonyms() {
            Report rawReport = Exports.verify(raw);
            Report report = Exports.verify(open);
            assertThat(report.ok()).as(report.toText()).isTrue();
            assertThat(report.toJson().get("format")).isEqualTo(2);
            assertThat(rawReport.toJson().get("format")).isEqualTo(1);
            // the same rules hold as many items in both forms: daily limits, the sets' members, the lists
            for (Report.Check check : rawReport.checks()) {
                assertThat(report.check(check.name()).items()).as(check.name()).isEqualTo(check.items());
            }
            assertThat(report.check("invalidations").items()).isPositive();
            assertThat(report.summary().get("tallies")).isEqualTo(rawReport.summary().get("tallies"));
            assertThat(report.summary().get("votes")).isEqualTo(rawReport.summary().get("votes"));
            // an invalidation names its key in the form the votes show it
            Map<String, Object> invalidation = Exports.events(Exports.parse(open)).stream()
                    .filter(l -> "VotesInvalidated".equals(l.get("type"))).findFirst().orElseThrow();
            String kind = (String) Exports.data(invalidation).get("kind");
            assertThat(Exports.data(invalidation).get("key")).isEqualTo(PSEUDONYMS.of(kind,
                    kind.equals("ip") ? SampleEdition.FLAGGED_IP : SampleEdition.FLAGGED_DEVICE));
        }

        @Test
        void a_raw_value_where_a_pseudonym_belongs_fails_the_format_check_though_every_hash_is_resealed() {
            List<Map<String, Object>> lines = Exports.parse(open);
            int group = Exports.indexOf(lines, LogCodec.VOTES_DECIDED);
            @SuppressWarnings("unchecked")
            List<Object> voters = (List<Object>) Exports.column(lines.get(group), "voter");
            voters.set(3, "u17");
            Exports.reforge(lines, group);
            Report report = Exports.verify(lines);
            assertThat(report.check("format").ok()).isFalse();
            assertThat(String.join("\n", report.check("format").details())).contains("votes.voter[3]");
            assertThat(report.check("line hashes").ok()).isTrue();
        }

        @Test
        void one_file_holds_one_format() {
            List<Map<String, Object>> lines = Exports.parse(open);
            lines.get(1).put("v", 1);
            Exports.reforge(lines, 1);
            Report report = Exports.verify(lines);
            assertThat(report.check("format").ok()).isFalse();
            assertThat(report.check("format").firstBadSeq()).isEqualTo(2L);
        }

        @Test
        void a_receipt_of_the_public_log_checks_against_its_digest_and_names_the_voters_pseudonym() {
            List<LogLine> written = new java.util.ArrayList<>();
            LogWriter writer = SampleEdition.write(PARAMS, PSEUDONYMS, written::add);
            LogLine group = written.stream().filter(l -> LogCodec.VOTES_DECIDED.equals(l.type())).findFirst()
                    .orElseThrow();
            Map<String, Object> receipt = new java.util.LinkedHashMap<>(Receipt.build(group, 2, writer.hashes(),
                    writer.size()));
            Receipt.Checked checked = Receipt.check(receipt);
            assertThat(checked.ok()).as(checked.detail()).isTrue();
            assertThat(receipt.get("v")).isEqualTo(2L);
            @SuppressWarnings("unchecked")
            Map<String, Object> entry = (Map<String, Object>) receipt.get("entry");
            assertThat(entry).containsKey("voter").doesNotContainKey("voterId");
            assertThat(Pseudonyms.looksLikeOne((String) entry.get("voter"))).isTrue();
            // the same entry read as format 1 leads elsewhere: the format is part of what is proven
            receipt.put("v", 1L);
            assertThat(Receipt.check(receipt).ok()).isFalse();
        }
    }

    @Test
    void the_public_log_is_pinned_by_its_digest() {
        List<Map<String, Object>> lines = Exports.parse(new String(Exports.ndjson(SampleEdition.Params.small(),
                PSEUDONYMS), StandardCharsets.UTF_8));
        @SuppressWarnings("unchecked")
        Map<String, Object> head = (Map<String, Object>) lines.get(lines.size() - 1).get("head");
        // changing how a line of format 2 is written changes this digest: a new format, never a silent change
        assertThat(head.get("digest")).isEqualTo("a52d90171572f5f6c5a5933684f08cb413cd264933f39c7d2d70b4f51c311a25");
    }
}
