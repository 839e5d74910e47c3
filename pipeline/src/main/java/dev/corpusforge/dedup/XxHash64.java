package dev.corpusforge.dedup;

/**
 * XXH64 (Yann Collet's xxHash, 64-bit variant) over in-memory arrays without copying them to bytes: a {@code char[]}
 * range is hashed as its UTF-16LE bytes and a {@code long[]} range as its little-endian bytes, so the results equal
 * the reference XXH64 of those byte strings. Used for words, shingles, bands, lines and whole texts.
 */
final class XxHash64 {
  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P3 = 0x165667B19E3779F9L;
  private static final long P4 = 0x85EBCA77C2B2AE63L;
  private static final long P5 = 0x27D4EB2F165667C5L;

  private XxHash64() {}

  static long hashLongs(long[] a, int off, int len, long seed) {
    int i = off;
    int end = off + len;
    long h;
    if (len >= 4) {
      long v1 = seed + P1 + P2;
      long v2 = seed + P2;
      long v3 = seed;
      long v4 = seed - P1;
      for (; i + 4 <= end; i += 4) {
        v1 = round(v1, a[i]);
        v2 = round(v2, a[i + 1]);
        v3 = round(v3, a[i + 2]);
        v4 = round(v4, a[i + 3]);
      }
      h = converge(v1, v2, v3, v4);
    } else {
      h = seed + P5;
    }
    h += (long) len * 8;
    for (; i < end; i++) h = Long.rotateLeft(h ^ round(0, a[i]), 27) * P1 + P4;
    return avalanche(h);
  }

  static long hashChars(char[] a, int off, int len, long seed) {
    int i = off;
    int end = off + len;
    long h;
    if (len >= 16) {
      long v1 = seed + P1 + P2;
      long v2 = seed + P2;
      long v3 = seed;
      long v4 = seed - P1;
      for (; i + 16 <= end; i += 16) {
        v1 = round(v1, lane(a, i));
        v2 = round(v2, lane(a, i + 4));
        v3 = round(v3, lane(a, i + 8));
        v4 = round(v4, lane(a, i + 12));
      }
      h = converge(v1, v2, v3, v4);
    } else {
      h = seed + P5;
    }
    h += (long) len * 2;
    for (; i + 4 <= end; i += 4) h = Long.rotateLeft(h ^ round(0, lane(a, i)), 27) * P1 + P4;
    if (i + 2 <= end) {
      long k = (a[i] | ((long) a[i + 1] << 16)) & 0xFFFFFFFFL;
      h = Long.rotateLeft(h ^ (k * P1), 23) * P2 + P3;
      i += 2;
    }
    if (i < end) {
      h = Long.rotateLeft(h ^ ((a[i] & 0xFF) * P5), 11) * P1;
      h = Long.rotateLeft(h ^ (((a[i] >>> 8) & 0xFF) * P5), 11) * P1;
    }
    return avalanche(h);
  }

  private static long lane(char[] a, int i) {
    return a[i] | ((long) a[i + 1] << 16) | ((long) a[i + 2] << 32) | ((long) a[i + 3] << 48);
  }

  private static long round(long acc, long input) {
    return Long.rotateLeft(acc + input * P2, 31) * P1;
  }

  private static long converge(long v1, long v2, long v3, long v4) {
    long h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
    h = (h ^ round(0, v1)) * P1 + P4;
    h = (h ^ round(0, v2)) * P1 + P4;
    h = (h ^ round(0, v3)) * P1 + P4;
    return (h ^ round(0, v4)) * P1 + P4;
  }

  private static long avalanche(long h) {
    h ^= h >>> 33;
    h *= P2;
    h ^= h >>> 29;
    h *= P3;
    return h ^ (h >>> 32);
  }
}
