package io.selection.api.voting.intake;

import io.selection.api.web.Unavailable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Whether the vote doors can decide, told by the doors' own threads: the {@code votes} health
 * indicator ({@code /actuator/health}), the gauge {@code selection.votes.door.up} and the counter
 * {@code selection.votes.door.failures}. A door is STARTING while its lanes are first rebuilt from
 * the log, UP while it decides, DOWN from a failed commit or rebuild until it has rebuilt its lanes
 * from the store and committed again. While any door is not UP the HTTP doors refuse votes at once
 * with 503 and {@code Retry-After} ({@link #refuseUnlessDeciding()}), instead of queueing them.
 */
@Component("votesHealthIndicator")
public class VoteDoors implements HealthIndicator {

    public enum State { STARTING, UP, DOWN }

    /** One door: its state as last reported by its thread. */
    public final class Door {
        private final String name;
        private final Counter failures;
        private volatile State state = State.STARTING;
        private volatile String error;
        private volatile String since;
        private volatile long retryAtNanos;
        private volatile long failuresInARow;

        private Door(String name) {
            this.name = name;
            this.since = clock.instant().toString();
            this.failures = Counter.builder("selection.votes.door.failures").tag("door", name)
                    .description("failed commits or rebuilds of a vote door; each is retried").register(meters);
            Gauge.builder("selection.votes.door.up", this, d -> d.state == State.UP ? 1 : 0).tag("door", name)
                    .description("1 while the vote door decides, 0 while it starts or retries after a failure")
                    .register(meters);
        }

        public State state() {
            return state;
        }

        /** The door decides (again). */
        public void up() {
            if (state != State.UP) {
                since = clock.instant().toString();
            }
            state = State.UP;
            error = null;
            failuresInARow = 0;
        }

        /** The door failed; it tries again in {@code retryInMillis}. */
        public void down(Throwable cause, long retryInMillis) {
            if (state != State.DOWN) {
                since = clock.instant().toString();
            }
            state = State.DOWN;
            error = describe(cause);
            failuresInARow++;
            retryAtNanos = System.nanoTime() + retryInMillis * 1_000_000;
            failures.increment();
        }

        private Map<String, Object> details() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("state", state.name());
            d.put("since", since);
            if (state == State.DOWN) {
                d.put("error", error);
                d.put("failuresInARow", failuresInARow);
                d.put("retryInMillis", Math.max(0, (retryAtNanos - System.nanoTime()) / 1_000_000));
            }
            return d;
        }
    }

    private final Clock clock;
    private final MeterRegistry meters;
    private final List<Door> doors = new CopyOnWriteArrayList<>();

    public VoteDoors(Clock clock, MeterRegistry meters) {
        this.clock = clock;
        this.meters = meters;
    }

    public Door register(String name) {
        Door door = new Door(name);
        doors.add(door);
        return door;
    }

    /** Refuses at once (503, Retry-After) while a door starts or is down; nothing waits on a door that cannot decide. */
    public void refuseUnlessDeciding() {
        for (Door door : doors) {
            switch (door.state) {
                case UP -> {
                }
                case STARTING -> throw new Unavailable("the vote door " + door.name
                        + " is rebuilding its voters from the log; send again shortly", 2);
                case DOWN -> throw new Unavailable("the vote door " + door.name + " cannot reach its store ("
                        + door.error + "); it retries by itself: send again later with the same ids",
                        1 + Math.max(0, (door.retryAtNanos - System.nanoTime()) / 1_000_000_000));
            }
        }
    }

    @Override
    public Health health() {
        Status status = Status.UP;
        Map<String, Object> details = new LinkedHashMap<>();
        for (Door door : doors) {
            details.put(door.name, door.details());
            if (door.state == State.DOWN) {
                status = Status.DOWN;
            } else if (door.state == State.STARTING && status == Status.UP) {
                status = Status.OUT_OF_SERVICE;
            }
        }
        return Health.status(status).withDetails(details).build();
    }

    static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = cause.getClass().getSimpleName();
        String bottom = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        String text = root == cause ? bottom : top + " <- " + bottom;
        return text.length() > 300 ? text.substring(0, 300) : text;
    }
}
