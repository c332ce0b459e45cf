package dev.livy.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlCompletionTest {
    private final List<String> tables = new ArrayList<>(List.of("people", "Sales_2024"));
    private final SqlCompletion completion = new SqlCompletion(() -> List.of("SELECT", "SET", "FROM"),
            () -> List.of("sum", "sqrt", "select_marker"), () -> tables);

    @Test
    void completesTheWordBeforeTheCursorIgnoringCase() {
        assertEquals(List.of("SELECT", "SET", "select_marker"), completion.complete("se", 2));
        assertEquals(List.of("SELECT", "select_marker"), completion.complete("SELE", 4));
        assertEquals(List.of("Sales_2024"), completion.complete("SELECT * FROM sales", 19));
        assertEquals(List.of("SELECT", "SET", "Sales_2024", "select_marker", "sqrt", "sum"),
                completion.complete("SELECT s(1) FROM t", 8));
    }

    @Test
    void theCursorMayBeInsideTheCode() {
        assertEquals(List.of("people"), completion.complete("SELECT * FROM peo WHERE 1 = 1", 17));
    }

    @Test
    void aDottedNameCompletesItsLastPart() {
        assertEquals(List.of("people"), completion.complete("SELECT * FROM default.pe", 24));
    }

    @Test
    void nothingBeforeTheCursorCompletesToNothing() {
        assertEquals(List.of(), completion.complete("SELECT * FROM ", 14));
        assertEquals(List.of(), completion.complete("", 0));
        assertEquals(List.of(), completion.complete("xyz", 3));
    }

    @Test
    void tablesAreLookedUpAtEachCompletion() {
        tables.add("people_archive");

        assertEquals(List.of("people", "people_archive"), completion.complete("peo", 3));
    }

    @Test
    void wordBeforeTheCursor() {
        assertEquals("abc_1", SqlCompletion.wordBefore("x.abc_1", 7));
        assertEquals("", SqlCompletion.wordBefore("abc ", 4));
        assertEquals("ab", SqlCompletion.wordBefore("abc", 2));
        assertEquals("abc", SqlCompletion.wordBefore("abc", 99));
    }
}
