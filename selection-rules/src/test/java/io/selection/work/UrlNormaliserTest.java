package io.selection.work;

import io.selection.common.DomainException;
import io.selection.common.ErrorCode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class UrlNormaliserTest {

    @Nested
    class Equivalent_urls {

        @Test
        void the_domain_example_normalises_to_the_plain_form() {
            assertThat(UrlNormaliser.normalise("HTTPS://News.Example.cn:443/a/b/#top"))
                    .isEqualTo("https://news.example.cn/a/b")
                    .isEqualTo(UrlNormaliser.normalise("https://news.example.cn/a/b"));
        }

        @Test
        void drops_the_default_http_port() {
            assertThat(UrlNormaliser.normalise("http://news.example.cn:80/a")).isEqualTo("http://news.example.cn/a");
        }

        @Test
        void removes_the_fragment() {
            assertThat(UrlNormaliser.normalise("https://news.example.cn/a#section-2"))
                    .isEqualTo("https://news.example.cn/a");
        }

        @Test
        void removes_a_trailing_slash_of_the_root_path() {
            assertThat(UrlNormaliser.normalise("https://news.example.cn/"))
                    .isEqualTo(UrlNormaliser.normalise("https://news.example.cn"))
                    .isEqualTo("https://news.example.cn");
        }

        @Test
        void removes_the_trailing_slash_before_a_query() {
            assertThat(UrlNormaliser.normalise("https://news.example.cn/a/?id=7"))
                    .isEqualTo("https://news.example.cn/a?id=7");
        }

        @Test
        void trims_surrounding_whitespace() {
            assertThat(UrlNormaliser.normalise("  https://news.example.cn/a  ")).isEqualTo("https://news.example.cn/a");
        }
    }

    @Nested
    class Kept_as_given {

        @Test
        void keeps_a_non_default_port() {
            assertThat(UrlNormaliser.normalise("https://news.example.cn:8443/a")).isEqualTo("https://news.example.cn:8443/a");
        }

        @Test
        void keeps_port_443_on_plain_http_because_it_is_not_http_s_default() {
            assertThat(UrlNormaliser.normalise("http://news.example.cn:443/a")).isEqualTo("http://news.example.cn:443/a");
        }

        @Test
        void keeps_the_query_exactly_as_given_order_and_case_included() {
            assertThat(UrlNormaliser.normalise("https://News.example.cn/a?b=2&A=1&c=X%20Y"))
                    .isEqualTo("https://news.example.cn/a?b=2&A=1&c=X%20Y");
            assertThat(UrlNormaliser.normalise("https://news.example.cn/a?a=1&b=2"))
                    .isNotEqualTo(UrlNormaliser.normalise("https://news.example.cn/a?b=2&a=1"));
        }

        @Test
        void keeps_the_case_of_the_path() {
            assertThat(UrlNormaliser.normalise("https://news.example.cn/Works/A1")).isEqualTo("https://news.example.cn/Works/A1");
        }

        @Test
        void removes_only_one_trailing_slash() {
            assertThat(UrlNormaliser.normalise("https://news.example.cn/a//")).isEqualTo("https://news.example.cn/a/");
        }

        @Test
        void accepts_an_internationalised_host_in_its_ascii_punycode_form() {
            assertThat(UrlNormaliser.normalise("https://XN--XKRR14BOWS.xn--fiqs8s/a/"))
                    .isEqualTo("https://xn--xkrr14bows.xn--fiqs8s/a");
        }

        @Test
        void keeps_non_ascii_characters_of_path_and_query() {
            assertThat(UrlNormaliser.normalise("https://news.example.cn/文章/1?q=正能量"))
                    .isEqualTo("https://news.example.cn/文章/1?q=正能量");
        }

        @Test
        void http_and_https_are_different_works() {
            assertThat(UrlNormaliser.normalise("http://news.example.cn/a"))
                    .isNotEqualTo(UrlNormaliser.normalise("https://news.example.cn/a"));
        }
    }

    @Nested
    class Invalid_urls {

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   ", "not a url", "news.example.cn/a", "/a/b", "ftp://news.example.cn/a",
                "mailto:editor@news.example.cn", "https:///a/b", "https://exa mple.cn/a", "javascript:alert(1)"})
        void are_refused_as_a_validation_error_on_the_url_field(String url) {
            DomainException e = catchThrowableOfType(DomainException.class, () -> UrlNormaliser.normalise(url));

            assertThat(e).as("refusal of %s", url).isNotNull();
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
            assertThat(e.field()).isEqualTo("url");
        }
    }

    @org.junit.jupiter.api.Test
    void an_internationalised_host_is_compared_in_its_ascii_form() {
        String unicode = UrlNormaliser.normalise("https://新华网.中国/a/");
        org.assertj.core.api.Assertions.assertThat(unicode).isEqualTo("https://xn--xkrr14bows.xn--fiqs8s/a");
        org.assertj.core.api.Assertions.assertThat(UrlNormaliser.normalise("HTTPS://XN--XKRR14BOWS.xn--fiqs8s:443/a#x"))
                .isEqualTo(unicode);
    }
}
