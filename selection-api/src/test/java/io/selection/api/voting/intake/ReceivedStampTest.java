package io.selection.api.voting.intake;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** When a record was received: only this service's signed stamp, the broker's append time, or our clock. */
class ReceivedStampTest {

    private static final Instant READ_AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant STAMPED = Instant.parse("2024-02-28T01:00:00Z");
    private static final byte[] VALUE = "{\"id\":\"v1\"}".getBytes(StandardCharsets.UTF_8);

    private static ConsumerRecord<String, byte[]> record(TimestampType type, long timestamp, RecordHeaders headers,
                                                         byte[] value) {
        return new ConsumerRecord<>("votes", 0, 0L, timestamp, type, -1, -1, "voter", value, headers,
                Optional.empty());
    }

    @Test
    void its_own_stamp_holds_and_a_changed_value_time_or_key_does_not() {
        ReceivedStamp stamp = new ReceivedStamp("key");
        RecordHeaders headers = new RecordHeaders();
        stamp.stamp(headers, STAMPED, VALUE);
        assertThat(stamp.receivedAt(record(TimestampType.CREATE_TIME, 1L, headers, VALUE), READ_AT))
                .isEqualTo(STAMPED);

        byte[] changed = "{\"id\":\"v2\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(stamp.receivedAt(record(TimestampType.CREATE_TIME, 1L, headers, changed), READ_AT))
                .isEqualTo(READ_AT);
        assertThat(new ReceivedStamp("other").receivedAt(record(TimestampType.CREATE_TIME, 1L, headers, VALUE),
                READ_AT)).isEqualTo(READ_AT);

        RecordHeaders moved = new RecordHeaders();
        stamp.stamp(moved, STAMPED, VALUE);
        moved.remove(ReceivedStamp.TIME_HEADER);
        moved.add(ReceivedStamp.TIME_HEADER, "2030-01-01T00:00:00Z".getBytes(StandardCharsets.UTF_8));
        assertThat(stamp.receivedAt(record(TimestampType.CREATE_TIME, 1L, moved, VALUE), READ_AT)).isEqualTo(READ_AT);
    }

    @Test
    void the_brokers_append_time_is_believed_and_a_producers_create_time_is_not() {
        ReceivedStamp stamp = new ReceivedStamp("");
        long brokerTime = Instant.parse("2024-02-28T02:00:00Z").toEpochMilli();
        assertThat(stamp.receivedAt(record(TimestampType.LOG_APPEND_TIME, brokerTime, new RecordHeaders(), VALUE),
                READ_AT)).isEqualTo(Instant.ofEpochMilli(brokerTime));
        assertThat(stamp.receivedAt(record(TimestampType.CREATE_TIME, brokerTime, new RecordHeaders(), VALUE),
                READ_AT)).isEqualTo(READ_AT);
    }

    @Test
    void a_time_ahead_of_our_own_clock_is_taken_as_our_clock_a_record_is_received_before_it_is_read() {
        ReceivedStamp stamp = new ReceivedStamp("key");
        long brokerAhead = READ_AT.plusSeconds(3_600).toEpochMilli();
        assertThat(stamp.receivedAt(record(TimestampType.LOG_APPEND_TIME, brokerAhead, new RecordHeaders(), VALUE),
                READ_AT)).isEqualTo(READ_AT);
        RecordHeaders headers = new RecordHeaders();
        stamp.stamp(headers, READ_AT.plusSeconds(90), VALUE); // another instance's clock, ahead of ours
        assertThat(stamp.receivedAt(record(TimestampType.CREATE_TIME, 1L, headers, VALUE), READ_AT)).isEqualTo(READ_AT);
    }

    @Test
    void without_a_configured_key_two_processes_do_not_believe_each_other() {
        RecordHeaders headers = new RecordHeaders();
        new ReceivedStamp("").stamp(headers, STAMPED, VALUE);
        assertThat(new ReceivedStamp("").receivedAt(record(TimestampType.CREATE_TIME, 1L, headers, VALUE), READ_AT))
                .isEqualTo(READ_AT);
    }
}
