package dev.livy.repl;

import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import scala.Option;
import scala.Product;
import scala.collection.JavaConverters;
import scala.tools.nsc.Settings;
import scala.tools.nsc.interpreter.IMain;
import scala.tools.nsc.interpreter.PresentationCompilerCompleter;
import scala.tools.nsc.interpreter.Results;

/**
 * What the driver needs from the Scala library that differs between Scala 2.12 and 2.13: collection conversions
 * a case class's field names, and how the REPL compiler is made, started, asked to run code and to complete. This
 * is the Scala 2.12 (Spark 3.5) one; {@code src/main/scala-2.13} holds the
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

    /** A compiler whose classes load with {@code parent} as parent, reporting to our reporter. */
    static ScalaRepl.Compiler newCompiler(Settings settings, ClassLoader parent, PrintWriter out) {
        settings.explicitParentLoader_$eq(Option.apply(parent));
        ReplMain main = new ReplMain(settings, out);
        return new ScalaRepl.Compiler(main, main.reporter());
    }

    /** Compiles a first line; false when the compiler cannot start. */
    static boolean initialize(IMain main) {
        main.initializeSynchronous();
        return main.isInitializeComplete();
    }

    /**
     * Runs the code. Where 2.12's REPL would wait for more lines, a statement is complete: code that ends in the
     * middle of an expression is parsed again ended by an empty statement, so the parser says why; code that is
     * still incomplete then has no statement at all (only comments), unless a comment or string is left open, and
     * runs as {@code ()}, which prints nothing.
     */
    static Results.Result interpret(IMain main, String code) {
        Results.Result result = main.interpret(code);
        if (result != Results.Incomplete$.MODULE$) {
            return result;
        }
        result = main.interpret(code + "\n;");
        return result == Results.Incomplete$.MODULE$ ? main.interpret(code + "\n()") : result;
    }

    /** The completions of the word at cursor; a fresh completer, since a reused one counts a second tab. */
    static List<String> completions(IMain main, String code, int cursor) {
        return asJava(new PresentationCompilerCompleter(main).complete(code, cursor).candidates());
    }

    /** Scala 2.12's IMain makes its reporter itself: this one makes ours. */
    private static final class ReplMain extends IMain {
        // Set by the first call, which may come from IMain's own constructor: no initialiser may overwrite it.
        private ScalaReporter ourReporter;

        ReplMain(Settings settings, PrintWriter out) {
            super(settings, out);
        }

        @Override
        public ScalaReporter reporter() {
            if (ourReporter == null) {
                ourReporter = new ScalaReporter(this);
            }
            return ourReporter;
        }
    }
}
