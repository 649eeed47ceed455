package io.selection.api.config;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Axon's JDBC event store, whose tracking read leaves out the stored bytes of a vote group the
 * read models will take as an object from {@link CommittedPayloads}: for a reader on a thread that
 * {@link #readingForReadModels() reads for the read models}, the query asks, for each event this
 * instance committed and still holds for them, an empty payload instead of the group's (a group
 * is a few hundred kilobytes: 0.9 GB of bytes read and dropped at once in a catch-up of ten
 * million votes, and on PostgreSQL sent over the connection). Every other read (a rebuild, another
 * reader, an aggregate's stream, another instance's groups) gets the stored bytes as before.
 *
 * <p>A group left out here reaches the reader with an empty payload, which the reader replaces
 * with the held object ({@link CommitWokenEventSource}). Should the group have left the held ones
 * between the query and the reader's look-up (oldest first, past the bound of votes held), the
 * empty payload does not parse, and the reader reads the group's bytes again by its identifier:
 * nothing is taken on trust from an empty payload.
 */
public final class HeldPayloadsEngine extends JdbcEventStorageEngine {

    private static final ThreadLocal<Boolean> FOR_READ_MODELS = new ThreadLocal<>();
    private static final byte[] LEFT_OUT = new byte[0];

    /** Identifiers are asked in lists of at least this many, padded to a power of two, so the database sees few distinct statements. */
    private static final int SMALLEST_LIST = 8;
    /**
     * At most this many held groups are named in one query: the oldest, which the reader reads
     * next. A read-model lag of small groups (the single door commits a dozen votes at a time) can
     * hold thousands; a group not named is read with its bytes, as before.
     */
    static final int LONGEST_LIST = 64;

    private final CommittedPayloads payloads;
    private final java.util.concurrent.atomic.LongAdder leftOutCount = new java.util.concurrent.atomic.LongAdder();

    public HeldPayloadsEngine(Builder builder, CommittedPayloads payloads) {
        super(builder);
        this.payloads = payloads;
    }

    /** Marks the calling thread as the read models' reader: its tracking reads leave out held groups' bytes. */
    public static void readingForReadModels() {
        FOR_READ_MODELS.set(Boolean.TRUE);
    }

    /** Payloads left out so far (a metric, and for tests). */
    public long payloadsLeftOut() {
        return leftOutCount.sum();
    }

    private List<String> leftOut() {
        return FOR_READ_MODELS.get() == null ? List.of() : payloads.heldForReadModels(LONGEST_LIST);
    }

    @Override
    protected PreparedStatement readEventDataWithoutGaps(Connection connection, long globalIndex, int batchSize)
            throws SQLException {
        List<String> held = leftOut();
        if (held.isEmpty()) {
            return super.readEventDataWithoutGaps(connection, globalIndex, batchSize);
        }
        String gi = schema().globalIndexColumn();
        return prepare(connection, held, "(" + gi + " > ? AND " + gi + " <= ?)", List.of(globalIndex,
                globalIndex + batchSize));
    }

    @Override
    protected PreparedStatement readEventDataWithGaps(Connection connection, long globalIndex, int batchSize,
                                                      List<Long> gaps) throws SQLException {
        List<String> held = leftOut();
        if (held.isEmpty()) {
            return super.readEventDataWithGaps(connection, globalIndex, batchSize, gaps);
        }
        String gi = schema().globalIndexColumn();
        List<Long> bounds = new java.util.ArrayList<>(gaps.size() + 2);
        bounds.add(globalIndex);
        bounds.add(globalIndex + batchSize);
        bounds.addAll(gaps);
        return prepare(connection, held, "(" + gi + " > ? AND " + gi + " <= ?) OR " + gi + " IN ("
                + "?,".repeat(gaps.size() - 1) + "?)", bounds);
    }

    /**
     * Axon's tracking query (the same columns, rows and order), with the payload of the events
     * named in {@code held} read as NULL; the row mapper below reads that as an empty payload.
     */
    private PreparedStatement prepare(Connection connection, List<String> held, String where, List<Long> bounds)
            throws SQLException {
        EventSchema schema = schema();
        int listed = Math.max(SMALLEST_LIST, Integer.highestOneBit(held.size() - 1) << 1);
        String fields = String.join(", ", schema.globalIndexColumn(), schema.timestampColumn(),
                schema.payloadTypeColumn(), schema.payloadRevisionColumn(),
                "CASE WHEN " + schema.eventIdentifierColumn() + " IN (" + "?,".repeat(listed - 1) + "?) THEN NULL ELSE "
                        + schema.payloadColumn() + " END AS " + schema.payloadColumn(),
                schema.metaDataColumn(), schema.typeColumn(), schema.aggregateIdentifierColumn(),
                schema.sequenceNumberColumn(), schema.eventIdentifierColumn());
        String sql = "SELECT " + fields + " FROM " + schema.domainEventTable() + " WHERE " + where + " ORDER BY "
                + schema.globalIndexColumn() + " ASC";
        PreparedStatement statement = connection.prepareStatement(sql);
        int p = 1;
        for (int i = 0; i < listed; i++) {
            statement.setString(p++, held.get(Math.min(i, held.size() - 1))); // padded with the last one
        }
        for (long bound : bounds) {
            statement.setLong(p++, bound);
        }
        return statement;
    }

    /** A payload left out (NULL) reads as an empty one; every other column as Axon reads it. */
    @Override
    @SuppressWarnings("unchecked")
    protected <T> T readPayload(ResultSet resultSet, String columnName) throws SQLException {
        T value = super.readPayload(resultSet, columnName);
        if (value == null && columnName.equals(schema().payloadColumn()) && resultSet.wasNull()) {
            leftOutCount.increment();
            return (T) LEFT_OUT;
        }
        return value;
    }
}
