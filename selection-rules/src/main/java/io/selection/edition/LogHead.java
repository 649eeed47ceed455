package io.selection.edition;

/**
 * The edition's log as a command that publishes a list found it: its first {@code size} lines,
 * with Merkle tree head {@code digest}. The server reads it behind the edition's gate, so no line
 * can land between the reading and the command.
 */
public record LogHead(long size, String digest) {
}
