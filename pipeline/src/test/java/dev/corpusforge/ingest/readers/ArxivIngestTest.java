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

class ArxivIngestTest {
  private static final Path SAMPLES = SparkTests.root().resolve("data-samples/arxiv");

  @Test
  void samplePapersBecomeCleanedLatexWithInputsAndMacrosResolved() throws Exception {
    ReaderTests t = ReaderTests.ingest("arxiv", SAMPLES, SparkTests.root().resolve("data-samples/sources/arxiv/2401.00001"));
    assertEquals(1, t.group("2401.00001.tar.gz").kept);
    assertEquals(1, t.group("2401.00002.gz").kept);
    assertEquals(1, t.group("sources/arxiv/2401.00001").kept, "an unpacked directory is one paper");

    List<Row> first = t.docs().filter("provenance.file like '%.tar.gz'").collectAsList();
    Row paper = first.get(0);
    String text = paper.getAs("text");
    assertEquals(Documents.stableId("arxiv", "2401.00001"), paper.getAs("id"));
    assertEquals("LanternNet: Counting Glowing Fish with Sparse Sonar", paper.getAs("title"));
    assertEquals("main.tex", ReaderTests.metadata(paper, "main_file"));
    assertEquals("2401.00001", ReaderTests.metadata(paper, "arxiv_id"));
    assertTrue(text.startsWith("\\section{Introduction}\nCounting fish in a bay"), text);
    assertTrue(text.contains("$x \\in \\mathbb{R}^d$"), "\\R expanded, math kept: " + text);
    assertTrue(text.contains("\\section{Method}") && text.contains("\\varepsilon > 0") && text.contains("LanternNet{} estimates"), text);
    assertTrue(text.contains("\\norm{w}"), "a macro with arguments is left alone");
    assertTrue(text.contains("counts fish with 5\\% error\nat a cost"), "escaped percent kept, comment dropped: " + text);
    for (String gone : List.of("unfinished", "\\bibliography", "\\usepackage", "abstract", "\\end{document}", "comment")) {
      assertFalse(text.contains(gone), gone + " in " + text);
    }
    String fromDirectory = t.docs().filter("provenance.file not like '%.gz'").first().getAs("text");
    assertEquals(text, fromDirectory);

    String second = t.docs().filter("provenance.file like '%00002.gz'").first().getAs("text");
    assertTrue(second.contains("the Meridian{} lighthouse clock") && second.contains("\\[ |d| < 2"), second);
    assertFalse(second.contains("TODO") || second.contains("bibitem") || second.contains("Hale"), second);
  }

  @Test
  void hostileDamagedAndDegeneratePapersAreRejectedWithReasons() throws Exception {
    Path dir = SparkTests.tempDir("arxiv-bad");
    Path outside = dir.resolve("secret.tex");
    Files.writeString(outside, "SECRET-OUTSIDE-THE-ARCHIVE");
    String paper = "\\documentclass{article}\\begin{document}\\section{Intro}\nBody text.\n\\end{document}\n";
    Path in = Files.createDirectory(dir.resolve("in"));
    Archives.create(in.resolve("2402.00001.tar.gz"))
        .file("main.tex", paper)
        .file("../escape.tex", "\\documentclass{x}\\section{E} ESCAPED")
        .file("/abs/evil.tex", "\\documentclass{x}\\section{E} ABSOLUTE")
        .symlink("link.tex", outside.toString())
        .close();
    Archives.create(in.resolve("2402.00002.tar.gz"))
        .file("main.tex", "\\documentclass{article}\\begin{document}\\input{a}\\end{document}")
        .file("a.tex", "\\section{A} \\input{b.tex}")
        .file("b.tex", "\\section{B} \\input{a}")
        .close();
    Archives.create(in.resolve("2402.00003.tar.gz")).file("sec.tex", "\\section{Only a section}").close();
    Archives.create(in.resolve("2402.00004.tar.gz")).file("main.tex", "\\documentclass{article}\\begin{document}No sections.\\end{document}").close();
    Archives.truncated(SAMPLES.resolve("2401.00001.tar.gz"), in.resolve("2402.00005.tar.gz"), 0.5);
    Files.createFile(in.resolve("2402.00006.tar.gz"));
    Files.write(in.resolve("2402.00007.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0});
    Archives.create(in.resolve("2402.00008.tar.gz"))
        .file("main.tex", "\\documentclass{article}\\begin{document}\\section{A}x\\end{document}")
        .file("zeros.dat", new byte[1 << 20])
        .close();
    Archives deep = Archives.create(in.resolve("2402.00009.tar.gz"))
        .file("main.tex", "\\documentclass{article}\\begin{document}\\input{d0}\\end{document}");
    for (int i = 0; i < 30; i++) deep.file("d" + i + ".tex", "\\section{S" + i + "}\\input{d" + (i + 1) + "}");
    deep.close();
    byte[] latin1 = "\\documentclass{article}\\begin{document}\\section{Caf\u00e9}\nna\u00efve\n\\end{document}\n"
        .getBytes(StandardCharsets.ISO_8859_1);
    try (var gz = new org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream(
        Files.newOutputStream(in.resolve("2402.00010.gz")))) {
      gz.write(latin1);
    }
    PipelineConfig config = SparkTests.defaults();
    config.ingest.maxArchiveBytes = 100_000;

    ReaderTests t = ReaderTests.ingest("arxiv", config, in);
    assertEquals(Map.of("hostile-path", 3L), t.reasons("2402.00001.tar.gz"));
    assertEquals(1, t.group("2402.00001.tar.gz").kept);
    assertEquals(Map.of("arxiv:input-loop", 1L), t.reasons("2402.00002.tar.gz"));
    assertEquals(Map.of("arxiv:no-main-file", 1L), t.reasons("2402.00003.tar.gz"));
    assertEquals(Map.of("arxiv:no-sections", 1L), t.reasons("2402.00004.tar.gz"));
    assertEquals(Map.of("corrupt", 1L), t.reasons("2402.00005.tar.gz"));
    assertEquals(Map.of("empty-file", 1L), t.reasons("2402.00006.tar.gz"));
    assertEquals(Map.of("corrupt", 1L), t.reasons("2402.00007.gz"));
    assertEquals(Map.of("archive-limit", 1L), t.reasons("2402.00008.tar.gz"), "a gzip bomb stops at maxArchiveBytes");
    assertEquals(Map.of("arxiv:input-depth", 1L), t.reasons("2402.00009.tar.gz"));
    assertEquals(1, t.group("2402.00010.gz").kept, "a Latin-1 paper (not UTF-8) is read as Latin-1");
    assertEquals("\\section{Caf\u00e9}\nna\u00efve", t.docs().filter("provenance.file like '%00010.gz'").first().getAs("text"));

    for (Row r : t.docs().union(t.rejects().drop("reject_reason", "reject_details")).collectAsList()) {
      String s = r.toString();
      assertFalse(s.contains("SECRET-OUTSIDE") || s.contains("ESCAPED") || s.contains("ABSOLUTE"), s);
    }
    assertFalse(Files.exists(dir.resolve("escape.tex")) || Files.exists(Path.of("/abs/evil.tex")), "nothing extracted");
    String loop = t.rejects().filter("reject_reason = 'arxiv:input-loop'").first().getAs("reject_details");
    assertTrue(loop.contains("main.tex -> a.tex -> b.tex -> a.tex"), loop);
  }
}
