package vn.hoso.spark;

import scala.collection.JavaConverters;
import scala.collection.Seq;

import java.util.List;

/** Scala collections for the Spark and Deequ APIs that take them. */
public final class Seqs {
    private Seqs() {
    }

    @SafeVarargs
    public static <T> Seq<T> of(T... items) {
        return of(List.of(items));
    }

    public static <T> Seq<T> of(List<T> items) {
        return JavaConverters.asScalaBufferConverter(items).asScala().toSeq();
    }
}
