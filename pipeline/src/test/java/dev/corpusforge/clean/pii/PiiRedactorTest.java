package dev.corpusforge.clean.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.corpusforge.clean.CleanDoc;
import dev.corpusforge.config.CleanConfig;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PiiRedactorTest {
  private static CleanDoc redact(String text) {
    CleanDoc doc = CleanDoc.of(text, null);
    new PiiRedactor(new CleanConfig.Pii()).apply(doc);
    return doc;
  }

  @Test
  void emailsAreReplacedAndCounted() {
    CleanDoc doc = redact("Write to jane.doe+news@mail.example.org or to BOB_1@uni-x.ac.uk, not to @handle.");
    assertEquals("Write to <EMAIL> or to <EMAIL>, not to @handle.", doc.text());
    assertEquals(2, doc.counter("pii_email"));
  }

  @Test
  void thingsThatAreNotEmails() {
    String text = "Use user@localhost, npm i @scope/pkg, git@github, a@b and price 5@3.";
    assertEquals(text, redact(text).text());
  }

  @Test
  void publicIpv4IsReplacedPrivateAndReservedAreNot() {
    CleanDoc doc = redact("Server 8.8.8.8 and 203.0.114.9; LAN 10.0.0.1, 192.168.1.20, 172.16.5.4, 127.0.0.1, "
        + "169.254.1.1, 100.64.0.1, mask 255.255.255.0, docs 192.0.2.7 and 198.51.100.1.");
    assertEquals("Server <IP_ADDRESS> and <IP_ADDRESS>; LAN 10.0.0.1, 192.168.1.20, 172.16.5.4, 127.0.0.1, "
        + "169.254.1.1, 100.64.0.1, mask 255.255.255.0, docs 192.0.2.7 and 198.51.100.1.", doc.text());
    assertEquals(2, doc.counter("pii_ipv4"));
  }

  @Test
  void versionNumbersAreNotAddresses() {
    String text = "Update to version 4.2.1.3, release: 12.0.3.1, v1.2.3.4, build 5.6.7.8, OID 1.3.6.1.4.1, 300.1.1.1, 01.2.3.4.";
    assertEquals(text, redact(text).text());
  }

  @Test
  void publicIpv6IsReplaced() {
    CleanDoc doc = redact("DNS at 2606:4700:4700::1111 and 2001:0db9:0000:0000:0000:ff00:0042:8329.");
    assertEquals("DNS at <IP_ADDRESS> and <IP_ADDRESS>.", doc.text());
    assertEquals(2, doc.counter("pii_ipv6"));
  }

  @Test
  void privateIpv6AndLookAlikesAreKept() {
    String text = "Loopback ::1, link fe80::1ff:fe23:4567:890a, ULA fd12:3456::1, docs 2001:db8::8a2e:370:7334, "
        + "time 12:30:45, std::vector, a::b, MAC 00:1a:2b:3c:4d:5e.";
    assertEquals(text, redact(text).text());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "a.", "@", "a@", "a@b.", "1.", "1.1.1.", "9", ":", "a:", "ff:", "1:", "-"})
  void linearOnAdversarialRuns(String unit) {
    String text = unit.repeat(200_000 / unit.length());
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> redact(text));
  }
}
