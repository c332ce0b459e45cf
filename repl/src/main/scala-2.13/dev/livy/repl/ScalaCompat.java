package dev.livy.repl;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import scala.Product;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What the driver needs from the Scala library that differs between Scala 2.12 and 2.13: collection conversions
 * and a case class's field names. This is the Scala 2.13 (Spark 4.x) one; {@code src/main/scala-2.12} holds the
 * other, with the same methods.
 */
final class ScalaCompat {
    private ScalaCompat() {
    }

    static <A> Iterator<A> asJava(scala.collection.Iterator<A> iterator) {
        return CollectionConverters.asJava(iterator);
    }

    static <A> Iterable<A> asJava(scala.collection.Iterable<A> iterable) {
        return CollectionConverters.asJava(iterable);
    }

    static <A> List<A> asJava(scala.collection.Seq<A> seq) {
        return CollectionConverters.asJava(seq);
    }

    static <A> Set<A> asJava(scala.collection.Set<A> set) {
        return CollectionConverters.asJava(set);
    }

    static <K, V> Map<K, V> asJava(scala.collection.Map<K, V> map) {
        return CollectionConverters.asJava(map);
    }

    static <A> scala.collection.immutable.List<A> toScalaList(List<A> list) {
        return CollectionConverters.asScala(list).toList();
    }

    /** The names of a case class's fields, in order. */
    static Iterator<String> elementNames(Product product) {
        return CollectionConverters.asJava(product.productElementNames());
    }
}
