package dev.corpusforge.stats;

import dev.corpusforge.clean.CleanStage;
import dev.corpusforge.dedup.DedupStage;
import dev.corpusforge.ingest.IngestStage;
import dev.corpusforge.shard.ShardStage;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.stage.StageCounts;
import dev.corpusforge.tokenize.TokenizeStage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One complete document stage of a run as the stats see it: the Parquet folders of its kept and rejected documents
 * and its {@code _counts.json}. The known stages come in pipeline order; any other complete stage folder with counts
 * (a stage added later) follows, by name.
 */
final class StageOutput {
  static final List<String> ORDER = List.of(IngestStage.NAME, CleanStage.NAME, "quality", DedupStage.NAME, "decontaminate",
      TokenizeStage.NAME);
  /** Folders that are not document stages. */
  private static final Set<String> NOT_DOCUMENTS = Set.of(StatsStage.NAME, ShardStage.NAME, ShardStage.OUTPUT);

  final String name;
  final int order;
  final List<String> documents;
  final List<String> rejects;
  final StageCounts counts;

  private StageOutput(String name, int order, List<String> documents, List<String> rejects, StageCounts counts) {
    this.name = name;
    this.order = order;
    this.documents = documents;
    this.rejects = rejects;
    this.counts = counts;
  }

  static List<StageOutput> find(RunDir run, Configuration conf) throws IOException {
    FileSystem fs = run.stage(IngestStage.NAME).getFileSystem(conf);
    List<String> names = new ArrayList<>(ORDER);
    Path root = new Path(run.root());
    if (fs.exists(root)) {
      List<String> extra = new ArrayList<>();
      for (FileStatus st : fs.listStatus(root)) {
        String n = st.getPath().getName();
        if (st.isDirectory() && !ORDER.contains(n) && !NOT_DOCUMENTS.contains(n) && !n.startsWith(".") && !n.startsWith("_")) extra.add(n);
      }
      extra.sort(String::compareTo);
      names.addAll(extra);
    }
    List<StageOutput> out = new ArrayList<>();
    for (String name : names) {
      StageOutput s = load(run, name, out.size(), fs, conf);
      if (s != null) out.add(s);
    }
    return out;
  }

  private static StageOutput load(RunDir run, String name, int order, FileSystem fs, Configuration conf) throws IOException {
    if (!fs.exists(run.counts(name))) return null;
    List<String> docs = new ArrayList<>();
    List<String> rejects = new ArrayList<>();
    if (name.equals(IngestStage.NAME)) {
      // Ingest keeps one folder per source, each with its own marker: only completed sources count.
      if (!fs.exists(run.stage(name))) return null;
      for (FileStatus st : fs.listStatus(run.stage(name))) {
        String n = st.getPath().getName();
        if (!st.isDirectory() || n.startsWith("_") || n.startsWith(".") || !fs.exists(new Path(st.getPath(), RunDir.COMPLETE))) continue;
        docs.add(st.getPath().toString());
        Path r = new Path(run.rejects(name), n);
        if (hasParquet(fs, r)) rejects.add(r.toString());
      }
    } else {
      if (!run.isComplete(name, conf)) return null;
      docs.add(run.stage(name).toString());
      if (hasParquet(fs, run.rejects(name))) rejects.add(run.rejects(name).toString());
    }
    docs.removeIf(d -> {
      try {
        return !hasParquet(fs, new Path(d));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    if (docs.isEmpty() && rejects.isEmpty()) return null;
    docs.sort(String::compareTo);
    rejects.sort(String::compareTo);
    return new StageOutput(name, order, docs, rejects, StageCounts.read(run.counts(name), conf));
  }

  /** The source a count group belongs to: ingest groups are "source:file", later stages' groups are sources. */
  String sourceOf(String group) {
    if (!name.equals(IngestStage.NAME)) return group;
    int colon = group.indexOf(':');
    return colon < 0 ? group : group.substring(0, colon);
  }

  /** For ingest, the sources whose folders are complete; a group of any other source is from an unfinished rerun. */
  boolean covers(String source) {
    if (!name.equals(IngestStage.NAME)) return true;
    for (String d : documents) if (new Path(d).getName().equals(source)) return true;
    for (String r : rejects) if (new Path(r).getName().equals(source)) return true;
    return false;
  }

  private static boolean hasParquet(FileSystem fs, Path dir) throws IOException {
    if (!fs.exists(dir)) return false;
    for (FileStatus st : fs.listStatus(dir)) {
      if (st.isFile() && st.getPath().getName().endsWith(".parquet")) return true;
    }
    return false;
  }
}
