package dev.livy.repl;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import scala.Product;
import scala.collection.JavaConverters;

/**
 * What the driver needs from the Scala library that differs between Scala 2.12 and 2.13: collection conversions
 * and a case class's field names. This is the Scala 2.12 (Spark 3.5) one; {@code src/main/scala-2.13} holds the
 * other, with the same methods.
 */
final class ScalaCompat {
    private ScalaCompat() {
    }

    static <A> Iterator<A> asJava(scala.collection.Iterator<A> iterator) {
        return JavaConverters.asJavaIterator(iterator);
    }

    static <A> Iterable<A> asJava(scala.collection.Iterable<A> iterable) {
        return JavaConverters.asJavaIterable(iterable);
    }

    static <A> List<A> asJava(scala.collection.Seq<A> seq) {
        return JavaConverters.seqAsJavaList(seq);
    }

    static <A> Set<A> asJava(scala.collection.Set<A> set) {
        return JavaConverters.setAsJavaSet(set);
    }

    static <K, V> Map<K, V> asJava(scala.collection.Map<K, V> map) {
        return JavaConverters.mapAsJavaMap(map);
    }

    static <A> scala.collection.immutable.List<A> toScalaList(List<A> list) {
        return JavaConverters.asScalaBuffer(list).toList();
    }

    /**
     * The names of a case class's fields, in order. Scala 2.12's Product has no productElementNames: a case
     * class's constructor fields are its first declared instance fields, in order, one per element.
     */
    static Iterator<String> elementNames(Product product) {
        List<String> names = new ArrayList<>();
        for (Field field : product.getClass().getDeclaredFields()) {
            if (names.size() < product.productArity() && !Modifier.isStatic(field.getModifiers())) {
                names.add(field.getName());
            }
        }
        while (names.size() < product.productArity()) {
            names.add("_" + (names.size() + 1));
        }
        return names.iterator();
    }
}
