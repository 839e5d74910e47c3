package dev.corpusforge.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
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

  /** A seekable stream over bytes, as a Hadoop FileSystem gives one. */
  private static GzipMembers members(byte[] file) throws IOException {
    java.nio.file.Path f = java.nio.file.Files.createTempFile("members", ".gz");
    f.toFile().deleteOnExit();
    java.nio.file.Files.write(f, file);
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(f.toUri());
    return new GzipMembers(p.getFileSystem(new org.apache.hadoop.conf.Configuration()).open(p));
  }

  /** Every member's text, "!" plus the bytes skipped for a damaged one. */
  private static String readAll(GzipMembers in) throws IOException {
    StringBuilder sb = new StringBuilder();
    while (true) {
      try {
        if (!in.nextMember()) break;
        sb.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('|');
      } catch (GzipMembers.Damaged e) {
        sb.append('!').append(in.skipDamaged()).append('|');
      }
    }
    return sb.toString();
  }

  @Test
  void readsMemberByMemberWithEachMembersOffset() throws IOException {
    byte[] a = gzip("first record\n");
    byte[] empty = gzip("");
    byte[] b = gzip("second record\n");
    GzipMembers in = members(concat(a, empty, b));

    assertTrue(in.nextMember());
    assertEquals(0, in.memberStart());
    assertArrayEquals("first record\n".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
    assertTrue(in.nextMember());
    assertEquals(a.length, in.memberStart());
    assertEquals(0, in.readAllBytes().length);
    assertTrue(in.nextMember());
    assertEquals(a.length + empty.length, in.memberStart());
    assertArrayEquals("second record\n".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
    assertFalse(in.nextMember());
  }

  @Test
  void aCutMemberABadTrailerAndGarbageNameTheMemberOffsetAndReadingGoesOn() throws IOException {
    byte[] a = gzip("first record\n");
    byte[] b = gzip("second record, long enough to be cut in the middle of its deflate data\n");
    byte[] c = gzip("third record\n");
    byte[] cut = Arrays.copyOf(b, b.length / 2);

    GzipMembers in = members(concat(a, cut, c));
    assertTrue(in.nextMember());
    in.readAllBytes();
    GzipMembers.Damaged damaged = assertThrows(GzipMembers.Damaged.class, () -> {
      in.nextMember();
      in.readAllBytes();
    });
    assertTrue(damaged.getMessage().contains("offset " + a.length), damaged.getMessage());
    assertEquals("first record\n|!" + cut.length + "|third record\n|", readAll(members(concat(a, cut, c))));

    byte[] badCrc = concat(a, b, c);
    badCrc[a.length + b.length - 6] ^= 1;
    assertEquals("first record\n|!" + b.length + "|third record\n|", readAll(members(badCrc)));

    byte[] junk = "junk".getBytes(StandardCharsets.UTF_8);
    assertEquals("first record\n|!4|third record\n|", readAll(members(concat(a, junk, c))));
    assertEquals("first record\n|!4|", readAll(members(concat(a, junk))), "garbage up to the end of the file");
  }
}
