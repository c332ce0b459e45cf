package dev.livy.repl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import scala.Option;
import scala.Product;

/**
 * The {@code %table} magic for JVM values: a collection of rows (or one row) becomes {@code {"headers":[{"name",
 * "type"}...], "data":[[...]...]}} with the column type names of the Python interpreter ({@code INT_TYPE}, {@code
 * DOUBLE_TYPE}, {@code DECIMAL_TYPE}...). A row is a Spark Row, a case class or a map (named columns: field order,
 * map keys sorted) or a tuple, sequence or single value (columns 0, 1, ...). Stateless.
 */
final class TableMagic {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private TableMagic() {
    }

    /** One cell: its column type name and its JSON value. */
    record Cell(String type, JsonNode value) {
    }

    /** The table; IllegalArgumentException when rows disagree on a column's type or a value has no JSON form. */
    static ObjectNode table(Object value) {
        Map<String, ObjectNode> headers = new LinkedHashMap<>();
        List<Map<String, JsonNode>> rows = new ArrayList<>();
        for (Object row : rows(value)) {
            Map<String, JsonNode> values = new LinkedHashMap<>();
            columns(row).forEach((name, cellValue) -> {
                Cell cell = cell(cellValue);
                ObjectNode header = headers.computeIfAbsent(name,
                        key -> JSON.objectNode().put("name", key).put("type", cell.type()));
                String type = header.get("type").asText();
                if (type.equals("NULL_TYPE")) {
                    header.put("type", cell.type());
                } else if (!cell.type().equals("NULL_TYPE") && !cell.type().equals(type)) {
                    throw new IllegalArgumentException("table rows have different types");
                }
                values.put(name, cell.value());
            });
            rows.add(values);
        }
        ObjectNode table = JSON.objectNode();
        table.putArray("headers").addAll(headers.values());
        ArrayNode data = table.putArray("data");
        for (Map<String, JsonNode> row : rows) {
            ArrayNode cells = data.addArray();
            headers.keySet().forEach(name -> cells.add(row.getOrDefault(name, NullNode.getInstance())));
        }
        return table;
    }

    /** Livy's column type name and the JSON value of one cell. */
    static Cell cell(Object value) {
        if (value instanceof Option<?> option) {
            return option.isDefined() ? cell(option.get()) : new Cell("NULL_TYPE", JSON.nullNode());
        }
        if (value == null) {
            return new Cell("NULL_TYPE", JSON.nullNode());
        }
        if (value instanceof Boolean) {
            return new Cell("BOOLEAN_TYPE", JvmJson.toJson(value));
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger || value instanceof scala.math.BigInt) {
            return new Cell("INT_TYPE", JvmJson.toJson(value));
        }
        if (value instanceof Double || value instanceof Float) {
            return new Cell("DOUBLE_TYPE", JvmJson.toJson(value));
        }
        if (value instanceof BigDecimal || value instanceof scala.math.BigDecimal) {
            return new Cell("DECIMAL_TYPE", JSON.textNode(JvmJson.toJson(value).decimalValue().toPlainString()));
        }
        if (value instanceof java.sql.Date || value instanceof LocalDate) {
            return new Cell("DATE_TYPE", JSON.textNode(JvmJson.dateOrTime(value)));
        }
        if (JvmJson.isDateOrTime(value)) {
            return new Cell("TIMESTAMP_TYPE", JSON.textNode(JvmJson.dateOrTime(value)));
        }
        if (value instanceof scala.collection.Map<?, ?> || value instanceof Map<?, ?>) {
            return new Cell("MAP_TYPE", JvmJson.toJson(value));
        }
        if (isSequence(value) || value instanceof Product product && JvmJson.isTuple(product)) {
            return new Cell("ARRAY_TYPE", JvmJson.toJson(value));
        }
        return new Cell("STRING_TYPE", JSON.textNode(value.toString()));
    }

    private static List<Object> rows(Object value) {
        if (isSequence(value)) {
            List<Object> rows = new ArrayList<>();
            elements(value).forEachRemaining(rows::add);
            return rows;
        }
        return List.of(value);
    }

    /** The cells of one row by column name. */
    private static Map<String, Object> columns(Object row) {
        Map<String, Object> columns = new LinkedHashMap<>();
        if (row instanceof Row sparkRow && sparkRow.schema() != null) {
            String[] names = sparkRow.schema().fieldNames();
            for (int index = 0; index < names.length; index++) {
                columns.put(names[index], sparkRow.get(index));
            }
        } else if (row instanceof Row sparkRow) {
            for (int index = 0; index < sparkRow.length(); index++) {
                columns.put(Integer.toString(index), sparkRow.get(index));
            }
        } else if (row instanceof scala.collection.Map<?, ?> map) {
            sorted(ScalaCompat.asJava(map)).forEach(columns::put);
        } else if (row instanceof Map<?, ?> map) {
            sorted(map).forEach(columns::put);
        } else if (row instanceof Product product && !(row instanceof Option<?>) && !isSequence(row)
                && product.productArity() > 0) {
            Iterator<String> names = ScalaCompat.elementNames(product);
            boolean positional = JvmJson.isTuple(product);
            for (int index = 0; index < product.productArity(); index++) {
                String name = positional || !names.hasNext() ? Integer.toString(index) : names.next();
                columns.put(name, product.productElement(index));
            }
        } else if (isSequence(row)) {
            Iterator<?> cells = elements(row);
            for (int index = 0; cells.hasNext(); index++) {
                columns.put(Integer.toString(index), cells.next());
            }
        } else {
            columns.put("0", row);
        }
        return columns;
    }

    private static Map<String, Object> sorted(Map<?, ?> map) {
        Map<String, Object> sorted = new TreeMap<>();
        map.forEach((key, value) -> sorted.put(JvmJson.key(key), value));
        return sorted;
    }

    /** A sequence of values: a Scala or Java collection other than a map, or an array (not bytes). */
    private static boolean isSequence(Object value) {
        return value instanceof scala.collection.Iterable<?> && !(value instanceof scala.collection.Map<?, ?>)
                || value instanceof Iterable<?>
                || value != null && value.getClass().isArray() && !(value instanceof byte[]);
    }

    private static Iterator<?> elements(Object sequence) {
        if (sequence instanceof scala.collection.Iterable<?> iterable) {
            return ScalaCompat.asJava(iterable).iterator();
        }
        if (sequence instanceof Iterable<?> iterable) {
            return iterable.iterator();
        }
        List<Object> elements = new ArrayList<>();
        for (int index = 0; index < Array.getLength(sequence); index++) {
            elements.add(Array.get(sequence, index));
        }
        return elements.iterator();
    }
}
