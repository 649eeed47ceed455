package io.selection.api.audit;

import io.selection.api.log.EditionLogs;
import io.selection.api.readmodel.AsOf;
import io.selection.api.security.Roles;
import io.selection.api.web.ApiPhrase;
import io.selection.api.web.ApiProblem;
import io.selection.api.web.ReadModels;
import io.selection.api.web.Words;
import io.selection.common.DomainException;
import io.selection.recount.Explanation;
import io.selection.recount.Explanations;
import io.selection.recount.Language;
import io.selection.recount.Wording;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Set;

/**
 * Why a work is where it is: the edition's log read from the store (never a read model) and folded
 * by the core {@link Explanations}, so every count it states is the recount's and every statement
 * names its line. The fold of one edition's log as it stands is kept and folded forward as the log
 * grows, so a page of explanations costs one pass over the log, not one each; a question as of an
 * earlier line folds afresh up to it. The answer names its point in the {@code Log-Size} and
 * {@code Log-Digest} headers, as {@code ?asOf} answers do, and is said by the core {@link Wording} in
 * the caller's language ({@code ?lang}, else {@code Accept-Language}), named in {@code Content-Language}.
 */
@RestController
@RequestMapping("/api/editions/{editionId}")
public class ExplanationController {

    /** Roles that see the final ranking before the results are published (as {@code /final-ranking}). */
    private static final Set<String> SEE_FINAL_RANKING = Set.of("ROLE_" + Roles.ORGANISER, "ROLE_" + Roles.AUDITOR);

    private final EditionLogs logs;
    private final ReadModels readModels;
    private final AsOf asOf;
    /** The kept fold: one edition's, as of the last line it was asked about. */
    private String keptEdition;
    private Explanations kept;

    public ExplanationController(EditionLogs logs, ReadModels readModels, AsOf asOf) {
        this.logs = logs;
        this.readModels = readModels;
        this.asOf = asOf;
    }

    @GetMapping("/works/{workId}/explanation")
    public Explanation explanation(@PathVariable String editionId, @PathVariable String workId,
                                   @RequestParam(required = false) String asOf,
                                   @RequestParam(required = false) String lang,
                                   @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false)
                                   String acceptLanguage,
                                   Authentication caller, HttpServletResponse response) {
        Language language = language(lang, acceptLanguage);
        long seq;
        if (asOf == null) {
            readModels.edition(editionId); // 404 for an unknown edition, as AsOf.seq says it
            seq = logs.size(editionId);
        } else {
            seq = this.asOf.seq(editionId, asOf, "asOf");
        }
        boolean withFinalRanking = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(SEE_FINAL_RANKING::contains);
        Explanation answer = explain(editionId, seq, workId, withFinalRanking);
        if (answer == null) {
            throw ApiProblem.notFound(ApiPhrase.WORK_NOT_FOUND, workId);
        }
        this.asOf.nameInHeaders(editionId, seq);
        response.setHeader(HttpHeaders.CONTENT_LANGUAGE, language.tag());
        response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
        return Wording.render(answer, language);
    }

    /**
     * {@code ?lang} ({@code en} or {@code zh}) when given; else Chinese when the first of the
     * {@code Accept-Language} ranges that names English or Chinese names Chinese (any region);
     * else English, also for a header that cannot be read.
     */
    public static Language language(String lang, String acceptLanguage) {
        if (lang != null) {
            try {
                return Language.ofCode(lang.trim());
            } catch (IllegalArgumentException e) {
                throw DomainException.invalid("lang", e.getMessage());
            }
        }
        return Words.of(acceptLanguage);
    }

    /**
     * The work's explanation as the log stands, final ranking included, said in the language; null
     * for a work the log does not hold. For the public page of a work once the results are published
     * (when the final ranking is public anyway).
     */
    public Explanation asTheLogStands(String editionId, String workId, Language language) {
        Explanation answer = explain(editionId, logs.size(editionId), workId, true);
        return answer == null ? null : Wording.render(answer, language);
    }

    private Explanation explain(String editionId, long seq, String workId, boolean withFinalRanking) {
        Explanations x;
        synchronized (this) {
            if (kept == null || !editionId.equals(keptEdition)) {
                keptEdition = editionId;
                kept = new Explanations();
            }
            x = kept.seq() <= seq ? kept : null;
        }
        if (x != null) {
            synchronized (x) {
                if (x.seq() <= seq) {
                    try {
                        fold(editionId, x, seq);
                    } catch (RuntimeException | Error e) {
                        forget(x); // a line half folded in leaves the fold wrong: the next question starts afresh
                        throw e;
                    }
                    return x.explain(workId, withFinalRanking);
                }
            }
        }
        Explanations earlier = new Explanations();
        fold(editionId, earlier, seq);
        return earlier.explain(workId, withFinalRanking);
    }

    private void fold(String editionId, Explanations x, long seq) {
        if (x.seq() < seq) {
            // as the export shows the lines: the explanation an auditor computes offline, field for field
            logs.forEach(editionId, x.seq() + 1, seq,
                    line -> x.apply(line.seq(), logs.asLogged(editionId, line.seq(), line.event())));
        }
    }

    private synchronized void forget(Explanations x) {
        if (kept == x) {
            keptEdition = null;
            kept = null;
        }
    }
}
