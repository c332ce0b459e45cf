package dev.livy.repl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.livy.common.protocol.StatementOutput;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalog.Table;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.analysis.FunctionRegistry$;
import org.apache.spark.sql.catalyst.util.SQLKeywordUtils$;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQL statements (kind {@code sql}) on the driver's SparkSession: {@code {"application/json": {"schema": <the
 * result's StructType JSON>, "data": [[row values]...]}}} with at most {@code livy.rsc.sql.num-rows} rows.
 * Thread-safe; it keeps no state of its own, so completion never waits for a running statement.
 */
final class SqlInterpreter implements Interpreter {
    private static final Logger LOG = LoggerFactory.getLogger(SqlInterpreter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SparkSession spark;
    private final int maxRows;
    private final SqlCompletion completion;

    SqlInterpreter(SparkSession spark, int maxRows) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.maxRows = maxRows;
        List<String> keywords = keywords();
        List<String> functions = builtinFunctions();
        this.completion = new SqlCompletion(() -> keywords, () -> functions, this::tablesAndViews);
    }

    @Override
    public StatementOutput execute(int statementId, String code) {
        try {
            Dataset<Row> result = spark.sql(code);
            StructType schema = result.schema();
            ObjectNode table = JSON.createObjectNode();
            table.set("schema", JSON.readTree(schema.json()));
            ArrayNode data = table.putArray("data");
            for (Row row : result.takeAsList(maxRows)) {
                data.add(RowJson.row(row, schema));
            }
            ObjectNode mime = JSON.createObjectNode();
            mime.set(Outputs.APPLICATION_JSON, table);
            return Outputs.ok(statementId, mime);
        } catch (JsonProcessingException e) {
            return Outputs.error(statementId, "InternalError", "Cannot read the result schema: " + e.getMessage());
        } catch (Exception e) {
            // Spark's own errors (parse errors, missing tables) are user errors: shown, not logged as failures.
            String message = Objects.requireNonNullElse(e.getMessage(), e.toString());
            return Outputs.error(statementId, Outputs.ename(e), message);
        }
    }

    @Override
    public List<String> complete(String code, int cursor) {
        return completion.complete(code, cursor);
    }

    /** Spark SQL statements stop when the runner cancels their job group; there is nothing else to interrupt. */
    @Override
    public void interrupt() {
    }

    @Override
    public void close() {
    }

    private Collection<String> tablesAndViews() {
        try {
            List<String> names = new ArrayList<>();
            for (Table table : spark.catalog().listTables().collectAsList()) {
                names.add(table.name());
            }
            return names;
        } catch (RuntimeException e) {
            LOG.debug("Cannot list tables for completion", e);
            return List.of();
        }
    }

    /** Spark's SQL keywords, or the common ones when this Spark does not list them. */
    static List<String> keywords() {
        try {
            return List.copyOf(ScalaCompat.asJava(SQLKeywordUtils$.MODULE$.keywords()));
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("Spark's SQL keyword list is not available", e);
            return List.of("SELECT", "FROM", "WHERE", "GROUP", "BY", "ORDER", "HAVING", "LIMIT", "JOIN", "ON",
                    "AS", "AND", "OR", "NOT", "NULL", "INSERT", "INTO", "VALUES", "CREATE", "TABLE", "VIEW",
                    "DROP", "SHOW", "DESCRIBE", "WITH", "UNION", "DISTINCT", "CASE", "WHEN", "THEN", "ELSE",
                    "END");
        }
    }

    static List<String> builtinFunctions() {
        try {
            List<String> names = new ArrayList<>();
            for (FunctionIdentifier function : ScalaCompat.asJava(FunctionRegistry$.MODULE$.functionSet())) {
                names.add(function.funcName());
            }
            return List.copyOf(names);
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("Spark's function list is not available", e);
            return List.of();
        }
    }
}
