package dev.livy.it.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A tiny Spark application that batch tests submit as a jar with {@code className}: counts the words of a text
 * file and writes {@code word<TAB>count} lines, sorted by word, to the output file.
 */
public final class WordCountApp {
    private WordCountApp() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: WordCountApp <input file> <output file>");
        }
        SparkSession spark = SparkSession.builder().getOrCreate();
        try {
            Dataset<Row> counts = spark.read().text(args[0])
                    .selectExpr("explode(split(lower(value), '\\\\s+')) AS word")
                    .where("word <> ''").groupBy("word").count().orderBy("word");
            List<String> lines = counts.collectAsList().stream()
                    .map(row -> row.getString(0) + "\t" + row.getLong(1)).toList();
            Files.write(Path.of(args[1]), lines, StandardCharsets.UTF_8);
            System.out.println("WordCountApp counted " + lines.size() + " distinct words");
        } finally {
            spark.stop();
        }
    }
}
