package io.selection.edition;

/** Percent weights of the jury score and the vote score in the final score; they add up to 100. */
public record Weights(int jury, int vote) {

    public static final Weights DEFAULT = new Weights(70, 30);
}
