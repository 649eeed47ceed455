package io.selection.voting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.selection.events.VotesDecidedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The columnar vote group (form 2 of VotesDecidedEvent) holds exactly the decisions it was built
 * from, whatever their values, reads back from its stored JSON unchanged, reads the old list form
 * into the same columns, and is much smaller than the old form.
 */
class VoteGroupTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule()).registerModule(new io.selection.json.SelectionJsonModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** Decisions of every shape: nulls, odd instants, refusals of every reason, shared dictionaries. */
    static List<VoteDecision> decisions(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        Instant start = Instant.parse("2023-11-20T00:00:00Z");
        List<VoteDecision> out = new ArrayList<>();
        RefusalReason[] reasons = RefusalReason.values();
        for (int i = 0; i < n; i++) {
            Instant castAt = switch (random.nextInt(12)) {
                case 0 -> Instant.MIN;
                case 1 -> Instant.MAX;
                case 2 -> start.plusNanos(random.nextLong(1, 1_000_000_000_000L));
                case 3 -> Instant.EPOCH.minusMillis(random.nextInt(1_000_000));
                default -> start.plusMillis(random.nextLong(7L * 86_400_000));
            };
            Instant receivedAt = random.nextInt(10) == 0 ? castAt.isAfter(Instant.EPOCH) ? castAt : start
                    : start.plusMillis(7L * 86_400_000 + random.nextInt(1000));
            boolean accepted = random.nextBoolean();
            RefusalReason reason = accepted ? null : reasons[random.nextInt(reasons.length)];
            LocalDate day = random.nextInt(15) == 0 ? null : LocalDate.of(2023, 11, 20).plusDays(random.nextInt(-3, 9));
            String work = "w" + random.nextInt(30);
            String category = random.nextInt(20) == 0 ? null : "c" + work.hashCode() % 5;
            out.add(new VoteDecision("v-" + seed + "-" + i, "voter-" + random.nextInt(50), work, category, castAt,
                    receivedAt, day, accepted ? Decision.ACCEPTED : Decision.REFUSED, reason,
                    random.nextInt(4) == 0 ? null : "10.0.0." + random.nextInt(20),
                    random.nextInt(3) == 0 ? null : "device-" + random.nextInt(10)));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void holds_exactly_the_decisions_it_was_built_from(long seed) {
        List<VoteDecision> decisions = decisions(seed, 500);
        VoteGroup group = VoteGroup.of(decisions);

        assertThat(group.size()).isEqualTo(500);
        assertThat(group.decisions()).isEqualTo(decisions);
        for (int i = 0; i < decisions.size(); i++) {
            VoteDecision d = decisions.get(i);
            assertThat(group.accepted(i)).isEqualTo(d.accepted());
            assertThat(group.epochDay(i)).isEqualTo(d.day() == null ? VoteGroup.NO_DAY : d.day().toEpochDay());
            assertThat(group.castAtSecond(i)).isEqualTo(d.castAt().getEpochSecond());
            assertThat(group.idHash(i)).isEqualTo(Hash64.of(d.voteId()));
            assertThat(group.idHash2(i)).isEqualTo(Hash64.second(d.voteId()));
        }
        Instant latest = decisions.stream().map(VoteDecision::receivedAt).max(Instant::compareTo).orElseThrow();
        assertThat(group.latestReceivedAt()).as("what the group's line is dated by").isEqualTo(latest);
    }

    @Test
    void its_latest_receipt_compares_below_the_millisecond_and_is_null_for_no_votes() {
        Instant t = Instant.parse("2024-02-28T01:00:00.123Z");
        List<VoteDecision> some = decisions(9, 3);
        List<VoteDecision> timed = List.of(withReceipt(some.get(0), t.plusNanos(400)), withReceipt(some.get(1),
                t.plusNanos(900)), withReceipt(some.get(2), t.plusNanos(100)));

        assertThat(VoteGroup.of(timed).latestReceivedAt()).isEqualTo(t.plusNanos(900));
        assertThat(VoteGroup.EMPTY.latestReceivedAt()).isNull();
    }

    private static VoteDecision withReceipt(VoteDecision d, Instant receivedAt) {
        return new VoteDecision(d.voteId(), d.voterId(), d.workId(), d.category(), d.castAt(), receivedAt, d.day(),
                d.decision(), d.reason(), d.ip(), d.device());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void reads_back_from_its_stored_json_unchanged(long seed) throws Exception {
        VotesDecidedEvent event = new VotesDecidedEvent("e", "local-1", 42L, decisions(seed, 300));
        String json = MAPPER.writeValueAsString(event);
        VotesDecidedEvent back = MAPPER.readValue(json, VotesDecidedEvent.class);

        assertThat(back).isEqualTo(event);
        assertThat(back.decisions()).isEqualTo(event.decisions());
        assertThat(MAPPER.writeValueAsString(back)).isEqualTo(json);
        assertThat(json).doesNotContain("\"decisions\"");
    }

    @Test
    void reads_an_event_of_the_old_list_form_into_the_same_columns() throws Exception {
        List<VoteDecision> decisions = decisions(7, 200);
        // the revision-1 form, as it was written: {"editionId", "lane", "nextOffset", "decisions": [{...}, ...]}
        String legacy = MAPPER.writeValueAsString(new LegacyForm("e", "kafka-votes-3", 9L, decisions));
        assertThat(legacy).contains("\"decisions\":[{\"voteId\"");

        VotesDecidedEvent read = MAPPER.readValue(legacy, VotesDecidedEvent.class);

        assertThat(read).isEqualTo(new VotesDecidedEvent("e", "kafka-votes-3", 9L, VoteGroup.of(decisions)));
        assertThat(read.decisions()).isEqualTo(decisions);
    }

    record LegacyForm(String editionId, String lane, Long nextOffset, List<VoteDecision> decisions) {
    }

    @Test
    void is_much_smaller_than_the_old_form_for_realistic_votes() throws Exception {
        List<VoteDecision> decisions = new ArrayList<>();
        Instant at = Instant.parse("2023-11-21T08:00:00.123Z");
        for (int i = 0; i < 5000; i++) {
            decisions.add(new VoteDecision("2023-" + (100_000_000 + i), "voter-" + (i * 7919 % 100_000),
                    "work-" + (i % 500), "c" + (i % 5), at.plusMillis(i * 37L), at.plusSeconds(1),
                    LocalDate.of(2023, 11, 21), i % 10 == 0 ? Decision.REFUSED : Decision.ACCEPTED,
                    i % 10 == 0 ? RefusalReason.DAILY_WORK_LIMIT : null, "10.1." + (i % 200) + ".7", "dev-" + (i % 300)));
        }
        int columns = MAPPER.writeValueAsBytes(new VotesDecidedEvent("e", "l", null, decisions)).length;
        int legacy = MAPPER.writeValueAsBytes(new LegacyForm("e", "l", null, decisions)).length;

        assertThat(columns).as("bytes a vote: %s columnar, %s as objects", columns / 5000, legacy / 5000)
                .isLessThan(legacy / 3);
    }

    @Test
    void refuses_a_column_of_the_wrong_length_or_an_index_outside_its_dictionary() throws Exception {
        String good = "{\"voteId\":[\"v1\"],\"voterId\":[\"a\"],\"works\":[\"w\"],\"categories\":[\"c\"],\"work\":[0],"
                + "\"outcomes\":[\"ACCEPTED\"],\"outcome\":[0],\"castAt\":{\"base\":0,\"delta\":[0]},"
                + "\"receivedAt\":{\"base\":0,\"delta\":[0]},\"dayBase\":0,\"day\":[0],\"ips\":[],\"ip\":[-1],"
                + "\"devices\":[],\"device\":[-1]}";
        assertThat(read(good).size()).isEqualTo(1);
        assertThatThrownBy(() -> read(good.replace("\"work\":[0]", "\"work\":[1]"))).hasMessageContaining("work");
        assertThatThrownBy(() -> read(good.replace("\"voterId\":[\"a\"]", "\"voterId\":[]")))
                .hasMessageContaining("voterId");
        assertThatThrownBy(() -> read(good.replace("\"ip\":[-1]", "\"ip\":[0]"))).hasMessageContaining("ip");
        assertThatThrownBy(() -> read(good.replace("\"ACCEPTED\"", "\"MAYBE\""))).hasMessageContaining("MAYBE");
    }

    private static VoteGroup read(String json) throws Exception {
        return MAPPER.readValue(json, VoteGroup.class);
    }
}
