package dev.livy.repl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.Product;
import scala.runtime.BoxedUnit;

/**
 * Converts what Scala and Java code compute to JSON, as the {@code %json} and {@code %table} magics show it:
 * collections and tuples become arrays, maps and case classes objects, {@code None} null, dates {@code
 * yyyy-MM-dd}, timestamps ISO-8601 strings, decimals exact numbers. Anything else is refused, as Python refuses
 * what it cannot serialise. Stateless.
 */
final class JvmJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private JvmJson() {
    }

    /** A value of a type that has no JSON form. */
    static final class UnsupportedType extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnsupportedType(Class<?> type) {
            super("Object of type " + type.getName() + " is not JSON serializable");
        }
    }

    /**
     * The JSON of a value; {@link UnsupportedType} for a type without JSON form, IllegalArgumentException for a
     * number JSON cannot carry (NaN, infinities).
     */
    static JsonNode toJson(Object value) {
        if (value == null || value == BoxedUnit.UNIT) {
            return JSON.nullNode();
        }
        if (value instanceof Option<?> option) {
            return option.isDefined() ? toJson(option.get()) : JSON.nullNode();
        }
        if (value instanceof CharSequence || value instanceof Character) {
            return JSON.textNode(value.toString());
        }
        if (value instanceof Boolean bool) {
            return JSON.booleanNode(bool);
        }
        if (value instanceof Number number) {
            return number(number);
        }
        if (isDateOrTime(value)) {
            return JSON.textNode(dateOrTime(value));
        }
        if (value instanceof byte[] bytes) {
            return JSON.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (value instanceof Row row) {
            return row(row);
        }
        if (value instanceof scala.collection.Map<?, ?> map) {
            return object(ScalaCompat.asJava(map));
        }
        if (value instanceof Map<?, ?> map) {
            return object(map);
        }
        if (value instanceof scala.collection.Iterable<?> iterable) {
            return array(ScalaCompat.asJava(iterable).iterator());
        }
        if (value instanceof Product product && product.productArity() > 0) {
            return isTuple(product) ? array(ScalaCompat.asJava(product.productIterator()))
                    : caseClass(product);
        }
        if (value instanceof Iterable<?> iterable) {
            return array(iterable.iterator());
        }
        if (value.getClass().isArray()) {
            ArrayNode array = JSON.arrayNode();
            for (int index = 0; index < Array.getLength(value); index++) {
                array.add(toJson(Array.get(value, index)));
            }
            return array;
        }
        if (value instanceof Enum<?> constant) {
            return JSON.textNode(constant.name());
        }
        if (value instanceof Product) {
            return JSON.textNode(value.toString());
        }
        throw new UnsupportedType(value.getClass());
    }

    static boolean isDateOrTime(Object value) {
        return value instanceof java.util.Date || value instanceof TemporalAccessor;
    }

    /** Dates as yyyy-MM-dd, instants as UTC ISO-8601, local and zoned times as ISO-8601. */
    static String dateOrTime(Object value) {
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof java.util.Date date) {
            return date.toInstant().toString();
        }
        return value.toString();
    }

    static boolean isTuple(Product product) {
        return product.getClass().getName().startsWith("scala.Tuple");
    }

    private static JsonNode number(Number number) {
        if (number instanceof Integer || number instanceof Short || number instanceof Byte) {
            return JSON.numberNode(number.intValue());
        }
        if (number instanceof Long value) {
            return JSON.numberNode(value);
        }
        if (number instanceof BigInteger value) {
            return JSON.numberNode(value);
        }
        if (number instanceof scala.math.BigInt value) {
            return JSON.numberNode(value.bigInteger());
        }
        if (number instanceof BigDecimal value) {
            return DecimalNode.valueOf(value);
        }
        if (number instanceof scala.math.BigDecimal value) {
            return DecimalNode.valueOf(value.bigDecimal());
        }
        // Through the decimal string, so that 0.1f stays 0.1 rather than 0.10000000149011612.
        double value = number instanceof Float ? Double.parseDouble(number.toString()) : number.doubleValue();
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("Out of range float values are not JSON compliant: " + value);
        }
        return JSON.numberNode(value);
    }

    private static JsonNode row(Row row) {
        StructType schema = row.schema();
        if (schema == null) {
            ArrayNode array = JSON.arrayNode();
            for (int index = 0; index < row.length(); index++) {
                array.add(toJson(row.get(index)));
            }
            return array;
        }
        ObjectNode object = JSON.objectNode();
        String[] names = schema.fieldNames();
        for (int index = 0; index < names.length; index++) {
            object.set(names[index], toJson(row.get(index)));
        }
        return object;
    }

    private static ObjectNode object(Map<?, ?> map) {
        ObjectNode object = JSON.objectNode();
        map.forEach((key, value) -> object.set(key(key), toJson(value)));
        return object;
    }

    private static ObjectNode caseClass(Product product) {
        ObjectNode object = JSON.objectNode();
        Iterator<String> names = ScalaCompat.elementNames(product);
        for (int index = 0; index < product.productArity() && names.hasNext(); index++) {
            object.set(names.next(), toJson(product.productElement(index)));
        }
        return object;
    }

    private static ArrayNode array(Iterator<?> elements) {
        ArrayNode array = JSON.arrayNode();
        elements.forEachRemaining(element -> array.add(toJson(element)));
        return array;
    }

    /** A map key as an object field name: strings as they are, other keys as their JSON text. */
    static String key(Object key) {
        if (key instanceof String text) {
            return text;
        }
        JsonNode json = toJson(key);
        return json.isValueNode() ? json.asText() : json.toString();
    }
}
