package dev.livy.repl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;

/**
 * The JSON of SQL result rows, by the result's schema: a row is an array of its values; dates are {@code
 * yyyy-MM-dd}, timestamps ISO-8601 instants (UTC), timestamps without time zone ISO-8601 local date-times,
 * decimals exact JSON numbers, binary base64, arrays arrays, maps and structs objects, nulls null. Floating
 * values JSON cannot carry (NaN, infinities) become the strings Spark prints for them. Stateless.
 */
final class RowJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private RowJson() {
    }

    static ArrayNode row(Row row, StructType schema) {
        ArrayNode values = JSON.arrayNode();
        StructField[] fields = schema.fields();
        for (int index = 0; index < fields.length; index++) {
            values.add(value(row.get(index), fields[index].dataType()));
        }
        return values;
    }

    static JsonNode value(Object value, DataType type) {
        if (value == null) {
            return JSON.nullNode();
        }
        if (type instanceof BooleanType) {
            return JSON.booleanNode((Boolean) value);
        }
        if (type instanceof ByteType || type instanceof ShortType || type instanceof IntegerType) {
            return JSON.numberNode(((Number) value).intValue());
        }
        if (type instanceof LongType) {
            return JSON.numberNode(((Number) value).longValue());
        }
        if (type instanceof FloatType || type instanceof DoubleType) {
            return floating((Number) value);
        }
        if (type instanceof DecimalType) {
            return DecimalNode.valueOf(decimal(value));
        }
        if (type instanceof DateType) {
            return JSON.textNode(value instanceof java.sql.Date date ? date.toLocalDate().toString()
                    : ((LocalDate) value).toString());
        }
        if (type instanceof TimestampType) {
            return JSON.textNode(value instanceof java.sql.Timestamp timestamp ? timestamp.toInstant().toString()
                    : ((Instant) value).toString());
        }
        if (type instanceof BinaryType) {
            return JSON.textNode(Base64.getEncoder().encodeToString((byte[]) value));
        }
        if (type instanceof ArrayType array) {
            ArrayNode elements = JSON.arrayNode();
            for (Object element : ScalaCompat.asJava((scala.collection.Iterable<?>) value)) {
                elements.add(value(element, array.elementType()));
            }
            return elements;
        }
        if (type instanceof MapType map) {
            ObjectNode entries = JSON.objectNode();
            Map<?, ?> javaMap = ScalaCompat.asJava((scala.collection.Map<?, ?>) value);
            javaMap.forEach((key, entry) -> entries.set(key(value(key, map.keyType())),
                    value(entry, map.valueType())));
            return entries;
        }
        if (type instanceof StructType struct) {
            Row nested = (Row) value;
            ObjectNode fields = JSON.objectNode();
            StructField[] structFields = struct.fields();
            for (int index = 0; index < structFields.length; index++) {
                fields.set(structFields[index].name(), value(nested.get(index), structFields[index].dataType()));
            }
            return fields;
        }
        // Strings, and types without a JSON counterpart (intervals, variants, user types) as Spark prints them.
        return JSON.textNode(value.toString());
    }

    private static JsonNode floating(Number number) {
        double value = number instanceof Float ? Double.parseDouble(number.toString()) : number.doubleValue();
        if (Double.isNaN(value)) {
            return JSON.textNode("NaN");
        }
        if (Double.isInfinite(value)) {
            return JSON.textNode(value > 0 ? "Infinity" : "-Infinity");
        }
        return JSON.numberNode(value);
    }

    private static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof scala.math.BigDecimal decimal) {
            return decimal.bigDecimal();
        }
        return ((org.apache.spark.sql.types.Decimal) value).toJavaBigDecimal();
    }

    private static String key(JsonNode key) {
        return key.isValueNode() ? key.asText() : key.toString();
    }
}
