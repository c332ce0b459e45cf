package dev.livy.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CodeChunksTest {

    @Test
    void codeWithoutMagicsIsOneChunk() {
        assertEquals(List.of(new CodeChunks.Code("val x = 1\nx + 1")), CodeChunks.split("val x = 1\nx + 1"));
    }

    @Test
    void aMagicLineEndsTheCodeBeforeIt() {
        assertEquals(List.of(new CodeChunks.Code("val m = Map(1 -> 2)"), new CodeChunks.Magic("json", "m")),
                CodeChunks.split("val m = Map(1 -> 2)\n%json m\n"));
    }

    @Test
    void codeAfterAMagicKeepsItsLineNumbers() {
        assertEquals(List.of(new CodeChunks.Magic("table", "rows"), new CodeChunks.Code("\nprintln(1)")),
                CodeChunks.split("%table rows\nprintln(1)"));
    }

    @Test
    void magicArgumentsAreTrimmedAndMayBeMissing() {
        assertEquals(List.of(new CodeChunks.Magic("json", "value")), CodeChunks.split("%json    value  "));
        assertEquals(List.of(new CodeChunks.Magic("json", "")), CodeChunks.split("%json"));
        assertEquals(List.of(new CodeChunks.Magic("", "")), CodeChunks.split("%"));
    }

    @Test
    void blankCodeBetweenMagicsIsDropped() {
        assertEquals(List.of(new CodeChunks.Magic("json", "a"), new CodeChunks.Magic("table", "b")),
                CodeChunks.split("%json a\n  \n%table b"));
        assertEquals(List.of(), CodeChunks.split(""));
    }

    @Test
    void onlyLinesThatStartWithPercentAreMagics() {
        assertEquals(List.of(new CodeChunks.Code("val r = 10 % 3\n  %json r")),
                CodeChunks.split("val r = 10 % 3\n  %json r"));
    }
}
