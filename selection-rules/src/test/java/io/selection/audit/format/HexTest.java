package io.selection.audit.format;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HexTest {

    @Test
    void writes_lowercase_two_digits_per_byte() {
        assertThat(Hex.of(new byte[] {0x00, 0x0f, (byte) 0xab, 0x7f, (byte) 0x80, (byte) 0xff}))
                .isEqualTo("000fab7f80ff");
        assertThat(Hex.of(new byte[0])).isEmpty();
    }

    @Test
    void parses_either_case() {
        assertThat(Hex.parse("000fAB7f80Ff")).containsExactly(0x00, 0x0f, 0xab, 0x7f, 0x80, 0xff);
        assertThat(Hex.parse("")).isEmpty();
    }

    @Test
    void parse_inverts_of_for_any_bytes() {
        Random random = new Random(42);
        for (int length = 0; length < 100; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            assertThat(Hex.parse(Hex.of(bytes))).isEqualTo(bytes);
        }
    }

    @Test
    void refuses_odd_length_non_hex_and_null() {
        assertThatThrownBy(() -> Hex.parse("abc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("odd");
        assertThatThrownBy(() -> Hex.parse("0g")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 1");
        assertThatThrownBy(() -> Hex.parse("-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hex.parse(" 1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hex.parse("\u0661\u0662")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hex.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
