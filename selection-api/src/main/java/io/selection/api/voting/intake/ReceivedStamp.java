package io.selection.api.voting.intake;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * When a vote on the Kafka topic was received: never what the record says of itself. Whoever can
 * write to the topic could otherwise move the clock-skew baseline ({@code castAt} is refused when
 * it lies ahead of {@code receivedAt}). The time is, in this order:
 * <ol>
 *   <li>the time an HTTP door of this service stamped on a record it wrote itself, in a header
 *       signed with HMAC-SHA256 over the time and the record's bytes
 *       ({@code selection.kafka.stamp-key}; instances that share the topic share the key, and
 *       without one each process draws its own, so only its own stamps hold);</li>
 *   <li>the broker's append time, where the topic keeps {@code LogAppendTime};</li>
 *   <li>the service's own clock when it reads the record.</li>
 * </ol>
 * A {@code receivedAt} field in the record's JSON, and a producer's {@code CreateTime}, are ignored;
 * a time after the service's own clock when it reads the record is taken as that clock's.
 */
@Component
public class ReceivedStamp {

    static final String TIME_HEADER = "selection-received-at";
    static final String SIGNATURE_HEADER = "selection-received-at-signature";

    private final SecretKeySpec key;

    public ReceivedStamp(@Value("${selection.kafka.stamp-key:}") String configured) {
        byte[] bytes;
        if (configured == null || configured.isBlank()) {
            bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
        } else {
            bytes = configured.getBytes(StandardCharsets.UTF_8);
        }
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    /** Puts the door's own receipt time on a record it is about to write. */
    public void stamp(Headers headers, Instant receivedAt, byte[] value) {
        String time = receivedAt.toString();
        headers.add(TIME_HEADER, time.getBytes(StandardCharsets.UTF_8));
        headers.add(SIGNATURE_HEADER, sign(time, value));
    }

    /** When the record was received, by the rules above; {@code readAt} is the service's clock. */
    public Instant receivedAt(ConsumerRecord<?, byte[]> record, Instant readAt) {
        Instant stamped = verified(record.headers(), record.value());
        if (stamped != null) {
            return notAfter(stamped, readAt);
        }
        if (record.timestampType() == TimestampType.LOG_APPEND_TIME && record.timestamp() >= 0) {
            return notAfter(Instant.ofEpochMilli(record.timestamp()), readAt);
        }
        return readAt;
    }

    /**
     * A record was received before it was read: a time after {@code readAt} (a broker's or another
     * instance's clock ahead of ours) is taken as {@code readAt}, so no vote is dated ahead of the
     * line that logs it (docs/rules.md, "Times of the lines").
     */
    private static Instant notAfter(Instant time, Instant readAt) {
        return time.isAfter(readAt) ? readAt : time;
    }

    /** The stamped time, or null where there is none or its signature does not hold. */
    Instant verified(Headers headers, byte[] value) {
        Header time = headers.lastHeader(TIME_HEADER);
        Header signature = headers.lastHeader(SIGNATURE_HEADER);
        if (time == null || signature == null || value == null) {
            return null;
        }
        String text = new String(time.value(), StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(sign(text, value), signature.value())) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private byte[] sign(String time, byte[] value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(time.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(value);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
