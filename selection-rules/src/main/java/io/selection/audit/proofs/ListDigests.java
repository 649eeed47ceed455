package io.selection.audit.proofs;

import io.selection.audit.format.LogCodec;

import io.selection.results.ListedWork;
import io.selection.results.Winner;

import java.util.List;
import java.util.Map;

/** The digest of each published list, computed from the list exactly as its line shows it. */
public final class ListDigests {

    private ListDigests() {
    }

    public static String shortlist(Map<String, List<ListedWork>> categories) {
        return LineHashes.listDigest(LogCodec.shortlist(categories));
    }

    public static String tallies(Map<String, Map<String, Long>> validVotes, Map<String, Long> refusedVotes) {
        return LineHashes.listDigest(LogCodec.tallies(validVotes, refusedVotes));
    }

    public static String winners(Map<String, List<Winner>> categories) {
        return LineHashes.listDigest(LogCodec.winners(categories));
    }
}
