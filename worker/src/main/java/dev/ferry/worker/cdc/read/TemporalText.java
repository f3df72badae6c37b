package dev.ferry.worker.cdc.read;

import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Reads temporal values, YEAR and BIT from row events in their storage format and returns them
 * exactly: temporal values as the canonical text MySQL prints ({@code 2024-02-29 13:14:15.123456},
 * zero and partial dates as stored, negative and long TIME values), with as many fractional digits
 * as the column declares; TIMESTAMP in UTC. The binlog library's own decoding goes through
 * {@code java.util.Date} or epoch numbers, which lose zero dates, negative times and precision.
 */
final class TemporalText {

  private static final long TIME_INT_OFFSET = 0x800000L;
  private static final long TIME_OFFSET = 0x800000000000L;
  private static final long DATETIME_INT_OFFSET = 0x8000000000L;

  private TemporalText() {}

  /** DATE: 3 bytes little-endian, day | month << 5 | year << 9. */
  static String date(ByteArrayInputStream in) throws IOException {
    int value = in.readInteger(3);
    return String.format("%04d-%02d-%02d", value >> 9, (value >> 5) & 0x0F, value & 0x1F);
  }

  /** TIME (old format): 3 bytes little-endian signed HHMMSS. */
  static String time(ByteArrayInputStream in) throws IOException {
    int value = (in.readInteger(3) << 8) >> 8;
    int abs = Math.abs(value);
    return (value < 0 ? "-" : "") + String.format("%02d:%02d:%02d", abs / 10000,
        (abs / 100) % 100, abs % 100);
  }

  /** TIME2: 3 bytes big-endian plus the fraction, offset-encoded, may be negative. */
  static String time2(int fsp, ByteArrayInputStream in) throws IOException {
    long packed;
    switch (fsp) {
      case 0 -> packed = (bigEndian(in, 3) - TIME_INT_OFFSET) << 24;
      case 1, 2 -> packed = withFraction(in, 1, 10_000);
      case 3, 4 -> packed = withFraction(in, 2, 100);
      default -> packed = bigEndian(in, 6) - TIME_OFFSET;
    }
    long abs = Math.abs(packed);
    long hms = abs >> 24;
    return (packed < 0 ? "-" : "") + String.format("%02d:%02d:%02d", (hms >> 12) & 0x3FF,
        (hms >> 6) & 0x3F, hms & 0x3F) + fraction(abs & 0xFFFFFF, fsp);
  }

  /**
   * The packed TIME2 value of an integer part and a fraction of {@code bytes} bytes, whose unit
   * is {@code micros} microseconds; a negative time borrows one from the integer part.
   */
  private static long withFraction(ByteArrayInputStream in, int bytes, long micros)
      throws IOException {
    long intPart = bigEndian(in, 3) - TIME_INT_OFFSET;
    long frac = bigEndian(in, bytes);
    if (intPart < 0 && frac != 0) {
      intPart++;
      frac -= 1L << (8 * bytes);
    }
    return (intPart << 24) + frac * micros;
  }

  /** DATETIME (old format): 8 bytes little-endian YYYYMMDDhhmmss. */
  static String datetime(ByteArrayInputStream in) throws IOException {
    long value = in.readLong(8);
    long date = value / 1_000_000;
    long time = value % 1_000_000;
    return String.format("%04d-%02d-%02d %02d:%02d:%02d", date / 10000, (date / 100) % 100,
        date % 100, time / 10000, (time / 100) % 100, time % 100);
  }

  /** DATETIME2: 5 bytes big-endian (year*13+month, day, hour, minute, second) plus fraction. */
  static String datetime2(int fsp, ByteArrayInputStream in) throws IOException {
    long intPart = bigEndian(in, 5) - DATETIME_INT_OFFSET;
    long micros = fractionMicros(fsp, in);
    long ymd = intPart >> 17;
    long ym = ymd >> 5;
    long hms = intPart & 0x1FFFF;
    return String.format("%04d-%02d-%02d %02d:%02d:%02d", ym / 13, ym % 13, ymd & 0x1F,
        hms >> 12, (hms >> 6) & 0x3F, hms & 0x3F) + fraction(micros, fsp);
  }

  /** TIMESTAMP (old format): 4 bytes little-endian seconds since the epoch. */
  static String timestamp(ByteArrayInputStream in) throws IOException {
    return utc(in.readLong(4), 0, 0);
  }

  /** TIMESTAMP2: 4 bytes big-endian seconds since the epoch plus the fraction. */
  static String timestamp2(int fsp, ByteArrayInputStream in) throws IOException {
    long seconds = bigEndian(in, 4);
    return utc(seconds, fractionMicros(fsp, in), fsp);
  }

  /** YEAR: one byte, years since 1900, 0 for the zero year. */
  static String year(ByteArrayInputStream in) throws IOException {
    int value = in.readInteger(1);
    return value == 0 ? "0000" : String.valueOf(1900 + value);
  }

  /** BIT(n): the value's bytes, big-endian, as many as n bits need. */
  static byte[] bit(int meta, ByteArrayInputStream in) throws IOException {
    int bits = (meta >> 8) * 8 + (meta & 0xFF);
    return in.read((bits + 7) / 8);
  }

  private static String utc(long seconds, long micros, int fsp) {
    if (seconds == 0 && micros == 0) {
      return "0000-00-00 00:00:00" + fraction(0, fsp);
    }
    LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    return String.format("%04d-%02d-%02d %02d:%02d:%02d", time.getYear(), time.getMonthValue(),
        time.getDayOfMonth(), time.getHour(), time.getMinute(), time.getSecond())
        + fraction(micros, fsp);
  }

  private static long fractionMicros(int fsp, ByteArrayInputStream in) throws IOException {
    return switch (fsp) {
      case 0 -> 0;
      case 1, 2 -> bigEndian(in, 1) * 10_000;
      case 3, 4 -> bigEndian(in, 2) * 100;
      default -> bigEndian(in, 3);
    };
  }

  private static String fraction(long micros, int fsp) {
    if (fsp <= 0) {
      return "";
    }
    return "." + String.format("%06d", micros).substring(0, Math.min(fsp, 6));
  }

  private static long bigEndian(ByteArrayInputStream in, int length) throws IOException {
    long result = 0;
    for (byte b : in.read(length)) {
      result = (result << 8) | (b & 0xFF);
    }
    return result;
  }
}
