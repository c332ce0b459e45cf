package dev.livy.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactionTest {
    @Test
    void hidesWhatSparksDefaultPatternCallsSecretAndKeepsTheRest() {
        Map<String, String> redacted = Redaction.redact(Map.of(
                "spark.hadoop.fs.s3a.secret.key", "s3-secret",
                "spark.hadoop.fs.s3a.access.key", "AKIA0000",
                "spark.ssl.keyStorePassword", "changeit",
                "spark.authenticate.Secret", "shared",
                "spark.executorEnv.GITHUB_TOKEN", "ghp_x",
                "spark.hadoop.fs.azure.account.accesskey", "azure",
                "spark.driver.memory", "1g"));

        assertEquals(Map.of(
                "spark.hadoop.fs.s3a.secret.key", Redaction.REDACTED,
                "spark.hadoop.fs.s3a.access.key", Redaction.REDACTED,
                "spark.ssl.keyStorePassword", Redaction.REDACTED,
                "spark.authenticate.Secret", Redaction.REDACTED,
                "spark.executorEnv.GITHUB_TOKEN", Redaction.REDACTED,
                "spark.hadoop.fs.azure.account.accesskey", Redaction.REDACTED,
                "spark.driver.memory", "1g"), redacted);
    }

    @Test
    void hidesSecretSystemPropertiesInsideJavaOptions() {
        Map<String, String> redacted = Redaction.redact(Map.of(
                "spark.driver.extraJavaOptions", "-Xmx1g -Dapp.db.password=hunter2 -Dapp.name=etl",
                "spark.executor.extraJavaOptions", "-Dapi.token='two words' -Dquoted.Secret=\"x y\" -verbose:gc"));

        assertEquals(Map.of(
                "spark.driver.extraJavaOptions", "-Xmx1g -Dapp.db.password=" + Redaction.REDACTED + " -Dapp.name=etl",
                "spark.executor.extraJavaOptions", "-Dapi.token=" + Redaction.REDACTED + " -Dquoted.Secret="
                        + Redaction.REDACTED + " -verbose:gc"), redacted);
    }

    @Test
    void namesTheSecretSystemPropertiesThatSparkPutsOnACommandLine() {
        assertEquals(List.of("spark.driver.extraJavaOptions sets -Dapp.db.password",
                        "spark.executor.defaultJavaOptions sets -Daws.secret.key"),
                Redaction.secretJavaOptions(Map.of(
                        "spark.driver.extraJavaOptions", "-Dapp.db.password=hunter2 -Dapp.name=etl",
                        "spark.executor.defaultJavaOptions", "-Daws.secret.key=x",
                        "spark.app.description", "-Dapp.password=not-a-java-option")));
    }
}
