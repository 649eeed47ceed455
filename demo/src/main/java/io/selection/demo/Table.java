package io.selection.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for a terminal: each column as wide as its widest cell, so a long category code
 * or name never pushes the cells after it out of line, and a Chinese, Japanese or Korean character
 * counted as the two columns a terminal gives it.
 */
final class Table {

    enum Align { LEFT, RIGHT }

    private final List<Align> aligns;
    private final List<List<String>> rows = new ArrayList<>();

    Table(Align... aligns) {
        this.aligns = List.of(aligns);
    }

    /** A row of cells, one per column. */
    Table row(String... cells) {
        if (cells.length != aligns.size()) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of "
                    + aligns.size() + " columns");
        }
        rows.add(List.of(cells));
        return this;
    }

    /** The rows as lines, each starting with {@code indent}, columns two spaces apart, no trailing blanks. */
    List<String> lines(String indent) {
        int[] widths = new int[aligns.size()];
        for (List<String> row : rows) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], width(row.get(c)));
            }
        }
        List<String> lines = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int c = 0; c < widths.length; c++) {
                String cell = row.get(c);
                String pad = " ".repeat(widths[c] - width(cell));
                line.append(c == 0 ? "" : "  ").append(aligns.get(c) == Align.RIGHT ? pad + cell : cell + pad);
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    /** The columns a terminal gives {@code text}: two for a wide (East Asian) character, none for a combining mark. */
    static int width(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
                continue;
            }
            width += wide(cp) ? 2 : 1;
        }
        return width;
    }

    /** The East Asian Wide and Fullwidth ranges of Unicode's EastAsianWidth.txt, in blocks. */
    private static boolean wide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F)        // Hangul Jamo initials
                || (cp >= 0x2E80 && cp <= 0x303E)    // CJK radicals, symbols and punctuation
                || (cp >= 0x3041 && cp <= 0x33FF)    // kana, bopomofo, CJK compatibility
                || (cp >= 0x3400 && cp <= 0x4DBF)    // CJK extension A
                || (cp >= 0x4E00 && cp <= 0x9FFF)    // CJK unified ideographs
                || (cp >= 0xA000 && cp <= 0xA4CF)    // Yi
                || (cp >= 0xAC00 && cp <= 0xD7A3)    // Hangul syllables
                || (cp >= 0xF900 && cp <= 0xFAFF)    // CJK compatibility ideographs
                || (cp >= 0xFE30 && cp <= 0xFE4F)    // CJK compatibility forms
                || (cp >= 0xFF00 && cp <= 0xFF60)    // fullwidth forms
                || (cp >= 0xFFE0 && cp <= 0xFFE6)    // fullwidth signs
                || (cp >= 0x1F300 && cp <= 0x1F64F)  // pictographs and emoticons
                || (cp >= 0x1F900 && cp <= 0x1F9FF)  // supplemental pictographs
                || (cp >= 0x20000 && cp <= 0x3FFFD); // CJK extensions B onwards
    }
}
