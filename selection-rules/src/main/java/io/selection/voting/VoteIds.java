package io.selection.voting;

/**
 * Vote ids, by their two 64-bit hashes ({@link Hash64}), to the small code of their first outcome:
 * what makes one vote id one vote. A {@link VoterBook} of its own ({@link IdTable}) or shared by
 * every lane of a door ({@link SharedVoteIds}), so that an id sent again under another voter, which
 * lands in another lane, is known there too.
 */
public interface VoteIds {

    /** The value of the id, or {@link IdTable#ABSENT}. */
    int get(long hash, long secondHash);

    /** Puts the id with its value unless it is there; true if it was put. */
    boolean putIfAbsent(long hash, long secondHash, int value);

    /**
     * Reads the memory where the id would be found, ahead of its look-up, and returns a number made
     * of what it read (see {@link IdTable#touch}); changes nothing.
     */
    long touch(long hash, long secondHash);

    /** Ids held. */
    int size();
}
