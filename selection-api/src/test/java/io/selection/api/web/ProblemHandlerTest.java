package io.selection.api.web;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** Every 503 says when to send again: the overload answers of docs/api.md carry Retry-After. */
class ProblemHandlerTest {

    private final ProblemHandler handler = new ProblemHandler();

    @Test
    void an_executor_that_refused_the_work_or_a_wait_that_timed_out_answers_503_with_retry_after() {
        for (Exception e : new Exception[]{new RejectedExecutionException("full"),
                new CompletionException(new TimeoutException("no answer"))}) {
            ResponseEntity<ProblemDetail> answer = handler.any(e);

            assertThat(answer.getStatusCode().value()).as(e.toString()).isEqualTo(503);
            assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).as(e.toString()).isEqualTo("1");
            assertThat(answer.getBody().getProperties()).containsEntry("code", "UNAVAILABLE");
        }
    }

    @Test
    void an_unavailable_door_answers_503_with_its_own_retry_after() {
        ResponseEntity<ProblemDetail> answer = handler.any(new CompletionException(new Unavailable("down", 5)));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
    }
}
