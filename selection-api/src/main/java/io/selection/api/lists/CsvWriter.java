package io.selection.api.lists;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * A CSV file as a spreadsheet should open it: UTF-8 behind a byte-order mark (without one, Excel
 * reads Chinese titles in the local code page), CRLF line ends and RFC 4180 quoting. A text field
 * that a spreadsheet would run as a formula gets a leading apostrophe; numbers are written as they are.
 */
public final class CsvWriter {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final StringBuilder out = new StringBuilder();
    private boolean inRow;

    /** A file that starts with the given header row. */
    public CsvWriter(String... header) {
        for (String name : header) {
            text(name);
        }
        endRow();
    }

    public CsvWriter text(String value) {
        return field(value == null ? "" : guarded(value));
    }

    /** A number as JSON gives it: a BigDecimal in plain notation, never with an exponent. */
    public CsvWriter number(Number value) {
        return field(value == null ? "" : value instanceof BigDecimal d ? d.toPlainString() : value.toString());
    }

    public CsvWriter bool(boolean value) {
        return field(Boolean.toString(value));
    }

    public CsvWriter endRow() {
        out.append("\r\n");
        inRow = false;
        return this;
    }

    public byte[] toBytes() {
        byte[] text = out.toString().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(BOM.length + text.length);
        bytes.writeBytes(BOM);
        bytes.writeBytes(text);
        return bytes.toByteArray();
    }

    /** Text a spreadsheet would take for a formula (=, +, -, @, tab, CR first) is made plain text. */
    static String guarded(String text) {
        if (text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + text : text;
    }

    private CsvWriter field(String value) {
        if (inRow) {
            out.append(',');
        }
        inRow = true;
        // a semicolon too: a spreadsheet whose list separator is ';' would split an unquoted field
        // there and might run what follows as a formula
        if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\r') >= 0
                || value.indexOf('\n') >= 0 || value.indexOf(';') >= 0) {
            out.append('"').append(value.replace("\"", "\"\"")).append('"');
        } else {
            out.append(value);
        }
        return this;
    }
}
