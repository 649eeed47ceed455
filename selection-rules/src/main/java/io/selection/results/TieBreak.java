package io.selection.results;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * One key of a ranking's order, named once: the code an explanation gives when this key decides
 * between two entries, how the key is read, whether the higher value comes first, and how it is
 * shown. A ranking's order is its keys in turn ({@link #order}); an explanation asks which key
 * decided ({@link #deciding}).
 */
public record TieBreak<T>(String code, Function<T, ? extends Comparable<?>> key, boolean higherFirst,
                          Function<T, Object> shown) {

    /** The order of {@code keys} in turn. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <T> Comparator<T> order(List<TieBreak<T>> keys) {
        Comparator<T> order = null;
        for (TieBreak<T> k : keys) {
            Comparator<T> one = Comparator.comparing((Function<T, Comparable>) (Function) k.key());
            if (k.higherFirst()) {
                one = one.reversed();
            }
            order = order == null ? one : order.thenComparing(one);
        }
        return order;
    }

    /** The first of {@code keys} from index {@code from} on which {@code a} and {@code b} differ, or null. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <T> TieBreak<T> deciding(List<TieBreak<T>> keys, int from, T a, T b) {
        for (int i = from; i < keys.size(); i++) {
            TieBreak<T> k = keys.get(i);
            if (((Comparable) k.key().apply(a)).compareTo(k.key().apply(b)) != 0) {
                return k;
            }
        }
        return null;
    }
}
