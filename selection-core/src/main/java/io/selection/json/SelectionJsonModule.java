package io.selection.json;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.selection.events.VotesDecidedEvent;
import io.selection.recount.Explanation;
import io.selection.voting.VoteDecision;
import io.selection.voting.VoteGroup;

import java.util.List;

/**
 * How the framework-free classes of selection-rules are written as JSON: the stored form of the
 * columnar vote group and of {@link VotesDecidedEvent} (both revisions), and the explanation's
 * omitted empty fields. Jackson mix-ins carry the annotations, so the rules module needs no Jackson.
 * Registered in every mapper that reads or writes events: through {@code ObjectMapper.findAndRegisterModules()}
 * (META-INF/services) and as a Spring bean in the service.
 */
public final class SelectionJsonModule extends SimpleModule {

    public SelectionJsonModule() {
        super("selection-rules");
        setMixInAnnotation(VoteGroup.class, VoteGroupJson.class);
        setMixInAnnotation(VoteGroup.Times.class, TimesJson.class);
        setMixInAnnotation(VotesDecidedEvent.class, VotesDecidedJson.class);
        for (Class<?> type : Explanation.NULLS_OMITTED) {
            setMixInAnnotation(type, NonNull.class);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private interface NonNull {
    }

    /** The stored columns, by their own names; nothing derived. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE, getterVisibility = JsonAutoDetect.Visibility.NONE,
            isGetterVisibility = JsonAutoDetect.Visibility.NONE)
    private abstract static class VoteGroupJson {
        @JsonCreator
        VoteGroupJson(@JsonProperty("voteId") String[] voteId, @JsonProperty("voterId") String[] voterId,
                      @JsonProperty("works") String[] works, @JsonProperty("categories") String[] categories,
                      @JsonProperty("work") int[] work,
                      @JsonProperty("outcomes") String[] outcomes, @JsonProperty("outcome") int[] outcome,
                      @JsonProperty("castAt") VoteGroup.Times castAt, @JsonProperty("receivedAt") VoteGroup.Times receivedAt,
                      @JsonProperty("dayBase") long dayBase, @JsonProperty("day") int[] day,
                      @JsonProperty("ips") String[] ips, @JsonProperty("ip") int[] ip,
                      @JsonProperty("devices") String[] devices, @JsonProperty("device") int[] device) {
        }

        @JsonProperty("voteId") abstract String[] voteIdColumn();
        @JsonProperty("voterId") abstract String[] voterIdColumn();
        @JsonProperty("works") abstract String[] worksColumn();
        @JsonProperty("categories") abstract String[] categoriesColumn();
        @JsonProperty("work") abstract int[] workColumn();
        @JsonProperty("outcomes") abstract String[] outcomesColumn();
        @JsonProperty("outcome") abstract int[] outcomeColumn();
        @JsonProperty("castAt") abstract VoteGroup.Times castAtColumn();
        @JsonProperty("receivedAt") abstract VoteGroup.Times receivedAtColumn();
        @JsonProperty("dayBase") abstract long dayBaseValue();
        @JsonProperty("day") abstract int[] dayColumn();
        @JsonProperty("ips") abstract String[] ipsColumn();
        @JsonProperty("ip") abstract int[] ipColumn();
        @JsonProperty("devices") abstract String[] devicesColumn();
        @JsonProperty("device") abstract int[] deviceColumn();
    }

    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
            getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
    private abstract static class TimesJson {
        @JsonCreator
        TimesJson(@JsonProperty("unit") String unit, @JsonProperty("base") long base,
                  @JsonProperty("delta") long[] delta, @JsonProperty("nanos") int[] nanos) {
        }
    }

    /** Reads both stored forms: columns ({@code votes}, revision 2) or a list ({@code decisions}, revision 1). */
    private abstract static class VotesDecidedJson {
        @JsonCreator
        static VotesDecidedEvent read(@JsonProperty("editionId") String editionId, @JsonProperty("lane") String lane,
                                      @JsonProperty("nextOffset") Long nextOffset, @JsonProperty("votes") VoteGroup votes,
                                      @JsonProperty("decisions") List<VoteDecision> decisions) {
            throw new UnsupportedOperationException("a mix-in");
        }
    }
}
