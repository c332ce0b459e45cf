package dev.livy.repl;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import scala.Option;
import scala.Product;
import scala.jdk.javaapi.CollectionConverters;
import scala.tools.nsc.Settings;
import scala.tools.nsc.interpreter.CompletionCandidate;
import scala.tools.nsc.interpreter.IMain;
import scala.tools.nsc.interpreter.Results;
import scala.tools.nsc.interpreter.shell.Accumulator;
import scala.tools.nsc.interpreter.shell.CompletionResult;
import scala.tools.nsc.interpreter.shell.ReplCompletion;

/**
 * What the driver needs from the Scala library that differs between Scala 2.12 and 2.13: collection conversions
 * a case class's field names, and how the REPL compiler is made, started, asked to run code and to complete. This
 * is the Scala 2.13 (Spark 4.x) one; {@code src/main/scala-2.12} holds the
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

    /** A compiler whose classes load with {@code parent} as parent, reporting to our reporter. */
    static ScalaRepl.Compiler newCompiler(Settings settings, ClassLoader parent, PrintWriter out) {
        ScalaReporter reporter = new ScalaReporter(settings, out);
        return new ScalaRepl.Compiler(new IMain(settings, Option.apply(parent), settings, reporter), reporter);
    }

    /** Compiles a first line; false when the compiler cannot start. */
    static boolean initialize(IMain main) {
        return main.initializeCompiler();
    }

    /** Runs the code; code that ends in the middle of an expression is compiled again so the parser says why. */
    static Results.Result interpret(IMain main, String code) {
        Results.Result result = main.interpret(code);
        return result == Results.Incomplete$.MODULE$ ? main.interpretFinally(code) : result;
    }

    /** The completions of the word at cursor; a fresh completer, since a reused one counts a second tab. */
    static List<String> completions(IMain main, String code, int cursor) {
        CompletionResult result = new ReplCompletion(main, new Accumulator()).complete(code, cursor);
        List<String> names = new ArrayList<>();
        for (CompletionCandidate candidate : asJava(result.candidates())) {
            names.add(candidate.name());
        }
        return names;
    }
}
