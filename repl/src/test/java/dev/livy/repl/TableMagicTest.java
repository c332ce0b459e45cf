package dev.livy.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.Date;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.Tuple3;

class TableMagicTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void tuplesArePositionalColumnsWithLivyTypeNames() throws Exception {
        assertEquals("{\"headers\":[{\"name\":\"0\",\"type\":\"STRING_TYPE\"},"
                        + "{\"name\":\"1\",\"type\":\"INT_TYPE\"},{\"name\":\"2\",\"type\":\"DOUBLE_TYPE\"}],"
                        + "\"data\":[[\"a\",1,0.5],[\"b\",2,1.5]]}",
                TableMagic.table(List.of(new Tuple3<>("a", 1, 0.5), new Tuple3<>("b", 2L, 1.5f))).toString());
    }

    @Test
    void mapsAreNamedColumnsInKeyOrder() throws Exception {
        assertEquals(JSON.readTree("{\"headers\":[{\"name\":\"a\",\"type\":\"DECIMAL_TYPE\"},"
                        + "{\"name\":\"b\",\"type\":\"DATE_TYPE\"}],\"data\":[[\"1.50\",\"2024-02-29\"]]}"),
                TableMagic.table(Map.of("b", Date.valueOf("2024-02-29"), "a", new BigDecimal("1.50"))));
    }

    @Test
    void sparkRowsUseTheirFieldNames() throws Exception {
        StructType schema = new StructType().add("n", DataTypes.IntegerType).add("tags", DataTypes.StringType);

        assertEquals(JSON.readTree("{\"headers\":[{\"name\":\"n\",\"type\":\"INT_TYPE\"},"
                        + "{\"name\":\"tags\",\"type\":\"ARRAY_TYPE\"}],\"data\":[[1,[\"x\",\"y\"]]]}"),
                TableMagic.table(List.of(new GenericRowWithSchema(new Object[] {1, List.of("x", "y")}, schema))));
    }

    @Test
    void aNullColumnTakesTheTypeOfALaterValue() throws Exception {
        assertEquals(JSON.readTree("{\"headers\":[{\"name\":\"0\",\"type\":\"BOOLEAN_TYPE\"}],"
                        + "\"data\":[[null],[true]]}"),
                TableMagic.table(Arrays.asList(null, true)));
    }

    @Test
    void aSingleValueIsOneRow() throws Exception {
        assertEquals(JSON.readTree("{\"headers\":[{\"name\":\"0\",\"type\":\"INT_TYPE\"}],\"data\":[[7]]}"),
                TableMagic.table(7));
    }

    @Test
    void rowsOfDifferentTypesAreRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> TableMagic.table(List.of(1, "one")));
        assertEquals("table rows have different types", error.getMessage());
    }
}
