package dev.corpusforge.ingest.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.doc.Documents;
import dev.corpusforge.testing.SparkTests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class CodeIngestTest {

  @Test
  void sampleRepositoryKeepsSourceFilesAndRejectsTheRestWithReasons() throws Exception {
    ReaderTests t = ReaderTests.ingest("code", SparkTests.root().resolve("data-samples/code"));
    String file = "sample-repo.tar.gz";
    assertEquals(5, t.group(file).kept);
    assertEquals(Map.of("code:unknown-extension", 2L, "code:vendored", 1L, "code:minified", 1L, "code:binary", 1L,
        "empty", 1L), t.reasons(file));
    List<String> paths = t.docs().select("metadata").collectAsList().stream()
        .map(r -> ReaderTests.metadata(r, "path")).sorted().toList();
    assertEquals(List.of("README.md", "lib/Counter.java", "src/main.py", "src/util/strings.go", "web/app.js"), paths);
    Row py = t.docs().filter("metadata['path'] = 'src/main.py'").first();
    assertEquals("Python", ReaderTests.metadata(py, "language"));
    assertEquals("sample-repo", ReaderTests.metadata(py, "repo"));
    assertEquals(Documents.stableId("code", "sample-repo/src/main.py"), py.getAs("id"));
    String text = py.getAs("text");
    assertEquals(text.getBytes(StandardCharsets.UTF_8).length, Integer.parseInt(ReaderTests.metadata(py, "bytes")));
    assertTrue(text.startsWith("\"\"\"Counts lanternfish sightings"), text);
  }

  @Test
  void hostileDamagedAndOversizeInputsAreRejectedWithReasons() throws Exception {
    Path dir = SparkTests.tempDir("code-bad");
    Path secret = dir.resolve("secret.py");
    Files.writeString(secret, "SECRET = 'outside the repository'\n");
    Path in = Files.createDirectory(dir.resolve("in"));
    Archives.create(in.resolve("hostile.zip"))
        .file("ok.py", "print('inside')\n")
        .file("../zip-escape.py", "print('ESCAPED')\n")
        .file("/abs.py", "print('ABSOLUTE')\n")
        .symlink("link.py", secret.toString())
        .close();
    Archives.create(in.resolve("hostile.tar.gz"))
        .file("a/ok.go", "package a\n")
        .file("a/../../tar-escape.go", "package ESCAPED\n")
        .symlink("a/link.go", secret.toString())
        .file("a/bad.rs", new byte[] {'f', 'n', ' ', (byte) 0xC3, (byte) 0x28, '\n'})
        .file("a/big.py", ("x = 1\n").repeat(20_000))
        .close();
    Archives.truncated(SparkTests.root().resolve("data-samples/code/sample-repo.tar.gz"), in.resolve("cut.tar.gz"), 0.6);
    // A bomb made of files that each pass the size check: the archive total stops it.
    Archives bomb = Archives.create(in.resolve("bomb.zip"));
    for (int i = 0; i < 20; i++) bomb.file("f" + i + ".c", "x;\n".repeat(30_000));
    bomb.close();
    Files.createFile(in.resolve("empty.zip"));
    Path repo = Files.createDirectories(in.resolve("checkout/src"));
    Files.createDirectories(in.resolve("checkout/.git"));
    Files.writeString(in.resolve("checkout/.git/config"), "[core]\n");
    Files.writeString(repo.resolve("lib.rb"), "puts 'hi'\n");
    Files.createSymbolicLink(repo.resolve("leak.py"), secret);

    PipelineConfig config = SparkTests.defaults();
    config.ingest.maxCodeFileBytes = 100_000;
    config.ingest.maxArchiveBytes = 1 << 20;
    ReaderTests t = ReaderTests.ingest("code", config, in);

    assertEquals(Map.of("hostile-path", 3L), t.reasons("hostile.zip"));
    assertEquals(1, t.group("hostile.zip").kept);
    assertEquals(Map.of("hostile-path", 2L, "code:binary", 1L, "code:oversize", 1L), t.reasons("hostile.tar.gz"));
    assertEquals(1L, t.reasons("cut.tar.gz").get("corrupt"));
    assertEquals(1L, t.reasons("bomb.zip").get("archive-limit"));
    assertTrue(t.group("bomb.zip").read < 20, "reading stopped at the limit");
    assertEquals(Map.of("empty-file", 1L), t.reasons("empty.zip"));
    assertEquals(Map.of("code:vendored", 1L, "hostile-path", 1L), t.reasons("checkout"), "a .git folder makes a repository");
    assertEquals(1, t.group("checkout").kept);

    for (Row r : t.docs().union(t.rejects().drop("reject_reason", "reject_details")).collectAsList()) {
      String s = r.toString();
      assertFalse(s.contains("outside the repository") || s.contains("ESCAPED") || s.contains("ABSOLUTE"), s);
    }
    assertFalse(Files.exists(dir.resolve("zip-escape.py")) || Files.exists(dir.resolve("tar-escape.go"))
        || Files.exists(Path.of("/abs.py")), "nothing extracted");
  }
}
