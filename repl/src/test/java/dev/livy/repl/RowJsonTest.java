package dev.livy.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRow;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

class RowJsonTest {

    @Test
    void aRowIsAnArrayOfItsValues() {
        StructType schema = new StructType().add("n", DataTypes.IntegerType).add("s", DataTypes.StringType)
                .add("nothing", DataTypes.LongType);

        assertEquals("[1,\"a\",null]", RowJson.row(new GenericRowWithSchema(new Object[] {1, "a", null}, schema),
                schema).toString());
    }

    @Test
    void numbersKeepTheirKinds() {
        assertEquals("7", json((byte) 7, DataTypes.ByteType));
        assertEquals("10000000000", json(10_000_000_000L, DataTypes.LongType));
        assertEquals("0.1", json(0.1f, DataTypes.FloatType));
        assertEquals("2.5", json(2.5, DataTypes.DoubleType));
        assertEquals("\"NaN\"", json(Double.NaN, DataTypes.DoubleType));
        assertEquals("\"-Infinity\"", json(Double.NEGATIVE_INFINITY, DataTypes.DoubleType));
        assertEquals("true", json(true, DataTypes.BooleanType));
    }

    @Test
    void decimalsAreExactNumbers() {
        assertEquals("12.30", json(new BigDecimal("12.30"), DataTypes.createDecimalType(5, 2)));
        assertEquals("100", json(new BigDecimal("100"), DataTypes.createDecimalType(10, 0)));
    }

    @Test
    void datesAndTimestampsAreIsoStrings() {
        assertEquals("\"2024-02-29\"", json(Date.valueOf("2024-02-29"), DataTypes.DateType));
        assertEquals("\"2024-02-29\"", json(LocalDate.of(2024, 2, 29), DataTypes.DateType));
        assertEquals("\"2024-01-02T03:04:05.123Z\"",
                json(Timestamp.from(Instant.parse("2024-01-02T03:04:05.123Z")), DataTypes.TimestampType));
        assertEquals("\"2024-01-02T03:04:05Z\"", json(Instant.parse("2024-01-02T03:04:05Z"), DataTypes.TimestampType));
        assertEquals("\"2024-01-02T03:04:05\"",
                json(LocalDateTime.of(2024, 1, 2, 3, 4, 5), DataTypes.TimestampNTZType));
    }

    @Test
    void binaryIsBase64() {
        assertEquals("\"AQI=\"", json(new byte[] {1, 2}, DataTypes.BinaryType));
    }

    @Test
    void nestedArraysMapsAndStructsAreArraysAndObjects() {
        StructType inner = new StructType().add("p", DataTypes.IntegerType).add("q", DataTypes.StringType);
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("k", 1);
        map.put("m", null);

        assertEquals("[1,2]", json(CollectionConverters.asScala(List.of(1, 2)).toSeq(),
                DataTypes.createArrayType(DataTypes.IntegerType)));
        assertEquals("{\"k\":1,\"m\":null}", json(CollectionConverters.asScala(map),
                DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType)));
        assertEquals("{\"1\":\"2024-02-29\"}", json(CollectionConverters.asScala(Map.of(1, Date.valueOf("2024-02-29"))),
                DataTypes.createMapType(DataTypes.IntegerType, DataTypes.DateType)));
        assertEquals("{\"p\":1,\"q\":\"x\"}", json(new GenericRow(new Object[] {1, "x"}), inner));
        assertEquals("[{\"p\":2,\"q\":null}]", json(CollectionConverters.asScala(List.<Row>of(
                new GenericRow(new Object[] {2, null}))).toSeq(), DataTypes.createArrayType(inner)));
    }

    private static String json(Object value, DataType type) {
        return RowJson.value(value, type).toString();
    }
}
