package io.selection.voting;

/** What the daily limits read of one voter's day: accepted votes per work, distinct works per category. */
public interface DayTally {

    int acceptedFor(String workId);

    int distinctWorksIn(String category);

    DayTally EMPTY = new DayTally() {
        @Override
        public int acceptedFor(String workId) {
            return 0;
        }

        @Override
        public int distinctWorksIn(String category) {
            return 0;
        }
    };
}
