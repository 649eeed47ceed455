package io.selection.api.web;

import io.selection.common.DomainException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.selection.recount.Language;
import jakarta.validation.ConstraintViolationException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The one place where refusals become problem responses. No input, however malformed, gives a 5xx. */
@RestControllerAdvice
public class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException e) {
        FieldError first = e.getBindingResult().getFieldErrors().stream()
                .min(java.util.Comparator.comparing(FieldError::getField)).orElse(null);
        String field = first == null ? "body" : first.getField();
        // the validator said each fault in the reader's language already (Words is its message source)
        Language language = Words.current();
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(f -> Words.say(language, ApiPhrase.FIELD_INVALID, f.getField(), f.getDefaultMessage()))
                .sorted().collect(Collectors.joining(Words.say(language, ApiPhrase.FIELD_SEPARATOR)));
        return ApiProblem.response(detail.isEmpty()
                ? ApiProblem.of("VALIDATION", field, List.of(), ApiPhrase.INVALID_REQUEST)
                : ApiProblem.of("VALIDATION", detail, field, List.of()));
    }

    @ExceptionHandler(io.selection.api.voting.intake.VoteShape.Invalid.class)
    ResponseEntity<ProblemDetail> invalidVote(io.selection.api.voting.intake.VoteShape.Invalid e) {
        return ApiProblem.response(ApiProblem.of("VALIDATION", e.getMessage(), e.field(), List.of()));
    }

    /** A parameter's constraint: each fault by its parameter and the validator's words, in the reader's language. */
    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> invalidParameter(HandlerMethodValidationException e) {
        List<Map.Entry<String, String>> faults = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(error -> Map.entry(
                        r.getMethodParameter().getParameterName() == null ? "parameter"
                                : r.getMethodParameter().getParameterName(),
                        String.valueOf(error.getDefaultMessage()))))
                .toList();
        return ApiProblem.response(faults(faults));
    }

    /** A constraint checked outside a request body: each fault by its path and the validator's words. */
    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> invalidParameter(ConstraintViolationException e) {
        List<Map.Entry<String, String>> faults = e.getConstraintViolations() == null ? List.of()
                : e.getConstraintViolations().stream().map(v -> Map.entry(lastNode(v.getPropertyPath().toString()),
                        v.getMessage())).toList();
        return ApiProblem.response(faults(faults));
    }

    /** "field: fault" for each, in the reader's language, the first field (by name) as the problem's field. */
    static ProblemDetail faults(List<Map.Entry<String, String>> faults) {
        if (faults.isEmpty()) {
            return ApiProblem.of("VALIDATION", null, List.of(), ApiPhrase.INVALID_REQUEST);
        }
        Language language = Words.current();
        String field = faults.stream().map(Map.Entry::getKey).min(java.util.Comparator.naturalOrder()).orElseThrow();
        String detail = faults.stream().map(f -> Words.say(language, ApiPhrase.FIELD_INVALID, f.getKey(), f.getValue()))
                .sorted().collect(Collectors.joining(Words.say(language, ApiPhrase.FIELD_SEPARATOR)));
        return ApiProblem.of("VALIDATION", detail, field, List.of());
    }

    /** A method parameter's path (list.arg0) by its last part (arg0); a bean's property path as it is. */
    private static String lastNode(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        ProblemDetail tooLarge = tooLarge(e);
        if (tooLarge != null) {
            return ApiProblem.response(tooLarge);
        }
        return ApiProblem.response(unreadableBody(e.getCause()));
    }

    /**
     * 413 TOO_LARGE when a limit of docs/operations.md stopped the reading: the body's bytes, an
     * NDJSON stream's lines or line length ({@link TooLarge}), or the JSON parser's nesting depth,
     * string or number length ({@link StreamConstraintsException}); else null.
     */
    public static ProblemDetail tooLarge(Throwable e) {
        TooLarge limit = (TooLarge) causeOf(e, TooLarge.class);
        if (limit != null) {
            return ApiProblem.tooLarge(limit, Words.current());
        }
        StreamConstraintsException constraint = (StreamConstraintsException) causeOf(e,
                StreamConstraintsException.class);
        if (constraint != null) {
            return ApiProblem.tooLarge(JsonLimits.explain(constraint), Words.current());
        }
        return null;
    }

    /** Names the JSON field at fault where Jackson can say which. */
    public static ProblemDetail unreadableBody(Throwable cause) {
        ProblemDetail tooLarge = tooLarge(cause);
        if (tooLarge != null) {
            return tooLarge;
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = fieldPath(mapping.getPath());
            return ApiProblem.of("VALIDATION", field, List.of(),
                    cause instanceof InvalidFormatException || cause instanceof MismatchedInputException
                            ? ApiPhrase.WRONG_TYPE_OR_FORMAT : ApiPhrase.UNREADABLE_FIELD, field);
        }
        if (cause == null) {
            return ApiProblem.of("VALIDATION", "body", List.of(), ApiPhrase.BODY_MISSING);
        }
        return ApiProblem.of("VALIDATION", "body", List.of(), ApiPhrase.BODY_NOT_JSON);
    }

    public static String fieldPath(List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
        return ApiProblem.response(ApiProblem.of("VALIDATION", e.getParameterName(), List.of(),
                ApiPhrase.PARAMETER_REQUIRED, e.getParameterName()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return ApiProblem.response(ApiProblem.of("VALIDATION", e.getName(), List.of(), ApiPhrase.WRONG_TYPE,
                e.getName()));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
        return ApiProblem.response(ApiProblem.of("UNSUPPORTED_MEDIA_TYPE", "Content-Type", List.of(),
                ApiPhrase.MEDIA_TYPE, e.getContentType(), e.getSupportedMediaTypes()));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return ApiProblem.response(ApiProblem.of("NOT_ACCEPTABLE", "Accept", List.of(), ApiPhrase.NOT_ACCEPTABLE,
                e.getSupportedMediaTypes()));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        return ApiProblem.response(ApiProblem.of("METHOD_NOT_ALLOWED", null, List.of(), ApiPhrase.METHOD_NOT_ALLOWED,
                e.getMethod(), e.getSupportedHttpMethods()));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e) {
        return ApiProblem.response(ApiProblem.of("NOT_FOUND", null, List.of(), ApiPhrase.NO_RESOURCE,
                e.getResourcePath()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> any(Exception e) {
        DomainException domain = domainCause(e);
        if (domain != null) {
            return ApiProblem.response(ApiProblem.of(domain));
        }
        ProblemDetail tooLarge = tooLarge(e);
        if (tooLarge != null) {
            return ApiProblem.response(tooLarge);
        }
        if (hasCause(e, Unavailable.class)) { // a vote door that cannot take the vote, or read models behind
            Unavailable u = (Unavailable) causeOf(e, Unavailable.class);
            return unavailable(u.detail(Words.current()), u.retryAfterSeconds());
        }
        if (hasCause(e, AggregateNotFoundException.class)) {
            return ApiProblem.response(ApiProblem.of("NOT_FOUND", null, List.of(), ApiPhrase.NO_SUCH_EDITION));
        }
        if (hasCause(e, java.util.concurrent.RejectedExecutionException.class)
                || hasCause(e, java.util.concurrent.TimeoutException.class)) {
            // every 503 says when to send again (an executor that refused the work, or a wait that timed out)
            return unavailable(Words.say(Words.current(), ApiPhrase.INTAKE_FULL), 1);
        }
        if (hasCause(e, ConcurrencyException.class)) {
            return ApiProblem.response(ApiProblem.of("ALREADY_EXISTS", null, List.of(),
                    ApiPhrase.CHANGED_MEANWHILE));
        }
        log.error("unexpected failure", e);
        return ApiProblem.response(ApiProblem.of("INTERNAL", null, List.of(), ApiPhrase.INTERNAL));
    }

    private static ResponseEntity<ProblemDetail> unavailable(String detail, long retryAfterSeconds) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds))
                .headers(ApiProblem.languageHeaders(Words.current()))
                .contentType(ApiProblem.PROBLEM_JSON)
                .body(ApiProblem.of("UNAVAILABLE", detail, null, List.of()));
    }

    public static DomainException domainCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DomainException d) {
                return d;
            }
        }
        return null;
    }

    public static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        return causeOf(e, type) != null;
    }

    static Throwable causeOf(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }
}
