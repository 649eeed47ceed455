package io.selection.audit.format;


import io.selection.edition.Category;
import io.selection.edition.EditionRules;
import io.selection.edition.ReviewRules;
import io.selection.edition.Stage;
import io.selection.edition.VotingRules;
import io.selection.edition.Weights;
import io.selection.events.EditionCreatedEvent;
import io.selection.events.EditionEvent;
import io.selection.events.Published;
import io.selection.events.ResultsPublishedEvent;
import io.selection.events.ReviewerRegisteredEvent;
import io.selection.events.ShortlistAmendedEvent;
import io.selection.events.ShortlistPublishedEvent;
import io.selection.events.StageChangedEvent;
import io.selection.events.TalliesCertifiedEvent;
import io.selection.events.VotesDecidedEvent;
import io.selection.events.VotesInvalidatedEvent;
import io.selection.events.WorkDisqualifiedEvent;
import io.selection.events.WorkScoredEvent;
import io.selection.events.WorkSubmittedEvent;
import io.selection.results.ListedWork;
import io.selection.results.Winner;
import io.selection.review.Round;
import io.selection.voting.Decision;
import io.selection.voting.RefusalReason;
import io.selection.voting.VoteDecision;
import io.selection.voting.VoteGroup;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The export format of an edition's events, both ways: each event as a line of plain JSON values
 * (strings, integers below 2^53, lists, sorted objects), written field by field so that how the
 * event store serialises an event never changes a line or a digest. Decimals are strings in
 * plain notation, times ISO-8601 instants, dates {@code yyyy-MM-dd}. A vote group is columnar:
 * one array per field of {@link #VOTE_FIELDS}.
 */
public final class LogCodec {

    /** The fields of one vote entry in format 1, in canonical (sorted) order. */
    public static final List<String> VOTE_FIELDS = List.of("castAt", "category", "day", "decision", "device", "ip",
            "reason", "receivedAt", "voteId", "voterId", "workId");

    /**
     * The fields of one vote entry in format 2, the public log, in canonical (sorted) order: the
     * voter's pseudonym is {@code voter}; {@code device} and {@code ip} hold pseudonyms too. Each
     * field has the same place as in format 1.
     */
    public static final List<String> PUBLIC_VOTE_FIELDS = List.of("castAt", "category", "day", "decision", "device",
            "ip", "reason", "receivedAt", "voteId", "voter", "workId");

    /** The place of a field common to both formats in a vote row (and of {@code voterId}/{@code voter}). */
    public static final int CAST_AT = 0, CATEGORY = 1, DAY = 2, DECISION = 3, DEVICE = 4, IP = 5, REASON = 6,
            RECEIVED_AT = 7, VOTE_ID = 8, VOTER = 9, WORK_ID = 10;

    /** The vote entry's fields in format {@code v}. */
    public static List<String> voteFields(int v) {
        return v == LogLine.PUBLIC ? PUBLIC_VOTE_FIELDS : VOTE_FIELDS;
    }

    private LogCodec() {
    }

    /** The type of a line: the event's class name without "Event". */
    public static String type(EditionEvent event) {
        return TYPES.get(event.getClass());
    }

    /** Each class's type, worked out once: compiling the expression for every line was 7% of an as-of question. */
    private static final ClassValue<String> TYPES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return type.getSimpleName().replaceFirst("Event$", "");
        }
    };

    /**
     * The time the event's line shows as its {@code at}, without encoding the line: the event's own
     * time; for a vote group, the receipt time of its latest vote (a fact the group carries).
     */
    public static Instant at(EditionEvent event) {
        if (event instanceof VotesDecidedEvent e) {
            return e.votes().latestReceivedAt();
        }
        return event.accept(OWN_TIME);
    }

    private static final EditionEvent.Visitor<Instant> OWN_TIME = new EditionEvent.Visitor<>() {
        public Instant on(io.selection.events.EditionCreatedEvent e) { return e.at(); }
        public Instant on(io.selection.events.StageChangedEvent e) { return e.at(); }
        public Instant on(io.selection.events.WorkSubmittedEvent e) { return e.at(); }
        public Instant on(io.selection.events.WorkDisqualifiedEvent e) { return e.at(); }
        public Instant on(io.selection.events.ReviewerRegisteredEvent e) { return e.at(); }
        public Instant on(io.selection.events.WorkScoredEvent e) { return e.at(); }
        public Instant on(io.selection.events.ShortlistPublishedEvent e) { return e.at(); }
        public Instant on(io.selection.events.ShortlistAmendedEvent e) { return e.at(); }
        public Instant on(VotesDecidedEvent e) { return at(e); }
        public Instant on(io.selection.events.VotesInvalidatedEvent e) { return e.at(); }
        public Instant on(io.selection.events.TalliesCertifiedEvent e) { return e.at(); }
        public Instant on(io.selection.events.ResultsPublishedEvent e) { return e.at(); }
    };

    /** The event as line {@code seq} of its edition's log in format 1 (raw values), without hash fields. */
    public static LogLine encode(long seq, EditionEvent event) {
        return encode(seq, event, null);
    }

    /**
     * The event as line {@code seq} of its edition's log, without hash fields: in format 2 (the
     * public log: voters, addresses and devices as keyed pseudonyms) when {@code pseudonyms} is
     * given, else in format 1.
     */
    public static LogLine encode(long seq, EditionEvent event, Pseudonyms pseudonyms) {
        Encoded encoded = event.accept(pseudonyms == null ? RAW_ENCODER : new Encoder(pseudonyms));
        return new LogLine(pseudonyms == null ? LogLine.RAW : LogLine.PUBLIC, seq, type(event), encoded.at,
                encoded.data, null, null);
    }

    // ---- encoding ----

    private record Encoded(String at, Map<String, Object> data) {
    }

    private static final Encoder RAW_ENCODER = new Encoder(null);

    /** The pseudonyms of one kind of a group's dictionary, each worked out when first needed. */
    private static final class GroupPseudonyms {
        private final Pseudonyms.Writer writer;
        private final String kind;
        private final String[] byIndex;

        GroupPseudonyms(Pseudonyms.Writer writer, String kind, int entries) {
            this.writer = writer;
            this.kind = kind;
            this.byIndex = new String[entries];
        }

        String of(int index, String value) {
            if (value == null) {
                return null;
            }
            String known = byIndex[index];
            return known != null ? known : (byIndex[index] = writer.of(kind, value));
        }
    }

    /** Encodes events in format 1 (no pseudonyms) or 2. */
    private static final class Encoder implements EditionEvent.Visitor<Encoded> {
        private final Pseudonyms pseudonyms;

        Encoder(Pseudonyms pseudonyms) {
            this.pseudonyms = pseudonyms;
        }

        @Override
        public Encoded on(EditionCreatedEvent e) {
            Map<String, Object> d = base(e);
            d.put("by", e.by());
            d.put("rules", rules(e.rules()));
            return new Encoded(time(e.at()), d);
        }

        @Override
        public Encoded on(StageChangedEvent e) {
            Map<String, Object> d = base(e);
            d.put("by", e.by());
            d.put("from", name(e.from()));
            d.put("to", name(e.to()));
            return new Encoded(time(e.at()), d);
        }

        @Override
        public Encoded on(WorkSubmittedEvent e) {
            Map<String, Object> d = base(e);
            d.put("by", e.by());
            d.put("category", e.category());
            d.put("normalisedUrl", e.normalisedUrl());
            d.put("organisation", e.organisation());
            d.put("publishedOn", date(e.publishedOn()));
            d.put("submissionNo", e.submissionNo());
            d.put("title", e.title());
            d.put("url", e.url());
            d.put("workId", e.workId());
            return new Encoded(time(e.at()), d);
        }

        @Override
        public Encoded on(WorkDisqualifiedEvent e) {
            Map<String, Object> d = base(e);
            d.put("by", e.by());
            d.put("reason", e.reason());
            d.put("workId", e.workId());
            return new Encoded(time(e.at()), d);
        }

        @Override
        public Encoded on(ReviewerRegisteredEvent e) {
            Map<String, Object> d = base(e);
            d.put("by", e.by());
            d.put("categories", e.categories() == null ? null : List.copyOf(e.categories()));
            d.put("name", e.name());
            d.put("organisation", e.organisation());
            d.put("reviewerId", e.reviewerId());
            return new Encoded(time(e.at()), d);
        }

        @Override
        public Encoded on(WorkScoredEvent e) {
            Map<String, Object> d = base(e);
            d.put("reviewerId", e.reviewerId());
            d.put("round", name(e.round()));
            d.put("score", decimal(e.score()));
            d.put("workId", e.workId());
            return new Encoded(time(e.at()), d);
        }

        @Override
        public Encoded on(ShortlistPublishedEvent e) {
            Map<String, Object> d = base(e);
            d.put("categories", shortlist(e.categories()));
            d.put("published", published(e.published()));
            return new Encoded(time(e.at()), d);
        }

        @Override
        public Encoded on(ShortlistAmendedEvent e) {
            Map<String, Object> d = base(e);
            d.put("addedPreliminaryScore", decimal(e.addedPreliminaryScore()));
            d.put("addedWorkId", e.addedWorkId());
            d.put("category", e.category());
            d.put("published", published(e.published()));
            d.put("removedWorkId", e.removedWorkId());
            return new Encoded(time(e.at()), d);
        }

        /** Renders the group column by column: one string per field in {@link #VOTE_FIELDS} order, without a record per vote. */
        @Override
        public Encoded on(VotesDecidedEvent e) {
            Map<String, Object> d = base(e);
            d.put("lane", e.lane());
            VoteGroup g = e.votes();
            int n = g.size();
            List<String> fields = pseudonyms == null ? VOTE_FIELDS : PUBLIC_VOTE_FIELDS;
            Pseudonyms.Writer p = pseudonyms == null ? null : pseudonyms.writer();
            String[][] cols = new String[fields.size()][n];
            // an address or device the group names twice is pseudonymised once, by its dictionary index
            GroupPseudonyms ips = p == null ? null : new GroupPseudonyms(p, Pseudonyms.IP, g.ipCount());
            GroupPseudonyms devices = p == null ? null : new GroupPseudonyms(p, Pseudonyms.DEVICE, g.deviceCount());
            Map<Long, String> days = new java.util.HashMap<>();
            Instant previousReceived = null;
            String previousReceivedText = null;
            for (int i = 0; i < n; i++) {
                cols[0][i] = IsoTimes.format(g.castAt(i));
                cols[1][i] = g.category(i);
                long day = g.epochDay(i);
                cols[2][i] = day == VoteGroup.NO_DAY ? null
                        : days.computeIfAbsent(day, x -> LocalDate.ofEpochDay(x).toString());
                cols[3][i] = g.decision(i).name();
                cols[4][i] = p == null ? g.device(i) : devices.of(g.deviceIndex(i), g.device(i));
                cols[5][i] = p == null ? g.ip(i) : ips.of(g.ipIndex(i), g.ip(i));
                cols[6][i] = name(g.reason(i));
                Instant received = g.receivedAt(i);
                if (!received.equals(previousReceived)) { // a door stamps many votes with one time
                    previousReceived = received;
                    previousReceivedText = IsoTimes.format(received);
                }
                cols[7][i] = previousReceivedText;
                cols[8][i] = g.voteId(i);
                cols[9][i] = p == null ? g.voterId(i) : p.of(Pseudonyms.VOTER, g.voterId(i));
                cols[10][i] = g.workId(i);
            }
            Map<String, Object> columns = new TreeMap<>();
            for (int f = 0; f < cols.length; f++) {
                columns.put(fields.get(f), java.util.Arrays.asList(cols[f]));
            }
            d.put("votes", columns);
            return new Encoded(time(at(e)), d);
        }

        @Override
        public Encoded on(VotesInvalidatedEvent e) {
            Map<String, Object> d = base(e);
            d.put("acceptedVotesPerWork", counts(e.acceptedVotesPerWork()));
            d.put("by", e.by());
            if (e.definition() != null) { // the set's rule, key and window, so anyone can recompute its members
                d.put("from", time(e.from()));
                // the key in the form the votes show it: a pseudonym of its kind in the public log
                d.put("key", pseudonyms == null || e.key() == null ? e.key() : pseudonyms.of(e.kind(), e.key()));
                d.put("kind", e.kind());
                d.put("to", time(e.to()));
            }
            d.put("published", published(e.published()));
            d.put("reason", e.reason());
            d.put("rule", e.rule());
            d.put("setId", pseudonyms == null ? e.setId()
                    : publicSetId(e.setId(), e.rule(), e.kind(), e.key(), pseudonyms));
            d.put("voteIds", e.voteIds() == null ? null : List.copyOf(e.voteIds()));
            return new Encoded(time(e.at()), d);
        }

        @Override
        public Encoded on(TalliesCertifiedEvent e) {
            Map<String, Object> d = base(e);
            d.putAll(tallies(e.validVotes(), e.refusedVotes()));
            d.put("published", published(e.published()));
            return new Encoded(time(e.at()), d);
        }

        @Override
        public Encoded on(ResultsPublishedEvent e) {
            Map<String, Object> d = base(e);
            d.put("categories", winners(e.categories()));
            d.put("published", published(e.published()));
            return new Encoded(time(e.at()), d);
        }
    }

    /**
     * The event as the log of this format shows it, read back: in the public log (format 2), an
     * invalidation names its set by the pseudonym of its key (so a view computed from the store says
     * what one computed from the public export says); every other event, and every event of format
     * 1, as it is.
     */
    public static EditionEvent asLogged(long seq, EditionEvent event, Pseudonyms pseudonyms) {
        if (pseudonyms == null || !(event instanceof VotesInvalidatedEvent)) {
            return event;
        }
        return decode(encode(seq, event, pseudonyms));
    }

    /**
     * A flagged set as the log of this format names it: in the public log (format 2) its key is the
     * pseudonym of its kind and its id names that pseudonym; as it is for format 1 (null pseudonyms).
     */
    public static io.selection.voting.VoteSet asLogged(io.selection.voting.VoteSet set, Pseudonyms pseudonyms) {
        if (pseudonyms == null || set == null) {
            return set;
        }
        return new io.selection.voting.VoteSet(publicSetId(set.id(), set.rule(), set.kind(), set.key(), pseudonyms),
                set.rule(), set.kind(), set.key() == null ? null : pseudonyms.of(set.kind(), set.key()), set.from(),
                set.to());
    }

    /**
     * A set's id in the public log: the ids name their key ({@code rule:key:window}), so the key
     * part becomes its pseudonym; an id of any other shape becomes a pseudonym of kind "set" whole,
     * so no raw value is left in it either way. Distinct ids stay distinct.
     */
    private static String publicSetId(String id, String rule, String kind, String key, Pseudonyms pseudonyms) {
        if (id == null) {
            return null;
        }
        String prefix = rule + ":" + key + ":";
        if (rule != null && key != null && kind != null && id.startsWith(prefix)) {
            return rule + ":" + pseudonyms.of(kind, key) + ":" + id.substring(prefix.length());
        }
        return "set:" + pseudonyms.of("set", id);
    }

    public static VoteDecision vote(String[] f) {
        return new VoteDecision(f[8], f[9], f[10], f[1], instant(f[0]), instant(f[7]), localDate(f[2]),
                f[3] == null ? null : Decision.valueOf(f[3]), f[6] == null ? null : RefusalReason.valueOf(f[6]),
                f[5], f[4]);
    }

    /** The shortlist as it appears in a line and in its list digest. */
    public static Map<String, Object> shortlist(Map<String, List<ListedWork>> categories) {
        Map<String, Object> out = new TreeMap<>();
        categories.forEach((category, places) -> {
            List<Object> list = new ArrayList<>();
            for (ListedWork p : places) {
                Map<String, Object> m = new TreeMap<>();
                m.put("preliminaryScore", decimal(p.preliminaryScore()));
                m.put("rank", (long) p.rank());
                m.put("workId", p.workId());
                list.add(m);
            }
            out.put(category, list);
        });
        return out;
    }

    public static Map<String, Object> winners(Map<String, List<Winner>> categories) {
        Map<String, Object> out = new TreeMap<>();
        categories.forEach((category, places) -> {
            List<Object> list = new ArrayList<>();
            for (Winner w : places) {
                Map<String, Object> m = new TreeMap<>();
                m.put("finalScore", decimal(w.finalScore()));
                m.put("juryScore", decimal(w.juryScore()));
                m.put("rank", (long) w.rank());
                m.put("validVotes", w.validVotes());
                m.put("voteScore", decimal(w.voteScore()));
                m.put("workId", w.workId());
                list.add(m);
            }
            out.put(category, list);
        });
        return out;
    }

    public static Map<String, Object> tallies(Map<String, Map<String, Long>> validVotes, Map<String, Long> refused) {
        Map<String, Object> out = new TreeMap<>();
        Map<String, Object> valid = new TreeMap<>();
        validVotes.forEach((category, perWork) -> valid.put(category, counts(perWork)));
        out.put("refusedVotes", counts(refused));
        out.put("validVotes", valid);
        return out;
    }

    private static Map<String, Object> counts(Map<String, Long> counts) {
        if (counts == null) {
            return null;
        }
        Map<String, Object> out = new TreeMap<>();
        counts.forEach((k, n) -> out.put(k, n));
        return out;
    }

    private static Map<String, Object> rules(EditionRules r) {
        Map<String, Object> m = new TreeMap<>();
        List<Object> categories = new ArrayList<>();
        for (Category c : r.categories()) {
            Map<String, Object> cm = new TreeMap<>();
            cm.put("code", c.code());
            cm.put("finalQuota", (long) c.finalQuota());
            cm.put("name", c.name());
            cm.put("shortlistQuota", (long) c.shortlistQuota());
            categories.add(cm);
        }
        m.put("categories", categories);
        m.put("eligibleFrom", date(r.eligibleFrom()));
        m.put("eligibleTo", date(r.eligibleTo()));
        Map<String, Object> review = new TreeMap<>();
        review.put("minScores", (long) r.review().minScores());
        review.put("trimFrom", (long) r.review().trimFrom());
        m.put("review", review);
        m.put("theme", r.theme());
        m.put("timeZone", r.timeZone());
        m.put("title", r.title());
        Map<String, Object> voting = new TreeMap<>();
        voting.put("closesAt", time(r.voting().closesAt()));
        voting.put("maxClockSkewSeconds", (long) r.voting().maxClockSkewSeconds());
        voting.put("opensAt", time(r.voting().opensAt()));
        voting.put("perCategoryPerDay", (long) r.voting().perCategoryPerDay());
        voting.put("perWorkPerDay", (long) r.voting().perWorkPerDay());
        m.put("voting", voting);
        Map<String, Object> weights = new TreeMap<>();
        weights.put("jury", (long) r.weights().jury());
        weights.put("vote", (long) r.weights().vote());
        m.put("weights", weights);
        return m;
    }

    private static Map<String, Object> published(Published p) {
        if (p == null) {
            return null;
        }
        Map<String, Object> m = new TreeMap<>();
        m.put("listDigest", p.listDigest());
        m.put("logDigest", p.logDigest());
        m.put("logSize", p.logSize());
        return m;
    }

    private static Map<String, Object> base(EditionEvent e) {
        Map<String, Object> d = new TreeMap<>();
        d.put("editionId", e.editionId());
        return d;
    }

    public static String time(Instant t) {
        return t == null ? null : IsoTimes.format(t);
    }

    static String date(LocalDate d) {
        return d == null ? null : d.toString();
    }

    static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    static String decimal(BigDecimal d) {
        return d == null ? null : d.toPlainString();
    }

    static Instant instant(String s) {
        return s == null ? null : IsoTimes.instant(s);
    }

    static LocalDate localDate(String s) {
        return s == null ? null : IsoTimes.date(s);
    }

    // ---- decoding ----

    /**
     * The event a line records; throws IllegalArgumentException (naming the field) for a line
     * that is not a well-formed event of this format.
     */
    public static EditionEvent decode(LogLine line) {
        return decode(line, VOTES_DECIDED.equals(line.type()) ? voteRows(line) : null);
    }

    /** As {@link #decode(LogLine)}, for a line whose vote rows are read already (null for other lines). */
    public static EditionEvent decode(LogLine line, List<String[]> rows) {
        Fields d = new Fields(line.data());
        Instant at = instant(line.at());
        String edition = d.str("editionId");
        return switch (line.type()) {
            case "EditionCreated" -> new EditionCreatedEvent(edition, rulesOf(new Fields(d.map("rules"))), at,
                    d.str("by"));
            case "StageChanged" -> new StageChangedEvent(edition, Stage.valueOf(d.str("from")),
                    Stage.valueOf(d.str("to")), at, d.str("by"));
            case "WorkSubmitted" -> new WorkSubmittedEvent(edition, d.str("workId"), d.str("title"), d.str("url"),
                    d.str("normalisedUrl"), d.str("category"), localDate(d.str("publishedOn")),
                    d.str("organisation"), d.lng("submissionNo"), at, d.str("by"));
            case "WorkDisqualified" -> new WorkDisqualifiedEvent(edition, d.str("workId"), d.str("reason"), at,
                    d.str("by"));
            case "ReviewerRegistered" -> new ReviewerRegisteredEvent(edition, d.str("reviewerId"), d.str("name"),
                    d.str("organisation"), d.strings("categories"), at, d.str("by"));
            case "WorkScored" -> new WorkScoredEvent(edition, d.str("workId"), d.str("reviewerId"),
                    Round.valueOf(d.str("round")), new BigDecimal(d.str("score")), at);
            case "ShortlistPublished" -> new ShortlistPublishedEvent(edition, shortlistOf(d.map("categories")), at,
                    publishedOf(d.mapOrNull("published")));
            case "ShortlistAmended" -> new ShortlistAmendedEvent(edition, d.str("category"), d.str("removedWorkId"),
                    d.str("addedWorkId"), d.decimalOrNull("addedPreliminaryScore"), at,
                    publishedOf(d.mapOrNull("published")));
            case "VotesDecided" -> new VotesDecidedEvent(edition, d.str("lane"), null, votesOf(rows));
            case "VotesInvalidated" -> new VotesInvalidatedEvent(edition, d.str("setId"), d.str("rule"),
                    d.str("kind"), d.str("key"), instant(d.str("from")), instant(d.str("to")),
                    d.str("reason"), d.strings("voteIds"), countsOf(d.map("acceptedVotesPerWork")), at, d.str("by"),
                    publishedOf(d.mapOrNull("published")));
            case "TalliesCertified" -> {
                Map<String, Map<String, Long>> valid = new TreeMap<>();
                d.map("validVotes").forEach((category, perWork) -> valid.put(category,
                        countsOf(Fields.asMap(perWork, "validVotes." + category))));
                yield new TalliesCertifiedEvent(edition, valid, countsOf(d.map("refusedVotes")), at,
                        publishedOf(d.mapOrNull("published")));
            }
            case "ResultsPublished" -> new ResultsPublishedEvent(edition, winnersOf(d.map("categories")), at,
                    publishedOf(d.mapOrNull("published")));
            default -> throw new IllegalArgumentException("unknown type " + line.type());
        };
    }

    /** The type of a vote group's line. */
    public static final String VOTES_DECIDED = "VotesDecided";

    /** The vote entries of a VotesDecided line, each as its field values in the order of {@link #voteFields} of its format. */
    @SuppressWarnings("unchecked")
    public static List<String[]> voteRows(LogLine line) {
        if (!(line.data().get("votes") instanceof Map<?, ?> columns)) {
            throw new IllegalArgumentException("data.votes must be an object");
        }
        return voteRows((Map<String, Object>) columns, line.v());
    }

    /** The vote entries of a VotesDecided line of format {@code v}, each as its field values in {@link #voteFields} order. */
    public static List<String[]> voteRows(Map<String, Object> columns, int v) {
        List<?>[] cols = voteColumns(columns, v);
        int n = cols.length == 0 ? 0 : cols[0].size();
        List<String[]> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(voteRow(cols, i, new String[cols.length]));
        }
        return rows;
    }

    /**
     * The vote columns of a VotesDecided line in {@link #voteFields} order, checked as
     * {@link #voteRows} checks them (each an array of strings or nulls, all of one length, no other
     * field), without turning them into rows: for hashing a line's votes one at a time.
     */
    @SuppressWarnings("unchecked")
    public static List<?>[] voteColumns(LogLine line) {
        if (!(line.data().get("votes") instanceof Map<?, ?> columns)) {
            throw new IllegalArgumentException("data.votes must be an object");
        }
        return voteColumns((Map<String, Object>) columns, line.v());
    }

    private static List<?>[] voteColumns(Map<String, Object> columns, int v) {
        List<String> fields = voteFields(v);
        List<?>[] cols = new List<?>[fields.size()];
        int n = -1;
        for (int f = 0; f < cols.length; f++) {
            String field = fields.get(f);
            Object col = columns.get(field);
            if (!(col instanceof List<?> list)) {
                throw new IllegalArgumentException("votes." + field + " must be an array");
            }
            if (n >= 0 && list.size() != n) {
                throw new IllegalArgumentException("votes." + field + " has " + list.size() + " entries, not " + n);
            }
            n = list.size();
            for (Object o : list) {
                if (o != null && !(o instanceof String)) {
                    throw new IllegalArgumentException("votes." + field + " holds a non-string");
                }
            }
            cols[f] = list;
        }
        if (columns.size() != fields.size()) {
            throw new IllegalArgumentException("votes has fields other than " + fields);
        }
        return cols;
    }

    /** Entry {@code i} of checked vote columns, written into {@code row} (one string per column). */
    public static String[] voteRow(List<?>[] cols, int i, String[] row) {
        for (int f = 0; f < row.length; f++) {
            row[f] = (String) cols[f].get(i);
        }
        return row;
    }

    private static List<VoteDecision> votesOf(List<String[]> rows) {
        List<VoteDecision> out = new ArrayList<>(rows.size());
        for (String[] row : rows) {
            out.add(vote(row));
        }
        return out;
    }

    private static EditionRules rulesOf(Fields r) {
        List<Category> categories = new ArrayList<>();
        for (Object o : r.list("categories")) {
            Fields c = new Fields(Fields.asMap(o, "rules.categories"));
            categories.add(new Category(c.str("code"), c.str("name"), (int) c.lng("shortlistQuota"),
                    (int) c.lng("finalQuota")));
        }
        Fields v = new Fields(r.map("voting"));
        Fields rv = new Fields(r.map("review"));
        Fields w = new Fields(r.map("weights"));
        return new EditionRules(r.str("title"), r.str("theme"), localDate(r.str("eligibleFrom")),
                localDate(r.str("eligibleTo")), r.str("timeZone"), categories,
                new VotingRules(instant(v.str("opensAt")), instant(v.str("closesAt")), (int) v.lng("perWorkPerDay"),
                        (int) v.lng("perCategoryPerDay"), (int) v.lng("maxClockSkewSeconds")),
                new ReviewRules((int) rv.lng("minScores"), (int) rv.lng("trimFrom")),
                new Weights((int) w.lng("jury"), (int) w.lng("vote")));
    }

    private static Map<String, List<ListedWork>> shortlistOf(Map<String, Object> categories) {
        Map<String, List<ListedWork>> out = new TreeMap<>();
        categories.forEach((category, places) -> {
            List<ListedWork> list = new ArrayList<>();
            for (Object o : Fields.asList(places, "categories." + category)) {
                Fields p = new Fields(Fields.asMap(o, "categories." + category));
                list.add(new ListedWork((int) p.lng("rank"), p.str("workId"), new BigDecimal(p.str("preliminaryScore"))));
            }
            out.put(category, list);
        });
        return out;
    }

    private static Map<String, List<Winner>> winnersOf(Map<String, Object> categories) {
        Map<String, List<Winner>> out = new TreeMap<>();
        categories.forEach((category, places) -> {
            List<Winner> list = new ArrayList<>();
            for (Object o : Fields.asList(places, "categories." + category)) {
                Fields p = new Fields(Fields.asMap(o, "categories." + category));
                list.add(new Winner((int) p.lng("rank"), p.str("workId"), new BigDecimal(p.str("juryScore")),
                        p.lng("validVotes"), new BigDecimal(p.str("voteScore")), new BigDecimal(p.str("finalScore"))));
            }
            out.put(category, list);
        });
        return out;
    }

    private static Map<String, Long> countsOf(Map<String, Object> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, n) -> {
            if (!(n instanceof Number number)) {
                throw new IllegalArgumentException("count " + k + " is not an integer");
            }
            out.put(k, number.longValue());
        });
        return out;
    }

    private static Published publishedOf(Map<String, Object> m) {
        if (m == null) {
            return null;
        }
        Fields p = new Fields(m);
        return new Published(m.get("logSize") == null ? null : p.lng("logSize"), p.str("logDigest"),
                p.str("listDigest"));
    }

    /** Typed access to a parsed JSON object, failing with the field's name. */
    private record Fields(Map<String, Object> m) {

        String str(String k) {
            Object o = m.get(k);
            if (o != null && !(o instanceof String)) {
                throw new IllegalArgumentException(k + " must be a string");
            }
            return (String) o;
        }

        long lng(String k) {
            if (!(m.get(k) instanceof Number n) || n instanceof Double || n instanceof Float) {
                throw new IllegalArgumentException(k + " must be an integer");
            }
            return n.longValue();
        }

        BigDecimal decimalOrNull(String k) {
            String s = str(k);
            return s == null ? null : new BigDecimal(s);
        }

        Map<String, Object> map(String k) {
            return asMap(m.get(k), k);
        }

        Map<String, Object> mapOrNull(String k) {
            return m.get(k) == null ? null : map(k);
        }

        List<?> list(String k) {
            return asList(m.get(k), k);
        }

        List<String> strings(String k) {
            if (m.get(k) == null) {
                return null;
            }
            List<String> out = new ArrayList<>();
            for (Object o : list(k)) {
                if (!(o instanceof String s)) {
                    throw new IllegalArgumentException(k + " must hold strings");
                }
                out.add(s);
            }
            return out;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> asMap(Object o, String k) {
            if (!(o instanceof Map)) {
                throw new IllegalArgumentException(k + " must be an object");
            }
            return (Map<String, Object>) o;
        }

        static List<?> asList(Object o, String k) {
            if (!(o instanceof List<?> l)) {
                throw new IllegalArgumentException(k + " must be an array");
            }
            return l;
        }
    }
}
