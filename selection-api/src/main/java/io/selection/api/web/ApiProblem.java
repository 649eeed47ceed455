package io.selection.api.web;

import io.selection.common.DomainException;
import io.selection.common.ErrorCode;
import io.selection.common.Phrase;
import io.selection.recount.Language;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the RFC 9457 problem every refusal is answered with: status, title, detail, code, field.
 * The title and detail are in the reader's language ({@link Words}); code, field and items never
 * change with it.
 */
public final class ApiProblem {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    /** The status of each code the service answers with; every other code (the rules') is 422. */
    static final Map<String, HttpStatus> STATUSES = statuses();

    private ApiProblem() {
    }

    private static Map<String, HttpStatus> statuses() {
        Map<String, HttpStatus> s = new LinkedHashMap<>();
        s.put("VALIDATION", HttpStatus.BAD_REQUEST);
        s.put("UNAUTHENTICATED", HttpStatus.UNAUTHORIZED);
        s.put("FORBIDDEN", HttpStatus.FORBIDDEN);
        s.put("NOT_FOUND", HttpStatus.NOT_FOUND);
        for (String conflict : List.of("STAGE_MISMATCH", "ALREADY_EXISTS", "INCOMPLETE_REVIEW",
                "CHECKPOINT_MISMATCH")) {
            s.put(conflict, HttpStatus.CONFLICT);
        }
        s.put("METHOD_NOT_ALLOWED", HttpStatus.METHOD_NOT_ALLOWED);
        s.put("UNSUPPORTED_MEDIA_TYPE", HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        s.put("NOT_ACCEPTABLE", HttpStatus.NOT_ACCEPTABLE);
        s.put("TOO_LARGE", HttpStatus.PAYLOAD_TOO_LARGE);
        s.put("UNAVAILABLE", HttpStatus.SERVICE_UNAVAILABLE);
        s.put("INTERNAL", HttpStatus.INTERNAL_SERVER_ERROR);
        return Map.copyOf(s);
    }

    public static HttpStatus statusOf(String code) {
        return STATUSES.getOrDefault(code, HttpStatus.UNPROCESSABLE_ENTITY);
    }

    /** A problem said in {@code language}. */
    public static ProblemDetail of(Language language, String code, String field, List<String> items, Phrase phrase,
                                   Object... values) {
        return build(language, code, Words.say(language, phrase, values), field, items);
    }

    /** A problem said in the language of the request being answered. */
    public static ProblemDetail of(String code, String field, List<String> items, Phrase phrase, Object... values) {
        return of(Words.current(), code, field, items, phrase, values);
    }

    /**
     * A problem whose detail is English text from elsewhere (a library's, or one said only to
     * machines); its title is in the reader's language.
     */
    public static ProblemDetail of(String code, String detail, String field, List<String> items) {
        return build(Words.current(), code, detail, field, items);
    }

    public static ProblemDetail of(DomainException e) {
        Language language = Words.current();
        return build(language, e.code().name(), Words.say(language, e), e.field(), e.items());
    }

    private static ProblemDetail build(Language language, String code, String detail, String field,
                                       List<String> items) {
        HttpStatus status = statusOf(code);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(Words.title(language, status));
        problem.setProperty("code", code);
        if (field != null) {
            problem.setProperty("field", field);
        }
        if (items != null && !items.isEmpty()) {
            problem.setProperty(code.equals(ErrorCode.INCOMPLETE_REVIEW.name()) ? "works" : "items", items);
        }
        return problem;
    }

    /** 413 TOO_LARGE, naming the limit ({@code limit}, also as {@code field}) and its value ({@code max}). */
    public static ProblemDetail tooLarge(TooLarge e, Language language) {
        ProblemDetail problem = build(language, "TOO_LARGE", e.detail(language), e.limit(), List.of());
        problem.setProperty("limit", e.limit());
        problem.setProperty("max", e.value());
        return problem;
    }

    /** The answer, naming the language it is said in. */
    public static ResponseEntity<ProblemDetail> response(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(PROBLEM_JSON)
                .headers(languageHeaders(Words.current())).body(problem);
    }

    /** {@code Content-Language}, and {@code Vary: Accept-Language} since the words depend on it. */
    public static HttpHeaders languageHeaders(Language language) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CONTENT_LANGUAGE, language.tag());
        headers.set(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
        return headers;
    }

    /** 404 NOT_FOUND for the thing {@code phrase} names (an edition, a work, a reviewer, a vote). */
    public static DomainException notFound(Phrase phrase, String id) {
        return new DomainException(ErrorCode.NOT_FOUND, null, List.of(), phrase, id);
    }
}
