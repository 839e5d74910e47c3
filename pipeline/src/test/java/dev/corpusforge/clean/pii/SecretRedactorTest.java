package dev.corpusforge.clean.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.corpusforge.clean.CleanDoc;
import dev.corpusforge.config.CleanConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretRedactorTest {
  private static CleanDoc redact(String text) {
    CleanDoc doc = CleanDoc.of(text, "x.py");
    new SecretRedactor(new CleanConfig.Pii()).apply(doc);
    return doc;
  }

  @Test
  void privateKeyBlocksAreReplacedWhole() {
    CleanDoc doc = redact("KEY = \"\"\"\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\nabc=\n-----END RSA PRIVATE KEY-----\n\"\"\"\n"
        + "-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n");
    assertEquals("KEY = \"\"\"\n<SECRET>\n\"\"\"\n-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n", doc.text());
    assertEquals(1, doc.counter("secret_private_key"));
  }

  @Test
  void cloudKeysAndTokensAreReplaced() {
    String gh = "ghp_" + "A1b2C3d4E5".repeat(3) + "f6G7h8";
    CleanDoc doc = redact("aws = AKIAIOSFODNN7EXAMPLE\ntoken: " + gh + "\nslack xoxb-123456789012-abcdefABCDEF\n");
    assertEquals("aws = <SECRET>\ntoken: <SECRET>\nslack <SECRET>\n", doc.text());
    assertEquals(1, doc.counter("secret_aws_key"));
    assertEquals(1, doc.counter("secret_github_token"));
    assertEquals(1, doc.counter("secret_slack_token"));
  }

  @Test
  void secretAssignmentsKeepTheNameAndQuotes() {
    CleanDoc doc = redact("DB_PASSWORD = \"hunter2!x\"\napi_key: 'sk-live-1234'\n\"client_secret\": \"abcd1234\"\n");
    assertEquals("DB_PASSWORD = \"<SECRET>\"\napi_key: '<SECRET>'\n\"client_secret\": \"<SECRET>\"\n", doc.text());
    assertEquals(3, doc.counter("secret_assignment"));
  }

  @Test
  void ordinaryCodeIsLeftAlone() {
    String code = "if password == \"\": prompt()\nuser.password = read_password()\nAKIA_PREFIX = 'AKIA'\n"
        + "compare(pwd, \"abc\")\nsecret_count = 3\n";
    assertEquals(code, redact(code).text());
  }

  @ParameterizedTest
  @ValueSource(strings = {"A", "AKIA", "ghp_", "x", "xoxb-", "-----BEGIN ", "password", "password=", "a.", "_", "'"})
  void linearOnAdversarialRuns(String unit) {
    String text = unit.repeat(200_000 / unit.length());
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> redact(text));
  }
}
