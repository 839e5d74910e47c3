package dev.corpusforge.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

class GzipMembersTest {
  private static byte[] gzip(String s) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(s.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) out.writeBytes(p);
    return out.toByteArray();
  }

  @Test
  void readsEveryMemberAndMapsPositionsToTheMemberOffsets() throws IOException {
    byte[] a = gzip("first record\n");
    byte[] empty = gzip("");
    byte[] b = gzip("second record\n");
    GzipMembers in = new GzipMembers(new ByteArrayInputStream(concat(a, empty, b)));

    assertArrayEquals("first record\nsecond record\n".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
    assertEquals(0, in.memberStart(0));
    assertEquals(0, in.memberStart(12), "the last byte of the first record");
    assertEquals(a.length + empty.length, in.memberStart(13), "the second record's member, not the empty one");
  }

  @Test
  void aCutMemberABadTrailerAndTrailingGarbageNameTheMemberOffset() throws IOException {
    byte[] a = gzip("first record\n");
    byte[] b = gzip("second record, long enough to be cut in the middle of its deflate data\n");

    EOFException cut = assertThrows(EOFException.class,
        () -> new GzipMembers(new ByteArrayInputStream(concat(a, Arrays.copyOf(b, b.length / 2)))).readAllBytes());
    assertTrue(cut.getMessage().contains("offset " + a.length), cut.getMessage());

    byte[] badCrc = concat(a, b);
    badCrc[badCrc.length - 6] ^= 1;
    ZipException crc = assertThrows(ZipException.class,
        () -> new GzipMembers(new ByteArrayInputStream(badCrc)).readAllBytes());
    assertTrue(crc.getMessage().contains("offset " + a.length + ": CRC"), crc.getMessage());

    ZipException garbage = assertThrows(ZipException.class,
        () -> new GzipMembers(new ByteArrayInputStream(concat(a, "junk".getBytes(StandardCharsets.UTF_8)))).readAllBytes());
    assertTrue(garbage.getMessage().contains("not a gzip member at offset " + a.length), garbage.getMessage());
  }
}
