package io.selection.api.config;

import io.selection.events.VotesDecidedEvent;
import io.selection.events.WorkDisqualifiedEvent;
import io.selection.voting.Decision;
import io.selection.voting.VoteDecision;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The vote groups committed last: held up to a number of votes, oldest out first, and handed on as committed. */
class CommittedPayloadsTest {

    static VotesDecidedEvent group(String lane, int votes) {
        List<VoteDecision> decisions = new ArrayList<>();
        Instant at = Instant.parse("2024-02-27T02:00:00Z");
        for (int i = 0; i < votes; i++) {
            decisions.add(new VoteDecision(lane + "-" + i, "voter-" + i, "w1", "TEXT", at, at,
                    LocalDate.of(2024, 2, 27), Decision.ACCEPTED, null, "10.0.0.1", null));
        }
        return new VotesDecidedEvent("e", lane, null, decisions);
    }

    static GenericDomainEventMessage<Object> message(String id, Object payload) {
        return new GenericDomainEventMessage<>("VoteLane", "vote-lane-x", 0, payload, java.util.Map.of(), id,
                Instant.EPOCH);
    }

    @Test
    void holds_the_latest_groups_up_to_its_votes_and_nothing_but_vote_groups() {
        CommittedPayloads payloads = new CommittedPayloads(25);
        VotesDecidedEvent a = group("a", 10);
        VotesDecidedEvent b = group("b", 10);
        VotesDecidedEvent c = group("c", 10);
        payloads.hold(List.of(message("a", a), message("b", b),
                message("other", new WorkDisqualifiedEvent("e", "w1", "x", Instant.EPOCH, "organiser"))));
        assertThat(payloads.takeForLog("a")).isSameAs(a);
        assertThat(payloads.takeForLog("other")).isNull();
        payloads.hold(List.of(message("c", c))); // 30 votes: the oldest leaves
        assertThat(payloads.takeForLog("a")).isNull();
        assertThat(payloads.takeForLog("b")).isSameAs(b);
        assertThat(payloads.takeForLog("c")).isSameAs(c);
        assertThat(payloads.votesHeld()).isEqualTo(20);
        assertThat(new CommittedPayloads(0)).satisfies(none -> {
            none.hold(List.of(message("a", a)));
            assertThat(none.take("a")).isNull();
        });
    }

    @Test
    void a_group_leaves_once_both_its_readers_have_taken_it_in_either_order() {
        CommittedPayloads payloads = new CommittedPayloads(1_000);
        VotesDecidedEvent a = group("a", 10);
        VotesDecidedEvent b = group("b", 10);
        payloads.hold(List.of(message("a", a), message("b", b)));
        assertThat(payloads.takeForLog("a")).as("the kept log, first").isSameAs(a);
        assertThat(payloads.votesHeld()).as("the read models have still to read it").isEqualTo(20);
        assertThat(payloads.takeForLog("a")).as("the kept log, again (after a failed catch-up): from the store")
                .isNull();
        assertThat(payloads.take("a")).isSameAs(a);
        assertThat(payloads.votesHeld()).as("taken by both: gone").isEqualTo(10);
        assertThat(payloads.take("a")).isNull();
        assertThat(payloads.take("b")).as("the read models, first").isSameAs(b);
        assertThat(payloads.votesHeld()).as("the kept log has still to read it").isEqualTo(10);
        assertThat(payloads.take("b")).as("the read models again (a rebuild): from the store").isNull();
        assertThat(payloads.takeForLog("b")).isSameAs(b);
        assertThat(payloads.votesHeld()).isZero();
        assertThat(payloads.takeForLog("b")).isNull();
        assertThat(payloads.hitsAndMisses()).containsExactly(4, 4);
        payloads.hold(List.of(message("c", a)));
        payloads.forget(List.of(message("c", a))); // its commit failed
        assertThat(payloads.votesHeld()).isZero();
        assertThat(payloads.takeForLog("c")).isNull();
    }

    @Test
    void a_group_read_back_is_handed_on_with_the_committed_payload_and_everything_else_as_read() {
        CommittedPayloads payloads = new CommittedPayloads(100);
        VotesDecidedEvent committed = group("a", 3);
        payloads.hold(List.of(message("id-1", committed)));
        CommitWokenEventSource source = new CommitWokenEventSource(null, new CommitWokenEventSource.Commits(), 50,
                payloads, id -> null);
        // as read back from the store: an equal group, but another object (parsed from the stored bytes)
        TrackedEventMessage<?> read = new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(7),
                new GenericDomainEventMessage<>("VoteLane", "vote-lane-x", 4, group("a", 3),
                        java.util.Map.of("k", "v"), "id-1", Instant.parse("2024-02-27T02:00:01Z")));
        TrackedEventMessage<?> handed = source.withCommittedPayload(read);
        assertThat(handed.getPayload()).isSameAs(committed);
        assertThat(handed.getIdentifier()).isEqualTo("id-1");
        assertThat(handed.trackingToken()).isEqualTo(read.trackingToken());
        assertThat(handed.getTimestamp()).isEqualTo(read.getTimestamp());
        assertThat(handed.getMetaData()).isEqualTo(read.getMetaData());
        assertThat(((org.axonframework.eventhandling.DomainEventMessage<?>) handed).getSequenceNumber()).isEqualTo(4);
        // not held: as read
        TrackedEventMessage<?> other = new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(8),
                new GenericDomainEventMessage<>("VoteLane", "vote-lane-x", 5, group("b", 1), java.util.Map.of(),
                        "id-2", Instant.EPOCH));
        assertThat(source.withCommittedPayload(other)).isSameAs(other);
    }

    /**
     * What the read models' reader is told it need not read: the held groups the read models have
     * not taken, oldest first, at most as many as asked; a group leaves the list when the read
     * models take it, when it is pushed out by newer ones, or when its commit failed, and not when
     * only the kept log takes it. Thousands of small groups taken by the read models and not yet by
     * the kept log (the single door) are passed over.
     */
    @Test
    void lists_the_oldest_groups_the_read_models_have_not_taken_whatever_else_is_held() {
        CommittedPayloads payloads = new CommittedPayloads(100_000);
        List<GenericDomainEventMessage<Object>> small = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            small.add(message("s-" + i, group("s" + i, 2)));
        }
        payloads.hold(small);
        for (int i = 0; i < 4_990; i++) {
            assertThat(payloads.take("s-" + i)).isNotNull();
        }
        assertThat(payloads.votesHeld()).as("held for the kept log").isEqualTo(10_000);
        assertThat(payloads.heldForReadModels(64)).containsExactly("s-4990", "s-4991", "s-4992", "s-4993",
                "s-4994", "s-4995", "s-4996", "s-4997", "s-4998", "s-4999");
        assertThat(payloads.heldForReadModels(3)).containsExactly("s-4990", "s-4991", "s-4992");
        assertThat(payloads.takeForLog("s-4991")).isNotNull(); // the kept log alone: still to be read by the read models
        assertThat(payloads.heldForReadModels(2)).containsExactly("s-4990", "s-4991");
        payloads.forget(List.of(message("s-4990", "a commit that failed")));
        assertThat(payloads.take("s-4992")).isNotNull();
        assertThat(payloads.take("s-4992")).as("taken once").isNull();
        assertThat(payloads.heldForReadModels(3)).containsExactly("s-4991", "s-4993", "s-4994");

        CommittedPayloads bounded = new CommittedPayloads(6);
        bounded.hold(List.of(message("a", group("a", 2)), message("b", group("b", 2)), message("c", group("c", 2))));
        bounded.hold(List.of(message("d", group("d", 2)))); // "a" is pushed out
        assertThat(bounded.heldForReadModels(10)).containsExactly("b", "c", "d");
        assertThat(bounded.take("a")).isNull();
        bounded.hold(List.of(message("b", group("b", 2)))); // held again: keeps its place
        assertThat(bounded.heldForReadModels(10)).containsExactly("b", "c", "d");
    }
}
