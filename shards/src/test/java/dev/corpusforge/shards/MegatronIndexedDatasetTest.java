package dev.corpusforge.shards;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MegatronIndexedDatasetTest {
  @TempDir Path dir;

  private static byte[] hex(String s) {
    s = s.replace(" ", "");
    byte[] b = new byte[s.length() / 2];
    for (int i = 0; i < b.length; i++) b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    return b;
  }

  @Test
  void writesTheIdxAndBinBytesOfMegatronsIndexWriter() throws IOException {
    ByteArrayOutputStream bin = new ByteArrayOutputStream();
    ByteArrayOutputStream idx = new ByteArrayOutputStream();
    try (var w = new MegatronIndexedDataset.Writer(bin, idx, TokenDType.UINT16)) {
      w.add(new int[] {1, 2, 50256}, 0, 3);
      w.endDocument();
      w.add(0x1234);
      w.add(50256);
      w.endDocument();
    }
    // Hand-computed from _IndexWriter: magic, <Q 1, <B 8 (uint16), <Q 2 sequences, <Q 3 document indices,
    // int32 lengths [3, 2], int64 pointers [0, 6], int64 document indices [0, 1, 2].
    byte[] expectedIdx = hex("4d4d494449445800 00" + "0100000000000000" + "08" + "0200000000000000"
        + "0300000000000000" + "03000000 02000000" + "0000000000000000 0600000000000000"
        + "0000000000000000 0100000000000000 0200000000000000");
    assertArrayEquals(expectedIdx, idx.toByteArray());
    assertArrayEquals(hex("0100 0200 50c4 3412 50c4"), bin.toByteArray());
  }

  @Test
  void int32DatasetsUseCode4AndFourBytePointers() throws IOException {
    ByteArrayOutputStream bin = new ByteArrayOutputStream();
    ByteArrayOutputStream idx = new ByteArrayOutputStream();
    try (var w = new MegatronIndexedDataset.Writer(bin, idx, TokenDType.INT32)) {
      w.add(new int[] {100_000, 7}, 0, 2);
      w.endDocument();
      w.add(9);
      w.endDocument();
    }
    byte[] b = idx.toByteArray();
    assertEquals(4, b[17]);
    assertArrayEquals(hex("a0860100 07000000 09000000"), bin.toByteArray());
    // second pointer = 2 tokens * 4 bytes
    assertEquals(8, b[MegatronIndexedDataset.HEADER_BYTES + 8 + 8]);
  }

  @Test
  void dtypeFollowsMegatronsOptimalDtype() {
    assertEquals(TokenDType.UINT16, TokenDType.forVocabulary(50_257));
    assertEquals(TokenDType.UINT16, TokenDType.forVocabulary(65_499));
    assertEquals(TokenDType.INT32, TokenDType.forVocabulary(65_500));
    assertEquals(TokenDType.INT32, TokenDType.forVocabulary(100_277));
  }

  @Test
  void roundTripsRandomDocumentsThroughTheMemoryMappedReader() throws IOException {
    Random rnd = new Random(7);
    int[][] docs = new int[500][];
    for (int d = 0; d < docs.length; d++) {
      docs[d] = new int[rnd.nextInt(300)];
      for (int i = 0; i < docs[d].length; i++) docs[d][i] = rnd.nextInt(65_536);
    }
    Path prefix = dir.resolve("shard-00000");
    try (OutputStream bin = Files.newOutputStream(Path.of(prefix + ".bin"));
         OutputStream idx = Files.newOutputStream(Path.of(prefix + ".idx"));
         var w = new MegatronIndexedDataset.Writer(bin, idx, TokenDType.UINT16)) {
      for (int[] doc : docs) {
        w.add(doc, 0, doc.length);
        w.endDocument();
      }
    }
    long total = 0;
    try (var r = MegatronIndexedDataset.Reader.open(prefix)) {
      assertEquals(TokenDType.UINT16, r.dtype());
      assertEquals(docs.length, r.sequenceCount());
      assertEquals(docs.length, r.documentCount());
      for (int d = 0; d < docs.length; d++) {
        assertEquals(docs[d].length, r.sequenceLength(d));
        assertEquals(total * 2, r.sequencePointer(d));
        assertEquals(d, r.documentIndex(d));
        assertArrayEquals(docs[d], r.sequence(d));
        for (int i = 0; i < docs[d].length; i++) assertEquals(docs[d][i], r.token(total + i));
        total += docs[d].length;
      }
      assertEquals(docs.length, r.documentIndex(docs.length));
      assertEquals(total, r.tokenCount());
    }
  }

  @Test
  void rejectsTokensThatDoNotFitTheDtype() {
    var w = new MegatronIndexedDataset.Writer(new ByteArrayOutputStream(), new ByteArrayOutputStream(), TokenDType.UINT16);
    assertThrows(IllegalArgumentException.class, () -> w.add(70_000));
  }

  @Test
  void rejectsABinWhoseSizeDisagreesWithItsIndex() throws IOException {
    Path prefix = dir.resolve("cut");
    try (OutputStream bin = Files.newOutputStream(Path.of(prefix + ".bin"));
         OutputStream idx = Files.newOutputStream(Path.of(prefix + ".idx"));
         var w = new MegatronIndexedDataset.Writer(bin, idx, TokenDType.UINT16)) {
      w.add(new int[] {1, 2, 3}, 0, 3);
      w.endDocument();
    }
    Files.write(Path.of(prefix + ".bin"), new byte[] {1, 0, 2, 0});
    IOException e = assertThrows(IOException.class, () -> MegatronIndexedDataset.Reader.open(prefix));
    assertEquals(true, e.getMessage().contains("describes 6"));
  }
}
