package dev.corpusforge.cluster;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * An HDFS NameNode and one DataNode in this JVM, on loopback, for {@code scripts/cluster-test.sh}. Usage:
 * {@code MiniHdfs BASE_DIR URI_FILE [--port N] [--put LOCAL=HDFS_PATH]...}. Once HDFS is up and the local files or
 * folders are copied in, it writes {@code hdfs://127.0.0.1:PORT} and the WebHDFS address
 * {@code http://127.0.0.1:PORT}, one per line, to URI_FILE, then serves until killed.
 */
public final class MiniHdfs {
  private MiniHdfs() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: MiniHdfs BASE_DIR URI_FILE [--port N] [--put LOCAL=HDFS_PATH]...");
      System.exit(2);
    }
    Path base = Path.of(args[0]).toAbsolutePath();
    Path uriFile = Path.of(args[1]).toAbsolutePath();
    int port = 0;
    List<String[]> puts = new ArrayList<>();
    for (int i = 2; i + 1 < args.length; i += 2) {
      if (args[i].equals("--port")) port = Integer.parseInt(args[i + 1]);
      else if (args[i].equals("--put")) puts.add(args[i + 1].split("=", 2));
      else throw new IllegalArgumentException("unknown option " + args[i]);
    }

    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
    conf.setInt("dfs.replication", 1);
    conf.set("dfs.namenode.http-address", "127.0.0.1:0");
    // One DataNode cannot replace itself in a write pipeline: do not try.
    conf.set("dfs.client.block.write.replace-datanode-on-failure.enable", "false");
    MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).nameNodePort(port).numDataNodes(1).format(true).build();
    cluster.waitActive();
    Runtime.getRuntime().addShutdownHook(new Thread(cluster::shutdown));

    FileSystem fs = cluster.getFileSystem();
    for (String[] put : puts) {
      org.apache.hadoop.fs.Path to = new org.apache.hadoop.fs.Path(put[1]);
      fs.mkdirs(to.getParent());
      fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(Path.of(put[0]).toAbsolutePath().toUri()), to);
    }

    String rpc = "hdfs://127.0.0.1:" + cluster.getNameNodePort();
    String http = "http://127.0.0.1:" + cluster.getNameNode().getHttpAddress().getPort();
    // Written under another name and moved, so a reader polling for the file never sees half of it.
    Path tmp = uriFile.resolveSibling(uriFile.getFileName() + ".tmp");
    Files.writeString(tmp, rpc + "\n" + http + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, uriFile, StandardCopyOption.ATOMIC_MOVE);
    System.err.println("[minihdfs] serving " + rpc + " (WebHDFS " + http + "), data in " + base);
    Thread.currentThread().join();
  }
}
