package dev.corpusforge.ingest.readers;

import dev.corpusforge.config.IngestConfig;
import dev.corpusforge.doc.Document;
import dev.corpusforge.doc.Documents;
import dev.corpusforge.doc.Provenance;
import dev.corpusforge.ingest.InputFile;
import dev.corpusforge.ingest.ReadRecord;
import dev.corpusforge.ingest.SourceReader;
import dev.corpusforge.ingest.archive.DirectoryEntries;
import dev.corpusforge.ingest.archive.SafeArchive;
import dev.corpusforge.ingest.latex.LatexComments;
import dev.corpusforge.ingest.latex.LatexInputs;
import dev.corpusforge.ingest.latex.LatexMacros;
import dev.corpusforge.ingest.latex.PaperText;
import dev.corpusforge.io.ArchiveLimitException;
import dev.corpusforge.stage.Json;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * arXiv LaTeX sources as arXiv serves them: a {@code .tar.gz} per paper, a gzipped single {@code .tex} (a
 * {@code .gz} with no tar inside), a plain {@code .tex}, or an unpacked directory holding {@code .tex} files. One
 * paper gives one document: the main file (the one with {@code \documentclass}) with its {@code \input}s resolved,
 * cleaned by {@link PaperText}. Archive entries that point outside the archive are rejected one by one as
 * {@code hostile-path} and never read; a damaged region of the tar is one {@code corrupt} reject with its bytes, and
 * the paper is read from the entries around it (metadata {@code damaged_tar_regions}).
 */
public final class ArxivReader implements SourceReader {
  private static final long serialVersionUID = 1L;
  public static final String SOURCE = "arxiv";
  /** Deeper \input nesting than this is taken for a generated loop; real papers nest two or three levels. */
  static final int MAX_INPUT_DEPTH = 16;

  private final IngestConfig limits;

  public ArxivReader(IngestConfig limits) {
    this.limits = limits;
  }

  /** A directory is one paper when it holds .tex files itself; otherwise its sub-folders and files are inputs. */
  @Override public boolean isUnit(Path dir, FileSystem fs) throws IOException {
    for (FileStatus st : fs.listStatus(dir)) {
      if (st.isFile() && isTex(st.getPath().getName())) return true;
    }
    return false;
  }

  /** What one input holds: its LaTeX files by path, and the records already decided (hostile entries). */
  private static final class Paper {
    final Map<String, String> tex = new TreeMap<>();
    final List<ReadRecord> rejects = new ArrayList<>();
    long texChars;
    int oversizeEntries;
    int damagedRegions;
  }

  @Override public Iterator<ReadRecord> read(InputFile file) throws IOException {
    if (file.length() == 0) return java.util.Collections.emptyIterator(); // counted as empty-file
    String id = paperId(file.name());
    Paper paper = new Paper();
    List<ReadRecord> out = new ArrayList<>();
    Document doc = document(file, id, null);
    try {
      load(file, id, paper);
    } catch (ArchiveLimitException e) {
      out.addAll(paper.rejects);
      out.add(ReadRecord.rejected(doc, "archive-limit", "{\"error\":" + Json.quote(e.getMessage()) + "}"));
      return out.iterator();
    } catch (IOException e) {
      throw new IOException(file.path() + ": unreadable paper source (truncated or corrupt gzip/tar): " + e, e);
    }
    out.addAll(paper.rejects);
    out.add(toRecord(doc, paper));
    return out.iterator();
  }

  private ReadRecord toRecord(Document doc, Paper paper) {
    if (paper.oversizeEntries > 0) doc.putMetadata("oversize_entries", Integer.toString(paper.oversizeEntries));
    if (paper.damagedRegions > 0) doc.putMetadata("damaged_tar_regions", Integer.toString(paper.damagedRegions));
    if (paper.texChars > 4 * limits.maxDocumentChars) {
      return ReadRecord.rejected(doc, "too-large", "{\"tex_chars\":" + paper.texChars + "}");
    }
    String main = mainFile(paper.tex);
    if (main == null) {
      return ReadRecord.rejected(doc, "arxiv:no-main-file", "{\"tex_files\":" + paper.tex.size() + "}");
    }
    doc.putMetadata("main_file", main);
    LatexInputs inputs = new LatexInputs(paper.tex, MAX_INPUT_DEPTH, limits.maxDocumentChars);
    String full;
    try {
      full = inputs.expand(main);
    } catch (LatexInputs.InputException e) {
      return ReadRecord.rejected(doc, e.reason, "{\"error\":" + Json.quote(e.getMessage()) + "}");
    }
    if (!inputs.missing().isEmpty()) doc.putMetadata("missing_inputs", String.join(",", inputs.missing()));
    Map<String, String> macros = LatexMacros.collect(full);
    String title = PaperText.title(full);
    doc.setTitle(title == null ? null : LatexMacros.expand(title, macros));
    String text = PaperText.clean(full, macros);
    if (text == null || text.isEmpty()) {
      return ReadRecord.rejected(doc, "arxiv:no-sections", "{\"main_file\":" + Json.quote(main) + "}");
    }
    if (text.length() > limits.maxDocumentChars) {
      return ReadRecord.rejected(doc, "too-large", "{\"chars\":" + text.length() + "}");
    }
    doc.setText(text);
    return ReadRecord.kept(doc);
  }

  private void load(InputFile file, String id, Paper paper) throws IOException {
    String p = file.path().toLowerCase(Locale.ROOT);
    Path path = new Path(file.path());
    FileSystem fs = path.getFileSystem(file.conf().get());
    if (fs.getFileStatus(path).isDirectory()) {
      loadDirectory(fs, path, file, id, paper);
    } else if (p.endsWith(".tar.gz") || p.endsWith(".tgz") || p.endsWith(".tar")) {
      try (InputStream in = file.openDecompressed()) {
        loadTar(SafeArchive.tar(in), file, id, paper);
      }
    } else if (p.endsWith(".gz")) {
      // arXiv names a gzipped tarball and a gzipped single .tex alike: look inside.
      try (InputStream in = new BufferedInputStream(file.openDecompressed())) {
        if (SafeArchive.looksLikeTar(in)) {
          loadTar(SafeArchive.tar(in), file, id, paper);
        } else {
          addTex(paper, file.name().substring(0, file.name().length() - 3), readCapped(in));
        }
      }
    } else {
      try (InputStream in = file.open()) {
        addTex(paper, file.name(), readCapped(in));
      }
    }
  }

  private void loadTar(SafeArchive archive, InputFile file, String id, Paper paper) throws IOException {
    for (SafeArchive.Entry e = archive.next(); e != null; e = archive.next()) {
      if (e.damage != null) {
        paper.damagedRegions++;
        paper.rejects.add(damaged(file, id, e));
      } else if (e.hostile != null) {
        paper.rejects.add(hostile(file, id, e.name, e.hostile));
      } else if (isTex(e.name)) {
        addTex(paper, e.name, archive.read(limits.maxRecordBytes));
      }
    }
  }

  private void loadDirectory(FileSystem fs, Path dir, InputFile file, String id, Paper paper) throws IOException {
    for (DirectoryEntries entries = new DirectoryEntries(fs, dir); entries.hasNext(); ) {
      DirectoryEntries.File f = entries.next();
      if (f.hostile != null) {
        paper.rejects.add(hostile(file, id, f.name, f.hostile));
      } else if (isTex(f.name)) {
        try (InputStream in = fs.open(f.status.getPath())) {
          addTex(paper, f.name, readCapped(in));
        }
      }
    }
  }

  private byte[] readCapped(InputStream in) throws IOException {
    return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxRecordBytes + 1));
  }

  private void addTex(Paper paper, String name, byte[] bytes) {
    if (bytes.length > limits.maxRecordBytes) {
      paper.oversizeEntries++;
      return;
    }
    String text = decode(bytes);
    paper.texChars += text.length();
    if (paper.texChars <= 4 * limits.maxDocumentChars) paper.tex.put(name, text);
  }

  /** UTF-8 when the bytes are valid UTF-8; older papers are often Latin-1, which every byte sequence decodes as. */
  static String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }

  /**
   * The file with {@code \documentclass} (or LaTeX 2.09's {@code \documentstyle}), preferring one that also has
   * {@code \begin{document}}, then the shallowest path, then the first name; else a file with only
   * {@code \begin{document}}.
   */
  static String mainFile(Map<String, String> tex) {
    String best = null;
    int bestScore = 0;
    for (Map.Entry<String, String> e : tex.entrySet()) {
      String body = e.getValue();
      boolean hasClass = body.contains("\\documentclass") || body.contains("\\documentstyle");
      boolean hasBegin = body.contains("\\begin{document}");
      if (!hasClass && !hasBegin) continue;
      String plain = LatexComments.strip(body);
      hasClass = plain.contains("\\documentclass") || plain.contains("\\documentstyle");
      hasBegin = plain.contains("\\begin{document}");
      int score = (hasClass ? 4 : 0) + (hasBegin ? 2 : 0);
      if (score == 0) continue;
      int depth = e.getKey().split("/").length;
      if (best == null || score > bestScore || (score == bestScore && depth < best.split("/").length)) {
        best = e.getKey();
        bestScore = score;
      }
    }
    return best;
  }

  private ReadRecord hostile(InputFile file, String id, String entry, String why) {
    Document doc = document(file, id, entry);
    doc.setId(Documents.stableId(SOURCE, id + "!" + entry));
    return ReadRecord.rejected(doc, "hostile-path", "{\"entry\":" + Json.quote(entry) + ",\"why\":" + Json.quote(why) + "}");
  }

  /** A damaged region of the paper's tar: the files in it are lost, the paper is read from the rest. */
  private ReadRecord damaged(InputFile file, String id, SafeArchive.Entry e) {
    Document doc = document(file, id, e.name);
    doc.setId(Documents.stableId(SOURCE, id + "!" + e.name));
    ReadRecord r = ReadRecord.rejected(doc, "corrupt", "{\"offset\":" + e.offset + ",\"bytes_skipped\":"
        + e.storedSize + ",\"error\":" + Json.quote(e.damage) + "}");
    r.setBytesSkipped(e.storedSize);
    return r;
  }

  private static Document document(InputFile file, String id, String entry) {
    Document doc = new Document(Documents.stableId(SOURCE, id), SOURCE, "https://arxiv.org/abs/" + id, null, null,
        new Provenance(file.path(), -1, entry));
    doc.putMetadata("arxiv_id", id);
    return doc;
  }

  static boolean isTex(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".tex") || n.endsWith(".ltx") || n.endsWith(".latex");
  }

  /**
   * The arXiv id in a source file name: "2101.00001.tar.gz", "2101.00001v2.gz" or "hep-th_9901001.gz" (old-style ids
   * have their slash written as "_" in file names, as in arXiv's bulk source archives).
   */
  static String paperId(String fileName) {
    String n = fileName;
    for (String ext : new String[] {".tar.gz", ".tgz", ".gz", ".tar", ".tex"}) {
      if (n.toLowerCase(Locale.ROOT).endsWith(ext)) {
        n = n.substring(0, n.length() - ext.length());
        break;
      }
    }
    int underscore = n.indexOf('_');
    if (underscore > 0 && !n.substring(0, underscore).matches("\\d+")) n = n.substring(0, underscore) + "/" + n.substring(underscore + 1);
    return n;
  }
}
