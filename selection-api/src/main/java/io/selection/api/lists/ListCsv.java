package io.selection.api.lists;

import io.selection.projections.Views.PreliminaryRankingView;
import io.selection.projections.Views.RankingView;
import io.selection.projections.Views.ShortlistView;
import io.selection.projections.Views.TalliesView;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The downloads of the lists the JSON endpoints answer: one row per entry, the same values, and
 * the digests the list rests on as headers, so a saved file still names what it was read from.
 */
public final class ListCsv {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private ListCsv() {
    }

    public static ResponseEntity<byte[]> preliminaryRanking(String editionId, PreliminaryRankingView ranking) {
        CsvWriter csv = rows(new CsvWriter("category", "rank", "workId", "title", "preliminaryScore", "scores",
                "disqualified"), Map.of(ranking.category(), ranking.works()), (row, e) -> row.number(e.rank())
                .text(e.workId()).text(e.title()).number(e.preliminaryScore()).number(e.scores().size())
                .bool(e.disqualified()));
        return download(editionId + "-preliminary-ranking-" + ranking.category(), csv, null, null, null);
    }

    public static ResponseEntity<byte[]> shortlist(String editionId, ShortlistView shortlist) {
        CsvWriter csv = rows(new CsvWriter("category", "rank", "workId", "title", "preliminaryScore"),
                shortlist.categories(), (row, e) -> row.number(e.rank()).text(e.workId()).text(e.title())
                        .number(e.preliminaryScore()));
        return download(editionId + "-shortlist", csv, shortlist.logSize(), shortlist.logDigest(),
                shortlist.listDigest());
    }

    public static ResponseEntity<byte[]> tallies(String editionId, TalliesView tallies) {
        CsvWriter csv = rows(new CsvWriter("category", "workId", "title", "validVotes", "invalidatedVotes"),
                tallies.categories(), (row, e) -> row.text(e.workId()).text(e.title()).number(e.validVotes())
                        .number(e.invalidatedVotes()));
        return download(editionId + "-tallies", csv, tallies.logSize(), tallies.logDigest(), tallies.listDigest());
    }

    /** The final ranking as it stands, or the winners as published ({@code list} names which). */
    public static ResponseEntity<byte[]> ranking(String editionId, String list, RankingView ranking) {
        CsvWriter csv = rows(new CsvWriter("category", "rank", "workId", "title", "juryScore", "validVotes",
                "voteScore", "finalScore"), ranking.categories(), (row, e) -> row.number(e.rank()).text(e.workId())
                .text(e.title()).number(e.juryScore()).number(e.validVotes()).number(e.voteScore())
                .number(e.finalScore()));
        return download(editionId + "-" + list, csv, ranking.logSize(), ranking.logDigest(), ranking.listDigest());
    }

    /** A row per entry, category by category in the list's order, each starting with its category. */
    private static <T> CsvWriter rows(CsvWriter csv, Map<String, List<T>> categories, BiConsumer<CsvWriter, T> row) {
        categories.forEach((category, entries) -> entries.forEach(entry -> {
            row.accept(csv.text(category), entry);
            csv.endRow();
        }));
        return csv;
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
