package io.selection.common;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RatioTest {

    @Nested
    class Equality {

        @Test
        void equal_fractions_are_equal_once_reduced() {
            assertThat(Ratio.of(2, 4)).isEqualTo(Ratio.of(1, 2)).hasSameHashCodeAs(Ratio.of(1, 2));
        }

        @Test
        void a_negative_denominator_is_normalised() {
            assertThat(Ratio.of(1, -2)).isEqualTo(Ratio.of(-1, 2));
        }

        @Test
        void zero_is_zero_whatever_the_denominator() {
            assertThat(Ratio.of(0, 7)).isEqualTo(Ratio.ZERO);
        }

        @Test
        void decimals_convert_exactly_ignoring_trailing_zeros() {
            assertThat(Ratio.of(new BigDecimal("0.50"))).isEqualTo(Ratio.of(1, 2));
            assertThat(Ratio.of(new BigDecimal("85.25"))).isEqualTo(Ratio.of(341, 4));
            assertThat(Ratio.of(new BigDecimal("100.00"))).isEqualTo(Ratio.of(100, 1));
            assertThat(Ratio.of(new BigDecimal("1E+2"))).isEqualTo(Ratio.of(100, 1));
        }

        @Test
        void a_zero_denominator_is_refused() {
            assertThatThrownBy(() -> Ratio.of(1, 0)).isInstanceOf(ArithmeticException.class);
            assertThatThrownBy(() -> Ratio.of(1, 2).dividedBy(0)).isInstanceOf(ArithmeticException.class);
        }

        @Test
        void prints_as_a_reduced_fraction() {
            assertThat(Ratio.of(6, 4)).hasToString("3/2");
            assertThat(Ratio.of(6, 3)).hasToString("2");
        }
    }

    @Nested
    class Arithmetic {

        @Test
        void adds_multiplies_and_divides_exactly() {
            assertThat(Ratio.of(1, 3).plus(Ratio.of(1, 6))).isEqualTo(Ratio.of(1, 2));
            assertThat(Ratio.of(2, 3).times(Ratio.of(3, 4))).isEqualTo(Ratio.of(1, 2));
            assertThat(Ratio.of(1, 1).dividedBy(3).plus(Ratio.of(1, 1).dividedBy(3)).plus(Ratio.of(1, 1).dividedBy(3)))
                    .isEqualTo(Ratio.of(1, 1));
        }
    }

    @Nested
    class Comparison {

        @Test
        void compares_exact_values_not_their_display() {
            Ratio twoThirds = Ratio.of(2, 3);
            Ratio display = Ratio.of(new BigDecimal("0.67"));
            assertThat(twoThirds.toDisplay()).isEqualByComparingTo(display.toDisplay());
            assertThat(twoThirds).isLessThan(display);
            assertThat(display).isGreaterThan(twoThirds);
        }

        @Test
        void equal_values_compare_as_equal() {
            assertThat(Ratio.of(3, 9).compareTo(Ratio.of(1, 3))).isZero();
        }

        @Test
        void orders_by_value_across_denominators() {
            assertThat(Ratio.of(1, 3)).isLessThan(Ratio.of(34, 100)).isGreaterThan(Ratio.of(33, 100));
        }
    }

    @Nested
    class Display {

        @ParameterizedTest(name = "{0}/{1} shows as {2}")
        @CsvSource({
                "1, 8, 0.13",      // 0.125: half goes up
                "1, 3, 0.33",
                "2, 3, 0.67",
                "1, 200, 0.01",    // 0.005
                "1, 201, 0.00",    // just under 0.005
                "25, 1, 25.00",
                "5335, 64, 83.36", // 83.359375
                "1001, 8, 125.13"  // 125.125
        })
        void rounds_half_up_to_two_decimals(long numerator, long denominator, String shown) {
            BigDecimal display = Ratio.of(numerator, denominator).toDisplay();
            assertThat(display).isEqualTo(new BigDecimal(shown));
            assertThat(display.scale()).isEqualTo(2);
        }
    }
}
