package dev.livy.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.livy.common.protocol.DriverSettings;
import dev.livy.common.protocol.StatementOutput;
import org.junit.jupiter.api.Test;

class OutputSizeLimitTest {

    @Test
    void anOutputWithinTheLimitPassesUnchanged() {
        StatementOutput output = Outputs.ok(3, "x".repeat(100));

        assertSame(output, new OutputSizeLimit(1024).apply(3, output));
    }

    @Test
    void aLargerOutputBecomesAnErrorThatSaysWhatToDo() {
        ObjectNode output = new OutputSizeLimit(1024).apply(3, Outputs.ok(3, "x".repeat(2000))).toJson();

        assertEquals("error", output.get("status").asText());
        assertEquals(3, output.get("execution_count").asInt());
        assertEquals("OutputTooLarge", output.get("ename").asText());
        assertEquals("The output of this statement is 2060 bytes, more than the 1024 bytes allowed "
                + "(livy.rsc.statement.max-output-size). Return less, for example df.limit(100), or write large "
                + "results to storage.", output.get("evalue").asText());
    }

    @Test
    void theLimitComesFromTheServersSettings() {
        StatementOutput output = Outputs.ok(0, "x".repeat(50));

        assertEquals("error", OutputSizeLimit.from(new DriverSettings(1000, 40)).apply(0, output)
                .toJson().get("status").asText());
        assertSame(output, OutputSizeLimit.from(DriverSettings.DEFAULTS).apply(0, output));
    }
}
