package io.selection.api.web;

import io.selection.common.DomainException;
import io.selection.common.ErrorCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.util.List;

/** Builds the RFC 9457 problem every refusal is answered with: status, title, detail, code, field. */
public final class ApiProblem {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private ApiProblem() {
    }

    public static HttpStatus statusOf(String code) {
        return switch (code) {
            case "VALIDATION" -> HttpStatus.BAD_REQUEST;
            case "UNAUTHENTICATED" -> HttpStatus.UNAUTHORIZED;
            case "FORBIDDEN" -> HttpStatus.FORBIDDEN;
            case "NOT_FOUND" -> HttpStatus.NOT_FOUND;
            case "STAGE_MISMATCH", "ALREADY_EXISTS", "INCOMPLETE_REVIEW", "CHECKPOINT_MISMATCH" -> HttpStatus.CONFLICT;
            case "METHOD_NOT_ALLOWED" -> HttpStatus.METHOD_NOT_ALLOWED;
            case "UNSUPPORTED_MEDIA_TYPE" -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case "NOT_ACCEPTABLE" -> HttpStatus.NOT_ACCEPTABLE;
            case "TOO_LARGE" -> HttpStatus.PAYLOAD_TOO_LARGE;
            case "UNAVAILABLE" -> HttpStatus.SERVICE_UNAVAILABLE;
            case "INTERNAL" -> HttpStatus.INTERNAL_SERVER_ERROR;
            default -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
    }

    public static ProblemDetail of(String code, String detail, String field, List<String> items) {
        HttpStatus status = statusOf(code);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
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
    public static ProblemDetail tooLarge(TooLarge e) {
        ProblemDetail problem = of("TOO_LARGE", e.getMessage(), e.limit(), List.of());
        problem.setProperty("limit", e.limit());
        problem.setProperty("max", e.value());
        return problem;
    }

    public static ProblemDetail of(DomainException e) {
        return of(e.code().name(), e.getMessage(), e.field(), e.items());
    }

    public static ResponseEntity<ProblemDetail> response(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(PROBLEM_JSON).body(problem);
    }

    public static DomainException notFound(String what) {
        return new DomainException(ErrorCode.NOT_FOUND, what + " not found");
    }
}
