package io.selection.api.lists;

import io.selection.projections.Views.PreliminaryEntry;
import io.selection.projections.Views.PreliminaryRankingView;
import io.selection.projections.Views.RankedEntry;
import io.selection.projections.Views.RankingView;
import io.selection.projections.Views.ShortlistEntry;
import io.selection.projections.Views.ShortlistView;
import io.selection.projections.Views.TalliesView;
import io.selection.projections.Views.TallyEntry;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The downloads of the lists the JSON endpoints answer: one row per entry, the same values, and
 * the digests the list rests on as headers, so a saved file still names what it was read from.
 */
public final class ListCsv {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private ListCsv() {
    }

    public static ResponseEntity<byte[]> preliminaryRanking(String editionId, PreliminaryRankingView ranking) {
        CsvWriter csv = new CsvWriter("category", "rank", "workId", "title", "preliminaryScore", "scores",
                "disqualified");
        for (PreliminaryEntry e : ranking.works()) {
            csv.text(ranking.category()).number(e.rank()).text(e.workId()).text(e.title())
                    .number(e.preliminaryScore()).number(e.scores().size()).bool(e.disqualified()).endRow();
        }
        return download(editionId + "-preliminary-ranking-" + ranking.category(), csv, null, null, null);
    }

    public static ResponseEntity<byte[]> shortlist(String editionId, ShortlistView shortlist) {
        CsvWriter csv = new CsvWriter("category", "rank", "workId", "title", "preliminaryScore");
        for (Map.Entry<String, List<ShortlistEntry>> category : shortlist.categories().entrySet()) {
            for (ShortlistEntry e : category.getValue()) {
                csv.text(category.getKey()).number(e.rank()).text(e.workId()).text(e.title())
                        .number(e.preliminaryScore()).endRow();
            }
        }
        return download(editionId + "-shortlist", csv, shortlist.logSize(), shortlist.logDigest(),
                shortlist.listDigest());
    }

    public static ResponseEntity<byte[]> tallies(String editionId, TalliesView tallies) {
        CsvWriter csv = new CsvWriter("category", "workId", "title", "validVotes", "invalidatedVotes");
        for (Map.Entry<String, List<TallyEntry>> category : tallies.categories().entrySet()) {
            for (TallyEntry e : category.getValue()) {
                csv.text(category.getKey()).text(e.workId()).text(e.title()).number(e.validVotes())
                        .number(e.invalidatedVotes()).endRow();
            }
        }
        return download(editionId + "-tallies", csv, tallies.logSize(), tallies.logDigest(), tallies.listDigest());
    }

    /** The final ranking as it stands, or the winners as published ({@code list} names which). */
    public static ResponseEntity<byte[]> ranking(String editionId, String list, RankingView ranking) {
        CsvWriter csv = new CsvWriter("category", "rank", "workId", "title", "juryScore", "validVotes", "voteScore",
                "finalScore");
        for (Map.Entry<String, List<RankedEntry>> category : ranking.categories().entrySet()) {
            for (RankedEntry e : category.getValue()) {
                csv.text(category.getKey()).number(e.rank()).text(e.workId()).text(e.title()).number(e.juryScore())
                        .number(e.validVotes()).number(e.voteScore()).number(e.finalScore()).endRow();
            }
        }
        return download(editionId + "-" + list, csv, ranking.logSize(), ranking.logDigest(), ranking.listDigest());
    }

    private static ResponseEntity<byte[]> download(String name, CsvWriter csv, Long logSize, String logDigest,
                                                   String listDigest) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(TEXT_CSV);
        // edition ids and category codes are [A-Za-z0-9._-], so the plain form of the name is exact
        headers.setContentDisposition(ContentDisposition.attachment().filename(name + ".csv").build());
        if (logSize != null) {
            headers.set("X-Log-Size", logSize.toString());
        }
        if (logDigest != null) {
            headers.set("X-Log-Digest", logDigest);
        }
        if (listDigest != null) {
            headers.set("X-List-Digest", listDigest);
        }
        return ResponseEntity.ok().headers(headers).body(csv.toBytes());
    }
}
