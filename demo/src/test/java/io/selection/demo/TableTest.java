package io.selection.demo;

import io.selection.demo.Table.Align;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The demo's terminal tables: every column lines up whatever the length or script of its cells. */
class TableTest {

    /** Where, in terminal columns, {@code cell} starts on {@code line}. */
    private static int columnOf(String line, String cell) {
        int at = line.indexOf(cell);
        assertThat(at).as("%s in %s", cell, line).isNotNegative();
        return Table.width(line.substring(0, at));
    }

    @Test
    void a_code_longer_than_the_header_widens_its_column_so_the_numbers_after_it_still_line_up() {
        // The 2023 edition's codes: two of them are longer than the fixed 14 columns the summary once had.
        List<String> lines = new Table(Align.LEFT, Align.RIGHT, Align.RIGHT)
                .row("category", "submitted", "valid votes")
                .row("texts", "78", "4,174")
                .row("special-columns", "42", "2,526")
                .row("theme-activities", "45", "3,178")
                .lines("  ");

        int submittedEnds = columnOf(lines.get(0), "submitted") + "submitted".length();
        assertThat(columnOf(lines.get(1), "78") + 2).isEqualTo(submittedEnds);
        assertThat(columnOf(lines.get(2), "42") + 2).isEqualTo(submittedEnds);
        assertThat(columnOf(lines.get(3), "45") + 2).isEqualTo(submittedEnds);
        assertThat(lines).allSatisfy(line -> assertThat(Table.width(line)).isEqualTo(Table.width(lines.get(0))));
        assertThat(lines.get(3)).startsWith("  theme-activities  ");
    }

    @Test
    void a_chinese_cell_counts_two_columns_a_character_so_the_next_column_starts_where_the_others_do() {
        List<String> lines = new Table(Align.LEFT, Align.LEFT, Align.RIGHT)
                .row("code", "name", "works")
                .row("texts", "文字类作品", "78")
                .row("special-columns", "Special columns", "42")
                .row("photos", "图片", "7")
                .lines("");

        int works = columnOf(lines.get(0), "works");
        assertThat(columnOf(lines.get(1), "78")).isEqualTo(works + 3);
        assertThat(columnOf(lines.get(2), "42")).isEqualTo(works + 3);
        assertThat(columnOf(lines.get(3), "7")).isEqualTo(works + 4);
        int name = columnOf(lines.get(0), "name");
        assertThat(columnOf(lines.get(1), "文字类作品")).isEqualTo(name);
        assertThat(columnOf(lines.get(3), "图片")).isEqualTo(name);
    }

    @Test
    void the_last_column_is_left_as_it_is_without_trailing_blanks() {
        List<String> lines = new Table(Align.RIGHT, Align.LEFT).row("1", "a long title").row("10", "short")
                .lines("    ");

        assertThat(lines).containsExactly("     1  a long title", "    10  short");
    }

    @Test
    void terminal_widths_of_wide_combining_and_plain_characters() {
        assertThat(Table.width("texts")).isEqualTo(5);
        assertThat(Table.width("文字类")).isEqualTo(6);
        assertThat(Table.width("ＡＢ")).isEqualTo(4);
        assertThat(Table.width("e\u0301")).isEqualTo(1);
        assertThat(Table.width("Wu Hao 吴昊")).isEqualTo(11);
        assertThat(Table.width("\uD840\uDC0B")).isEqualTo(2); // 𠀋, outside the basic plane
    }

    @Test
    void a_row_with_the_wrong_number_of_cells_is_refused() {
        assertThatThrownBy(() -> new Table(Align.LEFT, Align.LEFT).row("only one"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 cells in a table of 2");
    }
}
