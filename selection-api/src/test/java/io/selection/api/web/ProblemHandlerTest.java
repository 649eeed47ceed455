package io.selection.api.web;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every 503 says when to send again: the overload answers of docs/api.md carry Retry-After. The
 * service's own 503s, and a constraint checked outside a request body, are said in the reader's
 * language, the code and field kept as they are.
 */
class ProblemHandlerTest {

    private static final String HAN = "\\p{IsHan}";

    private final ProblemHandler handler = new ProblemHandler();

    /** Answers as to a request asking for the language. */
    private static void reader(String acceptLanguage) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader(HttpHeaders.ACCEPT_LANGUAGE, acceptLanguage);
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        LocaleContextHolder.setLocale(Words.locale(Words.of(acceptLanguage)));
    }

    @AfterEach
    void noReader() {
        RequestContextHolder.resetRequestAttributes();
        LocaleContextHolder.resetLocaleContext();
    }

    private static String detail(ResponseEntity<ProblemDetail> answer) {
        return answer.getBody().getDetail();
    }

    private static String title(ResponseEntity<ProblemDetail> answer) {
        return answer.getBody().getTitle();
    }

    @Test
    void read_models_behind_and_a_full_intake_are_said_in_chinese_to_a_chinese_reader() {
        reader("zh-CN,zh;q=0.9");
        ResponseEntity<ProblemDetail> behind = handler.any(new ReadModels.ReadModelsBehind(120, 100, 2000));
        assertThat(behind.getStatusCode().value()).isEqualTo(503);
        assertThat(behind.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
        assertThat(behind.getHeaders().getFirst(HttpHeaders.CONTENT_LANGUAGE)).isEqualTo("zh-CN");
        assertThat(behind.getBody().getProperties()).containsEntry("code", "UNAVAILABLE");
        assertThat(title(behind)).isEqualTo("服务暂不可用");
        assertThat(detail(behind)).isEqualTo("读模型位于日志第100行，等待2000毫秒后仍落后于日志末尾120；请稍后再试");
        ResponseEntity<ProblemDetail> edition = handler.any(new ReadModels.ReadModelsBehind(
                ApiPhrase.READ_MODELS_BEFORE_EDITION, 7, "2024"));
        assertThat(detail(edition)).isEqualTo("读模型落后日志7个事件，尚未读到届次2024；请稍后再试");
        ResponseEntity<ProblemDetail> full = handler.any(new RejectedExecutionException("full"));
        assertThat(title(full)).containsPattern(HAN);
        assertThat(detail(full)).isEqualTo("投票接收已满；请稍后重新发送");

        reader("en");
        assertThat(detail(handler.any(new ReadModels.ReadModelsBehind(120, 100, 2000))))
                .isEqualTo("the read models are at log position 100, behind the head 120 after 2000 ms; ask again later");
        assertThat(title(handler.any(new RejectedExecutionException("full")))).isEqualTo("Service Unavailable");
        assertThat(detail(handler.any(new RejectedExecutionException("full"))))
                .isEqualTo("the vote intake is full; send again later");
    }

    record Probe(@NotBlank String name, @Size(max = 2) String code) {
    }

    @Test
    void a_constraint_checked_outside_a_body_names_its_field_and_says_its_fault_in_the_readers_language() {
        try (LocalValidatorFactoryBean factory = new LocalValidatorFactoryBean()) {
            factory.setValidationMessageSource(Words.messages());
            factory.afterPropertiesSet();
            Validator validator = factory.getValidator();
            Probe probe = new Probe(" ", "abc");
            for (String lang : new String[]{"zh-CN", "en"}) {
                reader(lang);
                ResponseEntity<ProblemDetail> answer = handler.invalidParameter(
                        new ConstraintViolationException(validator.validate(probe)));
                assertThat(answer.getStatusCode().value()).isEqualTo(400);
                assertThat(answer.getBody().getProperties()).containsEntry("code", "VALIDATION")
                        .containsEntry("field", "code");
                if (lang.equals("zh-CN")) {
                    assertThat(title(answer)).isEqualTo("请求无效");
                    assertThat(detail(answer)).startsWith("code：").contains("name：").containsPattern(HAN);
                } else {
                    assertThat(title(answer)).isEqualTo("Bad Request");
                    assertThat(detail(answer)).startsWith("code: ").contains("; name: must not be blank")
                            .doesNotContainPattern(HAN);
                }
            }
        }
    }

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
