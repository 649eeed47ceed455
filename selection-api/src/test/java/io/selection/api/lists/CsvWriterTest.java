package io.selection.api.lists;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class CsvWriterTest {

    private static String body(CsvWriter csv) {
        byte[] bytes = csv.toBytes();
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    }

    @Test
    void starts_with_the_byte_order_mark_and_ends_every_row_with_crlf() {
        CsvWriter csv = new CsvWriter("a", "b").text("春天的故事").number(1).endRow();
        assertThat(body(csv)).isEqualTo("a,b\r\n春天的故事,1\r\n");
    }

    @Test
    void quotes_a_field_holding_a_comma_a_quote_or_a_line_break_and_doubles_inner_quotes() {
        CsvWriter csv = new CsvWriter("x").text("a,b").text("say \"hi\"").text("two\nlines").text("cr\rhere")
                .text("plain").endRow();
        assertThat(body(csv)).isEqualTo("x\r\n\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",plain\r\n");
    }

    @Test
    void text_a_spreadsheet_would_run_as_a_formula_is_made_plain_text() {
        assertThat(CsvWriter.guarded("=SUM(A1:A9)")).isEqualTo("'=SUM(A1:A9)");
        assertThat(CsvWriter.guarded("+1")).isEqualTo("'+1");
        assertThat(CsvWriter.guarded("-1")).isEqualTo("'-1");
        assertThat(CsvWriter.guarded("@cmd")).isEqualTo("'@cmd");
        assertThat(CsvWriter.guarded("\tx")).isEqualTo("'\tx");
        assertThat(CsvWriter.guarded("\rx")).isEqualTo("'\rx");
        assertThat(CsvWriter.guarded("a=b")).isEqualTo("a=b");
        assertThat(CsvWriter.guarded("")).isEmpty();
        // a guarded field that must also be quoted is both
        assertThat(body(new CsvWriter("x").text("=HYPERLINK(\"http://x\",\"y\")").endRow()))
                .isEqualTo("x\r\n\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n");
        // where ';' separates fields, an unquoted "a;=cmd" would be split and its second half run
        assertThat(body(new CsvWriter("x").text("a;=cmd()").endRow())).isEqualTo("x\r\n\"a;=cmd()\"\r\n");
    }

    @Test
    void numbers_are_written_as_they_are_and_a_missing_value_is_an_empty_field() {
        CsvWriter csv = new CsvWriter("x").number(-5).number(new BigDecimal("1E+2")).number(new BigDecimal("85.50"))
                .number(null).text(null).bool(true).endRow();
        assertThat(body(csv)).isEqualTo("x\r\n-5,100,85.50,,,true\r\n");
    }
}
