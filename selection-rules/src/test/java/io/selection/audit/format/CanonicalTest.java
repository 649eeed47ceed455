package io.selection.audit.format;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanonicalTest {

    private static final long MAX_SAFE = 9_007_199_254_740_991L;

    /** Examples from RFC 8785 and its reference test data (cyberphone/json-canonicalization). */
    @Nested
    class Rfc8785Examples {

        @Test
        void sorts_keys_by_utf16_code_units_as_in_section_3_2_3() {
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("\u20ac", "Euro Sign");
            input.put("\r", "Carriage Return");
            input.put("\ufb33", "Hebrew Letter Dalet With Dagesh");
            input.put("1", "One");
            input.put("\ud83d\ude00", "Emoji: Grinning Face");
            input.put("\u0080", "Control");
            input.put("\u00f6", "Latin Small Letter O With Diaeresis");

            assertThat(Canonical.string(input)).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\","
                    + "\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\","
                    + "\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji: Grinning Face\","
                    + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
        }

        @Test
        void escapes_strings_as_in_section_3_2_2_2() {
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("string", "\u20ac$\u000F\nA'B\"\\\\\"/");
            input.put("literals", Arrays.asList(null, true, false));

            String expected = "{\"literals\":[null,true,false],\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
            assertThat(Canonical.string(input)).isEqualTo(expected);
            assertThat(Hex.of(Canonical.bytes(Map.of("escaping", input.get("string")))))
                    .isEqualTo("7b226573636170696e67223a22e282ac245c7530303066"
                            + "5c6e4127425c225c5c5c5c5c222f227d");
        }

        @Test
        void the_weird_test_case() {
            Map<String, Object> input = new HashMap<>();
            input.put("\u20ac", "Euro Sign");
            input.put("1", "One");
            input.put("\u0080", "Control\u007f");
            input.put("\ud83d\ude02", "Smiley");
            input.put("\u00f6", "Latin Small Letter O With Diaeresis");
            input.put("\ufb33", "Hebrew Letter Dalet With Dagesh");
            input.put("</script>", "Browser Challenge");

            assertThat(Canonical.string(input)).isEqualTo("{\"1\":\"One\",\"</script>\":\"Browser Challenge\","
                    + "\"\u0080\":\"Control\u007f\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\","
                    + "\"\u20ac\":\"Euro Sign\",\"\ud83d\ude02\":\"Smiley\","
                    + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
        }

        @Test
        void sorting_ignores_locale() {
            Map<String, Object> input = Map.of(
                    "peach", "This sorting order",
                    "p\u00e9ch\u00e9", "is wrong according to French",
                    "p\u00eache", "but canonicalization MUST",
                    "sin", "ingnore locale");

            assertThat(Canonical.string(input)).isEqualTo("{\"peach\":\"This sorting order\","
                    + "\"p\u00e9ch\u00e9\":\"is wrong according to French\","
                    + "\"p\u00eache\":\"but canonicalization MUST\",\"sin\":\"ingnore locale\"}");
        }

        @Test
        void does_not_normalise_unicode() {
            assertThat(Canonical.bytes(Map.of("Unnormalized Unicode", "\u1e0d\u0307")))
                    .isEqualTo("{\"Unnormalized Unicode\":\"\u1e0d\u0307\"}".getBytes(StandardCharsets.UTF_8));
        }

        @Test
        void sorts_nested_structures_recursively() {
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("1", Map.of("f", Map.of("f", "hi", "F", 5), "\n", 56));
            input.put("10", Map.of());
            input.put("", "empty");
            input.put("a", Map.of());
            input.put("111", List.of(Map.of()));
            input.put("A", Map.of());

            assertThat(Canonical.string(input))
                    .isEqualTo("{\"\":\"empty\",\"1\":{\"\\n\":56,\"f\":{\"F\":5,\"f\":\"hi\"}},"
                            + "\"10\":{},\"111\":[{}],\"A\":{},\"a\":{}}");
        }

        @Test
        void orders_a_supplementary_character_before_a_high_bmp_one() {
            assertThat(Canonical.string(Map.of("\ue000", 1, "\ud800\udc00", 2)))
                    .isEqualTo("{\"\ud800\udc00\":2,\"\ue000\":1}");
        }
    }

    @Nested
    class Strings {

        @Test
        void escapes_control_characters_with_short_forms_where_json_has_them() {
            StringBuilder all = new StringBuilder();
            for (char c = 0; c < 0x20; c++) {
                all.append(c);
            }
            assertThat(Canonical.string(all.toString())).isEqualTo("\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005"
                    + "\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014"
                    + "\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\"");
        }

        @Test
        void writes_everything_else_literally_including_del_slash_and_line_separators() {
            String literal = "\u007f/\u2028\u2029\u00e9\ufeff\uffff\udbff\udfff";
            assertThat(Canonical.string(literal)).isEqualTo("\"" + literal + "\"");
            assertThat(Canonical.bytes(literal)).isEqualTo(("\"" + literal + "\"").getBytes(StandardCharsets.UTF_8));
        }

        @Test
        void escapes_quotes_and_backslashes_between_plain_runs() {
            assertThat(Canonical.string("a\"b\\c\"")).isEqualTo("\"a\\\"b\\\\c\\\"\"");
            assertThat(Canonical.string("")).isEqualTo("\"\"");
        }

        @Test
        void matches_a_plain_char_by_char_escaper_on_random_strings_of_any_length() {
            Random random = new Random(2028);
            String pool = "\u0000\u0001\u001f\"\\\b\t a~\u007f\u0080\u07ff\u0800\u20ac\ufffd";
            for (int i = 0; i < 3_000; i++) {
                StringBuilder s = new StringBuilder();
                for (int length = random.nextInt(i < 2_900 ? 20 : 2_000); length > 0; length--) {
                    if (random.nextInt(8) == 0) {
                        s.appendCodePoint(0x10000 + random.nextInt(0x100000));
                    } else {
                        s.append(pool.charAt(random.nextInt(pool.length())));
                    }
                }
                String value = s.toString();
                assertThat(Canonical.bytes(value)).isEqualTo(plainEscape(value).getBytes(StandardCharsets.UTF_8));
            }
        }

        @Test
        void makes_room_for_what_follows_many_escapes() {
            String value = "\u0001".repeat(300) + "\u20ac".repeat(300) + "\ud83d\ude00".repeat(100);
            assertThat(Canonical.bytes(value)).isEqualTo(plainEscape(value).getBytes(StandardCharsets.UTF_8));
        }

        private static String plainEscape(String value) {
            StringBuilder out = new StringBuilder("\"");
            for (char c : value.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
                }
            }
            return out.append('"').toString();
        }

        @Test
        void refuses_lone_surrogates() {
            for (String bad : List.of("\ud800", "a\ud83d", "\ude00b", "\ude00\ud83d", "\ud83d\ud83d\ude00")) {
                assertThatThrownBy(() -> Canonical.bytes(bad)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("surrogate");
            }
            assertThatThrownBy(() -> Canonical.bytes(Map.of("\udc00", 1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Values {

        @Test
        void writes_literals_and_integers_without_whitespace() {
            assertThat(Canonical.string(Arrays.asList(null, true, false, 0, -1, (short) 7, 42L, List.of(), Map.of())))
                    .isEqualTo("[null,true,false,0,-1,7,42,[],{}]");
        }

        @Test
        void accepts_integers_up_to_two_to_the_53_minus_one() {
            assertThat(Canonical.string(List.of(MAX_SAFE, -MAX_SAFE, Integer.MIN_VALUE, Integer.MAX_VALUE)))
                    .isEqualTo("[9007199254740991,-9007199254740991,-2147483648,2147483647]");
        }

        @Test
        void refuses_integers_beyond_two_to_the_53_minus_one() {
            for (long n : new long[] {MAX_SAFE + 1, -MAX_SAFE - 1, Long.MAX_VALUE, Long.MIN_VALUE}) {
                assertThatThrownBy(() -> Canonical.bytes(n)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(Long.toString(n));
            }
        }

        @Test
        void refuses_other_types_naming_the_class() {
            for (Object other : List.of(1.5, 1.0f, BigInteger.ONE, BigDecimal.ONE, (byte) 1, 'c', Set.of("a"),
                    new Object[0], new StringBuilder("s"))) {
                assertThatThrownBy(() -> Canonical.bytes(List.of(other)))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(other.getClass().getName());
            }
        }

        @Test
        void refuses_keys_that_are_not_strings() {
            assertThatThrownBy(() -> Canonical.bytes(Map.of(1, "one")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Integer");
            assertThatThrownBy(() -> Canonical.bytes(Map.of(1, "one", 2, "two")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Canonical.bytes(new TreeMap<>(Map.of(1, "one"))))
                    .isInstanceOf(IllegalArgumentException.class);
            Map<String, Object> nullKey = new HashMap<>();
            nullKey.put(null, 1);
            assertThatThrownBy(() -> Canonical.bytes(nullKey))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
        }

        @Test
        void sorts_a_map_sorted_in_some_other_order() {
            Map<String, Object> reversed = new TreeMap<>(Comparator.reverseOrder());
            reversed.put("a", 1);
            reversed.put("b", 2);
            reversed.put("B", 3);
            assertThat(Canonical.string(reversed)).isEqualTo("{\"B\":3,\"a\":1,\"b\":2}");
        }

        @Test
        void write_appends_to_what_is_already_there() {
            StringBuilder out = new StringBuilder("prefix:");
            Canonical.write(Map.of("k", List.of("v")), out);
            assertThat(out).hasToString("prefix:{\"k\":[\"v\"]}");
        }

        @Test
        void bytes_are_the_utf8_of_the_string() {
            Object value = Map.of("\u00e9t\u00e9", List.of("\ud83d\ude00", 1), "z", "\u20ac");
            assertThat(Canonical.bytes(value)).isEqualTo(Canonical.string(value).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Nested
    class AgreesWithJackson {

        /** Characters Jackson and RFC 8785 encode alike: all but the controls Jackson escapes in uppercase. */
        private static final String ALPHABET = "abcXYZ019 _-/\"\\\b\f\n\r\t\u007f\u0080\u00e9\u00f6\u2028\u20ac"
                + "\ufb33\uffff";
        private static final String[] SUPPLEMENTARY = {"\ud83d\ude00", "\ud800\udc00", "\udbff\udfff"};

        /** By default Jackson's UTF-8 output escapes supplementary characters; RFC 8785 writes them as they are. */
        private final ObjectMapper jackson = JsonMapper.builder()
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(SerializationFeature.INDENT_OUTPUT)
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .build();

        @Test
        void on_random_maps_of_strings_and_safe_longs() throws Exception {
            Random random = new Random(8785);
            for (int i = 0; i < 2_000; i++) {
                Map<String, Object> map = randomMap(random, 0);
                assertThat(Canonical.string(map)).isEqualTo(jackson.writeValueAsString(map));
                assertThat(Canonical.bytes(map)).isEqualTo(jackson.writeValueAsBytes(map));
            }
        }

        @Test
        void on_a_sorted_map_passed_straight_through() throws Exception {
            Random random = new Random(6962);
            for (int i = 0; i < 500; i++) {
                Map<String, Object> map = new TreeMap<>(randomMap(random, 1));
                assertThat(Canonical.string(map)).isEqualTo(jackson.writeValueAsString(map));
            }
        }

        private Map<String, Object> randomMap(Random random, int depth) {
            Map<String, Object> map = new HashMap<>();
            int size = random.nextInt(8);
            for (int i = 0; i < size; i++) {
                map.put(randomString(random), randomValue(random, depth));
            }
            return map;
        }

        private Object randomValue(Random random, int depth) {
            int kind = random.nextInt(depth < 2 ? 5 : 3);
            return switch (kind) {
                case 0 -> randomString(random);
                case 1 -> random.nextLong() % (MAX_SAFE + 1);
                case 2 -> random.nextBoolean() ? random.nextInt() : null;
                case 3 -> randomMap(random, depth + 1);
                default -> {
                    List<Object> list = new ArrayList<>();
                    for (int i = random.nextInt(4); i > 0; i--) {
                        list.add(randomValue(random, depth + 1));
                    }
                    yield Collections.unmodifiableList(list);
                }
            };
        }

        private String randomString(Random random) {
            StringBuilder s = new StringBuilder();
            for (int length = random.nextInt(6); length > 0; length--) {
                if (random.nextInt(10) == 0) {
                    s.append(SUPPLEMENTARY[random.nextInt(SUPPLEMENTARY.length)]);
                } else {
                    s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
            }
            return s.toString();
        }
    }

    /** Keys encoded once give the bytes of the map of the same entries, whatever the values hold. */
    @Test
    void an_object_written_with_keys_encoded_once_is_the_canonical_form_of_the_same_map() {
        Random r = new Random(11);
        String[] pool = {"", "plain", "with \"quotes\" and \\", "tab\there", "\u0001\u001f", "票", "\ud83d\ude00",
                "é", "\u007f", "2024-02-29T23:59:59.999Z"};
        for (String[] keys : List.of(new String[0], new String[]{"a"}, new String[]{"castAt", "category", "day",
                "decision", "device", "ip", "reason", "receivedAt", "voteId", "voter", "workId"})) {
            Canonical.Keys encoded = new Canonical.Keys(keys);
            for (int round = 0; round < 200; round++) {
                String[] values = new String[keys.length];
                Map<String, Object> map = new TreeMap<>();
                for (int k = 0; k < keys.length; k++) {
                    values[k] = r.nextInt(5) == 0 ? null : pool[r.nextInt(pool.length)] + r.nextInt(3);
                    map.put(keys[k], values[k]);
                }
                byte[] once = Canonical.object(encoded, values, Arrays::copyOf);
                assertThat(once).isEqualTo(Canonical.bytes(map)).isEqualTo(Canonical.object(keys, values));
            }
        }
    }
}
