package dev.livy.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;

class JvmJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void scalarsKeepTheirJsonTypes() throws Exception {
        assertEquals("[null,\"text\",\"c\",true,1,10000000000,0.1,2.5,12.30,123456789012345678901234567890]",
                JvmJson.toJson(List.of(Option.empty(), "text", 'c', true, 1, 10_000_000_000L, 0.1f, 2.5,
                        new BigDecimal("12.30"), new java.math.BigInteger("123456789012345678901234567890")))
                        .toString());
        assertEquals(json("null"), JvmJson.toJson(null));
        assertEquals(json("3"), JvmJson.toJson(Option.apply(3)));
    }

    @Test
    void datesAndTimesAreIsoStrings() throws Exception {
        assertEquals(json("[\"2024-02-29\",\"2024-02-29\",\"2024-01-02T03:04:05Z\",\"2024-01-02T03:04:05Z\"]"),
                JvmJson.toJson(List.of(Date.valueOf("2024-02-29"), LocalDate.of(2024, 2, 29),
                        Timestamp.from(Instant.parse("2024-01-02T03:04:05Z")),
                        Instant.parse("2024-01-02T03:04:05Z"))));
    }

    @Test
    void scalaCollectionsMapsAndTuples() throws Exception {
        Map<String, Integer> map = new LinkedHashMap<>();
        map.put("b", 2);
        map.put("a", 1);
        scala.collection.immutable.List<Object> list =
                CollectionConverters.asScala(List.<Object>of(1, 2, 3)).toList();

        assertEquals(json("[1,2,3]"), JvmJson.toJson(list));
        assertEquals(json("{\"b\":2,\"a\":1}"), JvmJson.toJson(CollectionConverters.asScala(map)));
        assertEquals(json("[\"k\",[1,2,3]]"), JvmJson.toJson(new Tuple2<>("k", list)));
        assertEquals(json("[1,2]"), JvmJson.toJson(new int[] {1, 2}));
        assertEquals(json("{\"1\":\"one\"}"), JvmJson.toJson(Map.of(1, "one")));
    }

    @Test
    void sparkRowsWithASchemaAreObjects() throws Exception {
        StructType schema = new StructType().add("n", DataTypes.IntegerType).add("s", DataTypes.StringType);

        assertEquals(json("{\"n\":1,\"s\":\"a\"}"), JvmJson.toJson(new GenericRowWithSchema(new Object[] {1, "a"},
                schema)));
    }

    @Test
    void refusesWhatHasNoJsonForm() {
        assertThrows(JvmJson.UnsupportedType.class, () -> JvmJson.toJson(new Object()));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> JvmJson.toJson(Double.NaN));
        assertEquals(false, nan instanceof JvmJson.UnsupportedType);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
